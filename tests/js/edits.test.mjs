// The page's edit model (web/edits.js) on its own: moves, adds, deletes, undo/redo, the tags each
// mark carries, the beats' QRS across the leads after edits. Plain data in, no DOM, no wasm.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MarkEdits, mostOverlappingBeat } from '../../web/edits.js';

// Three leads, two beats: the model's marks as the annotator returns them (samples at 500 Hz).
function annotation() {
  return {
    fs: 500,
    leads: [
      { name: 'i', qrs: [{ onset: 100, offset: 140, onsetProb: 0.9, offsetProb: 0.8 }, { onset: 500, offset: 545 }] },
      { name: 'ii', qrs: [{ onset: 98, offset: 150 }, { onset: 502, offset: 540 }] },
      { name: 'v1', qrs: [{ onset: 104, offset: 138 }] },
    ],
    beats: [{ onset: 101, offset: 142 }, { onset: 501, offset: 541 }],
  };
}

test('starts as the model: every mark tagged model, beats span the leads', () => {
  const edits = new MarkEdits(annotation());
  assert.equal(edits.canUndo, false);
  assert.equal(edits.editCount, 0);
  assert.deepEqual(edits.marks(0).map((m) => [m.onset, m.offset, m.source]), [[100, 140, 'model'], [500, 545, 'model']]);
  assert.equal(edits.marks(0)[0].onsetProb, 0.9);
  const beats = edits.beats();
  assert.deepEqual(beats.map((b) => [b.firstOnset, b.lastOffset, b.edited]), [[98, 150, false], [500, 545, false]]);
  assert.equal(beats[0].durationMs, 104);
});

test('moving a boundary tags the mark edited, keeps the model position, updates the beat', () => {
  const edits = new MarkEdits(annotation());
  const id = edits.marks(1)[0].id;
  assert.equal(edits.move(id, 'onset', 90), true);
  const moved = edits.marks(1)[0];
  assert.deepEqual([moved.onset, moved.offset, moved.source], [90, 150, 'edited']);
  assert.deepEqual(moved.model, { onset: 98, offset: 150 });
  assert.equal(edits.beats()[0].firstOnset, 90);
  assert.equal(edits.beats()[0].edited, true);
  assert.equal(edits.beats()[1].edited, false);
  assert.equal(edits.editCount, 1);
});

test('a boundary stays inside its neighbours and one sample from its partner', () => {
  const edits = new MarkEdits(annotation());
  const [first, second] = edits.marks(0);
  edits.move(first.id, 'offset', 9999);
  assert.equal(edits.marks(0)[0].offset, 500, 'stops at the next complex');
  edits.move(second.id, 'onset', 10);
  assert.equal(edits.marks(0)[1].onset, 500, 'stops at the previous complex');
  edits.move(first.id, 'onset', 700);
  assert.equal(edits.marks(0)[0].onset, 499, 'one sample before its own offset');
  assert.throws(() => edits.move('nope', 'onset', 1), /no mark/);
  assert.throws(() => edits.move(first.id, 'peak', 1), /onset' or 'offset/);
});

test('one drag is one undo step; undo and redo walk the history', () => {
  const edits = new MarkEdits(annotation());
  const id = edits.marks(0)[0].id;
  for (const x of [99, 97, 95, 93]) edits.move(id, 'onset', x, { mergeKey: 'drag1' });
  edits.move(id, 'offset', 160, { mergeKey: 'drag2' });
  assert.equal(edits.undoLabel, 'move offset in i');
  assert.equal(edits.undo(), true);
  assert.equal(edits.marks(0)[0].offset, 140);
  assert.equal(edits.marks(0)[0].onset, 93);
  assert.equal(edits.undo(), true);
  assert.equal(edits.marks(0)[0].onset, 100);
  assert.equal(edits.marks(0)[0].source, 'model');
  assert.equal(edits.undo(), false);
  assert.equal(edits.redo(), true);
  assert.equal(edits.marks(0)[0].onset, 93);
  // A new edit after an undo drops the redo branch.
  edits.undo();
  edits.move(id, 'onset', 80);
  assert.equal(edits.canRedo, false);
  assert.equal(edits.marks(0)[0].onset, 80);
});

test('add a QRS in one lead; refused where one already is', () => {
  const edits = new MarkEdits(annotation());
  const id = edits.addQrs(2, 520, 498); // reversed sweep: ordered
  const added = edits.find(id);
  assert.equal(added.lead, 2);
  assert.deepEqual([added.mark.onset, added.mark.offset, added.mark.source, added.mark.model], [498, 520, 'edited', null]);
  assert.deepEqual(edits.marks(2).map((m) => m.onset), [104, 498]);
  assert.equal(edits.beats()[1].firstOnset, 498);
  assert.throws(() => edits.addQrs(0, 510, 530), /already has a QRS there/);
  assert.throws(() => edits.addQrs(0, 700, 700), /at least one sample/);
});

test('add a beat across the leads: a complex in each lead that has none there', () => {
  const edits = new MarkEdits(annotation());
  edits.addBeat(900, 950);
  for (const lead of [0, 1, 2]) assert.deepEqual([edits.marks(lead).at(-1).onset, edits.marks(lead).at(-1).offset], [900, 950]);
  const beats = edits.beats();
  assert.equal(beats.length, 3);
  assert.deepEqual([beats[2].firstOnset, beats[2].lastOffset, beats[2].source, beats[2].edited], [900, 950, 'edited', true]);
  // Over an existing beat, leads that already mark it keep their complex.
  edits.undo();
  edits.addBeat(495, 548);
  assert.equal(edits.marks(0).length, 2);
  assert.deepEqual(edits.marks(2).map((m) => m.onset), [104, 495]);
});

test('delete a QRS, delete a whole beat; deleted model marks are listed; undo restores', () => {
  const edits = new MarkEdits(annotation());
  edits.deleteQrs(edits.marks(2)[0].id);
  assert.equal(edits.marks(2).length, 0);
  assert.equal(edits.deleted().length, 1);
  assert.equal(edits.deleted()[0].lead, 2);
  assert.equal(edits.beats()[0].firstOnset, 98, 'the beat spans the other leads');
  edits.deleteBeatOf(edits.marks(0)[1].id);
  assert.deepEqual(edits.marks(0).map((m) => m.onset), [100]);
  assert.deepEqual(edits.marks(1).map((m) => m.onset), [98]);
  assert.equal(edits.beats().length, 1);
  assert.equal(edits.deleted().length, 3);
  assert.equal(edits.editCount, 3);
  edits.undo();
  assert.equal(edits.beats().length, 2);
  edits.undo();
  assert.equal(edits.marks(2).length, 1);
  assert.equal(edits.deleted().length, 0);
});

test('a beat whose every complex was deleted is gone; an added complex that was deleted is not listed', () => {
  const edits = new MarkEdits(annotation());
  for (const lead of [0, 1]) edits.deleteQrs(edits.marks(lead)[1].id);
  assert.equal(edits.beats().length, 1);
  const id = edits.addQrs(0, 800, 840);
  edits.deleteQrs(id);
  assert.equal(edits.deleted().length, 2);
});

test('revert all is one undoable step; the version counts every change', () => {
  const edits = new MarkEdits(annotation());
  const v0 = edits.version;
  edits.move(edits.marks(0)[0].id, 'onset', 90);
  edits.addBeat(900, 950);
  assert.equal(edits.revertAll(), true);
  assert.equal(edits.editCount, 0);
  assert.equal(edits.beats().length, 2);
  edits.undo();
  assert.equal(edits.beats().length, 3);
  assert.equal(edits.version, v0 + 4);
});

test('mostOverlappingBeat: the largest overlap wins; none gives -1', () => {
  const beats = [{ onset: 0, offset: 10 }, { onset: 12, offset: 30 }];
  assert.equal(mostOverlappingBeat(beats, { onset: 8, offset: 20 }), 1);
  assert.equal(mostOverlappingBeat(beats, { onset: 2, offset: 11 }), 0);
  assert.equal(mostOverlappingBeat(beats, { onset: 40, offset: 50 }), -1);
});

// A record of many beats in three leads, each lead's complexes jittered around the beat, and a
// few beats no lead marks (the annotator reports those with their own span).
function manyBeats(random, count) {
  const beats = [];
  const leads = [0, 1, 2].map((i) => ({ name: `l${i}`, qrs: [] }));
  for (let i = 0; i < count; ++i) {
    const onset = i * 200 + 50 + random() * 20;
    const offset = onset + 30 + random() * 40;
    beats.push({ onset, offset, paced: i % 7 === 0, firstOnset: onset });
    if (i % 11 === 5) continue;
    for (const lead of leads) {
      if (random() < 0.1) continue;
      lead.qrs.push({ onset: onset - 10 + random() * 20, offset: offset - 10 + random() * 20 });
    }
  }
  return { fs: 250, leads, beats };
}

// A small deterministic generator, so that a failure can be replayed.
function seeded(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const withoutIds = (beats) => beats.map(({ id, ...rest }) => rest);

// One random edit, every choice drawn up front so that it can be applied to two MarkEdits alike.
function randomEdit(random, step) {
  const edit = { choice: random(), lead: Math.floor(random() * 3), at: random(), where: random() * 12000, edge: random() < 0.5 ? 'onset' : 'offset' };
  edit.mergeKey = step % 3 ? 'drag' : null;
  return edit;
}

function applyEdit(edits, { choice, lead, at, where, edge, mergeKey }) {
  const marks = edits.marks(lead);
  const mark = marks[Math.floor(at * marks.length)];
  if (choice < 0.3 && mark) return edits.move(mark.id, edge, where, { mergeKey });
  if (choice < 0.45 && mark) return edits.deleteQrs(mark.id);
  if (choice < 0.55 && mark) return edits.deleteBeatOf(mark.id);
  if (choice < 0.7) {
    if (marks.some((m) => m.onset < where + 40 && m.offset > where)) return null; // a QRS is there
    return edits.addQrs(lead, where, where + 40);
  }
  if (choice < 0.78) return edits.addBeat(where, where + 50);
  if (choice < 0.9) return edits.undo();
  if (choice < 0.97) return edits.redo();
  return edits.revertAll();
}

test('beats after each edit, rebuilt only near it, are the beats built whole', () => {
  for (const seed of [1, 2, 3, 4]) {
    const random = seeded(seed);
    const record = manyBeats(random, 60);
    // Asked after every edit, the beats are patched from the state before (or after, on undo);
    // asked once at the end, they are built whole.
    const patched = new MarkEdits(record);
    patched.beats();
    const done = [];
    for (let step = 1; step <= 150; ++step) {
      const edit = randomEdit(random, step);
      applyEdit(patched, edit);
      done.push(edit);
      const list = patched.beats();
      if (step % 10) continue;
      const whole = new MarkEdits(record);
      for (const e of done) applyEdit(whole, e);
      assert.deepEqual(withoutIds(list), withoutIds(whole.beats()), `seed ${seed}, after ${step} edits`);
    }
    assert.ok(patched.editCount > 0, 'the edits changed something');
  }
});
