// The wasm module, loaded through web/qrs-annotator.js, annotates LUDB record 5 like the native
// CLI does: `$QRS_CLI 5.hea --json --probabilities` (CLI prints probabilities with 4 decimals and
// positions with 3, which bounds the comparison from below). Tolerances: probabilities 1e-4,
// event positions 0.05 samples (native may use XNNPACK, whose sums round differently), same
// number of events per lead and of beats.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { loadAnnotator, ludbDir, ludbFile, maxAbsDiff, mustExist, readRecord5 } from './helpers.mjs';

function cliAnnotation(record = '5', extra = ['--probabilities']) {
  const cli = process.env.QRS_CLI;
  if (!cli) throw new Error('QRS_CLI is not set: point it at the ecg-annotate binary (ctest sets it)');
  mustExist(cli, 'build the ecg-annotate target');
  const out = execFileSync(cli, [path.join(ludbDir, `${record}.hea`), '--json', ...extra],
                           { maxBuffer: 256 << 20, encoding: 'utf8' });
  // One record: the annotation object itself, or wrapped in a list/files structure.
  const find = (v) => (v && typeof v === 'object'
    ? (Array.isArray(v.leads) && 'beats' in v ? v : Object.values(v).map(find).find(Boolean))
    : undefined);
  const annotation = find(JSON.parse(out));
  assert.ok(annotation, 'CLI JSON has no annotation object');
  return annotation;
}

function assertEventsClose(wasmEvents, cliEvents, what, keys = ['onset', 'offset']) {
  assert.equal(wasmEvents.length, cliEvents.length, `${what}: number of events`);
  wasmEvents.forEach((e, i) => {
    for (const key of keys) {
      assert.ok(Math.abs(e[key] - cliEvents[i][key]) <= 0.05,
                `${what} #${i} ${key}: wasm ${e[key]} vs CLI ${cliEvents[i][key]}`);
    }
  });
}

test('wasm annotation of LUDB record 5 equals the native CLI', async () => {
  const annotator = await loadAnnotator();
  const record = await readRecord5(annotator);
  assert.equal(record.fs, 500);
  assert.equal(record.leads.length, 12);
  const wasm = annotator.annotate(record.leads.map((l) => l.samples), record.fs,
                                  { leadNames: record.leads.map((l) => l.name) });
  const cli = cliAnnotation();

  assert.equal(wasm.fs, cli.fs);
  assert.equal(wasm.leads.length, cli.leads.length);
  let worst = 0;
  wasm.leads.forEach((lead, i) => {
    const reference = cli.leads[i];
    assert.equal(lead.name, reference.name);
    assert.equal(lead.onsetProb.length, record.leads[i].samples.length);
    worst = Math.max(worst, maxAbsDiff(lead.onsetProb, reference.onsetProb),
                     maxAbsDiff(lead.offsetProb, reference.offsetProb));
    assertEventsClose(lead.qrs, reference.qrs, `lead ${lead.name}`);
  });
  console.log(`max |wasm - CLI| probability: ${worst.toExponential(2)} (variant ${annotator.variant})`);
  assert.ok(worst <= 1e-4, `probabilities differ by ${worst}`);
  assertEventsClose(wasm.beats, cli.beats, 'beats', ['onset', 'offset', 'firstOnset', 'lastOffset']);
  assert.ok(wasm.beats.length > 0, 'record 5 has beats');
  annotator.dispose();
});

// A paced record: the same pacemaker spikes and paced beats as the CLI, under both conventions
// for a paced beat's onset; a wrong convention name is a readable Error.
test('wasm pacing of LUDB record 74 equals the native CLI', async () => {
  const annotator = await loadAnnotator();
  const { records } = await annotator.readFile('74.hea', ludbFile('74.hea'),
                                               [{ name: '74.dat', bytes: ludbFile('74.dat') }]);
  const leads = records[0].leads.map((l) => l.samples);
  for (const pacedOnset of ['spike', 'response']) {
    const wasm = annotator.annotate(leads, records[0].fs, { pacedOnset });
    const cli = cliAnnotation('74', ['--paced-onset', pacedOnset]);
    assert.deepEqual(wasm.pacingSpikes, cli.pacingSpikes, `${pacedOnset}: spikes`);
    assert.ok(wasm.pacingSpikes.length >= 8, 'record 74 is paced');
    assert.deepEqual(wasm.beats.map((b) => b.paced), cli.beats.map((b) => b.paced === true));
    assertEventsClose(wasm.beats, cli.beats, `${pacedOnset}: beats`, ['onset', 'firstOnset']);
  }
  const off = annotator.annotate(leads, records[0].fs, { detectPacing: false });
  assert.deepEqual(off.pacingSpikes, []);
  assert.throws(() => annotator.annotate(leads, records[0].fs, { pacedOnset: 'qrs' }),
                /pacedOnset must be 'spike' or 'response'/);
  annotator.dispose();
});
