// web/packed-rows.js: lists of flat objects go from the worker to the page as typed columns and
// come back as the same objects (numbers to the bit, booleans, fields some rows lack, anything
// else as it was), wherever they sit in a reply, a pause before each list and each 16,384 rows.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { sourceDir } from './helpers.mjs';

const { packRows, unpackAll, unpackRows } = await import(pathToFileURL(path.join(sourceDir, 'web', 'packed-rows.js')).href);

const beats = [
  { onset: 418.0727258917161, offset: 469.9800129965048, durationMs: 103.81457420957736, paced: false },
  { onset: 1000.5, offset: 1040.25, durationMs: NaN, paced: true, spike: 998 },
  { onset: -0, offset: 1e300, paced: false, note: 'edited' },
];

test('rows come back as they went: numbers, booleans, missing fields and other values', () => {
  const packed = packRows(beats);
  assert.equal(packed.packedRows, 3);
  assert.ok(packed.columns.onset.values instanceof Float64Array);
  assert.ok(packed.columns.paced.values instanceof Uint8Array);
  assert.deepEqual(unpackRows(packed), beats);
  assert.ok(Object.is(unpackRows(packed)[2].onset, -0));
  assert.deepEqual(unpackRows(packRows([])), []);
});

test('unpackAll finds packed lists at any depth, pausing before each, and leaves the rest alone', async () => {
  const samples = new Float32Array([1, 2, 3]);
  const reply = {
    id: 7,
    files: [{ records: [{ leads: [{ samples }] }], annotations: [{ beats: packRows(beats), leads: [{ qrs: packRows(beats.slice(0, 1)) }] }] }],
  };
  let pauses = 0;
  const out = await unpackAll(structuredClone(reply), async () => { pauses += 1; });
  assert.equal(pauses, 2);
  assert.deepEqual(out.files[0].annotations[0].beats, beats);
  assert.deepEqual(out.files[0].annotations[0].leads[0].qrs, beats.slice(0, 1));
  assert.deepEqual(out.files[0].records[0].leads[0].samples, samples);
  assert.equal(out.id, 7);
});

test('a long list is unpacked in parts, a pause before each', async () => {
  const rows = Array.from({ length: 40000 }, (_, i) => ({ onset: i, offset: i + 0.5 }));
  let pauses = 0;
  const out = await unpackAll({ beats: packRows(rows) }, async () => { pauses += 1; });
  assert.equal(pauses, 3);
  assert.deepEqual(out.beats, rows);
});
