// Corrections kept in the browser (web/kept-page.js), in real Chromium on LUDB record 5: leaving
// a tab with corrections in no export asks first (beforeunload), and not once they are exported;
// a new tab, or the same one after F5, gets the corrections back when the record is dropped again
// (exported again: the same), one undo step from the model's, and 'Forget saved corrections'
// forgets them. Without storage (refused, or full) the page says so and works on. With two
// records open, the status never offers an undo the record on screen has not. Nothing is sent
// anywhere, no error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir } from '../js/helpers.mjs';
import { assertClean, onReadyPage, openReadyPage, pageSession, screenshotPath, tabTo } from './chromium.mjs';

const session = pageSession();
const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-kept-'));
const RECORD = ['5.hea', '5.dat'].map((f) => path.join(ludbDir, f));
const keep = { keepStorage: true };

const status = (page) => page.textContent('#status');
const edits = (page) => page.getAttribute('#summary', 'data-edits');
const editsAre = (page, n) => page.waitForFunction((k) => document.querySelector('#summary')?.dataset.edits === k, String(n), { timeout: 30000 });
const forgetButton = (page) => page.$eval('#forget-kept', (b) => (b.hidden ? null : b.textContent));
const forgetShows = (page, text) => page.waitForFunction((t) => {
  const b = document.querySelector('#forget-kept');
  return t === null ? b.hidden : !b.hidden && b.textContent === t;
}, text, { timeout: 30000 });

async function openRecord5(page) {
  await page.setInputFiles('#file-input', RECORD);
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('5 — ')
    && document.querySelector('#summary[data-beats]'), null, { timeout: 120000 });
}

// Beat 2's QRS in lead i deleted, then beat 3 deleted whole: by keyboard, as a person would.
async function correct(page) {
  await page.mouse.click(5, 5);
  await tabTo(page, '#results tbody tr:first-child');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Beat 2 ('));
  const more = async (key) => {
    const before = Number(await edits(page));
    await page.keyboard.press(key);
    await page.waitForFunction((n) => Number(document.querySelector('#summary').dataset.edits) > n, before, { timeout: 30000 });
  };
  await more('Delete');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Beat 3 ('));
  await more('Shift+Delete');
}

async function exportedRecord(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const to = path.join(saved, name);
  await file.saveAs(to);
  return JSON.parse(fs.readFileSync(to, 'utf8')).files[0].records[0];
}

// Closing the tab as a person does (its beforeunload handlers run): the dialog's type, or null
// when it closed without asking. An asking tab is kept open (the person stays).
async function tryToClose(page) {
  let asked = null;
  page.once('dialog', async (dialog) => {
    asked = dialog.type();
    await dialog.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  const closed = page.isClosed() || await page.waitForEvent('close', { timeout: 3000 }).then(() => true, () => false);
  return closed ? null : asked;
}

let corrected; // record 5 as exported once corrected
test('leaving with corrections in no export asks first; once exported, it does not', async () => {
  const watched = await openReadyPage(session);
  const { page } = watched;
  await openRecord5(page);
  await correct(page);
  assert.equal(await tryToClose(page), 'beforeunload');
  assert.equal(page.isClosed(), false, 'the person stayed');
  assert.match(await page.textContent('#kept-note'), /saved in this browser only \(never sent anywhere\)/);
  await forgetShows(page, 'Forget saved corrections (1 record)');
  corrected = await exportedRecord(page, 'first.json');
  assert.equal(corrected.edits, Number(await edits(page)));
  assertClean(watched);
  assert.equal(await tryToClose(page), null);
  assert.equal(page.isClosed(), true);
});

test('a new tab: record 5 dropped again has its corrections back, one undo from the model\'s; Forget forgets them', () => onReadyPage(session, async (page) => {
  await forgetShows(page, 'Forget saved corrections (1 record)');
  await openRecord5(page);
  await editsAre(page, corrected.edits);
  assert.equal(await status(page), "Annotated 1 file; the corrections of '5' saved in this browser are back (Ctrl+Z goes back to " +
                                   "the model's marks; 'Forget saved corrections', above, deletes them from this browser).");
  assert.equal(await page.textContent('.file-entry .meta'), 'wfdb · marks from this browser');
  await page.screenshot({ path: screenshotPath('kept-corrections-back.png'), fullPage: true });
  assert.deepEqual(await exportedRecord(page, 'again.json'), corrected, 'exported again: the same marks');

  await page.click('#record-title');
  await page.keyboard.press('Control+z');
  assert.equal(await status(page), 'Undid: restore the corrections saved in this browser.');
  await editsAre(page, 0);
  await forgetShows(page, null); // back at the model's marks: nothing left to keep
  await page.keyboard.press('Control+Shift+z');
  await editsAre(page, corrected.edits);
  await forgetShows(page, 'Forget saved corrections (1 record)');
  await page.click('#forget-kept');
  await forgetShows(page, null);
  assert.match(await status(page), /^Forgot the corrections of 1 record saved in this browser\. The marks on screen stay as they are/);
}, keep));

test('F5 with corrections: after the reload, the record dropped again has them back', () => onReadyPage(session, async (page) => {
  await openRecord5(page);
  await correct(page);
  const count = await edits(page);
  await forgetShows(page, 'Forget saved corrections (1 record)');
  page.once('dialog', (dialog) => dialog.accept()); // "Leave site?": yes
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  assert.equal(await page.$eval('#files', (s) => s.hidden), true, 'a reload opens no file');
  await openRecord5(page);
  await editsAre(page, count);
}));

test('storage refused: the page says so, corrects and asks before leaving all the same', async () => {
  const watched = await openReadyPage(session, { keepStorage: true, beforeLoad: (page) => page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('storage is disabled for this site', 'SecurityError'); } });
  }) });
  const { page } = watched;
  assert.equal(await page.textContent('#kept-note .text'), 'Corrections cannot be kept in this browser: this browser does not let the page keep ' +
                                                          'them (SecurityError: storage is disabled for this site); export JSON to keep them.');
  await openRecord5(page);
  await correct(page);
  assertClean(watched);
  assert.equal(await tryToClose(page), 'beforeunload');
  await page.close();
});

test('storage full: the status says the corrections could not be kept, and the note while it lasts; the page works on', () => onReadyPage(session, async (page) => {
  const full = "The corrections of record '5' could not be kept in this browser: this browser's storage for the page " +
               'is full (QuotaExceededError); export JSON to keep them.';
  await openRecord5(page);
  await page.mouse.click(5, 5);
  await tabTo(page, '#results tbody tr:first-child');
  await page.keyboard.press('Delete');
  await editsAre(page, 1);
  await page.waitForFunction(() => document.querySelector('#status').classList.contains('error'), null, { timeout: 30000 });
  assert.equal(await status(page), full);
  await correct(page); // more corrections: the status goes on with them, the note keeps saying it
  assert.equal(await page.textContent('#kept-note .text'), full);
  assert.equal(await page.$eval('#kept-note', (p) => p.classList.contains('error')), true);
  assert.equal(await forgetButton(page), null);
}, { beforeLoad: (page) => page.addInitScript(() => {
  IDBObjectStore.prototype.put = function put() { throw new DOMException('the quota has been exceeded', 'QuotaExceededError'); };
}) }));

test('switching records: the status offers no undo the record on screen has not', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', [...RECORD, ...['6.hea', '6.dat'].map((f) => path.join(ludbDir, f))]);
  await page.waitForFunction(() => document.querySelectorAll('.file-entry').length === 2 && document.querySelector('#summary[data-beats]'),
                             null, { timeout: 120000 });
  await page.click('.file-entry[data-file="5.hea"] button.open');
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('5 — '));
  await correct(page);
  assert.match(await status(page), /\(Ctrl\+Z undoes it\)\.$/);
  await page.click('.file-entry[data-file="6.hea"] button.open');
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('6 — '));
  assert.equal(await page.$eval('#undo', (b) => b.disabled), true);
  assert.equal(await status(page), "Showing record '6': nothing to undo in it (each record has its own undo).");
  await page.click('.file-entry[data-file="5.hea"] button.open');
  assert.equal(await status(page), "Showing record '5': Ctrl+Z undoes its last change (delete beat).");
}));
