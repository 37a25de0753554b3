// A day-long Holter recording through the wasm module in node: LUDB record 5's leads II, V5 and
// V1 repeated for `--hours` at `--fs` (each lead's 10 s resampled by nearest sample), annotated
// in one annotate() call. Prints the time, the beats, a digest to compare with the native core
// (`--digest`: the beats' summed firstOnset and the last lead's last 5000 onset probabilities,
// which sit at the top of the module's memory), and the process's peak resident memory.
//   node bench/wasm/day_long.mjs [--build DIR] [--variant simd] [--hours 24] [--leads 3]
//       [--fs 500] [--backend builtin]
// The native twin of the digest: the Python module, qrs_annotator.Annotator(backend=...)
// .annotate(the same leads, fs, probabilities=True) (docs/performance.md, "A day in the browser").
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { buildDir, ludbDir, option, sourceDir } from './bench_args.mjs';

const variant = option('--variant', 'simd');
const hours = Number(option('--hours', 24));
const leadCount = Number(option('--leads', 3));
const fs_ = Number(option('--fs', 500));
const backend = option('--backend', 'auto');

const { createAnnotator } = await import(
  pathToFileURL(path.join(sourceDir, 'web', 'qrs-annotator.js')).href);
const annotator = await createAnnotator({ buildUrl: pathToFileURL(buildDir + path.sep).href,
  variant, backend });
const bytesOf = (name) => new Uint8Array(fs.readFileSync(path.join(ludbDir, name)));
const [read] = await annotator.readFiles([{ name: '5.hea', bytes: bytesOf('5.hea') },
  { name: '5.dat', bytes: bytesOf('5.dat') }]);
const record = read.records[0];
const n = Math.round(hours * 3600 * fs_);
const leads = ['ii', 'v5', 'v1'].slice(0, leadCount).map((name) => {
  const source = record.leads.find((l) => l.name.toLowerCase() === name).samples;
  const lead = new Float32Array(n);
  for (let i = 0; i < n; ++i) lead[i] = source[Math.floor(i * record.fs / fs_) % source.length];
  return lead;
});

const started = performance.now();
const result = annotator.annotate(leads, fs_, { record: 'day' });
const seconds = (performance.now() - started) / 1000;
let onsets = 0;
for (const beat of result.beats) onsets += beat.firstOnset;
const curve = result.leads[leadCount - 1].onsetProb;
let tail = 0;
for (let i = curve.length - 5000; i < curve.length; ++i) tail += curve[i];
console.log(`${variant}/${annotator.backend}: ${hours} h x ${leadCount} leads at ${fs_} Hz ` +
            `(${(n * leadCount / 1e6).toFixed(1)} M samples): ${seconds.toFixed(1)} s, ` +
            `${result.beats.length} beats; digest: onsets ${onsets.toFixed(1)}, ` +
            `last ${result.beats.at(-1).firstOnset.toFixed(3)}, tail ${tail.toFixed(4)}; ` +
            `peak RSS ${(process.resourceUsage().maxRSS / 1024 ** 2).toFixed(2)} GB`);
annotator.dispose();
