// Which files of a drop the page reads as WFDB annotation files (web/drop-files.js) and which go to
// the record readers: a header's own signal files never count as annotations, whatever their
// extension (PhysioNet Challenge 2017/2020/2021 records keep their samples in a MATLAB v4 .mat);
// files named for any record file of the drop do (the page's own export of an EDF record).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { annotationFilesOf, headerFileNames } from '../../web/drop-files.js';

const text = (name, s) => ({ name, bytes: new TextEncoder().encode(s) });
const bytes = (name) => ({ name, bytes: new Uint8Array(8) });
const annotationNames = (files, open = []) => annotationFilesOf(files, open).map((f) => f.name);

const CHALLENGE_HEADER = 'A0001 2 500 7500 05-Feb-2020 11:39:16\n' +
  'A0001.mat 16+24 1000/mV 16 0 28 -1716 0 I\nA0001.mat 16+24 1000/mV 16 0 7 2029 0 II\n#Age: 74\n#Dx: 59118001\n';

test('a header names its signal files (any extension) and segments, comments and blank lines skipped', () => {
  assert.deepEqual([...headerFileNames(CHALLENGE_HEADER)], ['a0001.mat']);
  assert.deepEqual([...headerFileNames('# made by hand\r\n\r\n5 2 500\r\nsignals/5.dat 16 1000 0 0 0 0 0 i # lead i\r\n5.DAT 16\r\n')], ['5.dat']);
  assert.deepEqual([...headerFileNames('ms/3 2 360 90\nms_1 30\n~ 30\nms_2 30\n')], ['ms_1', '~', 'ms_2']);
});

test('a Challenge record\'s .mat dropped with its header is its signal file, not an annotation file', () => {
  assert.deepEqual(annotationNames([text('A0001.hea', CHALLENGE_HEADER), bytes('A0001.mat')]), []);
  // Names in another case than the header's (an old CD-ROM copy) are its signal file too.
  assert.deepEqual(annotationNames([text('A0001.HEA', CHALLENGE_HEADER), bytes('A0001.MAT')]), []);
  // The record's annotation files beside it still are.
  assert.deepEqual(annotationNames([text('A0001.hea', CHALLENGE_HEADER), bytes('A0001.mat'), bytes('A0001.atr'), bytes('A0001.ii')]),
                   ['A0001.atr', 'A0001.ii']);
});

test('annotation files: named for a dropped header or an open record, or by a known annotator', () => {
  const header = text('5.hea', '5 1 500 5000\n5.dat 16 1000 0 0 0 0 0 ii\n');
  assert.deepEqual(annotationNames([header, bytes('5.dat'), bytes('5.ii'), bytes('5.myann')]), ['5.ii', '5.myann']);
  assert.deepEqual(annotationNames([bytes('SEL100.Q1C'), bytes('x.csv'), bytes('other.mine')], ['sel100']), ['SEL100.Q1C']);
  assert.deepEqual(annotationNames([bytes('7.i'), bytes('notes.txt'), bytes('noextension')]), ['7.i']);
});

// The page's own Export WFDB of an EDF, CSV or NumPy record: <record>.<lead> per lead and
// <record>.qrs, dropped with the record file in one drop.
test('per-lead annotation files named for a record file of the same drop (EDF, CSV, NumPy) are annotation files', () => {
  assert.deepEqual(annotationNames([bytes('holter_2ch.edf'), bytes('holter_2ch.ecg1_ecg2'), bytes('holter_2ch.ecg_ii'), bytes('holter_2ch.qrs')]),
                   ['holter_2ch.ecg1_ecg2', 'holter_2ch.ecg_ii', 'holter_2ch.qrs']);
  assert.deepEqual(annotationNames([bytes('watch.csv'), bytes('WATCH.lead_i')]), ['WATCH.lead_i']);
  assert.deepEqual(annotationNames([bytes('leads.npy'), bytes('leads.ii'), bytes('leads.mine'), bytes('other.mine')]), ['leads.ii', 'leads.mine']);
});

// ISHNE Holter files (.ecg) are record files, told by their magic: ".ecg" is also a WFDB annotator's
// name, so without the magic a ".ecg" file stays an annotation file.
const ishne = (name) => ({ name, bytes: new Uint8Array([...new TextEncoder().encode('ISHNE1.0'), 0x12, 0x34, 0, 0]) });

test('an ISHNE Holter file is a record file whatever its name; its annotation files beside it are not', () => {
  assert.deepEqual(annotationNames([ishne('holter.ecg')]), []);
  assert.deepEqual(annotationNames([ishne('HOLTER.ECG'), bytes('holter.ann'), bytes('holter.ii')]), ['holter.ann', 'holter.ii']);
  assert.deepEqual(annotationNames([ishne('day1.bin'), bytes('day1.atr')]), ['day1.atr']);
  // A WFDB annotation file named .ecg (no magic) is still one.
  assert.deepEqual(annotationNames([text('100.hea', '100 1 360 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n'), bytes('100.dat'), bytes('100.ecg')]),
                   ['100.ecg']);
  assert.deepEqual(annotationNames([bytes('holter.ecg')]), ['holter.ecg']);
});
