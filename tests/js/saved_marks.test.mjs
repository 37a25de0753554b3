// The page's own exports read back (web/saved-marks.js) and put back on a record (MarkEdits.restore):
// a record's marks corrected, exported as JSON and as CSV (web/exports.js), read again and restored
// on a fresh copy of the record come back as they were: the same complexes with the same tags, the
// model's position of each edited one (the JSON says it; from the CSV it is the model complex it
// overlaps), the deleted model complexes, the added beats, one undo step away from the model's.
// ECG files are not taken for exports; a damaged export, or one that does not fit the record, is
// refused naming the file and why. Plain data in, no DOM, no wasm.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MarkEdits } from '../../web/edits.js';
import { csvText, recordJson } from '../../web/exports.js';
import { csvFields, readSavedMarks, savedForRecord, savedMarksIssue, savedMarksKind } from '../../web/saved-marks.js';

// Three leads, three beats, the model's boundaries between samples as the annotator gives them.
function annotation() {
  return {
    record: 'rec', fs: 500, length: 2000, warnings: [],
    leads: [
      { name: 'i', silenced: [], qrs: [{ onset: 100.37, offset: 140.912, onsetProb: 0.9, offsetProb: 0.8 }, { onset: 500.5, offset: 545.25 }, { onset: 900.125, offset: 950.8 }] },
      { name: 'ii', silenced: [], qrs: [{ onset: 98.2, offset: 150.7 }, { onset: 502.81, offset: 540.3 }, { onset: 903.3, offset: 948.6 }] },
      { name: 'v1', silenced: [], qrs: [{ onset: 104.9, offset: 138.1 }, { onset: 905.4, offset: 944.4 }] },
    ],
    beats: [{ onset: 101, offset: 142 }, { onset: 501, offset: 541 }, { onset: 901, offset: 946 }],
  };
}
const record = { name: 'rec', fs: 500, length: 2000, leads: [{ name: 'i' }, { name: 'ii' }, { name: 'v1' }] };

// Every kind of correction: a boundary moved (the other left where the model had it), a complex
// deleted, a beat deleted, a complex added where a beat is, a beat added across the leads.
function corrected() {
  const edits = new MarkEdits(annotation());
  edits.move(edits.marks(1)[0].id, 'onset', 90);
  edits.deleteQrs(edits.marks(2)[0].id);
  edits.deleteBeatOf(edits.marks(0)[1].id);
  edits.addQrs(2, 505, 530);
  edits.addBeat(1300, 1345);
  return edits;
}

const bytes = (text) => new TextEncoder().encode(text);
const jsonExport = (edits) => JSON.stringify({ files: [{ file: 'rec.hea', format: 'wfdb', records: [recordJson(annotation(), edits)] }] }, null, 2);
const csvExport = (edits) => csvText([{ file: 'rec.hea', annotation: annotation(), edits }]);

// What a person sees of a record's marks: per lead [onset, offset, source, model position].
const marksOf = (edits) => edits.allMarks().map((marks) => marks.map((m) => [m.onset, m.offset, m.source, m.model && [m.model.onset, m.model.offset]]));
const beatsOf = (edits) => edits.beats().map((b) => [b.firstOnset, b.lastOffset, b.edited]);
const deletedOf = (edits) => edits.deleted().map((d) => [d.lead, d.mark.onset, d.mark.offset]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);

function restored(text, name) {
  const saved = readSavedMarks(name, bytes(text));
  assert.equal(saved.error, undefined, saved.error);
  assert.equal(saved.records.length, 1);
  assert.equal(savedMarksIssue(saved.records[0], record), '');
  const edits = new MarkEdits(annotation());
  const { notModel } = edits.restore(savedForRecord(saved.records[0], record), `restore the marks of ${name}`);
  assert.equal(notModel, 0);
  return edits;
}

test('the JSON export restored gives the corrected marks, their model positions, the deleted ones and the beats', () => {
  const before = corrected();
  const edits = restored(jsonExport(before), 'qrs-annotations.json');
  assert.deepEqual(marksOf(edits), marksOf(before));
  assert.deepEqual(beatsOf(edits), beatsOf(before));
  assert.deepEqual(deletedOf(edits), deletedOf(before));
  assert.equal(edits.editCount, before.editCount);
  // The model's complexes come back as themselves (their probabilities with them).
  assert.equal(edits.marks(0)[0].onsetProb, 0.9);
  // One undo step: back to the model's marks.
  assert.equal(edits.undoLabel, 'restore the marks of qrs-annotations.json');
  edits.undo();
  assert.equal(edits.atModel, true);
  assert.equal(edits.editCount, 0);
});

test('the CSV export restored gives the same marks; positions the CSV rounds are the model\'s where it had them', () => {
  const before = corrected();
  const edits = restored(csvExport(before), 'qrs-annotations.csv');
  assert.deepEqual(marksOf(edits), marksOf(before));
  assert.deepEqual(beatsOf(edits), beatsOf(before));
  assert.deepEqual(deletedOf(edits), deletedOf(before));
  assert.equal(edits.editCount, before.editCount);
});

test('an unedited record restored is the model\'s; marks the model no longer has come back as added', () => {
  const edits = restored(jsonExport(new MarkEdits(annotation())), 'x.json');
  assert.equal(edits.editCount, 0);
  assert.deepEqual(marksOf(edits), marksOf(new MarkEdits(annotation())));
  // A file saved with another model version: its 'model' complexes are not where this model puts them.
  const other = JSON.parse(jsonExport(new MarkEdits(annotation())));
  other.files[0].records[0].leads[0].qrs[0].onset = 96;
  const saved = readSavedMarks('old.json', bytes(JSON.stringify(other))).records[0];
  const again = new MarkEdits(annotation());
  assert.equal(again.restore(savedForRecord(saved, record), 'restore').notModel, 1);
  assert.deepEqual(again.marks(0).map((m) => [m.onset, m.source, m.model]), [[96, 'edited', null], [500.5, 'model', again.marks(0)[1].model], [900.125, 'model', again.marks(0)[2].model]]);
  assert.deepEqual(deletedOf(again), [[0, 100.37, 140.912]]);
});

test('the exports are told from ECG files by their first bytes', () => {
  assert.equal(savedMarksKind(bytes(jsonExport(corrected()))), 'json');
  assert.equal(savedMarksKind(bytes(` \n{"files":[]}`)), 'json');
  assert.equal(savedMarksKind(bytes(csvExport(corrected()))), 'csv');
  assert.equal(savedMarksKind(bytes(`\uFEFF${csvExport(corrected()).replaceAll('\n', '\r\n')}`)), 'csv');
  for (const ecg of ['{"fs": 500, "leads": {"ii": [1, 2]}}', '[{"fs": 500, "leads": {"ii": [1]}}]', 'time,ii\n0,0.1\n', 'file,record,lead\n', 'ii\n0.1\n']) {
    assert.equal(savedMarksKind(bytes(ecg)), null, ecg);
  }
  assert.deepEqual(csvFields('"a ""b""",2,,"c,d",'), ['a "b"', '2', '', 'c,d', '']);
});

test('a damaged export is refused naming the file and what is wrong', () => {
  const error = (name, text) => readSavedMarks(name, bytes(text)).error;
  assert.match(error('cut.json', jsonExport(corrected()).slice(0, 300)),
    /^cut\.json: this page's JSON export of marks, which cannot be read back: it starts as this page's JSON export but is not valid JSON/);
  assert.equal(error('empty.json', '{"files": []}'), "empty.json: this page's JSON export of marks, which cannot be read back: it holds no record");
  const doc = JSON.parse(jsonExport(corrected()));
  doc.files[0].records[0].leads[1].qrs[0].offset = 'soon';
  assert.match(error('bad.json', JSON.stringify(doc)), /^bad\.json: .*: file 1, record "rec", lead "ii", QRS 1: the offset is not a number \("soon"\)$/);
  const csv = csvExport(corrected()).split('\n');
  csv[3] = csv[3].replace(',edited,', ',guessed,').replace(',model,', ',guessed,');
  assert.match(error('bad.csv', csv.join('\n')), /^bad\.csv: this page's CSV export of marks, which cannot be read back: line 4: source is "guessed", not 'model' or 'edited'$/);
});

test('marks that do not fit the record open are refused, saying why', () => {
  const saved = readSavedMarks('x.json', bytes(jsonExport(corrected()))).records[0];
  assert.equal(savedMarksIssue(saved, { ...record, fs: 250 }), "its marks of record 'rec' (from rec.hea) do not fit the open record 'rec': " +
    'it is at 500 Hz, the record at 250 Hz');
  assert.match(savedMarksIssue(saved, { ...record, leads: [{ name: 'i' }, { name: 'II' }, { name: 'v1' }] }), /it has lead 'ii', which the record \(i, II, v1\) has not$/);
  const csv = readSavedMarks('x.csv', bytes(csvExport(corrected()))).records[0];
  assert.match(savedMarksIssue(csv, { ...record, length: 1000 }), /it has marks up to sample 1345, past the record's end \(1000 samples\)$/);
  // The CSV lists only the leads with marks: a lead without any is one with none.
  const oneLead = readSavedMarks('y.csv', bytes(csvExport(corrected()).split('\n').filter((l) => !/,"(ii|v1)",/.test(l)).join('\n'))).records[0];
  assert.equal(savedMarksIssue(oneLead, record), '');
  assert.deepEqual(savedForRecord(oneLead, record).leads.map((l) => l.length), [3, 0, 0]);
});
