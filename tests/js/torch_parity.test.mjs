// The wasm forward pass computes what PyTorch computes: a random U-Net with every exported op
// (tests/python/random_unet.py, via tests/js/torch_reference.py) on unit-scale inputs, for a length
// on the pooling grid, one off it (zero-padded) and one long enough for windowed stitching.
// Tolerance: max |wasm - PyTorch| <= 1e-4, for the plain, the SIMD and the relaxed-SIMD variant.
// Node 20 has relaxed SIMD behind a V8 flag (Chrome 114+ has it on), so the test turns it on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import v8 from 'node:v8';

import { loadAnnotator, maxAbsDiff } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const LENGTHS = [512, 777, 20000];

// One f32x4.relaxed_madd: does this node validate it (else turn the feature on)?
const RELAXED_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1,
  123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11]);
if (!WebAssembly.validate(RELAXED_PROBE)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

const readF32 = (file) => {
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

test('wasm runNetwork equals PyTorch on a random U-Net', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-torch-'));
  try {
    execFileSync('/usr/bin/python3', [path.join(here, 'torch_reference.py'), dir, '7', ...LENGTHS.map(String)],
                 { stdio: ['ignore', 'inherit', 'inherit'] });
    const modelBytes = fs.readFileSync(path.join(dir, 'model.qrsm'));
    assert.ok(WebAssembly.validate(RELAXED_PROBE), 'this node cannot run relaxed SIMD');
    for (const variant of ['plain', 'simd', 'relaxed']) {
      const annotator = await loadAnnotator({ variant, modelBytes });
      for (const n of LENGTHS) {
        const expected = readF32(path.join(dir, `out_${n}.f32`));
        const actual = annotator.runNetwork(readF32(path.join(dir, `in_${n}.f32`)));
        const diff = maxAbsDiff(actual, expected);
        console.log(`${variant} length ${n}: max |wasm - torch| = ${diff.toExponential(2)}`);
        assert.ok(diff <= 1e-4, `${variant}, length ${n}: differs from PyTorch by ${diff}`);
      }
      annotator.dispose();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
