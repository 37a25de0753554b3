// Files the page cannot read, dropped beside LUDB records, in real Chromium: each is its own error
// card naming it and saying what to do, and the other files of the drop are read and annotated.
// A 2,147,483,512-byte file (sparse, made here and deleted after; more than the page's 2 GB, and
// more than Chromium reads into memory at all) is refused by its size before its bytes are read;
// a file held for its header that changed on disk before the header came cannot be read again.
// A file without an ECG channel (EEG alone) is held, saying so, until the page's 'Read every channel
// as a lead' box is ticked; clinical exports (GE MUSE XML, DICOM) are refused
// saying what they are and what to do (before: the EEG annotated as ECG; "unrecognised file
// format"). (Before, either made the whole drop fail: "Could not read the files: The requested file could not
// be read, …", no card, nothing annotated.) No request but to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { edfHeader, ludbDir } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath } from './chromium.mjs';
import { ludbLeads } from './ludb_records.mjs';

const session = pageSession();

// Files dropped by path, as the picker gives them: the page's File is backed by the file on disk.
const drop = (page, paths) => page.setInputFiles('#file-input', paths);
const ludb = (name) => path.join(ludbDir, name);
const waitForTitle = (page, record) => page.waitForFunction((r) => document.querySelector('#record-title').textContent.startsWith(`${r} — `),
                                                            record, { timeout: 120000 });
const errorCard = (page, file) => page.locator(`.file-entry.error[data-file="${file}"]`);

async function inTempDir(steps) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-unreadable-'));
  try {
    await steps(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a file over the page\'s limit is refused by its size, the record beside it annotated', () => onReadyPage(session, (page) => inTempDir(async (dir) => {
  const big = path.join(dir, 'big.edf');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, 2_147_483_512);
  await drop(page, [big, ludb('5.hea'), ludb('5.dat')]);
  await waitForTitle(page, '5');
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.equal(await errorCard(page, 'big.edf').count(), 1);
  assert.equal(await errorCard(page, 'big.edf').locator('.message').textContent(),
               'big.edf: 2,147,483,512 bytes, more than the 2 GB (2,000,000,000 bytes) this page reads: a file\'s bytes and ' +
               'the samples read from them share the 4 GB a WebAssembly module can address; annotate it with the command-line ' +
               'tool (ecg-annotate)');
  assert.equal(await page.textContent('#status'), 'Annotated 1 file; 1 file could not be read (see below).');
  assert.deepEqual(await page.$$eval('.file-entry:not(.error) button.open', (b) => b.map((x) => x.textContent)), ['5.hea']);
  await page.screenshot({ path: screenshotPath('drop-too-large.png'), fullPage: true });
})));

test('a file without an ECG channel is held, saying so, and read every channel as a lead once the box is ticked', () => onReadyPage(session, (page) => inTempDir(async (dir) => {
  // One EEG channel, as a sleep study's EEG-only files: before, it was annotated as an ECG lead.
  // Its samples are LUDB 5's lead ii (0.1 uV a digit, edfHeader's scale), so read anyway it has beats.
  const [ii] = ludbLeads(5, ['ii']);
  const digits = Int16Array.from(ii, (mV) => Math.round(mV * 10000));
  const eeg = path.join(dir, 'eeg.edf');
  fs.writeFileSync(eeg, Buffer.concat([Buffer.from(edfHeader(10, 'EEG Fpz-Cz'), 'latin1'), Buffer.from(digits.buffer)]));
  await drop(page, [eeg, ludb('5.hea'), ludb('5.dat')]);
  await waitForTitle(page, '5');
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  const card = page.locator('.file-entry.waiting[data-file="eeg.edf"]');
  assert.equal(await card.locator('.message').textContent(),
               'eeg.edf: no ECG channel: every channel is labelled as another kind of signal: EEG Fpz-Cz (EEG); to annotate ' +
               "them all the same, read every channel as a lead (the 'Read every channel as a lead' box above)");
  assert.match(await card.textContent(), /Held: it is read again, every channel as a lead, as soon as you tick that box\./);
  assert.equal(await page.textContent('#status'), 'Annotated 1 file; 1 file waits for every channel to be read as a lead (see below).');
  assert.deepEqual(await page.$$eval('.file-entry:not(.error):not(.waiting) button.open', (b) => b.map((x) => x.textContent)), ['5.hea']);
  assert.equal(await page.$eval('#all-channels', (box) => box.parentElement.classList.contains('wanted')), true, 'the box stands out');
  await page.screenshot({ path: screenshotPath('drop-all-channels-wanted.png'), clip: { x: 0, y: 0, width: 1280, height: 420 } });

  // Ticked (by keyboard, as the box is a real checkbox): the held file is read, its EEG channel a lead.
  await page.focus('#all-channels');
  await page.keyboard.press('Space');
  await waitForTitle(page, 'eeg');
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.equal(await page.locator('.file-entry.waiting').count(), 0);
  assert.equal(await page.$eval('#all-channels', (box) => box.parentElement.classList.contains('wanted')), false);
  assert.equal(await page.locator('#leads canvas').count(), 1, 'one lead: the EEG channel');
  const beats = Number(await page.getAttribute('#summary', 'data-beats'));
  assert.ok(beats >= 8 && beats <= 14, `${beats} beats in 10 s of LUDB 5's lead ii read as EEG`);
  // Record 5 stays open beside it, as it was.
  assert.deepEqual(await page.$$eval('.file-entry:not(.error):not(.waiting) button.open', (b) => b.map((x) => x.textContent)), ['5.hea', 'eeg.edf']);
})));

test('clinical exports get cards saying what each is and how to convert it', () => onReadyPage(session, (page) => inTempDir(async (dir) => {
  const muse = path.join(dir, 'MUSE_1.xml');
  fs.writeFileSync(muse, '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE RestingECG SYSTEM "restecg.dtd">\n<RestingECG>\n</RestingECG>\n');
  const dicom = path.join(dir, 'ECG.dcm');
  const uid = '1.2.840.10008.5.1.4.1.1.9.1.1\0';
  fs.writeFileSync(dicom, Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), Buffer.from([2, 0, 2, 0]), Buffer.from('UI'),
                                         Buffer.from([uid.length, 0]), Buffer.from(uid, 'latin1')]));
  await drop(page, [muse, dicom, ludb('1.hea'), ludb('1.dat')]);
  await waitForTitle(page, '1');
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.equal(await errorCard(page, 'MUSE_1.xml').locator('.message').textContent(),
               'MUSE_1.xml: a GE MUSE ECG file (XML <RestingECG>), which this tool does not read yet; convert it to WFDB first, ' +
               "e.g. with the Python package muse2wfdb (muse2wfdb.converter.muse_to_wfdb('MUSE_1.xml', 'MUSE_1') writes " +
               'MUSE_1.hea and MUSE_1.dat)');
  assert.match(await errorCard(page, 'ECG.dcm').locator('.message').textContent(),
               /^ECG\.dcm: a DICOM ECG waveform file, which this tool does not read yet; read it with pydicom /);
  assert.equal(await page.textContent('#status'), 'Annotated 1 file; 2 files could not be read (see below).');
})));

test('a held file that changed on disk gets its own card; the rest of the drop is read', () => onReadyPage(session, (page) => inTempDir(async (dir) => {
  for (const name of ['5.hea', '5.dat']) fs.copyFileSync(ludb(name), path.join(dir, name));
  const dat = path.join(dir, '5.dat');
  await drop(page, [dat]);
  await page.locator('.file-entry.waiting[data-file="5.dat"]').waitFor();
  // Changed since it was chosen: the browser refuses to read the File it holds.
  fs.utimesSync(dat, new Date(), new Date(Date.now() + 60000));
  await drop(page, [path.join(dir, '5.hea'), ludb('1.hea'), ludb('1.dat')]);
  await waitForTitle(page, '1');
  await errorCard(page, '5.dat').waitFor();
  assert.match(await errorCard(page, '5.dat').locator('.message').textContent(),
               /^5\.dat: the browser could not read this file \(NotReadableError: .*\)\. Check that it is still there, unchanged and readable, and drop it again$/);
  // Its header waits for it again; record 1 is annotated.
  assert.match(await page.locator('.file-entry.waiting[data-file="5.hea"]').textContent(), /needs its signal file 5\.dat, which was not found with it/);
  assert.equal(await page.textContent('#status'), 'Annotated 1 file; 1 file could not be read; 1 file waits for another file (see below).');
  assert.deepEqual(await page.$$eval('.file-entry:not(.error):not(.waiting) button.open', (b) => b.map((x) => x.textContent)), ['1.hea']);
  assert.equal(await page.locator('.file-entry.waiting[data-file="5.dat"]').count(), 0, 'the held card gave way to the error');
})));
