// The npm package (web/package.json): `npm pack` holds the module, its types, every wasm variant
// and the model, and nothing of the page; installed offline into a fresh folder, a script there
// that imports only 'qrs-annotator' reads and annotates LUDB record 5 in Node, and gets the same
// beats as the module in the repository; the types resolve through the package's exports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir, loadAnnotator, readRecord5 } from './helpers.mjs';
import { packAndInstall } from './packed_module.mjs';

test('packed, installed offline, annotates LUDB record 5 in Node', async () => {
  const pkg = packAndInstall();
  try {
    assert.deepEqual(pkg.files, [
      'build/qrs_annotator.mjs', 'build/qrs_annotator.wasm', 'build/qrs_annotator_relaxed.mjs', 'build/qrs_annotator_relaxed.wasm',
      'build/qrs_annotator_simd.mjs', 'build/qrs_annotator_simd.wasm', 'build/qrs_annotator_threads.mjs', 'build/qrs_annotator_threads.wasm',
      'build/qrs_annotator_threads.worker.js', 'build/qrs_unet.qrsm', 'build/qrs_unet_noisy.qrsm', 'npz-inflate.js', 'package.json', 'qrs-annotator.d.ts', 'qrs-annotator.js',
    ]);
    const installed = path.join(pkg.dir, 'node_modules', 'qrs-annotator');
    assert.ok(fs.existsSync(path.join(installed, 'build', 'qrs_unet.qrsm')));
    fs.writeFileSync(path.join(pkg.dir, 'annotate.mjs'), `
import fs from 'node:fs';
import { createAnnotator } from 'qrs-annotator';
const [hea, dat] = process.argv.slice(2);
const annotator = await createAnnotator();
const { records: [record] } = await annotator.readFile('5.hea', fs.readFileSync(hea), [{ name: '5.dat', bytes: fs.readFileSync(dat) }]);
const result = annotator.annotate(record.leads.map((l) => l.samples), record.fs, { leadNames: record.leads.map((l) => l.name) });
const beats = result.beats.map((b) => ({ onset: b.firstOnset, offset: b.lastOffset }));
const files = annotator.writeQrsAnnotations(record.name, record.leads.map((l, i) => ({ ...l, qrs: result.leads[i].qrs })), beats);
console.log(JSON.stringify({ variant: annotator.variant, beats: result.beats, leads: result.leads.map((l) => l.name),
                             files: files.map((f) => f.name), types: import.meta.resolve('qrs-annotator/package.json') }));
`);
    const out = JSON.parse(execFileSync(process.execPath, ['annotate.mjs', path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')],
                                        { cwd: pkg.dir, encoding: 'utf8' }));
    assert.equal(out.leads.length, 12);
    assert.deepEqual(out.files, [...out.leads, 'qrs'].map((e) => `5.${e}`));
    assert.ok(out.types.includes('/node_modules/qrs-annotator/'), 'resolved from the installed package');
    // The same beats as the repository's module gives.
    const annotator = await loadAnnotator({ variant: out.variant });
    const record = await readRecord5(annotator);
    const here = annotator.annotate(record.leads.map((l) => l.samples), record.fs);
    annotator.dispose();
    assert.equal(out.beats.length, here.beats.length);
    out.beats.forEach((b, i) => assert.ok(Math.abs(b.firstOnset - here.beats[i].firstOnset) < 1e-6));
    console.log(`installed package (${out.variant}): ${out.beats.length} beats`);
    const meta = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(meta.exports['.'].types, './qrs-annotator.d.ts');
    assert.match(fs.readFileSync(path.join(installed, meta.types), 'utf8'), /export function createAnnotator/);
  } finally {
    pkg.close();
  }
});
