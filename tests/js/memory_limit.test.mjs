// How much memory the wasm modules may grow to, and what a person is told past it. Every variant
// declares the 4 GB maximum wasm32 can address (cmake/wasm.cmake MAXIMUM_MEMORY): with 2 GB a day
// of three Holter leads at 500 Hz ended in "std::bad_alloc" after two minutes. A recording too big
// even for 4 GB is refused with a message naming it, its size and where it does fit, and the
// annotator keeps working. (bench/wasm/day_long.mjs annotates that day and times it.)
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { loadAnnotator, mustExist, webBuildDir } from './helpers.mjs';

const WASM_PAGE = 65536;
const FOUR_GB_IN_PAGES = 4 * 1024 ** 3 / WASM_PAGE;

// An unsigned LEB128 at bytes[at]: [value, position after it].
function leb128(bytes, at) {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * scale;
    if (!(byte & 0x80)) return [value, at];
    scale *= 128;
  }
}

// The limits of the module's memory, declared (section 5) or imported (section 2, kind 2: the
// threads variant imports the shared memory its JS glue creates): {initial, maximum, shared}.
function memoryLimits(bytes) {
  const limitsAt = (at) => {
    const flags = bytes[at];
    const [initial, next] = leb128(bytes, at + 1);
    const maximum = flags & 1 ? leb128(bytes, next)[0] : undefined;
    return { initial, maximum, shared: Boolean(flags & 2) };
  };
  let at = 8;  // magic and version
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb128(bytes, at + 1);
    if (id === 5) return limitsAt(leb128(bytes, body)[1]);
    if (id === 2) {
      let [count, p] = leb128(bytes, body);
      for (; count > 0; --count) {
        for (let name = 0; name < 2; ++name) {  // module and field names
          const [length, start] = leb128(bytes, p);
          p = start + length;
        }
        const kind = bytes[p++];
        if (kind === 2) return limitsAt(p);
        if (kind === 0) p = leb128(bytes, p)[1];  // function: type index
        else if (kind === 1) {  // table: element type, limits
          const flags = bytes[p + 1];
          p = leb128(bytes, p + 2)[1];
          if (flags & 1) p = leb128(bytes, p)[1];
        } else if (kind === 3) p += 2;  // global: value type, mutability
        else throw new Error(`import kind ${kind} not understood`);
      }
    }
    at = body + size;
  }
  throw new Error('no memory declared or imported');
}

test('every wasm variant may grow to 4 GB', () => {
  for (const name of ['qrs_annotator', 'qrs_annotator_simd', 'qrs_annotator_relaxed', 'qrs_annotator_threads']) {
    const file = mustExist(path.join(webBuildDir, `${name}.wasm`), 'build the wasm module first (make wasm)');
    const limits = memoryLimits(fs.readFileSync(file));
    assert.equal(limits.maximum, FOUR_GB_IN_PAGES, `${name}: maximum ${limits.maximum} pages`);
    assert.equal(limits.shared, name.endsWith('threads'), `${name}: shared ${limits.shared}`);
  }
});

test('a recording beyond the memory is refused by name and size, and the annotator goes on', async () => {
  const annotator = await loadAnnotator({ variant: 'simd', noiseModel: false });
  try {
    // 1.1 G samples: more than a wasm32 vector can hold (the pages are never touched in node).
    const huge = new Float32Array(1.1e9);
    assert.throws(() => annotator.annotate([huge], 500, { record: 'week' }),
        /^Error: week: out of memory: 1 lead of 1100000000 samples at 500 Hz \(611\.1 h\) .* 4 GB .*command-line tool/);
    const lead = new Float32Array(5000);
    for (let i = 0; i < lead.length; ++i) lead[i] = (i % 400 < 20 ? 1 : 0) * Math.sin(i % 400 / 6.4);
    const result = annotator.annotate([lead], 500, { record: 'after' });
    assert.equal(result.record, 'after');
    assert.equal(result.leads[0].onsetProb.length, 5000);
  } finally {
    annotator.dispose();
  }
});
