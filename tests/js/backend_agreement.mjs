// Both backends on real records: annotates LUDB records with the built-in backend and with XNNPACK
// and compares the annotations (what the CLI's --json holds: events, beats, silenced stretches,
// warnings; not the probability arrays, which the parity tests hold to 1e-4).
//
// Agreement: the same warnings, silenced stretches, number of events per lead and of beats, and
// every position within `tolerance` samples. XNNPACK sums in another order than the built-in
// kernels, so positions (centroids of the probability curves) may move by float rounding; an
// event that appears on one side only is a structural difference and is listed.
//
// By hand, for every record (the check reported in docs/performance.md):
//   node tests/js/backend_agreement.mjs [--variants simd,relaxed] [--records 1-200] [--native]
//     --native  also the native CLI ($QRS_CLI or build/native/src/cli/ecg-annotate)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { enableRelaxedSimd, loadAnnotator, ludbDir, ludbFile, sourceDir } from './helpers.mjs';

export const POSITION_TOLERANCE = 0.05;  // samples (0.1 ms at 500 Hz)

const POSITION_KEYS = ['onset', 'offset', 'firstOnset', 'lastOffset'];

// The annotation without its probability arrays: what the CLI's --json holds.
function withoutCurves(annotation) {
  return JSON.stringify({ ...annotation, leads: annotation.leads.map(({ onsetProb, offsetProb, ...rest }) => rest) });
}

// Differences between two annotations of one record: { identical, maxShift, structural: [text...] }
// (identical: the same JSON text, every position to the last digit).
export function compareAnnotations(a, b) {
  const structural = [];
  let maxShift = 0;
  const events = (x, y, what) => {
    if (x.length !== y.length) {
      structural.push(`${what}: ${x.length} vs ${y.length}`);
      return;
    }
    x.forEach((e, i) => {
      for (const key of POSITION_KEYS) if (key in e) maxShift = Math.max(maxShift, Math.abs(e[key] - y[i][key]));
    });
  };
  if (JSON.stringify(a.warnings) !== JSON.stringify(b.warnings)) {
    structural.push(`warnings: ${JSON.stringify(a.warnings)} vs ${JSON.stringify(b.warnings)}`);
  }
  a.leads.forEach((lead, i) => {
    events(lead.qrs, b.leads[i].qrs, `lead ${lead.name} events`);
    if (JSON.stringify(lead.silenced) !== JSON.stringify(b.leads[i].silenced)) {
      structural.push(`lead ${lead.name} silenced: ${JSON.stringify(lead.silenced)} vs ${JSON.stringify(b.leads[i].silenced)}`);
    }
  });
  events(a.beats, b.beats, 'beats');
  return { identical: withoutCurves(a) === withoutCurves(b), maxShift, structural };
}

// LUDB record `n` as the wasm readers see it.
async function readLudb(annotator, n) {
  const result = await annotator.readFile(`${n}.hea`, ludbFile(`${n}.hea`), [{ name: `${n}.dat`, bytes: ludbFile(`${n}.dat`) }]);
  return result.records[0];
}

// Annotates `records` with both backends of one wasm variant; returns one row per record.
export async function compareWasmBackends(variant, records) {
  if (variant === 'relaxed') enableRelaxedSimd();
  const builtin = await loadAnnotator({ variant, backend: 'builtin' });
  const xnnpack = await loadAnnotator({ variant, backend: 'xnnpack' });
  if (builtin.backend !== 'builtin' || xnnpack.backend !== 'xnnpack') throw new Error(`${variant}: backends not as asked`);
  const rows = [];
  try {
    for (const n of records) {
      const record = await readLudb(builtin, n);
      const leads = record.leads.map((l) => l.samples);
      const options = { record: record.name, leadNames: record.leads.map((l) => l.name) };
      rows.push({ record: n, ...compareAnnotations(builtin.annotate(leads, record.fs, options),
                                                   xnnpack.annotate(leads, record.fs, options)) });
    }
  } finally {
    builtin.dispose();
    xnnpack.dispose();
  }
  return rows;
}

// The same with the native CLI (one process per backend for all records).
export function compareNativeBackends(records) {
  const cli = process.env.QRS_CLI ?? path.join(sourceDir, 'build', 'native', 'src', 'cli', 'ecg-annotate');
  const files = records.map((n) => path.join(ludbDir, `${n}.hea`));
  const run = (backend) => {
    const out = JSON.parse(execFileSync(cli, [...files, '--json', '--backend', backend], { maxBuffer: 1 << 30, encoding: 'utf8' }));
    const list = Array.isArray(out) ? out : [out];
    if (list.length !== records.length) throw new Error(`CLI returned ${list.length} annotations for ${records.length} files`);
    return list;
  };
  const builtin = run('builtin');
  const xnnpack = run('xnnpack');
  return records.map((n, i) => ({ record: n, ...compareAnnotations(builtin[i], xnnpack[i]) }));
}

export function summarise(what, rows) {
  const structural = rows.filter((r) => r.structural.length);
  const shift = Math.max(0, ...rows.map((r) => r.maxShift));
  const within = rows.filter((r) => !r.structural.length && r.maxShift <= POSITION_TOLERANCE).length;
  const identical = rows.filter((r) => r.identical).length;
  const lines = [`${what}: ${rows.length} records, ${identical} with identical JSON, ${within} agree ` +
                 `(max position shift ${shift.toExponential(1)} samples), ${structural.length} with structural differences`];
  const differing = rows.filter((r) => !r.identical && !r.structural.length);
  if (differing.length && differing.length <= 40) {
    lines.push(`  positions differ (within ${POSITION_TOLERANCE}) in records ${differing.map((r) => r.record).join(' ')}`);
  }
  for (const r of structural) lines.push(`  record ${r.record}: ${r.structural.join('; ')}`);
  for (const r of rows.filter((x) => !x.structural.length && x.maxShift > POSITION_TOLERANCE)) {
    lines.push(`  record ${r.record}: positions move by up to ${r.maxShift.toFixed(4)} samples`);
  }
  return lines.join('\n');
}

function parseRange(text) {
  return text.split(',').flatMap((part) => {
    const [lo, hi] = part.split('-').map(Number);
    return hi ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : [lo];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const records = parseRange(option('--records', '1-200'));
  if (args.includes('--native')) console.log(summarise('native CLI, builtin vs xnnpack', compareNativeBackends(records)));
  for (const variant of option('--variants', 'simd,relaxed').split(',')) {
    console.log(summarise(`wasm ${variant}, builtin vs xnnpack`, await compareWasmBackends(variant, records)));
  }
}
