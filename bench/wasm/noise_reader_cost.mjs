// What the noise reader costs a one-lead recording in node: one lead is always read by both
// models (their agreement judges it, src/annotator.cpp), so annotate() of 10 minutes of LUDB
// record 5's lead II is timed with the shipped reader, with each `--reader FILE` given, and with
// none (noiseModel: false), alternating over rounds so that a slow moment hits all alike.
//   node bench/wasm/noise_reader_cost.mjs [--build DIR] [--variant simd] [--rounds 3]
//       [--repeats 9] [--reader FILE]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { buildDir, ludbDir, option, sourceDir } from './bench_args.mjs';

const variant = option('--variant', 'simd');
const rounds = Number(option('--rounds', 3));
const repeats = Number(option('--repeats', 9));
const minutes = 10;
const bytesOf = (file) => new Uint8Array(fs.readFileSync(file));
const ludb = (name) => bytesOf(path.join(ludbDir, name));

const { createAnnotator } = await import(
  pathToFileURL(path.join(sourceDir, 'web', 'qrs-annotator.js')).href);
const buildUrl = pathToFileURL(buildDir + path.sep).href;
const readers = { shipped: path.join(buildDir, 'qrs_unet_noisy.qrsm'), none: null };
const extra = option('--reader', null);
if (extra) readers[path.basename(extra)] = extra;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = Object.fromEntries(Object.keys(readers).map((name) => [name, []]));
let lead = null;
for (let round = 0; round < rounds; ++round) {
  for (const [name, file] of Object.entries(readers)) {
    const annotator = await createAnnotator({
      variant, buildUrl, modelBytes: bytesOf(path.join(buildDir, 'qrs_unet.qrsm')),
      ...(file ? { noiseModelBytes: bytesOf(file) } : { noiseModel: false }) });
    if (!lead) {
      const { records } = await annotator.readFile('5.hea', ludb('5.hea'),
                                                   [{ name: '5.dat', bytes: ludb('5.dat') }]);
      const ii = records[0].leads.find((l) => l.name.toLowerCase() === 'ii').samples;
      const copies = Math.round((minutes * 60 * records[0].fs) / ii.length);
      lead = { samples: new Float32Array(ii.length * copies), fs: records[0].fs };
      for (let k = 0; k < copies; ++k) lead.samples.set(ii, k * ii.length);
    }
    annotator.annotate([lead.samples], lead.fs);  // warm-up
    const times = [];
    for (let i = 0; i < repeats; ++i) {
      const t0 = performance.now();
      annotator.annotate([lead.samples], lead.fs);
      times.push(performance.now() - t0);
    }
    results[name].push(median(times));
    annotator.dispose();
  }
}
console.log(`one lead, ${minutes} min at ${lead.fs} Hz, ${variant} variant, annotate() median of ` +
            `${repeats}, per round (ms):`);
for (const [name, times] of Object.entries(results))
  console.log(`  ${name.padEnd(24)} ${times.map((t) => t.toFixed(0)).join(' / ')}`);
