// Drops of LUDB files on the page, in real Chromium under serve.py's Content-Security-Policy, as
// people make them: a record's files over two drops (.dat first, or .hea first), annotation files
// before their record; the same record twice in one drop, two folders that both hold a record
// '1', a record opened again and annotation files for it; files named in another case than the
// header names them (old CD-ROMs); a PhysioNet Challenge record (.hea + MATLAB .mat); a drop that partly fails, its error cards dismissed one by one
// and all at once; a CSV that states no sampling rate, held until one is typed. What each step
// leaves is read from the file list, the status line and the record on screen. No request but to
// 127.0.0.1, no error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { ludbFile } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath } from './chromium.mjs';

const session = pageSession();

const file = (name, buffer = ludbFile(name)) => ({ name, mimeType: 'application/octet-stream', buffer });
const drop = (page, files) => page.setInputFiles('#file-input', files.map((f) => (typeof f === 'string' ? file(f) : f)));
const waitForTitle = (page, record) => page.waitForFunction((r) => document.querySelector('#record-title').textContent.startsWith(`${r} — `),
                                                            record, { timeout: 120000 });
const status = (page) => page.textContent('#status');
// The cards: records by their names, problems (errors and held files) by class and file.
const recordCards = (page) => page.$$eval('.file-entry:not(.error):not(.waiting)', (cards) => cards.map((c) => ({
  name: c.querySelector('button.open').textContent, meta: c.querySelector('.meta').textContent, selected: c.classList.contains('selected'),
})));
const problemCards = (page) => page.$$eval('.file-entry.error, .file-entry.waiting', (cards) => cards.map((c) => `${c.className.replace('file-entry ', '')} ${c.dataset.file}`));

test('files that wait for another file are held, and used when it comes in a later drop', () => onReadyPage(session, async (page) => {

  // A .dat first, its header in the next drop.
  await drop(page, ['1.dat']);
  const dat = page.locator('.file-entry.waiting', { hasText: '1.dat' });
  await dat.waitFor();
  assert.match(await dat.textContent(), /cannot be read without its header.*Held: it is read as soon as you drop the file it needs/);
  assert.match(await status(page), /^1 file waits for another file \(see below\)\./);
  await page.screenshot({ path: screenshotPath('drops-dat-waiting.png'), fullPage: true });
  await drop(page, ['1.hea']);
  await waitForTitle(page, '1');
  assert.deepEqual(await problemCards(page), []);
  assert.deepEqual((await recordCards(page)).map((c) => c.name), ['1.hea']);
  assert.match(await status(page), /^Annotated 1 file\.$/);

  // A header first, its .dat next.
  await drop(page, ['2.hea']);
  await page.locator('.file-entry.waiting', { hasText: /needs its signal file 2\.dat, which was not found with it/ }).waitFor();
  await drop(page, ['2.dat']);
  await waitForTitle(page, '2');
  assert.deepEqual(await problemCards(page), []);

  // Annotation files before their record, dropped again with it.
  await drop(page, ['7.i', '7.ii']);
  await page.waitForFunction(() => document.querySelectorAll('.file-entry.waiting').length === 2);
  assert.match(await page.textContent('.file-entry.waiting:has-text("7.ii")'), /no record '7' is open.*Held: it is used as soon as you drop that record/);
  await drop(page, ['7.hea', '7.dat', '7.i', '7.ii']);
  await waitForTitle(page, '7');
  await page.waitForSelector('#reference-panel:not([hidden])');
  assert.equal(await page.locator('#reference-leads tbody tr').count(), 2);
  assert.deepEqual(await problemCards(page), []);
  assert.match(await status(page), /^Annotated 1 file; 2 reference annotation files for 7\.$/);

  // Annotation files before their record, which comes alone: the held ones go to it.
  await drop(page, ['8.i', '8.ii', '8.v1']);
  await page.waitForFunction(() => document.querySelectorAll('.file-entry.waiting').length === 3);
  await drop(page, ['8.hea', '8.dat']);
  await waitForTitle(page, '8');
  await page.waitForFunction(() => document.querySelectorAll('#reference-leads tbody tr').length === 3);
  assert.deepEqual(await problemCards(page), []);
  assert.deepEqual((await recordCards(page)).map((c) => c.meta), ['wfdb', 'wfdb', 'wfdb · 2 reference files', 'wfdb · 3 reference files']);
  await page.screenshot({ path: screenshotPath('drops-held-used.png'), fullPage: true });
}));

// Records copied from old PhysioNet CD-ROMs: FIVE.HEA (record 'five') naming five.dat beside
// FIVE.DAT, with FIVE.II and FIVE.V1; a header naming 5.dat dropped with 5.DAT; and a header whose
// .dat comes twice in names that differ only in case, which is refused naming both.
test('a header finds its files and annotation files their record whatever the case of their names', () => onReadyPage(session, async (page) => {
  const header = ludbFile('5.hea').toString('latin1').replace(/^5 /, 'five ').replaceAll('5.dat', 'five.dat');
  await drop(page, [file('FIVE.HEA', Buffer.from(header, 'latin1')), file('FIVE.DAT', ludbFile('5.dat')),
                    file('FIVE.II', ludbFile('5.ii')), file('FIVE.V1', ludbFile('5.v1'))]);
  await waitForTitle(page, 'five');
  await page.waitForSelector('#reference-panel:not([hidden])');
  assert.equal(await page.locator('#reference-leads tbody tr').count(), 2);
  assert.deepEqual(await problemCards(page), []);
  assert.match(await status(page), /^Annotated 1 file; 2 reference annotation files for five\.$/);

  await drop(page, ['5.hea', file('5.DAT', ludbFile('5.dat'))]);
  await waitForTitle(page, '5');
  assert.deepEqual(await problemCards(page), []);

  await drop(page, ['6.hea', file('6.DAT', ludbFile('6.dat')), file('6.Dat', ludbFile('5.dat'))]);
  await page.locator('.file-entry.error[data-file="6.hea"]').waitFor();
  assert.match(await page.textContent('.file-entry.error[data-file="6.hea"]'),
               /6\.hea: 6\.dat could be 6\.DAT or 6\.Dat \(the names differ only in case\); keep only the one meant/);
  assert.deepEqual(await problemCards(page), ['error 6.hea']);
  assert.deepEqual((await recordCards(page)).map((c) => c.name), ['FIVE.HEA', '5.hea']);
}));

// A PhysioNet Challenge 2017/2020/2021 record: its header names a MATLAB v4 .mat as its signal
// file ("A0001.mat 16+24": format 16 after the .mat's 24-byte header). Made from LUDB record 1:
// the .mat holds its samples as a 12 x 5000 int16 matrix "val", column by column (frame by frame).
test('a Challenge record (.hea + MATLAB v4 .mat) dropped together is read and annotated', () => onReadyPage(session, async (page) => {
  const header = ludbFile('1.hea').toString('latin1').replace(/^1 /, 'A0001 ').replaceAll('1.dat 16 ', 'A0001.mat 16+24 ');
  const matHeader = Buffer.alloc(24);
  [30, 12, 5000, 0, 4].forEach((v, i) => matHeader.writeInt32LE(v, 4 * i)); // int16, rows, columns, real, name length
  matHeader.write('val\0', 20, 'latin1');
  await drop(page, [file('A0001.hea', Buffer.from(header, 'latin1')), file('A0001.mat', Buffer.concat([matHeader, ludbFile('1.dat')])),
                    file('A0001.ii', ludbFile('1.ii'))]);
  await waitForTitle(page, 'A0001');
  assert.deepEqual(await problemCards(page), []);
  assert.deepEqual((await recordCards(page)).map((c) => c.name), ['A0001.hea']);
  assert.match(await status(page), /^Annotated 1 file; 1 reference annotation file for A0001\.$/);
}));

test('a file twice in one drop is read once, two files of one name are refused by name, a record opened again is told apart', () => onReadyPage(session, async (page) => {
  await drop(page, ['8.hea', '8.dat', '8.hea', '8.dat']);
  await waitForTitle(page, '8');
  assert.deepEqual(await problemCards(page), []);
  assert.deepEqual((await recordCards(page)).map((c) => c.name), ['8.hea']);
  assert.match(await status(page), /^Annotated 1 file\. 8\.hea, 8\.dat: in the drop more than once, read once\.$/);

  // Two folders that both hold a record '1' (the second is LUDB record 2 under that name).
  const other = [file('1.hea', Buffer.from(ludbFile('2.hea').toString('latin1').replace(/^2 /, '1 ').replaceAll('2.dat', '1.dat'), 'latin1')),
                 file('1.dat', ludbFile('2.dat'))];
  await drop(page, ['1.hea', '1.dat', ...other]);
  await page.waitForFunction(() => document.querySelectorAll('.file-entry.error').length === 2);
  for (const name of ['1.hea', '1.dat']) {
    assert.match(await page.textContent(`.file-entry.error[data-file="${name}"]`),
                 new RegExp(`${name.replace('.', '\\.')}: 2 different files with this name in one drop \\(\\d+, \\d+ bytes\\).*none of them was read`));
  }
  assert.match(await status(page), /^2 files could not be read \(see below\)\.$/);
  assert.match(await page.textContent('#record-title'), /^8 — /);

  // Record 8 again: its card is told apart, and annotation files go to the record on screen.
  await drop(page, ['8.hea', '8.dat']);
  await page.locator('button.open:text-is("8.hea (2)")').waitFor();
  assert.deepEqual((await recordCards(page)).map((c) => [c.name, c.selected]), [['8.hea', false], ['8.hea (2)', true]]);
  await drop(page, ['8.i']);
  await page.waitForFunction(() => /reference annotation file/.test(document.querySelector('#status').textContent));
  assert.match(await status(page), /^1 reference annotation file for 8 \(8\.hea \(2\)\)\.$/);
  assert.deepEqual((await recordCards(page)).map((c) => c.meta), ['wfdb', 'wfdb · 1 reference file']);
  await page.click('button.open:text-is("8.hea")');
  await page.waitForFunction(() => document.querySelector('.file-entry.selected button.open')?.textContent === '8.hea');
  await drop(page, ['8.ii']);
  await page.waitForFunction(() => /for 8 \(8\.hea\)/.test(document.querySelector('#status').textContent));
  assert.deepEqual((await recordCards(page)).map((c) => c.meta), ['wfdb · 1 reference file', 'wfdb · 1 reference file']);
  await page.screenshot({ path: screenshotPath('drops-twice.png'), fullPage: true });
}));

test('a drop that partly fails says what was annotated; its error cards are dismissed one by one or all at once, and records stay', () => onReadyPage(session, async (page) => {
  await drop(page, ['5.hea', '5.dat']);
  await waitForTitle(page, '5');
  await drop(page, ['6.hea', '6.dat', file('broken.edf', Buffer.from('this is not an EDF file')), file('notes.xyz', Buffer.from('hello')), '3.dat']);
  await page.waitForFunction(() => document.querySelectorAll('.file-entry.error, .file-entry.waiting').length === 3);
  await waitForTitle(page, '6');
  assert.equal(await status(page), 'Annotated 1 file; 2 files could not be read; 1 file waits for another file (see below).');
  assert.equal(await page.isVisible('#clear-problems'), true);
  await page.screenshot({ path: screenshotPath('drops-errors.png'), fullPage: true });

  await page.click('.file-entry[data-file="broken.edf"] button.dismiss');
  assert.deepEqual(await problemCards(page), ['error notes.xyz', 'waiting 3.dat']);
  await page.click('#clear-problems');
  assert.deepEqual(await problemCards(page), []);
  assert.equal(await page.isVisible('#clear-problems'), false);
  assert.deepEqual((await recordCards(page)).map((c) => c.name), ['5.hea', '6.hea']);
  assert.match(await page.textContent('#record-title'), /^6 — /);
  assert.equal(await page.isVisible('#leads canvas'), true);
  // The held 3.dat was forgotten with its card: 3.hea alone now waits for it.
  await drop(page, ['3.hea']);
  await page.locator('.file-entry.waiting', { hasText: /needs its signal file 3\.dat/ }).waitFor();
  assert.match(await page.textContent('#record-title'), /^6 — /);
}));

// LUDB record 5's lead ii as a CSV without a time column: it states no rate, so it is held, its
// card points to the page's rate box, which stands out; a rate typed there (Enter) reads it.
test('a file without a sampling rate is held and read once a rate is typed', () => onReadyPage(session, async (page) => {
  const raw = new Int16Array(Uint8Array.from(ludbFile('5.dat')).buffer);
  let csv = 'ii\n';
  for (let i = 0; i < 2500; ++i) csv += `${(raw[i * 12 + 1] / 564).toFixed(4)}\n`;
  await drop(page, [{ name: 'lead-ii.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
  const card = page.locator('.file-entry.waiting', { hasText: 'lead-ii.csv' });
  await card.waitFor();
  assert.match(await page.textContent('#status'), /^1 file waits for a sampling rate \(see below\)\.$/);
  // the core's message in the page's own terms (ReadOptions::rate_hint), not the CLI's --fs
  assert.match(await card.textContent(), /lead-ii\.csv: no sampling rate.*give the rate \(the 'Sampling rate for files that state none' box above\)\.?\s*Held: it is read again as soon as you type a rate there and press Enter/);
  assert.doesNotMatch(await card.textContent(), /--fs/);
  assert.equal(await page.$eval('#default-fs', (el) => el.classList.contains('wanted')), true, 'the rate box stands out');
  await page.screenshot({ path: screenshotPath('drops-rate-wanted.png'), clip: { x: 0, y: 0, width: 1280, height: 400 } });
  await page.fill('#default-fs', '500');
  await page.keyboard.press('Enter');
  await waitForTitle(page, 'lead-ii');
  assert.match(await page.textContent('#record-title'), /500 Hz, 5\.0 s/);
  assert.deepEqual(await problemCards(page), []);
  assert.equal(await page.$eval('#default-fs', (el) => el.classList.contains('wanted')), false);
}));

// The page's own Export WFDB of a CSV record (leads ECG1, ECG2: files "rec.ecg1", "rec.ecg2", names
// no annotator has) dropped in the same drop as the record: both are its references. Made from
// LUDB record 1's leads i and ii and their annotation files.
test('per-lead annotation files come with a CSV record in one drop', () => onReadyPage(session, async (page) => {
  const raw = new Int16Array(Uint8Array.from(ludbFile('1.dat')).buffer);
  let csv = 'time,ECG1,ECG2\n';
  for (let i = 0; i < 5000; ++i) csv += `${(i / 500).toFixed(3)},${(raw[i * 12] / 1716).toFixed(4)},${(raw[i * 12 + 1] / 1206).toFixed(4)}\n`;
  await drop(page, [{ name: 'rec.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }, file('rec.ecg1', ludbFile('1.i')), file('rec.ecg2', ludbFile('1.ii'))]);
  await waitForTitle(page, 'rec');
  await page.waitForSelector('#reference-panel:not([hidden])');
  assert.deepEqual(await page.$$eval('#reference-leads tbody tr', (rows) => rows.map((r) => r.children[1].textContent)), ['rec.ecg1', 'rec.ecg2']);
  assert.deepEqual(await problemCards(page), []);
  assert.match(await status(page), /^Annotated 1 file; 2 reference annotation files for rec\.$/);
}));
