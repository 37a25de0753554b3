// The backend option of web/qrs-annotator.js (docs/api.md): each SIMD variant runs XNNPACK or the
// built-in kernels as asked, the plain variant refuses XNNPACK with a readable Error, and the two
// backends annotate real LUDB records alike (tests/js/backend_agreement.mjs: same events, beats,
// silenced stretches and warnings, positions within 0.05 samples), in wasm and in the native CLI.
// Here on ten records of the test split; the run over all 200 is in docs/performance.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compareNativeBackends, compareWasmBackends, summarise, POSITION_TOLERANCE } from './backend_agreement.mjs';
import { enableRelaxedSimd, loadAnnotator, VARIANT_BACKENDS } from './helpers.mjs';

const RECORDS = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50];

function assertAgree(what, rows) {
  console.log(summarise(what, rows));
  assert.equal(rows.length, RECORDS.length);
  for (const row of rows) {
    assert.deepEqual(row.structural, [], `${what}, record ${row.record}`);
    assert.ok(row.maxShift <= POSITION_TOLERANCE, `${what}, record ${row.record}: positions move by ${row.maxShift} samples`);
  }
}

test('each node variant runs the backends it has, and only those', async () => {
  enableRelaxedSimd();
  for (const variant of ['plain', 'simd', 'relaxed']) {
    for (const backend of VARIANT_BACKENDS[variant]) {
      const annotator = await loadAnnotator({ variant, backend });
      assert.equal(annotator.variant, variant);
      assert.equal(annotator.backend, backend);
      assert.equal(annotator.modelInfo.backend, backend);
      annotator.dispose();
    }
    // The rule in docs/performance.md: in wasm the built-in kernels are the faster ones.
    const auto = await loadAnnotator({ variant });
    assert.equal(auto.backend, 'builtin', `${variant}: auto chose ${auto.backend}`);
    auto.dispose();
  }
  await assert.rejects(loadAnnotator({ variant: 'plain', backend: 'xnnpack' }),
                       (err) => err instanceof Error && /xnnpack.*not compiled/i.test(err.message));
  await assert.rejects(loadAnnotator({ backend: 'gpu' }), /unknown backend 'gpu'.*auto, xnnpack or builtin/);
  const picked = await loadAnnotator({ backend: 'xnnpack' });  // variant 'auto' skips plain
  assert.equal(picked.backend, 'xnnpack');
  assert.notEqual(picked.variant, 'plain');
  picked.dispose();
});

for (const variant of ['simd', 'relaxed']) {
  test(`wasm ${variant}: built-in and XNNPACK annotate LUDB records alike`, async () => {
    assertAgree(`wasm ${variant}`, await compareWasmBackends(variant, RECORDS));
  });
}

test('native CLI: built-in and XNNPACK annotate LUDB records alike', () => {
  assertAgree('native', compareNativeBackends(RECORDS));
});
