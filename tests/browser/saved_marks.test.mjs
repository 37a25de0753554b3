// Going on with corrected marks after the tab was closed, in real Chromium on LUDB record 5: marks
// corrected (a QRS deleted, an onset moved), exported as JSON and CSV; in a fresh tab the JSON
// export dropped alone waits for its record (its card names it), and with the record it puts the
// marks back as they were exported (export again: the same), one undo step from the model's; the
// CSV export dropped with the record does the same. An export that does not fit the record, or is
// damaged, gets an error card saying so, and the record opens all the same. No request but to
// 127.0.0.1, no error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath, tabTo } from './chromium.mjs';

const session = pageSession();
const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-saved-marks-'));
const RECORD = [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')];

const status = (page) => page.textContent('#status');
const editCount = async (page) => Number(await page.getAttribute('#summary', 'data-edits'));
const problemCards = (page) => page.$$eval('.file-entry.error, .file-entry.waiting', (cards) => cards.map((c) => ({
  kind: c.classList.contains('waiting') ? 'waiting' : 'error', message: c.querySelector('.message').textContent, hint: c.querySelector('.hint')?.textContent,
})));
const waitForRecord = (page) => page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('5 — ')
  && document.querySelector('#summary[data-beats]'), null, { timeout: 120000 });

async function download(page, button, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const to = path.join(saved, name);
  await file.saveAs(to);
  return to;
}
const exportedRecord = async (page) => JSON.parse(fs.readFileSync(await download(page, '#export-json', 'again.json'), 'utf8')).files[0].records[0];

// The exports of a session that corrected record 5: {json, csv, record: the JSON's record}.
let exports;
test('a corrected record exported as JSON and CSV', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', RECORD);
  await waitForRecord(page);
  await page.mouse.click(5, 5);
  await tabTo(page, '#results tbody tr:first-child');
  // Each key once the page shows the last one's effect, as a person looking at it types: on a
  // loaded machine (CI) keys pressed back to back reached a table still being rebuilt after Delete.
  const pressThenSee = async (key, seen) => {
    await page.keyboard.press(key);
    await page.waitForFunction(seen, null, { timeout: 30000 });
  };
  const statusStarts = (text) => new Function(`return document.querySelector('#status').textContent.startsWith(${JSON.stringify(text)});`);
  for (const beat of [2, 3, 4]) await pressThenSee('ArrowDown', statusStarts(`Beat ${beat} (`));
  await pressThenSee('Delete', () => document.querySelector('#summary').dataset.edits === '1'); // beat 4's QRS in lead i
  await pressThenSee('ArrowUp', statusStarts('Beat 3 ('));
  await pressThenSee('[', statusStarts('Took the onset'));
  await pressThenSee('Shift+ArrowLeft', statusStarts('Onset at')); // beat 3's onset in lead i, 10 ms earlier
  await pressThenSee('Enter', () => document.querySelector('#summary').dataset.edits === '2');
  exports = { json: await download(page, '#export-json', 'qrs-annotations.json'), csv: await download(page, '#export-csv', 'qrs-annotations.csv') };
  exports.record = JSON.parse(fs.readFileSync(exports.json, 'utf8')).files[0].records[0];
  assert.equal(exports.record.edits, 2);
}));

test('the JSON export dropped alone waits for its record; with it, the marks are as exported, one undo from the model\'s', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', [exports.json]);
  await page.locator('.file-entry.waiting').waitFor();
  assert.deepEqual(await problemCards(page), [{
    kind: 'waiting',
    message: "qrs-annotations.json: this page's JSON export of the marks of record '5' (from 5.hea), but no such record is open: " +
             "drop it with that record's files (or after them) to go on with these marks",
    hint: 'Held: it is used as soon as you drop that record.',
  }]);
  assert.equal(await status(page), '1 file waits for another file (see below).');
  await page.screenshot({ path: screenshotPath('saved-marks-waiting.png'), fullPage: true });

  await page.setInputFiles('#file-input', RECORD);
  await waitForRecord(page);
  await page.waitForFunction(() => document.querySelector('#summary').dataset.edits === '2');
  assert.equal(await status(page), "Annotated 1 file; the marks of '5' restored from qrs-annotations.json (Ctrl+Z goes back to the marks before).");
  assert.deepEqual(await problemCards(page), []);
  assert.equal(await page.textContent('.file-entry .meta'), 'wfdb · marks from qrs-annotations.json');
  assert.match(await page.textContent('#results tbody tr:nth-child(3) td:first-child'), /^✎ 3$/);
  await page.screenshot({ path: screenshotPath('saved-marks-restored.png'), fullPage: true });
  assert.deepEqual(await exportedRecord(page), exports.record, 'exported again: the same marks, tags, model positions, deletions, beats');

  await page.click('#record-title');
  await page.keyboard.press('Control+z');
  assert.equal(await status(page), 'Undid: restore the marks of qrs-annotations.json.');
  await page.waitForFunction(() => document.querySelector('#summary').dataset.edits === '0');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelector('#summary').dataset.edits === '2');
}));

test('the CSV export dropped with its record restores the same marks', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', [...RECORD, exports.csv]);
  await waitForRecord(page);
  await page.waitForFunction(() => document.querySelector('#summary').dataset.edits === '2');
  assert.equal(await status(page), "Annotated 1 file; the marks of '5' restored from qrs-annotations.csv (Ctrl+Z goes back to the marks before).");
  assert.deepEqual(await problemCards(page), []);
  assert.deepEqual(await exportedRecord(page), exports.record);
}));

test('an export that does not fit its record, or is damaged, gets an error card; the record opens', () => onReadyPage(session, async (page) => {
  const doc = JSON.parse(fs.readFileSync(exports.json, 'utf8'));
  doc.files[0].records[0].fs = 250;
  const other = path.join(saved, 'at-250-hz.json');
  fs.writeFileSync(other, JSON.stringify(doc, null, 2));
  const cut = path.join(saved, 'cut.json');
  fs.writeFileSync(cut, fs.readFileSync(exports.json, 'utf8').slice(0, 500));
  await page.setInputFiles('#file-input', [...RECORD, other, cut]);
  await waitForRecord(page);
  await page.waitForFunction(() => document.querySelectorAll('.file-entry.error').length === 2);
  const [fits, damaged] = (await problemCards(page)).map((c) => c.message).sort();
  assert.equal(fits, "at-250-hz.json: its marks of record '5' (from 5.hea) do not fit the open record '5': it is at 250 Hz, the record at 500 Hz");
  assert.match(damaged, /^cut\.json: this page's JSON export of marks, which cannot be read back: it starts as this page's JSON export but is not valid JSON \(.+\)$/);
  assert.equal(await editCount(page), 0, 'the record keeps the model\'s marks');
  assert.match(await status(page), /^Annotated 1 file; 2 files could not be read \(see below\)\.$/);
  await page.locator('#files').screenshot({ path: screenshotPath('saved-marks-refused.png') });
}));
