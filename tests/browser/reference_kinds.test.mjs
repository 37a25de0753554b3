// Reference annotation files by what they mark, on the page in real Chromium: an .atr of beat
// labels only (MIT-BIH, INCART) is compared for beat detection, without onset or offset scores, in
// the panel, the beat table and the JSON export; a .q1c of selected beats (QTDB) is its own row,
// scored without FP or PPV. Made from LUDB record 1's lead ii file (its 'N' marks: the peaks, and
// its '(' 'N' ')' complexes), written as MIT annotation files by the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ludbFile } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath } from './chromium.mjs';
import { readWfdbAnnotations, writeWfdbAnnotations } from './wfdb_annotations.mjs';

const session = pageSession();

const file = (name, buffer = ludbFile(name)) => ({ name, mimeType: 'application/octet-stream', buffer });
const drop = (page, files) => page.setInputFiles('#file-input', files);
const panelRows = (page) => page.$$eval('#reference-summary tbody tr', (rows) => rows.map((r) =>
  [r.dataset.kind, r.dataset.files, ...[...r.children].slice(3).map((td) => td.textContent)]));
const notes = (page) => page.$$eval('#reference-notes li', (items) => items.map((li) => li.textContent));
async function exportedReference(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')).files[0].records[0].reference;
}

const ludbMarks = (name) => readWfdbAnnotations(Uint8Array.from(ludbFile(name)));

test('an .atr of beat labels only is compared for beat detection: Se and PPV, no boundaries', () => onReadyPage(session, async (page) => {
  const peaks = ludbMarks('1.ii').filter((m) => m.symbol === 'N').map((m) => ({ sample: m.sample, symbol: 'N' }));
  const atr = writeWfdbAnnotations([{ sample: 0, symbol: '+' }, ...peaks]);
  await drop(page, [file('1.hea'), file('1.dat'), file('1.atr', atr)]);
  await page.waitForSelector('#reference-panel:not([hidden])', { timeout: 120000 });
  const rows = await panelRows(page);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const [kind, files, tp, fn, fp, se, ppv, meanSd] = rows[0];
  assert.deepEqual([kind, files, meanSd], ['beat', '1.atr', 'n/a']);
  assert.equal(Number(tp) + Number(fn), peaks.length);
  assert.ok(Number(se) > 90 && Number(ppv) > 90, `Se ${se}, PPV ${ppv} (TP ${tp}, FN ${fn}, FP ${fp})`);
  assert.ok((await notes(page)).some((n) => /^1\.atr marks beats, not QRS boundaries/.test(n)));
  assert.ok(!(await notes(page)).some((n) => /—/.test(n)), 'no placeholder times');
  const diffs = await page.$$eval('#results tbody tr td.diff', (cells) => cells.map((c) => [c.textContent, c.title]));
  assert.ok(diffs.length && diffs.every(([text, title]) => text === 'n/a' && /marks beats, not QRS boundaries/.test(title)));
  await page.screenshot({ path: screenshotPath('reference-beat-labels.png'), fullPage: true });

  const reference = await exportedReference(page);
  assert.equal(reference.summaries.length, 1);
  const [summary] = reference.summaries;
  assert.deepEqual([summary.kind, summary.files, summary.beat.tp], ['beats', ['1.atr'], Number(tp)]);
  assert.ok(summary.beat.ppv > 90);
  assert.equal(summary.onset, undefined);
  assert.match(summary.note, /marks beats, not QRS boundaries/);
}));

// QTDB-style: a .q1c bracketing every other beat (from LUDB's lead ii file) with the .atr's beat
// labels, dropped together: each is its own row, and the .q1c, a file of selected beats, has no
// FP or PPV, in the panel and the JSON export.
test('a record\'s files are listed one by one; a file of selected beats is scored without PPV', () => onReadyPage(session, async (page) => {
  const marks = ludbMarks('1.ii');
  const beats = marks.flatMap((m, k) => (m.symbol === 'N' && marks[k - 1]?.symbol === '(' && marks[k + 1]?.symbol === ')' ? [k] : []));
  const q1c = writeWfdbAnnotations(beats.filter((_, i) => i % 2 === 0).flatMap((k) => marks.slice(k - 1, k + 2)));
  const atr = writeWfdbAnnotations(beats.map((k) => ({ sample: marks[k].sample, symbol: 'N' })));
  await drop(page, [file('1.hea'), file('1.dat'), file('1.q1c', q1c), file('1.atr', atr)]);
  await page.waitForFunction(() => document.querySelectorAll('#reference-summary tbody tr').length === 3, null, { timeout: 120000 });
  const rows = await panelRows(page);
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), [['onset', '1.q1c'], ['offset', '1.q1c'], ['beat', '1.atr']]);
  for (const [, , tp, fn, fp, se, ppv] of rows.slice(0, 2)) {
    assert.equal(Number(tp) + Number(fn), Math.ceil(beats.length / 2));
    assert.deepEqual([fp, ppv], ['n/a', 'n/a']);
    assert.ok(Number(se) > 90, se);
  }
  assert.ok((await notes(page)).some((n) => /^1\.q1c brackets \d+ of the \d+ beats in its span .*PPV does not apply/.test(n)));
  await page.screenshot({ path: screenshotPath('reference-selected-beats.png'), fullPage: true });
  const reference = await exportedReference(page);
  assert.deepEqual(reference.summaries.map((s) => [s.files.join(), s.kind]), [['1.q1c', 'selected'], ['1.atr', 'beats']]);
  assert.deepEqual([reference.summaries[0].onset.fp, reference.summaries[0].onset.ppv], [null, null]);
  // The keys of the export before (scripts read them): the first file for the record as a whole.
  assert.equal(reference.pooledOverLeads, null);
  assert.deepEqual([reference.acrossTheLeads.files, reference.acrossTheLeads.onset.tp], [['1.q1c'], Number(rows[0][2])]);
}));
