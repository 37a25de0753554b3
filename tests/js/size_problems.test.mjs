// sizeProblems: which files of a drop the readers would refuse for their size, from the files'
// heads and sizes (in memory here: the sizes are claimed, the bodies never exist), with a refused
// header's signal files found as the reader finds them; and readFiles giving a file whose bytes
// do not fit in the module its own error while the others of the drop are still read.
import test from 'node:test';
import assert from 'node:assert/strict';

import { edfHeader, loadAnnotator, ludbFile } from './helpers.mjs';

const annotator = await loadAnnotator({ variant: 'simd' });
const { SIZE_CHECK_HEAD_BYTES } = await import('../../web/qrs-annotator.js');

const text = (s) => new TextEncoder().encode(s);
// A whole small file: its head is all of it.
const whole = (name, bytes) => ({ name, head: bytes, size: bytes.length });
// A big file of which only the head is at hand.
const big = (name, size, head = new Uint8Array(SIZE_CHECK_HEAD_BYTES)) => ({ name, head, size });
// What a refusal for the sample count tells a page user to do instead (src/formats/limits.cpp).
const CLI_INSTEAD = 'the page and the JS module hold a recording in 4 GB of WebAssembly memory: ' +
  'annotate it with the command-line tool \\(ecg-annotate\\) or the Python module \\(qrs_annotator\\), ' +
  'which read up to 1200000000 samples';

test('a WFDB header declaring too many samples is refused, and its signal file named for it', () => {
  const checks = annotator.sizeProblems([
    whole('long.hea', text('long 1 500 500000000\nlong.dat 16 200/mV 16 0 0 0 0 ii\n')),
    big('long.dat', 1.9e9),
    whole('5.hea', ludbFile('5.hea')),
    whole('5.dat', ludbFile('5.dat')),
  ]);
  assert.equal(checks.length, 4);
  assert.match(checks[0].problem, /^long\.hea: 500000000 samples per signal is more than the 200000000 /);
  assert.deepEqual(checks.slice(1).map((c) => [c.file, c.problem, c.refusedHeader]),
                   [['long.dat', '', 'long.hea'], ['5.hea', '', ''], ['5.dat', '', '']]);
});

test('a header without a length is judged by its signal files\' sizes, found as the reader finds them', () => {
  const header = text('open 1 500\nopen.dat 16 200/mV 16 0 0 0 0 ii\n');
  // "OPEN.DAT" for "open.dat" (a FAT copy), as the WFDB reader's find_companion matches it.
  const [refused, signal] = annotator.sizeProblems([whole('open.hea', header), big('OPEN.DAT', 1.9e9)]);
  assert.match(refused.problem, /^open\.hea: 950000000 samples per signal is more than the 200000000 /);
  assert.equal(signal.refusedHeader, 'open.hea');
  // A signal file that fits, or none at all: nothing to say before reading.
  assert.deepEqual(annotator.sizeProblems([whole('open.hea', header), big('open.dat', 2e8)]).map((c) => c.problem), ['', '']);
  assert.deepEqual(annotator.sizeProblems([whole('open.hea', header)]).map((c) => c.problem), ['']);
  // Two files the header's name could mean: left to the reader, which names the clash.
  assert.deepEqual(annotator.sizeProblems([whole('open.hea', header), big('OPEN.DAT', 1.9e9), big('Open.dat', 1.9e9)])
                            .map((c) => [c.problem, c.refusedHeader]), [['', ''], ['', ''], ['', '']]);
});

test('an EDF whose header declares too many samples is refused from its head and size', () => {
  const records = Math.floor((1.9e9 - 512) / 1000);
  const head = text(edfHeader(records));
  const [check] = annotator.sizeProblems([big('big.edf', 512 + records * 1000, head)]);
  assert.match(check.problem, new RegExp(`^big\\.edf: ${records * 500} samples per signal is more than the 200000000 this reader accepts; ${CLI_INSTEAD}$`));
  // Ten seconds of it: nothing to say.
  assert.equal(annotator.sizeProblems([big('small.edf', 512 + 10 * 1000, text(edfHeader(10)))])[0].problem, '');
});

test('a day of 12 leads at 500 Hz is more than the module holds: refused, naming the CLI and the Python module', () => {
  // 518.4 M samples: read natively since 3 Dec (tests/cpp/formats/sample_limits_test.cpp); the
  // module keeps 400 M.
  const leads = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
  const header = text(`h12 12 500 43200000\n${leads.map((l) => `h12.dat 16 1000/mV 16 0 0 0 0 ${l}\n`).join('')}`);
  const [check] = annotator.sizeProblems([whole('h12.hea', header), big('h12.dat', 1036800000)]);
  assert.match(check.problem, new RegExp(`^h12\\.hea: 518400000 samples in all is more than the 400000000 this reader accepts; ${CLI_INSTEAD}$`));
});

test('readFiles: a file whose bytes do not fit in the module is its own error; the others are read', () => {
  // 3e9 bytes claimed: more than a wasm32 vector holds (length_error), nothing is allocated.
  const results = annotator._module.readFiles([
    { name: 'huge.dat', bytes: { length: 3e9 } },
    { name: '5.hea', bytes: ludbFile('5.hea') },
    { name: '5.dat', bytes: ludbFile('5.dat') },
  ], {});
  const huge = results.find((r) => r.file === 'huge.dat');
  assert.equal(huge?.error, 'huge.dat: out of memory while reading (file too large?)');
  const record5 = results.find((r) => r.file === '5.hea');
  assert.equal(record5.error, '');
  assert.equal(record5.records[0].leads.length, 12);
});
