// A wasm variant asked for by name that this engine cannot run is refused with a message that
// names it, says why and what 'auto' picks (docs/api.md), before any module is loaded: in node,
// threads (no Web Workers) and relaxed (no relaxed SIMD without a V8 flag), which used to fail
// inside Emscripten with `Worker is not defined` and `Aborted(CompileError ...)`. Once relaxed
// SIMD is on, the same request loads.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { enableRelaxedSimd, loadAnnotator } from './helpers.mjs';

test('threads in node: refused in words, naming what to use', async () => {
  await assert.rejects(loadAnnotator({ variant: 'threads' }), {
    message: "wasm variant 'threads' cannot run here: it runs its threads in Web Workers, which only a browser has (not Node); " +
             "use variant 'auto' (here it picks 'simd')",
  });
});

test('relaxed without relaxed SIMD: refused in words; with it, it loads', async () => {
  await assert.rejects(loadAnnotator({ variant: 'relaxed' }), {
    message: "wasm variant 'relaxed' cannot run here: this engine does not support relaxed SIMD (f32x4.relaxed_madd: " +
             "Chrome 114+; Node 20 only with --experimental-wasm-relaxed-simd); use variant 'auto' (here it picks 'simd')",
  });
  enableRelaxedSimd();
  const annotator = await loadAnnotator({ variant: 'relaxed', noiseModel: false });
  assert.equal(annotator.variant, 'relaxed');
  annotator.dispose();
});
