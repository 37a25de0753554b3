// The page's scorer (web/scoring.js, fed by the C++ annotation reader through the wasm module)
// against the project's reference implementation (training/scoring.py fed by training/ludb.py's
// own reader) on the 40 LUDB test records, every lead against its own file: the model's marks as
// they come, and a perturbed copy (every fourth onset dropped, a stray onset after every fifth
// offset, offsets shifted by 3 samples) so misses and false positives are exercised too. Counts
// must be equal, every error and the pooled Se, PPV, mean and SD equal to 1e-9. Record 95 has
// paced beats without '(' : the missing-boundary rule is in play. On the same records the page's
// edit model, untouched, gives each beat the QRS across the leads that the core computed
// (web/edits.js beats() = annotate/beat_extent.cpp).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { MarkEdits } from '../../web/edits.js';
import { referenceFromMarks, scoreLead, summarise } from '../../web/scoring.js';
import { loadAnnotator, ludbDir, ludbFile, sourceDir } from './helpers.mjs';

const LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const RECORDS = Array.from({ length: 40 }, (_, k) => 5 * (k + 1));

function perturbed(qrs) {
  const onsets = qrs.filter((_, i) => i % 4 !== 1).map((q) => q.onset);
  qrs.forEach((q, i) => { if (i % 5 === 2) onsets.push(q.offset + 40); });
  return { onsets, offsets: qrs.map((q) => q.offset + 3) };
}

function python(args, input) {
  return JSON.parse(execFileSync('/usr/bin/python3', [path.join(sourceDir, 'tests', 'js', 'ludb_reference.py'), ...args],
                                 { input, maxBuffer: 256 << 20, encoding: 'utf8' }));
}

const close = (a, b) => (a === null || Number.isNaN(a) ? b === null || Number.isNaN(b) : Math.abs(a - b) <= 1e-9);

test('page scorer = training/scoring.py on the LUDB test split', async () => {
  const annotator = await loadAnnotator({ variant: 'simd' });
  const jobs = { model: [], perturbed: [] };
  const ours = { model: [], perturbed: [] };
  let unscoredBoundaries = 0;
  for (const record of RECORDS) {
    const { records: [r] } = await annotator.readFile(`${record}.hea`, ludbFile(`${record}.hea`), [{ name: `${record}.dat`, bytes: ludbFile(`${record}.dat`) }]);
    const result = annotator.annotate(r.leads.map((l) => l.samples), r.fs, { leadNames: r.leads.map((l) => l.name) });
    const pageBeats = new MarkEdits(result).beats();
    assert.equal(pageBeats.length, result.beats.length, `record ${record} beats`);
    pageBeats.forEach((b, k) => {
      assert.equal(b.firstOnset, result.beats[k].firstOnset, `record ${record} beat ${k} first onset`);
      assert.equal(b.lastOffset, result.beats[k].lastOffset, `record ${record} beat ${k} last offset`);
    });
    const files = annotator.readAnnotations(LEADS.map((lead) => ({ name: `${record}.${lead}`, bytes: ludbFile(`${record}.${lead}`) })));
    files.forEach((file, i) => {
      assert.equal(file.error, '', file.file);
      const reference = referenceFromMarks(file.marks);
      unscoredBoundaries += reference.onsets.filter((v) => !Number.isFinite(v)).length;
      const qrs = result.leads[i].qrs;
      const variants = { model: { onsets: qrs.map((q) => q.onset), offsets: qrs.map((q) => q.offset) }, perturbed: perturbed(qrs) };
      for (const [name, { onsets, offsets }] of Object.entries(variants)) {
        jobs[name].push({ file: path.join(ludbDir, `${record}.${LEADS[i]}`), onsets, offsets });
        ours[name].push(scoreLead(reference, onsets, offsets, r.fs));
      }
    });
  }
  annotator.dispose();
  assert.ok(unscoredBoundaries > 0, 'some reference beat lacks a boundary (record 95)');

  for (const name of ['model', 'perturbed']) {
    const theirs = python(['score'], JSON.stringify({ fs: 500, leads: jobs[name] }));
    assert.equal(theirs.leads.length, ours[name].length);
    theirs.leads.forEach((lead, i) => {
      for (const kind of ['onset', 'offset']) {
        const mine = ours[name][i][kind];
        const where = `${name} ${path.basename(jobs[name][i].file)} ${kind}`;
        assert.deepEqual([mine.tp, mine.fn, mine.fp], [lead[kind].tp, lead[kind].fn, lead[kind].fp], where);
        assert.equal(mine.errorsMs.length, lead[kind].errors_ms.length, where);
        mine.errorsMs.forEach((e, k) => assert.ok(close(e, lead[kind].errors_ms[k]), `${where} error ${k}: ${e} vs ${lead[kind].errors_ms[k]}`));
      }
    });
    const summary = summarise(ours[name]);
    for (const kind of ['onset', 'offset']) {
      const s = summary[kind];
      const t = theirs.summary[kind];
      console.log(`${name} ${kind}: Se ${s.se.toFixed(2)} PPV ${s.ppv.toFixed(2)} mean ${s.meanMs.toFixed(2)} SD ${s.sdMs.toFixed(2)} ms` +
                  ` (TP ${s.tp} FN ${s.fn} FP ${s.fp})`);
      assert.deepEqual([s.tp, s.fn, s.fp], [t.tp, t.fn, t.fp], `${name} ${kind} counts`);
      for (const [mine, key] of [[s.se, 'se'], [s.ppv, 'ppv'], [s.meanMs, 'mean_ms'], [s.sdMs, 'sd_ms']]) {
        assert.ok(close(mine, t[key]), `${name} ${kind} ${key}: ${mine} vs ${t[key]}`);
      }
    }
    if (name === 'perturbed') assert.ok(summary.onset.fn > 0 && summary.onset.fp > 0, 'the perturbed marks miss and over-detect');
  }
});
