// The wasm forward pass computes what PyTorch computes: a random U-Net with every exported op
// (tests/python/random_unet.py, via tests/js/torch_reference.py) on unit-scale inputs, for a length
// on the pooling grid, one off it (zero-padded) and one long enough for windowed stitching.
// Tolerance: max |wasm - PyTorch| <= 1e-4, for the plain, the SIMD and the relaxed-SIMD variant.
// Node 20 has relaxed SIMD behind a V8 flag (Chrome 114+ has it on), so the test turns it on.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { assertNetworkMatchesTorch, readF32 } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const LENGTHS = [512, 777, 20000];

test('wasm runNetwork equals PyTorch on a random U-Net', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-torch-'));
  try {
    execFileSync('/usr/bin/python3', [path.join(here, 'torch_reference.py'), dir, '7', ...LENGTHS.map(String)],
                 { stdio: ['ignore', 'inherit', 'inherit'] });
    const cases = LENGTHS.map((n) => ({
      label: `length ${n}`,
      input: readF32(path.join(dir, `in_${n}.f32`)),
      expected: readF32(path.join(dir, `out_${n}.f32`)),
    }));
    await assertNetworkMatchesTorch(fs.readFileSync(path.join(dir, 'model.qrsm')), cases);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
