// README's "Embedding (npm)" example, run as written (its import of 'qrs-annotator' bound to this
// repository's module) on LUDB record 5: it annotates the record and its WFDB files hold what they
// should, <record>.qrs the beats across the leads (before, the example gave no beats and got a
// 5.qrs of 2 bytes: only the end marker).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { loadAnnotator, ludbFile, sourceDir } from './helpers.mjs';

function readmeExample() {
  const readme = fs.readFileSync(path.join(sourceDir, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Embedding'));
  const code = section?.match(/```js\n([\s\S]*?)```/)?.[1];
  assert.ok(code, 'README has a js block under "Embedding"');
  const importLine = /^import \{ createAnnotator \} from 'qrs-annotator';.*$/m;
  assert.match(code, importLine);
  return code.replace(importLine, '');
}

test("README's embedding example writes the record's beats into <record>.qrs", async () => {
  const AsyncFunction = (async () => {}).constructor;
  const example = new AsyncFunction('createAnnotator', 'hea', 'dat', 'console',
                                    `${readmeExample()}\nreturn { annotator, result, files };`);
  const printed = [];
  const { annotator, result, files } = await example(loadAnnotator, ludbFile('5.hea'), ludbFile('5.dat'),
                                                     { log: (...args) => printed.push(args) });
  try {
    assert.equal(result.beats.length, 9);
    assert.equal(printed.length, 9, 'one line per beat');
    assert.deepEqual(files.map((f) => f.name),
                     ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'qrs'].map((e) => `5.${e}`));
    const [beatFile] = annotator.readAnnotations(files.slice(-1));
    assert.equal(beatFile.error, '');
    assert.deepEqual(beatFile.marks.filter((m) => m.symbol === '(').map((m) => m.sample), result.beats.map((b) => Math.round(b.firstOnset)));
    assert.deepEqual(beatFile.marks.filter((m) => m.symbol === ')').map((m) => m.sample), result.beats.map((b) => Math.round(b.lastOffset)));
  } finally {
    annotator.dispose();
  }
});
