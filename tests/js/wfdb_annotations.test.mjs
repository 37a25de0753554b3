// WFDB annotation files through the JS module (src/formats/wfdb_annotation*.cpp via Embind):
// LUDB's files read as training/ludb.py's separate parser reads them; the marks of record 5 written
// as '(' 'N' ')' files per lead and for the beats, which that independent reader reads back at the
// rounded positions; the source tag in each mark's aux text; readable errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { loadAnnotator, ludbDir, ludbFile, readRecord5, sourceDir } from './helpers.mjs';

const LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

function independentRead(paths) {
  return JSON.parse(execFileSync('/usr/bin/python3', [path.join(sourceDir, 'tests', 'js', 'ludb_reference.py'), 'read', ...paths],
                                 { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('LUDB annotation files read as training/ludb.py reads them', async () => {
  const annotator = await loadAnnotator();
  const names = ['5', '95', '200'].flatMap((r) => LEADS.map((l) => `${r}.${l}`));
  const ours = annotator.readAnnotations(names.map((name) => ({ name, bytes: ludbFile(name) })));
  const theirs = independentRead(names.map((n) => path.join(ludbDir, n)));
  ours.forEach((file, i) => {
    assert.equal(file.error, '');
    assert.equal(file.file, names[i]);
    assert.deepEqual(file.marks.map((m) => [m.sample, m.symbol]), theirs[path.join(ludbDir, names[i])], names[i]);
    assert.ok(file.marks.every((m) => m.chan === 0 && m.aux === ''));
  });
  annotator.dispose();
});

test('record 5 marks written as WFDB files, read back by the independent reader', async () => {
  const annotator = await loadAnnotator();
  const record = await readRecord5(annotator);
  const result = annotator.annotate(record.leads.map((l) => l.samples), record.fs, { record: '5', leadNames: record.leads.map((l) => l.name) });
  const leads = record.leads.map((l, i) => ({
    name: l.name, samples: l.samples,
    qrs: result.leads[i].qrs.map((q, k) => ({ onset: q.onset, offset: q.offset, source: i === 1 && k === 0 ? 'edited' : 'model' })),
  }));
  const beats = result.beats.map((b) => ({ onset: b.firstOnset, offset: b.lastOffset }));
  const files = annotator.writeQrsAnnotations('5', leads, beats);
  assert.deepEqual(files.map((f) => f.name), [...LEADS.map((l) => `5.${l}`), '5.qrs']);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-wfdb-'));
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.bytes);
  const theirs = independentRead(files.map((f) => path.join(dir, f.name)));
  const expectComplexes = (marks, complexes, what) => {
    assert.equal(marks.length, complexes.length * 3, what);
    complexes.forEach((q, k) => {
      const [[on, s0], [peak, s1], [off, s2]] = marks.slice(3 * k, 3 * k + 3);
      assert.deepEqual([s0, s1, s2], ['(', 'N', ')'], what);
      assert.equal(on, Math.round(q.onset), `${what} onset ${k}`);
      assert.equal(off, Math.round(q.offset), `${what} offset ${k}`);
      assert.ok(peak > on && peak < off, `${what} peak ${k} inside its complex`);
    });
  };
  leads.forEach((lead, i) => expectComplexes(theirs[path.join(dir, files[i].name)], lead.qrs, files[i].name));
  expectComplexes(theirs[path.join(dir, '5.qrs')], beats, '5.qrs');

  // The tag of each mark is in its aux text; our reader gives it back.
  const back = annotator.readAnnotations(files.slice(0, 2));
  assert.deepEqual(back[1].marks.slice(0, 4).map((m) => m.aux), ['edited', 'edited', 'edited', 'model']);
  assert.ok(back[0].marks.every((m) => m.aux === 'model'));
  // The 'N' of lead ii's first complex is its largest deflection from the chord onset-offset.
  const ii = record.leads[1].samples;
  const [on, peak, off] = back[1].marks.slice(0, 3).map((m) => m.sample);
  const distance = (k) => Math.abs(ii[k] - (ii[on] + ((ii[off] - ii[on]) * (k - on)) / (off - on)));
  for (let k = on + 1; k < off; ++k) assert.ok(distance(k) <= distance(peak) + 1e-6, `sample ${k} deflects more than the N at ${peak}`);
  fs.rmSync(dir, { recursive: true, force: true });

  // Without beats there is no beat file (one of 2 bytes would say "no beats"); [] writes that one.
  assert.deepEqual(annotator.writeQrsAnnotations('5', leads).map((f) => f.name), LEADS.map((l) => `5.${l}`));
  assert.deepEqual(annotator.writeQrsAnnotations('5', leads, null).map((f) => f.name), LEADS.map((l) => `5.${l}`));
  const none = annotator.writeQrsAnnotations('5', leads, []);
  assert.equal(none.at(-1).name, '5.qrs');
  assert.deepEqual(annotator.readAnnotations(none.slice(-1))[0].marks, []);
  annotator.dispose();
});

test('a bad annotation file gets a readable error; the others are read', async () => {
  const annotator = await loadAnnotator();
  const [bad, good] = annotator.readAnnotations([{ name: '5.x', bytes: new Uint8Array([1, 2, 3]) }, { name: '5.ii', bytes: ludbFile('5.ii') }]);
  assert.match(bad.error, /^5\.x: 3 bytes, an odd length/);
  assert.deepEqual(bad.marks, []);
  assert.equal(good.error, '');
  assert.equal(good.marks.length, 57);
  assert.throws(() => annotator.writeQrsAnnotations('5', [{ name: 'i', samples: new Float32Array(10), qrs: [{ onset: -5, offset: 2 }] }]),
                /before the record's start/);
  annotator.dispose();
});
