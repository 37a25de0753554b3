// A record's corrections as the page keeps them in the browser (web/kept-edits.js): kept as
// columns, copied as IndexedDB copies them (structured clone), read back in saved-marks.js's shape
// and put back with MarkEdits.restore, they are the marks as corrected: tags, the model's position
// of each edited complex, deleted complexes, added beats. A file is known again by its bytes: the
// same bytes give the same key, one byte changed another (in a large file too, where only slices
// are hashed). Plain data in, no DOM, no wasm.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MarkEdits } from '../../web/edits.js';
import { fileIdentity, keptKey, keptMarks, savedFromKept } from '../../web/kept-edits.js';
import { savedForRecord, savedMarksIssue } from '../../web/saved-marks.js';

const model = () => ({
  record: 'k1', fs: 250, length: 1500, warnings: [],
  leads: [
    { name: 'ii', silenced: [], qrs: [{ onset: 50.25, offset: 72.5 }, { onset: 300.75, offset: 322.125 }, { onset: 551.5, offset: 574.875 }] },
    { name: 'v5', silenced: [], qrs: [{ onset: 49.5, offset: 75.25 }, { onset: 302.5, offset: 320.5 }] },
  ],
  beats: [{ onset: 50, offset: 73 }, { onset: 301, offset: 322 }, { onset: 552, offset: 575 }],
});
const shape = { name: 'k1', fs: 250, length: 1500, leads: [{ name: 'ii' }, { name: 'v5' }] };

const seen = (edits) => ({
  marks: edits.allMarks().map((marks) => marks.map((m) => [m.onset, m.offset, m.source, m.model && [m.model.onset, m.model.offset]])),
  beats: edits.beats().map((b) => [b.firstOnset, b.lastOffset, b.edited]),
  deleted: edits.deleted().map((d) => [d.lead, d.mark.onset, d.mark.offset]).sort((a, b) => a[0] - b[0] || a[1] - b[1]),
  count: edits.editCount,
});

test('kept corrections come back as they were made, one undo step from the model\'s', () => {
  const edits = new MarkEdits(model());
  edits.move(edits.marks(0)[1].id, 'offset', 330);
  edits.deleteQrs(edits.marks(1)[0].id);
  edits.deleteBeatOf(edits.marks(0)[2].id);
  edits.addQrs(1, 555, 570);
  edits.addBeat(1000, 1020);
  const kept = structuredClone(keptMarks(model(), edits));
  assert.ok(kept.leads[0].onset instanceof Float64Array, 'marks kept as columns');
  const saved = savedFromKept('k1.hea', kept);
  assert.equal(savedMarksIssue(saved, shape), '');
  const back = new MarkEdits(model());
  assert.equal(back.restore(savedForRecord(saved, shape), 'restore the corrections kept in this browser').notModel, 0);
  assert.deepEqual(seen(back), seen(edits));
  assert.equal(back.undoLabel, 'restore the corrections kept in this browser');
  back.undo();
  assert.ok(back.atModel);
});

test('a file is known again by its name, size and bytes', () => {
  const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 251);
  const a = fileIdentity('k1.edf', bytes);
  assert.deepEqual(fileIdentity('k1.edf', bytes.slice()), a);
  const changed = bytes.slice();
  changed[4000] ^= 1;
  assert.notEqual(fileIdentity('k1.edf', changed).hash, a.hash);
  assert.deepEqual(keptKey(a, 'k1'), ['k1.edf', 5000, a.hash, 'k1']);
  // A large file is hashed by slices: a change in its header, its middle or its end is seen.
  const large = new Uint8Array(8 << 20).map((_, i) => i % 253);
  const whole = fileIdentity('day.edf', large).hash;
  for (const at of [10, large.length >> 1, large.length - 10]) {
    const other = large.slice();
    other[at] ^= 1;
    assert.notEqual(fileIdentity('day.edf', other).hash, whole, `byte ${at} changed`);
  }
});
