// Reference annotations on the page (web/references.js, web/scoring.js) on hand-made marks: which
// lead a file belongs to, the protocol's counts and errors, the missing-boundary rule, per-beat
// differences and the beats the marks miss. The same protocol on real LUDB records, against
// training/scoring.py: scoring_parity.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assignReferences, compareWithReferences, findName, marksAtRate, splitAnnotationName } from '../../web/references.js';
import { matchNearestFirst, referenceFromMarks, scoreLead, summarise } from '../../web/scoring.js';

const marks = (...triples) => triples.flatMap(([on, peak, off]) => [
  ...(on === null ? [] : [{ sample: on, symbol: '(' }]), { sample: peak, symbol: 'N' },
  ...(off === null ? [] : [{ sample: off, symbol: ')' }])]);

// QTDB-style delineation: each beat's own label between '(' and ')' (a PVC 'V', a paced beat '/'),
// and P and T waves bracketed the same way, which are not beats.
test('a reference takes every beat label as a QRS, and no wave', () => {
  const sym = (sample, symbol) => ({ sample, symbol });
  const reference = referenceFromMarks([
    sym(100, '('), sym(120, 'p'), sym(140, ')'),
    sym(200, '('), sym(230, 'N'), sym(250, ')'), sym(300, '('), sym(350, 't'), sym(400, ')'),
    sym(600, '('), sym(640, 'V'), sym(700, ')'), sym(900, '('), sym(930, '/'), sym(980, ')'),
    sym(1200, '('), sym(1230, 'A'), sym(1250, ')'),
  ]);
  assert.deepEqual(reference.peaks, [230, 640, 930, 1230]);
  assert.deepEqual(reference.onsets, [200, 600, 900, 1200]);
  assert.deepEqual(reference.offsets, [250, 700, 980, 1250]);
});

// wfdb-python's wrann(fs=...) opens the file with a "## time resolution" note at sample 0: it is
// not an annotation, it does not stretch the annotated span to the record's start, and sample
// numbers at another resolution are brought to the record's rate.
test('a time-resolution note is taken out and its rate applied; notes do not widen the span', () => {
  const note = { sample: 0, symbol: '"', aux: '## time resolution: 1000' };
  const beat = [{ sample: 2000, symbol: '(' }, { sample: 2040, symbol: 'N' }, { sample: 2100, symbol: ')' }];
  assert.deepEqual(marksAtRate([note, ...beat], 500).map((m) => m.sample), [1000, 1020, 1050]);
  assert.deepEqual(marksAtRate([{ ...note, aux: '## time resolution: 500' }, ...beat], 500).map((m) => m.sample), [2000, 2040, 2100]);
  assert.deepEqual(marksAtRate(beat, 500), beat); // no note: as they are
  const rhythm = { sample: 10, symbol: '+', aux: '(N' };
  assert.deepEqual(referenceFromMarks([rhythm, ...beat, { sample: 9000, symbol: '"', aux: 'end' }]).span, [2000, 2100]);
  const { unused, global } = assignReferences([{ file: '5.atr', marks: [rhythm] }], ['i']);
  assert.equal(global.length, 0);
  assert.match(unused.join('\n'), /5\.atr: no beats or waves in it/);
});

test('annotation names: record and annotator', () => {
  assert.deepEqual(splitAnnotationName('data/5.ii'), { record: '5', annotator: 'ii' });
  assert.deepEqual(splitAnnotationName('sel100.q1c'), { record: 'sel100', annotator: 'q1c' });
});

// As the core finds a header's files (src/formats/name_lookup.h): exactly first, else ignoring case.
test('an annotation file finds its record by name, exactly first, else ignoring case', () => {
  assert.deepEqual(findName(['sel100', 'SEL100', '5'], 'SEL100'), [1]);
  assert.deepEqual(findName(['5', 'sel100', '7'], 'SEL100'), [1]);
  assert.deepEqual(findName(['sel100', '5', 'Sel100', 'sel100'], 'SEL100'), [0, 2, 3]);
  assert.deepEqual(findName(['5', '7'], 'SEL100'), []);
  assert.deepEqual(findName(['straße'], 'STRASSE'), [], 'ASCII case only');
});

test('files go to the lead they name, channels to leads, the rest are global', () => {
  const leadNames = ['I', 'II', 'aVR', 'V1'];
  const chan = (c) => (m) => ({ ...m, chan: c });
  const { leads, global, unused } = assignReferences([
    { file: '5.ii', marks: marks([10, 20, 30]) },
    { file: '5.avr', marks: marks([11, 21, 31]) },
    { file: 'x.pu', marks: [...marks([1, 2, 3]).map(chan(0)), ...marks([4, 5, 6]).map(chan(3)), ...marks([7, 8, 9]).map(chan(9))] },
    { file: '5.q1c', marks: marks([12, 22, 32]) },
    { file: '5.empty', marks: [] },
  ], leadNames);
  assert.deepEqual([...leads.keys()].sort(), [0, 1, 2, 3]);
  assert.equal(leads.get(1).source, '5.ii');
  assert.equal(leads.get(2).source, '5.avr');
  assert.equal(leads.get(3).source, 'x.pu (channel 3)');
  assert.deepEqual(leads.get(3).marks.map((m) => m.sample), [4, 5, 6]);
  assert.deepEqual(global.map((g) => g.source), ['5.q1c']);
  assert.equal(unused.length, 2);
  assert.match(unused.join('\n'), /channel 9 names no lead/);
  assert.match(unused.join('\n'), /5\.empty: no annotations/);
});

test('nearest pairs first, one to one, within the tolerance', () => {
  const { pairs, refLeft, detLeft } = matchNearestFirst([100, 110], [108, 300], 50);
  assert.deepEqual(pairs, [[1, 0]]);
  assert.deepEqual(refLeft, [0]);
  assert.deepEqual(detLeft, [1]);
});

test('protocol counts: span, tolerance, the missing-boundary rule', () => {
  const fs500 = () => 500;
  // 500 Hz: 150 ms = 75 samples. Beat 2 has no '(' (as LUDB record 95's paced beats).
  const reference = referenceFromMarks(marks([1000, 1020, 1050], [null, 1520, 1550], [2000, 2020, 2050]));
  assert.deepEqual(reference.span, [1000, 2050]);
  const score = scoreLead(reference,
    [1004, 1510, 1990, 200, 2120], // 1510 near the unmarked beat's peak: ignored; 200 outside the span
    [1050, 1556, 2123, 2120, 2126], fs500()); // 2126 is past the span's end + 75
  assert.deepEqual([score.onset.tp, score.onset.fn, score.onset.fp], [2, 0, 1]);
  assert.deepEqual(score.onset.errorsMs, [8, -20]);
  // Offsets: 2120 and 2123 both within 75 of 2050: the nearer one matches, the other is an FP.
  assert.deepEqual([score.offset.tp, score.offset.fn, score.offset.fp], [3, 0, 1]);
  assert.deepEqual(score.offset.errorsMs, [0, 12, 140]);
  const summary = summarise([score]);
  assert.equal(summary.onset.se, 100);
  assert.ok(Math.abs(summary.onset.ppv - 200 / 3) < 1e-12);
  assert.equal(summary.onset.meanMs, -6);
  assert.ok(Math.abs(summary.onset.sdMs - Math.sqrt(392)) < 1e-12);
  assert.ok(Number.isNaN(summarise([]).onset.se));
});

test('per beat: the QRS across the leads against the reference, whole samples; missed beats listed', () => {
  const assigned = assignReferences([
    { file: 'r.i', marks: marks([100, 110, 140], [600, 610, 640], [900, 910, 940]) },
    { file: 'r.ii', marks: marks([96, 112, 150], [602, 612, 645]) },
  ], ['i', 'ii']);
  const current = [[{ onset: 100.4, offset: 140 }, { onset: 605, offset: 640 }], [{ onset: 98, offset: 150.2 }, { onset: 603, offset: 641 }]];
  const beats = [{ firstOnset: 98, lastOffset: 150.2 }, { firstOnset: 603, lastOffset: 641 }];
  const result = compareWithReferences(current, beats, assigned, 500);
  assert.deepEqual(result.beats.map((b) => [b.refOnset, b.refOffset, b.onsetMs, b.offsetMs]),
                   [[96, 150, 4, 0], [600, 645, 6, -8]]);
  assert.deepEqual(result.missed.map((m) => [m.refOnset, m.refOffset]), [[900, 940]]);
  const [leadGroup] = result.groups;
  assert.deepEqual([leadGroup.scope, leadGroup.kind, leadGroup.sources], ['each lead vs its own file', 'qrs', ['2 files']]);
  assert.equal(leadGroup.summary.onset.tp, 4);
  assert.equal(leadGroup.summary.onset.fn, 1);
  assert.equal(result.perLead[0].score.onset.errorsMs[0], 0, '100.4 is compared as sample 100');
  // With per-lead files, a record-wide file does not fill in beats they leave out.
  const withGlobal = compareWithReferences(current, [...beats, { firstOnset: 1500, lastOffset: 1540 }],
    assignReferences([...[{ file: 'r.i', marks: marks([100, 110, 140]) }], { file: 'r.atr', marks: marks([1500, 1510, 1540]) }], ['i', 'ii']), 500);
  assert.ok(Number.isNaN(withGlobal.beats[2].onsetMs));
  assert.equal(withGlobal.groups.find((g) => g.scope === 'beats across the leads').summary.onset.tp, 1);
});

// MIT-BIH's and INCART's .atr: a label per beat at its fiducial point, no '(' ')'. Compared for
// beat detection only: a label inside a beat's QRS, or within 150 ms of it, one to one.
test('beat labels without QRS boundaries are compared for beat detection only', () => {
  const label = (sample, symbol = 'N') => ({ sample, symbol });
  const atr = [{ sample: 0, symbol: '+', aux: '(N' }, label(120), label(630, 'V'), { sample: 700, symbol: '~' },
    label(1160), label(1500), label(2100), label(2130)];
  // 500 Hz: 150 ms = 75 samples. Beats: 1100-1140 holds no label but 1160 is 20 samples after it;
  // 1300-1340 has none near (FP); 2090-2140 holds two labels (one is a miss); 1500 has no beat.
  const beats = [[100, 140], [600, 680], [1100, 1140], [1300, 1340], [2090, 2140], [5000, 5040]]
    .map(([firstOnset, lastOffset]) => ({ firstOnset, lastOffset }));
  const assigned = assignReferences([{ file: '100.atr', marks: atr }], ['MLII', 'V5']);
  const result = compareWithReferences([[], []], beats, assigned, 500);
  assert.equal(result.globalScores[0].kind, 'beats');
  const [g] = result.groups;
  assert.deepEqual([g.scope, g.kind, g.sources], ['beats across the leads', 'beats', ['100.atr']]);
  // 5000-5040 is past the labels' span (2130 + 75): not counted.
  assert.deepEqual(g.summary.beat, { tp: 4, fn: 2, fp: 1, se: 400 / 6, ppv: 80 });
  assert.equal(g.summary.onset, undefined, 'no onset or offset scores');
  assert.match(g.note, /^100\.atr marks beats, not QRS boundaries/);
  assert.ok(result.beats.every((b) => Number.isNaN(b.onsetMs) && Number.isNaN(b.offsetMs)));
  assert.deepEqual(result.missed.map((m) => m.at), [1500, 2130]);
  // The same labels as one lead's file: against that lead's complexes.
  const perLead = compareWithReferences([[], [{ onset: 110, offset: 130 }]], beats,
    assignReferences([{ file: '100.v5', marks: atr }], ['MLII', 'V5']), 500);
  assert.deepEqual(perLead.perLead[0].score.beat, { tp: 1, fn: 5, fp: 0, missed: [630, 1160, 1500, 2100, 2130] });
});

// QTDB: the cardiologist's .q1c brackets selected beats, ecgpuwave's .pu0 every beat, the .atr
// labels every beat. Each file is its own reference (never pooled), and one that brackets fewer
// than two thirds of the beats in its span (counted by the other files, else by the beats marked
// now) is scored on the beats it marks, without FP or PPV.
test('files for the record are compared one by one; a file of selected beats has no PPV', () => {
  const sym = (sample, symbol) => ({ sample, symbol });
  const starts = [100, 600, 1100, 1600, 2100, 2600, 3100, 3600, 4100, 4600];
  const bracket = (t) => [sym(t, '('), sym(t + 20, 'N'), sym(t + 50, ')')];
  const q1c = starts.filter((_, i) => i % 2 === 0).flatMap((t) => [...bracket(t - 2), sym(t + 200, 't')]);
  const pu0 = starts.flatMap((t) => bracket(t + 4));
  const atr = starts.map((t) => sym(t + 20, 'N'));
  const beats = starts.map((t) => ({ firstOnset: t, lastOffset: t + 50 }));
  const files = [{ file: 'sel100.q1c', marks: q1c }, { file: 'sel100.pu0', marks: pu0 }, { file: 'sel100.atr', marks: atr }];
  const result = compareWithReferences([[], []], beats, assignReferences(files, ['MLII', 'V5']), 250);
  assert.deepEqual(result.groups.map((g) => [g.sources.join(), g.kind]), [['sel100.q1c', 'selected'], ['sel100.pu0', 'qrs'], ['sel100.atr', 'beats']]);
  const [q, p, a] = result.groups.map((g) => g.summary);
  // q1c: 5 bracketed beats, from 98 to 4148: 9 of the .atr's labels lie in that span.
  assert.deepEqual([q.onset.tp, q.onset.fn, q.onset.fp, q.onset.se, q.onset.ppv], [5, 0, null, 100, null]);
  assert.equal(q.onset.meanMs, 8);
  assert.match(result.groups[0].note, /^sel100\.q1c brackets 5 of the 9 beats in its span .*PPV does not apply/);
  assert.deepEqual([p.onset.tp, p.onset.fp, p.onset.ppv, p.onset.meanMs], [10, 0, 100, -16]);
  assert.deepEqual([a.beat.tp, a.beat.fp], [10, 0]);
  // The table compares against the file that brackets every beat.
  assert.equal(result.rowsSource, 'sel100.pu0');
  assert.ok(result.beats.every((b) => b.onsetMs === -16));

  // Alone, the .q1c is told by the beats marked now: 5 of the 9 in its span.
  const alone = compareWithReferences([[], []], beats, assignReferences([files[0]], ['MLII', 'V5']), 250);
  assert.equal(alone.groups[0].kind, 'selected');
  assert.deepEqual(alone.beats.map((b) => Number.isFinite(b.onsetMs)), starts.map((_, i) => i % 2 === 0));
  // A file that brackets every beat stays a full reference whatever the marks: 10 of 10, or of 14
  // where the marks hold extra beats (10 >= 2/3 of 14).
  const extra = [...beats, ...[350, 850, 1350, 1850].map((t) => ({ firstOnset: t, lastOffset: t + 40 }))].sort((x, y) => x.firstOnset - y.firstOnset);
  const full = compareWithReferences([[], []], extra, assignReferences([files[1]], ['MLII', 'V5']), 250);
  assert.deepEqual([full.groups[0].kind, full.groups[0].summary.onset.fp], ['qrs', 4]);
});
