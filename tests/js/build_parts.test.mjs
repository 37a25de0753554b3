// Every wasm variant node can run holds the parts README promises for it (tests/required_parts.json,
// "wasm <variant>"), read from the module itself (modelInfo.build), and runs
// on one of its listed backends. A part that drops out of the wasm build fails here. (The
// threads variant runs only in a browser: tests/browser/page.test.mjs checks it there.)
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { WASM_VARIANTS, enableRelaxedSimd, loadAnnotator, sourceDir } from './helpers.mjs';

const required = JSON.parse(fs.readFileSync(path.join(sourceDir, 'tests', 'required_parts.json'), 'utf8'));

test('every single-threaded wasm variant holds the promised backends and codecs', async () => {
  enableRelaxedSimd();
  for (const variant of WASM_VARIANTS) {
    const promised = required[`wasm ${variant}`];
    assert.ok(promised, `tests/required_parts.json has no "wasm ${variant}"`);
    const annotator = await loadAnnotator({ variant });
    try {
      const { build, backend } = annotator.modelInfo;
      assert.ok(build && Array.isArray(build.backends) && Array.isArray(build.codecs),
          `${variant}: modelInfo.build is ${JSON.stringify(build)}`);
      for (const name of promised.backends) {
        assert.ok(build.backends.includes(name), `${variant}: backend '${name}' missing from ${JSON.stringify(build)}`);
      }
      for (const name of promised.codecs) {
        assert.ok(build.codecs.includes(name), `${variant}: codec '${name}' missing from ${JSON.stringify(build)}`);
      }
      assert.ok(build.backends.includes(backend), `${variant}: runs '${backend}', not one it lists`);
    } finally {
      annotator.dispose();
    }
  }
});
