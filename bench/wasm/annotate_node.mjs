// Our JS API in node, per variant (plain, simd, relaxed; node has no threads variant; relaxed SIMD
// is switched on with its V8 flag where node 20 needs it): annotate() of LUDB
// record 5 through web/qrs-annotator.js. Compared with the in-wasm annotate() of
// bench/wasm/build_phases.sh (same variant, same record) the difference is the JS <-> wasm cost:
// copying leads in, building the result object and copying probabilities out.
//   node bench/wasm/annotate_node.mjs [--build DIR] [--repeats N]
import fs from 'node:fs';
import v8 from 'node:v8';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { buildDir, ludbDir, option, sourceDir as source } from './bench_args.mjs';

const repeats = Number(option('--repeats', 15));
const ludb = (name) => new Uint8Array(fs.readFileSync(path.join(ludbDir, name)));

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
const { createAnnotator } = await import(pathToFileURL(path.join(source, 'web', 'qrs-annotator.js')).href);
for (const variant of ['plain', 'simd', 'relaxed']) {
  const annotator = await createAnnotator({ variant, buildUrl: pathToFileURL(buildDir + path.sep).href });
  const record = (await annotator.readFile('5.hea', ludb('5.hea'), [{ name: '5.dat', bytes: ludb('5.dat') }])).records[0];
  const leads = record.leads.map((l) => l.samples);
  annotator.annotate(leads, record.fs);
  const times = [];
  for (let i = 0; i < repeats; ++i) {
    const t0 = performance.now();
    annotator.annotate(leads, record.fs);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`node ${variant}: annotate() ${times[times.length >> 1].toFixed(1)} ms (median of ${repeats}, ` +
              `${leads.length} leads x ${leads[0].length} samples at ${record.fs} Hz)`);
  annotator.dispose();
}
