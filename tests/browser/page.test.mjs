// The page in a real Chromium (playwright-core driving /usr/bin/chromium; never a downloaded
// browser): serve.py on a free port, drop LUDB record 5 (.hea + .dat) on the file input, wait for
// the worker's result, and check what a person would: the beats found inside the annotated span
// equal the cardiologists' 'N' marks in 5.ii; nothing was requested from any host but 127.0.0.1;
// a bad file shows an inline error while record 5 stays on screen; zoom/pan and the exports work.
// Screenshots go to $QRS_TEST_ARTIFACTS.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ludbDir, mustExist, sourceDir, startServer, webBuildDir } from '../js/helpers.mjs';
import { readDrawing } from './drawn_page.mjs';
import { readWfdbAnnotations } from './wfdb_annotations.mjs';

const artifacts = process.env.QRS_TEST_ARTIFACTS ?? path.join(sourceDir, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let base;
let browser;
let userDataDir;

before(async () => {
  mustExist(path.join(webBuildDir, 'qrs_unet.qrsm'), 'build the wasm module first (make wasm)');
  mustExist(CHROMIUM, 'install Debian chromium (scripts/setup.sh)');
  server = await startServer();
  base = server.url;
  const { chromium } = await import('playwright-core');
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true,
  });
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

// Reference: 'N' marks in lead ii's annotation file, and the span the annotators covered.
function referenceBeats() {
  const marks = readWfdbAnnotations(fs.readFileSync(mustExist(path.join(ludbDir, '5.ii'), 'LUDB not found; set ECG_LUDB_DIR')));
  const margin = 0.150 * 500;
  return {
    count: marks.filter((m) => m.symbol === 'N').length,
    from: marks[0].sample - margin,
    to: marks[marks.length - 1].sample + margin,
  };
}

// The colour of a beat's band (plot.js COLORS.beatSpan) where nothing is drawn over it.
const isBeatBand = (p) => p[3] === 255 && Math.abs(p[0] - 232) <= 2 && Math.abs(p[1] - 238) <= 2 && Math.abs(p[2] - 250) <= 2;

test('page annotates LUDB record 5 offline, keeps it on a bad file, exports', async () => {
  const page = browser.pages()[0] ?? await browser.newPage();
  const requested = [];
  const pageErrors = [];
  browser.on('request', (r) => requested.push(r.url()));
  page.on('request', (r) => requested.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  // Anything not for our server is refused (and recorded by the listeners above).
  await browser.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());

  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  const status = await page.textContent('#status');
  assert.match(status, /Ready/);
  assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'COOP/COEP make the page isolated');
  // Isolated + a build with all three variants: the threads variant must load (no silent fallback).
  assert.match(status, /WebAssembly threads/);

  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.equal(await page.locator('#leads canvas').count(), 12);
  assert.match(await page.textContent('#record-title'), /^5 — 12 leads, 500 Hz, 10\.0 s/);
  // Once the status line speaks of the file, which engine ran is still in view, and it is the one
  // the page's worker loaded (the threads variant, with auto's backend for it).
  const backend = status.match(/, (\w+) backend/)?.[1];
  assert.ok(backend, `the status names no backend: ${status}`);
  assert.match(await page.textContent('#engine'), new RegExp(`^WebAssembly threads · ${backend} backend · model `));

  // Beats whose centre lies inside the annotated span, from the results table (seconds).
  const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const reference = referenceBeats();
  const inside = rows.filter(([, on, off]) => {
    const centre = ((Number(on) + Number(off)) / 2) * 500;
    return centre >= reference.from && centre <= reference.to;
  });
  console.log(`beats: ${rows.length} detected, ${inside.length} inside the annotated span, ${reference.count} 'N' marks in 5.ii`);
  assert.equal(inside.length, reference.count);
  rows.forEach(([, , , ms]) => assert.ok(Number(ms) > 40 && Number(ms) < 200, `QRS duration ${ms} ms`));

  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'page-record5.png'), fullPage: true });

  // Each beat's QRS across the leads is shaded behind every lead (the whole 10 s record is in
  // view). In the top pixel row, where nothing else is drawn but the seconds' grid lines, points
  // across each beat's span show the band's colour, and points between two beats never do.
  const spanPixels = await page.evaluate((spans) => {
    const canvas = document.querySelector('#leads canvas');
    const ctx = canvas.getContext('2d');
    const scale = canvas.width / canvas.clientWidth;
    const at = (t) => [...ctx.getImageData(Math.round((t / 10) * canvas.clientWidth * scale), Math.round(scale), 1, 1).data];
    const across = (a, b) => [0.2, 0.35, 0.5, 0.65, 0.8].map((f) => at(a + f * (b - a)));
    return spans.map(([on, off], i) => ({
      inside: across(on, off),
      between: i + 1 < spans.length ? across(off, spans[i + 1][0]) : [],
    }));
  }, rows.map(([, on, off]) => [Number(on), Number(off)]));
  spanPixels.forEach(({ inside, between }, i) => {
    assert.ok(inside.filter(isBeatBand).length >= 4, `beat ${i + 1}: no band across its span (${inside.join(' | ')})`);
    assert.ok(!between.some(isBeatBand), `band between beats ${i + 1} and ${i + 2} (${between.join(' | ')})`);
  });

  // A bad file, dropped this time (a DataTransfer drop event, as a person's drag ends): inline
  // error, record 5 stays.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['this is not an EDF file'], 'broken.edf'));
    return dt;
  });
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
  const error = page.locator('.file-entry.error', { hasText: 'broken.edf' });
  await error.waitFor({ timeout: 30000 });
  assert.match(await error.textContent(), /broken\.edf/);
  assert.match(await page.textContent('#record-title'), /^5 — /);
  assert.equal(await page.getAttribute('#summary', 'data-beats'), String(rows.length));
  assert.equal(await page.locator('#leads canvas').count(), 12);

  // Zoom in around the middle, then pan: the view changes, nothing breaks.
  const box = await page.locator('#leads').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 100);
  await page.mouse.wheel(0, -800);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + 100, { steps: 5 });
  await page.mouse.up();
  await page.screenshot({ path: path.join(artifacts, 'page-record5-zoomed-error.png'), fullPage: true });

  // Exports are downloads of Blob URLs (no network), with the beats in them.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.files[0].records[0].beats.length, rows.length);
  assert.deepEqual(exported.files[0].records[0].leads[0].silenced, []);
  assert.deepEqual(exported.files[0].records[0].warnings, []);
  // Each table row is its beat's QRS across the leads: earliest lead onset to latest lead offset,
  // wider than the mean curves' onset-offset span (a typical lead's QRS).
  exported.files[0].records[0].beats.forEach((b, i) => {
    const [, on, off, ms] = rows[i];
    assert.equal(on, (b.firstOnset / 500).toFixed(3), `beat ${i + 1} onset`);
    assert.equal(off, (b.lastOffset / 500).toFixed(3), `beat ${i + 1} offset`);
    assert.equal(ms, b.durationMs.toFixed(0), `beat ${i + 1} QRS`);
    assert.ok(b.firstOnset <= b.onset && b.lastOffset >= b.offset, `beat ${i + 1} span`);
  });
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = fs.readFileSync(await csvDownload.path(), 'utf8').trim().split('\n');
  const beatRows = csv.filter((line) => line.includes('all (beat)'));
  assert.equal(beatRows.length, rows.length);
  assert.equal(Number(beatRows[0].split(',').at(-1)), Number(exported.files[0].records[0].beats[0].durationMs.toFixed(1)));

  const foreign = requested.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1');
  assert.deepEqual(foreign, [], 'requests to other hosts');
  assert.deepEqual(pageErrors, [], 'errors on the page');
});

// An array of snippets — .npy of shape (3, 1500, 2), [time s, mV] pairs cut from record 5 lead ii
// (gain 564/mV per 5.hea) — becomes three records with prev/next.
test('snippet arrays get prev/next, each snippet annotated on demand', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-snippets-'));
  const file = path.join(dir, 'snippets.npy');
  execFileSync('/usr/bin/python3', ['-c', `
import numpy as np
ii = np.fromfile(${JSON.stringify(path.join(ludbDir, '5.dat'))}, '<i2').reshape(-1, 12)[:, 1] / 564.0
t = np.arange(1500) / 500.0
np.save(${JSON.stringify(file)}, np.stack([np.stack([t, ii[k * 1500:(k + 1) * 1500]], 1) for k in range(3)]).astype(np.float32))
`]);
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#summary[data-beats]', { timeout: 60000 });
  assert.equal(await page.isVisible('#snippet-nav'), true);
  assert.equal(await page.textContent('#record-position'), '1 / 3');
  assert.equal(await page.isDisabled('#prev-record'), true);
  const firstTitle = await page.textContent('#record-title');
  await page.click('#next-record');
  await page.waitForFunction(() => document.querySelector('#record-position').textContent === '2 / 3');
  await page.waitForSelector('#summary[data-beats]');
  assert.notEqual(await page.textContent('#record-title'), firstTitle);
  assert.ok(Number(await page.getAttribute('#summary', 'data-beats')) >= 2, 'a 3 s snippet of record 5 has beats');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#record-position').textContent === '3 / 3');
  assert.equal(await page.isDisabled('#next-record'), true);
  await page.screenshot({ path: path.join(artifacts, 'page-snippets.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Kaggle's ECG Heartbeat Categorization layout — no header, one beat per row of 187 samples at
// 125 Hz scaled to 0..1 and zero padded, the class last — here 1 s windows of record 5's lead ii
// (every fourth sample). It waits in an amber card for the rate (none in the file), then, with
// 125 typed in, each row is a record with prev/next like a snippet array, without its padding.
test('a CSV of one beat per row waits for the rate, then each row is a snippet', async () => {
  const raw = new Int16Array(Uint8Array.from(fs.readFileSync(path.join(ludbDir, '5.dat'))).buffer);
  let csv = '';
  for (let k = 0; k < 4; ++k) {
    const beat = [];
    for (let i = 0; i < 125; ++i) beat.push(raw[(400 + 360 * k + 4 * i) * 12 + 1]);
    const low = Math.min(...beat), high = Math.max(...beat);
    const row = [...beat.map((v) => (v - low) / (high - low)), ...new Array(62).fill(0), k % 5];
    csv += row.map((v) => v.toExponential(18)).join(',') + '\n';
  }
  const file = { name: 'mitbih_test.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', file);
  const waiting = page.locator('.file-entry.waiting', { hasText: 'mitbih_test.csv' });
  await waiting.waitFor({ timeout: 30000 });
  assert.match(await waiting.textContent(), /4 rows of 187 samples .* one snippet per row.*125 Hz/);
  await page.fill('#default-fs', '125');
  await page.locator('#default-fs').dispatchEvent('change');
  await page.waitForSelector('#summary[data-beats]', { timeout: 60000 });
  assert.equal(await page.isVisible('#snippet-nav'), true);
  assert.equal(await page.textContent('#record-position'), '1 / 4');
  assert.match(await page.textContent('#record-title'), /^mitbih_test\.csv\[0\] — 1 lead, 125 Hz, 1\.0 s/);
  assert.ok(Number(await page.getAttribute('#summary', 'data-beats')) >= 1, 'a 1 s window of record 5 holds a beat');
  // What the reader found about the file is on its card.
  const card = await page.locator('.file-entry', { hasText: 'mitbih_test.csv' }).textContent();
  assert.match(card, /column 188 holds whole numbers 0 to 3 .* class label/);
  assert.match(card, /4 rows of 187 samples with no lead names read as single-lead snippets/);
  await page.click('#next-record');
  await page.waitForFunction(() => document.querySelector('#record-position').textContent === '2 / 4');
  await page.waitForSelector('#summary[data-beats]');
  assert.match(await page.textContent('#record-title'), /^mitbih_test\.csv\[1\]/);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

// A CSV without a time column needs a rate: without one the page says so inline; with the rate
// typed into the page it is annotated.
test('CSV without a time column: inline error, then annotated with the typed rate', async () => {
  const raw = new Int16Array(Uint8Array.from(fs.readFileSync(path.join(ludbDir, '5.dat'))).buffer);
  let csv = 'ii\n';
  for (let i = 0; i < 2500; ++i) csv += `${(raw[i * 12 + 1] / 564).toFixed(4)}\n`;
  const file = { name: 'lead-ii.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', file);
  const error = page.locator('.file-entry', { hasText: 'lead-ii.csv' });
  await error.waitFor({ timeout: 30000 });
  assert.match(await error.textContent(), /sampling rate/);
  assert.equal(await page.isVisible('#viewer'), false);
  await page.fill('#default-fs', '500');
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#summary[data-beats]', { timeout: 60000 });
  assert.match(await page.textContent('#record-title'), /500 Hz, 5\.0 s/);
  assert.ok(Number(await page.getAttribute('#summary', 'data-beats')) >= 4, '5 s of record 5 has 4-5 beats');
  await page.close();
});

// A disconnected electrode: record 5's leads ii and v5 next to a lead of microvolt noise. The
// page marks beats from the real leads, none in the flat one, and says why under the summary.
test('a flat lead gets no marks and a warning; the other leads are annotated', async () => {
  const raw = new Int16Array(Uint8Array.from(fs.readFileSync(path.join(ludbDir, '5.dat'))).buffer);
  let csv = '# fs=500\nii,v5,v6\n';
  for (let i = 0; i < 5000; ++i) {
    const noise = 0.0005 * (((i * 7919) % 13) - 6) / 6;
    csv += `${(raw[i * 12 + 1] / 1000).toFixed(4)},${(raw[i * 12 + 10] / 1000).toFixed(4)},${noise.toFixed(5)}\n`;
  }
  const file = { name: 'flat-v6.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#summary[data-beats]', { timeout: 60000 });
  assert.ok(Number(await page.getAttribute('#summary', 'data-beats')) >= 8, '10 s of record 5 has 9 beats');
  const summary = await page.textContent('#summary');
  assert.match(summary, /v6 0\b/);
  assert.doesNotMatch(summary, /ii 0\b|v5 0\b/);
  assert.equal(await page.isVisible('#annotation-warnings'), true);
  assert.match(await page.textContent('#annotation-warnings'), /lead 'v6' is flat or holds only noise/);
  // The flat lead has no say in the beats: every beat is agreed by the two leads that hold ECG.
  const agreeing = await page.$$eval('#results tbody tr td:last-child', (cells) => cells.map((c) => c.textContent));
  assert.ok(agreeing.length >= 8, `beat rows: ${agreeing.length}`);
  for (const cell of agreeing) assert.equal(cell, '2 / 2');
  // Each beat's band is drawn behind ii and v5 but not inside v6, which holds no ECG. In the top
  // pixel row, ii's canvas shows the band's colour at each beat's centre; v6's, under its grey
  // shading, has the same colour at a beat's centre as halfway between two beats.
  const centres = await page.$$eval('#results tbody tr', (rows) => rows.map((r) => {
    const cells = [...r.querySelectorAll('td')].map((c) => Number(c.textContent));
    return (cells[1] + cells[2]) / 2;
  }));
  const betweens = centres.slice(1).map((c, i) => (c + centres[i]) / 2);
  const topRow = await page.evaluate((times) => [...document.querySelectorAll('#leads canvas')].map((canvas) => {
    const ctx = canvas.getContext('2d');
    const scale = canvas.width / canvas.clientWidth;
    return times.map((t) => [...ctx.getImageData(Math.round((t / 10) * canvas.clientWidth * scale), Math.round(scale), 1, 1).data]);
  }), [...centres, ...betweens]);
  assert.equal(topRow.length, 3);
  const [ii, , v6] = topRow.map((pixels) => ({ inside: pixels.slice(0, centres.length), between: pixels.slice(centres.length) }));
  assert.ok(ii.inside.filter(isBeatBand).length >= centres.length - 1, `ii: ${ii.inside.join(' | ')}`);
  const shade = v6.between[0];
  const sameAsShade = (p) => p.every((v, k) => Math.abs(v - shade[k]) <= 2);
  assert.ok(v6.between.filter(sameAsShade).length >= betweens.length - 1, `v6 between beats: ${v6.between.join(' | ')}`);
  assert.ok(v6.inside.filter(sameAsShade).length >= centres.length - 1,
            `v6 has beat bands (shade ${shade}): ${v6.inside.join(' | ')}`);
  await page.screenshot({ path: path.join(artifacts, 'page-flat-lead.png'), fullPage: true });
  await page.close();
});

// What is drawn where, read back from the canvases' pixels through the page's own mapping
// (tests/browser/drawn_page.mjs): every lead's onset and offset markers stand at the samples the
// annotation gives (and none halfway between complexes), each probability curve passes through
// its samples and tops out where the probability peaks, and wheel zoom and drag pan move all of
// it as the page's view says. The reference is the native CLI's result for the same record
// (--json --probabilities), which the page's own export must equal.
test('markers and probability curves are drawn where the result puts them, through zoom and pan', async () => {
  const cliPath = process.env.QRS_CLI ?? path.join(sourceDir, 'build', 'native', 'src', 'cli', 'ecg-annotate');
  const cli = JSON.parse(execFileSync(mustExist(cliPath, 'build ecg-annotate (make native)'),
      [path.join(ludbDir, '5.hea'), '--json', '--probabilities'], { maxBuffer: 1 << 28 }));
  const leads = cli.leads.map((l) => ({ qrs: l.qrs, onsetProb: l.onsetProb, offsetProb: l.offsetProb }));
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });

  // The page's result (its JSON export) marks what the CLI marks.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')).files[0].records[0];
  assert.equal(exported.leads.length, leads.length);
  exported.leads.forEach((lead, i) => {
    assert.equal(lead.qrs.length, leads[i].qrs.length, `${lead.name}: complexes`);
    lead.qrs.forEach((q, k) => {
      assert.ok(Math.abs(q.onset - leads[i].qrs[k].onset) < 0.05 && Math.abs(q.offset - leads[i].qrs[k].offset) < 0.05,
          `${lead.name} complex ${k + 1}: page ${q.onset}-${q.offset}, CLI ${leads[i].qrs[k].onset}-${leads[i].qrs[k].offset}`);
    });
  });

  const viewOf = () => page.evaluate(() => document.querySelector('#leads canvas').plotMapping?.view ?? null);
  const waitForView = (previous) => page.waitForFunction((prev) => {
    const canvases = [...document.querySelectorAll('#leads canvas')];
    const views = canvases.map((c) => c.plotMapping?.view);
    return views.length === 12 && views.every((v) => v && v.start === views[0].start && v.end === views[0].end) &&
        (!prev || views[0].start !== prev.start || views[0].end !== prev.end);
  }, previous, { timeout: 30000 });

  const checkDrawing = async (label) => {
    const drawn = await page.evaluate(readDrawing, leads);
    await page.screenshot({ path: path.join(artifacts, `page-drawn-${label}.png`), fullPage: true });
    // The mapping each lead was drawn with is the view's time axis across the canvas, and puts
    // probability 0 near the plot's bottom and 1 near its top.
    const axes = await page.evaluate(() => [...document.querySelectorAll('#leads canvas')].map((canvas) => {
      const m = canvas.plotMapping;
      const samples = [0, 1234.5, 4999];
      return { width: canvas.clientWidth, fs: m.fs, view: m.view, plotHeight: m.plotHeight, x: samples.map(m.indexToX),
               samples, y0: m.probY(0), y1: m.probY(1) };
    }));
    axes.forEach((a, i) => {
      assert.equal(a.fs, 500);
      assert.deepEqual(a.view, drawn[i].view);
      a.samples.forEach((s, k) => {
        const want = ((s / 500 - a.view.start) / (a.view.end - a.view.start)) * a.width;
        assert.ok(Math.abs(a.x[k] - want) < 0.5, `${label}: lead ${i + 1} draws sample ${s} at x ${a.x[k]}, the view says ${want}`);
      });
      assert.ok(a.y0 <= a.plotHeight && a.y1 >= 0 && a.y0 - a.y1 >= 0.8 * a.plotHeight,
          `${label}: lead ${i + 1} probability axis 0 -> ${a.y0}, 1 -> ${a.y1} in a ${a.plotHeight} px plot`);
    });
    let markers = 0;
    let peaks = 0;
    drawn.forEach((lead, i) => {
      const name = cli.leads[i].name;
      for (const m of lead.markers) {
        if (m.rows < 20) continue;  // the curve crosses most of this column at this zoom
        markers += 1;
        assert.ok(m.coverage >= 0.2, `${label}: ${name} ${m.kind} marker at sample ${m.sample.toFixed(1)} (x ${m.x}): ` +
            `${(100 * m.coverage).toFixed(0)} % of ${m.rows} rows in its colour`);
      }
      for (const g of lead.gaps) {
        assert.ok(g.coverage <= 0.05, `${label}: ${name} has a marker between complexes at x ${g.x} (${(100 * g.coverage).toFixed(0)} %)`);
      }
      for (const p of lead.peaks) {
        if (p.points < 4) continue;
        peaks += 1;
        assert.ok(p.onCurve >= 0.6 * p.points, `${label}: ${name} ${p.kind} curve near its peak at sample ${p.sample}: ` +
            `${p.onCurve} of ${p.points} points drawn where the probabilities put them`);
        assert.ok(p.above <= 8, `${label}: ${name} ${p.kind} curve rises ${p.above} px above its peak at sample ${p.sample}`);
      }
    });
    return { drawn, markers, peaks };
  };

  await waitForView(null);
  const full = await viewOf();
  assert.deepEqual(full, { start: 0, end: 10 });
  const whole = await checkDrawing('whole');
  console.log(`whole record: ${whole.markers} markers and ${whole.peaks} probability peaks checked`);
  assert.ok(whole.markers >= 60 && whole.peaks >= 150, `too little checked: ${whole.markers} markers, ${whole.peaks} peaks`);

  // Wheel zoom: the time under the pointer stays under it while the span shrinks.
  const box = await page.locator('#leads').boundingBox();
  const pointerX = box.x + box.width * 0.4;
  await page.mouse.move(pointerX, box.y + 60);
  let view = full;
  while (view.end - view.start > 1.2) {
    await page.mouse.wheel(0, -300);
    await waitForView(view);
    const next = await viewOf();
    const fraction = (pointerX - box.x) / box.width;
    assert.ok(next.end - next.start < view.end - view.start, 'the wheel did not zoom in');
    assert.ok(Math.abs((view.start + fraction * (view.end - view.start)) - (next.start + fraction * (next.end - next.start))) <
        (next.end - next.start) / box.width, `the time under the pointer moved: ${JSON.stringify(view)} -> ${JSON.stringify(next)}`);
    view = next;
  }
  const zoomed = await checkDrawing('zoomed');
  console.log(`zoomed to ${view.start.toFixed(3)}-${view.end.toFixed(3)} s: ${zoomed.markers} markers and ${zoomed.peaks} peaks checked`);
  assert.ok(zoomed.markers >= 20 && zoomed.peaks >= 20, `too little in view: ${zoomed.markers} markers, ${zoomed.peaks} peaks`);

  // Drag pan by 150 px to the left: the view moves later by 150 px worth of time, and every
  // marker in both views moves 150 px left.
  await page.mouse.move(box.x + box.width / 2, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await waitForView(view);
  const panned = await viewOf();
  const secondsPerPixel = (view.end - view.start) / box.width;
  assert.ok(Math.abs(panned.start - (view.start + 150 * secondsPerPixel)) < 2 * secondsPerPixel,
      `pan: ${JSON.stringify(view)} -> ${JSON.stringify(panned)}`);
  const after = await checkDrawing('panned');
  assert.ok(after.markers >= 20 && after.peaks >= 20, `too little in view: ${after.markers} markers, ${after.peaks} peaks`);
  let moved = 0;
  after.drawn.forEach((lead, i) => {
    for (const m of lead.markers) {
      const before = zoomed.drawn[i].markers.find((b) => b.kind === m.kind && b.sample === m.sample);
      if (!before) continue;
      moved += 1;
      assert.ok(Math.abs(m.x - (before.x - 150)) <= 1, `${cli.leads[i].name} ${m.kind} at ${m.sample}: x ${before.x} -> ${m.x}`);
    }
  });
  assert.ok(moved >= 12, `only ${moved} markers in view before and after the pan`);
  assert.deepEqual(pageErrors, []);
  await page.close();
});

// The threads variant, which only a browser runs (and the page picks when cross-origin isolated),
// holds the parts README promises for it (tests/required_parts.json, "wasm threads").
test('the threads variant holds the promised backends and codecs', async () => {
  const promised = JSON.parse(fs.readFileSync(path.join(sourceDir, 'tests', 'required_parts.json'), 'utf8'))['wasm threads'];
  const page = await browser.newPage();
  await page.goto(base);
  const info = await page.evaluate(async () => {
    const { createAnnotator } = await import('/qrs-annotator.js');
    const annotator = await createAnnotator({ variant: 'threads' });
    const result = { variant: annotator.variant, build: annotator.modelInfo.build, backend: annotator.modelInfo.backend };
    annotator.dispose();
    return result;
  });
  assert.equal(info.variant, 'threads');
  for (const kind of ['backends', 'codecs']) {
    for (const name of promised[kind]) {
      assert.ok(info.build?.[kind]?.includes(name), `threads variant: ${kind} lacks '${name}': ${JSON.stringify(info.build)}`);
    }
  }
  assert.ok(info.build.backends.includes(info.backend), `threads variant runs '${info.backend}', not one it lists`);
  await page.close();
});

// A three-minute two-lead recording with muscle noise at 0 dB over its middle minute (the one of
// tests/python/test_noise_reader_cli.py): the page names the noise reader in the record's warnings
// and draws its stretch as a strip along the top of each lead, over the noisy minute only.
test('a long recording with a noisy minute: the noise reader\'s stretch is named and drawn', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-noisy-'));
  execFileSync('/usr/bin/python3', ['-c', `
import sys
sys.path.insert(0, "tests/python")
from test_noise_reader_cli import long_record
long_record(sys.argv[1], (60.0, 120.0))
`, dir], { cwd: sourceDir });
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', path.join(dir, 'long_noisy.csv'));
  await page.waitForSelector('#summary[data-beats]', { timeout: 60000 });
  const warnings = await page.textContent('#annotation-warnings');
  assert.match(warnings, /in 1 stretch \(\d+ s of 180 s\).*read there by qrs-unet-wide-noisy/);
  await page.click('text=Whole record');
  // The top rows of the first lead's canvas: the strip's amber at 90 s, not at 30 or 150 s. The
  // canvas has no background of its own, so the strip's colour reads as drawn (plot.js); the
  // page redraws on the next frame, so the check waits for it.
  const amberAt = (t) => {
    const leads = document.querySelector('#leads');
    const canvas = leads.querySelector('canvas');
    const start = Number(leads.dataset.viewStart);
    const end = Number(leads.dataset.viewEnd);
    if (!(end - start > 170)) return false;
    const x = Math.round((t - start) / (end - start) * canvas.width);
    const [r, g, b] = canvas.getContext('2d').getImageData(x, 1, 1, 1).data;
    return Math.abs(r - 214) < 12 && Math.abs(g - 140) < 12 && Math.abs(b - 20) < 12;
  };
  await page.waitForFunction(amberAt, 90, { timeout: 10000 });
  assert.equal(await page.evaluate(amberAt, 30), false);
  assert.equal(await page.evaluate(amberAt, 150), false);
  await page.screenshot({ path: path.join(artifacts, 'page-noise-reader.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
