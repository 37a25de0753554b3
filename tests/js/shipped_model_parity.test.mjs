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

import { assertNetworkMatchesTorch, readF32, sourceDir } from './helpers.mjs';

test('wasm runNetwork equals PyTorch for the shipped model on LUDB leads', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-shipped-'));
  try {
    const listing = execFileSync('/usr/bin/python3',
        [path.join(sourceDir, 'tests', 'python', 'shipped_model.py'), dir], { encoding: 'utf8' });
    const leads = listing.trim().split('\n').map((line) => line.split(':')[0]);
    assert.ok(leads.length >= 3, `too few LUDB leads written: ${listing}`);
    const cases = leads.map((lead) => ({
      label: lead,
      input: readF32(path.join(dir, `${lead}.in.f32`)),
      expected: readF32(path.join(dir, `${lead}.out.f32`)),
    }));
    await assertNetworkMatchesTorch(
        fs.readFileSync(path.join(sourceDir, 'model_weights', 'qrs_unet.qrsm')), cases);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
