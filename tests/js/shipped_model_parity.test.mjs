// The wasm engine reproduces the shipped model's PyTorch forward pass on real LUDB leads (issue 3,
// item 3): model_weights/qrs_unet.qrsm through runNetwork, in every module variant, against
// model_weights/qrs_unet.pt in PyTorch (tests/python/shipped_model.py writes the inputs and
// PyTorch's outputs), on whole preprocessed 10 s leads, within 1e-4.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { enableRelaxedSimd, loadAnnotator, maxAbsDiff, sourceDir, WASM_VARIANTS } from './helpers.mjs';

enableRelaxedSimd();

const readF32 = (file) => {
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

test('wasm runNetwork equals PyTorch for the shipped model on LUDB leads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-shipped-'));
  try {
    const listing = execFileSync('/usr/bin/python3',
        [path.join(sourceDir, 'tests', 'python', 'shipped_model.py'), dir], { encoding: 'utf8' });
    const leads = listing.trim().split('\n').map((line) => line.split(':')[0]);
    assert.ok(leads.length >= 3, `too few LUDB leads written: ${listing}`);
    const modelBytes = fs.readFileSync(path.join(sourceDir, 'model_weights', 'qrs_unet.qrsm'));
    for (const variant of WASM_VARIANTS) {
      const annotator = await loadAnnotator({ variant, modelBytes });
      for (const lead of leads) {
        const expected = readF32(path.join(dir, `${lead}.out.f32`));
        const actual = annotator.runNetwork(readF32(path.join(dir, `${lead}.in.f32`)));
        const diff = maxAbsDiff(actual, expected);
        console.log(`${variant} ${lead}: max |wasm - torch| = ${diff.toExponential(2)}`);
        assert.ok(diff <= 1e-4, `${variant}, ${lead}: differs from PyTorch by ${diff}`);
      }
      annotator.dispose();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
