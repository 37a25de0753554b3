// Records as PhysioNet and recorders write them, dropped on the page in a real Chromium
// (playwright-core driving /usr/bin/chromium, as page.test.mjs):
//  - LUDB record 5 as a FLAC WFDB record (leads 1-8 in one 8-channel format-516 file, 9-10 in a
//    format-16 file, 11-12 in a format-524 file; the FLAC bytes written here from the FLAC spec,
//    flac_verbatim.mjs), dropped as its .hea with the three .dat files: the page must show the
//    same twelve leads and find exactly the beats it finds on the original record.
//  - An EDF+D file of leads ii and v1 with a 2 s gap (data records at 0-3 s and 6-9 s): the page
//    must offer the two stretches as two records named with their start, say where the gap is,
//    and annotate each stretch on its own.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ludbDir, ludbFile, mustExist, sourceDir, startServer, webBuildDir } from '../js/helpers.mjs';
import { encodeFlacVerbatim } from './flac_verbatim.mjs';

const artifacts = process.env.QRS_TEST_ARTIFACTS ?? path.join(sourceDir, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let browser;
let userDataDir;
let fixtures;

before(async () => {
  mustExist(path.join(webBuildDir, 'qrs_unet.qrsm'), 'build the wasm module first (make wasm)');
  mustExist(CHROMIUM, 'install Debian chromium (scripts/setup.sh)');
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-formats-'));
  server = await startServer();
  const { chromium } = await import('playwright-core');
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1,
  });
  await browser.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
});

after(async () => {
  await browser?.close();
  server?.stop();
  for (const dir of [userDataDir, fixtures]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Record 5's twelve leads in adu (format 16, frame-interleaved).
function record5Leads() {
  const dat = ludbFile('5.dat');
  const frames = dat.length / 24;
  return Array.from({ length: 12 }, (_, k) => Array.from({ length: frames }, (_, i) => dat.readInt16LE((i * 12 + k) * 2)));
}

// 5f.hea + 5f_e.dat (516, 8 channels) + 5f_r.dat (16) + 5f_x.dat (524): the original's signal
// lines (gains, baselines, checksums, names) with only the file and format changed.
function writeFlacRecord5() {
  const leads = record5Leads();
  const plain = Buffer.alloc(leads[0].length * 4);
  leads[0].forEach((_, i) => {
    plain.writeInt16LE(leads[8][i], 4 * i);
    plain.writeInt16LE(leads[9][i], 4 * i + 2);
  });
  let signal = -1;
  const header = ludbFile('5.hea').toString('latin1').split('\n').map((line, n) => {
    if (n === 0) return line.replace(/^5 /, '5f ');
    if (!line.startsWith('5.dat 16 ')) return line;
    ++signal;
    const fileFormat = signal < 8 ? '5f_e.dat 516' : signal < 10 ? '5f_r.dat 16' : '5f_x.dat 524';
    return `${fileFormat} ${line.slice('5.dat 16 '.length)}`;
  }).join('\n');
  const files = {
    '5f.hea': header,
    '5f_e.dat': encodeFlacVerbatim(leads.slice(0, 8), 16),
    '5f_r.dat': plain,
    '5f_x.dat': encodeFlacVerbatim(leads.slice(10, 12), 24),
  };
  return Object.entries(files).map(([name, bytes]) => {
    fs.writeFileSync(path.join(fixtures, name), bytes);
    return path.join(fixtures, name);
  });
}

// EDF+D (EDF+ spec): 2 signals + "EDF Annotations", 1 s data records starting at 0, 1, 2, 3, 6, 7,
// 8, 9 s, each holding record 5's samples of that second of leads ii and v1 (gains 564 and 1032
// adu/mV per 5.hea, stored here in uV).
function writeDiscontinuousEdf() {
  const leads = record5Leads();
  const starts = [0, 1, 2, 3, 6, 7, 8, 9];
  const field = (text, width) => text.padEnd(width).slice(0, width);
  const signals = [['ECG ii', 'uV', 500, 1, 564], ['ECG v1', 'uV', 500, 6, 1032], ['EDF Annotations', '', 30]];
  let header = field('0', 8) + field('X X X X', 80) + field('Startdate 01-JAN-2020 X X X', 80) +
      field('01.01.20', 8) + field('10.00.00', 8) + field(String(256 * (signals.length + 1)), 8) +
      field('EDF+D', 44) + field(String(starts.length), 8) + field('1', 8) + field(String(signals.length), 4);
  const each = (f) => signals.map(f).join('');
  header += each(([label]) => field(label, 16)) + each(() => field('', 80)) + each(([, unit]) => field(unit, 8)) +
      each(([l]) => field(l.startsWith('EDF') ? '-1' : '-32768', 8)) + each(([l]) => field(l.startsWith('EDF') ? '1' : '32767', 8)) +
      each(() => field('-32768', 8)) + each(() => field('32767', 8)) + each(() => field('', 80)) +
      each(([, , spr]) => field(String(spr), 8)) + each(() => field('', 32));
  const chunks = [Buffer.from(header, 'latin1')];
  for (const start of starts) {
    for (const [label, , spr, lead, gain] of signals) {
      const bytes = Buffer.alloc(spr * 2);
      if (label === 'EDF Annotations') {
        Buffer.from(`+${start}\x14\x14\0`, 'latin1').copy(bytes);
      } else {
        for (let i = 0; i < spr; ++i) bytes.writeInt16LE(Math.round((leads[lead][start * 500 + i] / gain) * 1000), 2 * i);
      }
      chunks.push(bytes);
    }
  }
  const file = path.join(fixtures, 'holter.edf');
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

async function openPage() {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  return { page, errors };
}

// The results table of the record on screen: [beat, onset s, offset s, QRS ms] per row.
async function beatRows(page) {
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  return page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
}

test('a FLAC WFDB record dropped as .hea + .dat files reads and annotates as the original', async () => {
  const { page, errors } = await openPage();
  await page.setInputFiles('#file-input', writeFlacRecord5());
  const flacRows = await beatRows(page);
  assert.match(await page.textContent('#record-title'), /^5f — 12 leads, 500 Hz, 10\.0 s/);
  assert.equal(await page.locator('#leads canvas').count(), 12);
  assert.equal(await page.locator('.file-entry.error').count(), 0, 'no file was refused');
  assert.equal(await page.locator('.file-entry .warning').count(), 0, 'checksums all match');
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'formats-flac-record5.png'), fullPage: true });
  await page.close();

  const original = await openPage();
  await original.page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  const originalRows = await beatRows(original.page);
  await original.page.close();
  console.log(`beats: ${flacRows.length} on the FLAC record, ${originalRows.length} on the original`);
  assert.ok(originalRows.length >= 8);
  assert.deepEqual(flacRows, originalRows);
  assert.deepEqual([...errors, ...original.errors], []);
});

test('an EDF+D file with a gap becomes two records, and the page says where the gap is', async () => {
  const { page, errors } = await openPage();
  await page.setInputFiles('#file-input', writeDiscontinuousEdf());
  const first = await beatRows(page);
  assert.match(await page.textContent('#record-title'), /^holter \(from \+0:00:00\) — 2 leads, 500 Hz, 4\.0 s/);
  assert.equal(await page.textContent('#record-position'), '1 / 2');
  const fileWarning = await page.textContent('.file-entry .warning');
  assert.match(fileWarning, /1 gap splits it into 2 stretches/);
  assert.match(fileWarning, /gap of 2 s from \+0:00:04 to \+0:00:06/);
  assert.match(await page.textContent('#annotation-warnings'), /stretch 1 of 2 .* before a gap of 2 s/);
  first.forEach(([, , offset]) => assert.ok(Number(offset) <= 4, `a beat past the stretch's end: ${offset} s`));
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'formats-edfplus-d-1.png'), fullPage: true });

  await page.click('#next-record');
  await page.waitForFunction(() => document.querySelector('#record-position').textContent === '2 / 2');
  const second = await beatRows(page);
  assert.match(await page.textContent('#record-title'), /^holter \(from \+0:00:06\) — 2 leads, 500 Hz, 4\.0 s/);
  assert.match(await page.textContent('#annotation-warnings'), /stretch 2 of 2 .* after a gap of 2 s/);
  assert.ok(first.length >= 3 && second.length >= 3, `beats in each 4 s stretch: ${first.length}, ${second.length}`);
  await page.screenshot({ path: path.join(artifacts, 'formats-edfplus-d-2.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
