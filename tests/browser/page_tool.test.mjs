// The page as an annotation tool, in real Chromium under serve.py's Content-Security-Policy, on
// LUDB record 5: the readout under the cursor against the record's own samples and the module's
// probabilities; a marker dragged, flagged, undone and redone by keyboard; a QRS added in one lead
// and deleted, a beat added across the leads and undone; edits that survive zooming and switching
// records; JSON/CSV exports tagging each mark; the WFDB export read back by training/ludb.py's
// independent reader and re-imported as reference with zero difference; LUDB's own annotations as
// reference, scored as training/scoring.py scores them; ECG paper at 25 mm/s and 10 mm/mV; the
// example record with its attribution. No CSP violation, no request but to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { loadAnnotator, ludbDir, ludbFile, mustExist, readRecord5, sourceDir, startServer, webBuildDir } from '../js/helpers.mjs';
import { launchChromium, openWatched, screenshotPath } from './chromium.mjs';
import { AXIS_HEIGHT, COLORS } from '../../web/plot.js';

const LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const FS = 500;
const PYTHON_TOOL = path.join(sourceDir, 'tests', 'js', 'ludb_reference.py');

let server;
let chromium;
let work;

before(async () => {
  mustExist(path.join(webBuildDir, 'qrs_unet.qrsm'), 'build the wasm module first (make wasm)');
  server = await startServer();
  chromium = await launchChromium();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-page-tool-'));
});

after(async () => {
  await chromium?.close();
  server?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const python = (args, input) => JSON.parse(execFileSync('/usr/bin/python3', [PYTHON_TOOL, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 }));

// Lead `lead` of record 5 in mV from the .hea's gain and baseline: the truth for the readout.
function record5Lead(lead) {
  const line = fs.readFileSync(path.join(ludbDir, '5.hea'), 'utf8').trim().split('\n')[1 + lead].split(/\s+/);
  const [, gain, baseline] = line[2].match(/^([\d.]+)\((-?\d+)\)/);
  const raw = new Int16Array(Uint8Array.from(ludbFile('5.dat')).buffer);
  return Float32Array.from({ length: raw.length / 12 }, (_, i) => (raw[i * 12 + lead] - Number(baseline)) / Number(gain));
}

// Page geometry: the view (seconds) and lead canvas `lead`'s box (scrolled into the viewport, where
// the mouse can reach it); x of a time on it.
async function geometry(page, lead) {
  await page.locator('#leads canvas').nth(lead).scrollIntoViewIfNeeded();
  const view = await page.$eval('#leads', (el) => ({ start: Number(el.dataset.viewStart), end: Number(el.dataset.viewEnd) }));
  const box = await page.locator('#leads canvas').nth(lead).boundingBox();
  return { view, box, x: (t) => box.x + ((t - view.start) / (view.end - view.start)) * box.width, y: box.y + box.height / 2 };
}

async function pixel(page, lead, x, y) {
  return page.evaluate(([lead, x, y]) => {
    const canvas = document.querySelectorAll('#leads canvas')[lead];
    const r = canvas.getBoundingClientRect();
    return [...canvas.getContext('2d').getImageData(Math.round(x - r.left), Math.round(y - r.top), 1, 1).data];
  }, [lead, x, y]);
}
const near = (p, rgb, tol = 12) => rgb.every((v, k) => Math.abs(p[k] - v) <= tol);
const rgbOf = (css) => css.match(/\d+/g).slice(0, 3).map(Number);

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}
const exportJson = async (page) => JSON.parse((await download(page, '#export-json')).bytes.toString('utf8')).files;
// The tables follow the marks within a frame (app.js marksChanged): wait for two before reading.
const frames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
const edits = (page) => frames(page).then(() => page.getAttribute('#summary', 'data-edits')).then(Number);
const beatCount = (page) => frames(page).then(() => page.getAttribute('#summary', 'data-beats')).then(Number);

// A drag along lead `lead` from time `from` to `to` (seconds): how a QRS or a beat is added.
async function sweep(page, lead, from, to) {
  const g = await geometry(page, lead);
  await page.mouse.move(g.x(from), g.y);
  await page.mouse.down();
  await page.mouse.move(g.x(to), g.y, { steps: 4 });
  await page.mouse.up();
}

async function dropRecord5(page) {
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
}

// The reference panel's pooled rows: {'onset each lead…': [TP, FN, FP, Se, PPV, mean ± SD]}.
const referenceRows = (page) => page.$$eval('#reference-summary tbody tr', (rows) => Object.fromEntries(rows.map((r) =>
  [`${r.dataset.kind} ${r.dataset.scope}`, [...r.children].slice(3).map((td) => td.textContent)])));

test('correct, export, re-import and compare on LUDB record 5', async () => {
  const { page, violations, errors, foreignRequests } = await openWatched(chromium.context, server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await dropRecord5(page);
  assert.equal(await edits(page), 0);
  const beats0 = await beatCount(page);
  const model = (await exportJson(page))[0].records[0];
  assert.ok(model.leads.every((l) => l.qrs.every((q) => q.source === 'model')) && model.beats.every((b) => b.source === 'model'));
  await page.screenshot({ path: screenshotPath('tool-record5.png'), fullPage: true });

  // ---- hover readout: time, mV and both probabilities at the sample under the cursor ------------
  const annotator = await loadAnnotator({ variant: 'simd' });
  const rec = await readRecord5(annotator);
  const truth = annotator.annotate(rec.leads.map((l) => l.samples), rec.fs, { leadNames: rec.leads.map((l) => l.name) });
  annotator.dispose();
  const ii = record5Lead(1);
  for (const t of [1.234, 2.02, 6.5]) {
    const g = await geometry(page, 1);
    await page.mouse.move(g.x(t), g.y);
    const r = await page.$eval('#readout', (el) => ({ ...el.dataset, text: el.textContent }));
    const sample = Number(r.sample);
    assert.equal(r.lead, 'ii');
    assert.ok(Math.abs(sample - t * FS) <= 4, `sample ${sample} under ${t} s`);
    assert.ok(Math.abs(Number(r.seconds) - sample / FS) < 1e-9);
    assert.ok(Math.abs(Number(r.value) - ii[sample]) < 1e-5, `mV at ${sample}: ${r.value} vs ${ii[sample]}`);
    assert.ok(Math.abs(Number(r.onsetProb) - truth.leads[1].onsetProb[sample]) < 1e-3, 'onset probability');
    assert.ok(Math.abs(Number(r.offsetProb) - truth.leads[1].offsetProb[sample]) < 1e-3, 'offset probability');
    assert.match(r.text, new RegExp(`ii · ${(sample / FS).toFixed(3)} s .* ${ii[sample].toFixed(3)} mV · P\\(onset\\) ${truth.leads[1].onsetProb[sample].toFixed(2)}`));
  }
  // The cursor over an R peak: the largest probability nearby belongs to the QRS boundaries.
  const peakReadout = await page.$eval('#readout', (el) => el.textContent);
  console.log(`readout: ${peakReadout}`);

  // ---- drag lead ii's first onset 10 px earlier: edited, flagged, beat and table follow ---------
  const first = model.leads[1].qrs[0];
  let g = await geometry(page, 1);
  const x0 = g.x(first.onset / FS);
  await page.mouse.move(x0, g.y);
  await page.mouse.down();
  await page.mouse.move(x0 - 5, g.y, { steps: 3 });
  await page.mouse.move(x0 - 10, g.y, { steps: 3 });
  await page.mouse.up();
  const expectedOnset = Math.round((g.view.start + ((x0 - 10 - g.box.x) / g.box.width) * (g.view.end - g.view.start)) * FS);
  assert.equal(await edits(page), 1);
  let moved = (await exportJson(page))[0].records[0];
  const q = moved.leads[1].qrs[0];
  assert.equal(q.source, 'edited');
  assert.ok(Math.abs(q.onset - expectedOnset) <= 1, `moved to ${q.onset}, expected ${expectedOnset}`);
  assert.equal(q.offset, first.offset);
  assert.equal(q.modelOnset, first.onset);
  assert.equal(moved.leads.flatMap((l) => l.qrs).filter((m) => m.source === 'edited').length, 1, 'one drag, one edited mark');
  assert.equal(moved.beats[0].source, 'edited');
  assert.ok(moved.beats[0].firstOnset <= q.onset);
  assert.equal(moved.edits, 1);
  const flag = await page.$$eval('#results tbody tr', (rows) => rows.map((r) => r.querySelector('.flag')?.title ?? ''));
  assert.equal(flag[0], 'edited');
  assert.ok(flag.slice(1).every((f) => f === ''));
  // The flag on the canvas: the edited marker's triangle at the top of lead ii.
  await page.waitForTimeout(100);
  g = await geometry(page, 1);
  assert.ok(near(await pixel(page, 1, g.x(q.onset / FS), g.box.y + 1), [31, 79, 209]), 'edited flag drawn');
  assert.ok(!near(await pixel(page, 1, g.x(first.offset / FS), g.box.y + 1), [31, 79, 209]), 'the model offset has no flag');
  await page.screenshot({ path: screenshotPath('tool-record5-dragged.png'), fullPage: true });

  // ---- undo / redo by keyboard ------------------------------------------------------------------
  await page.click('#record-title');
  await page.keyboard.press('Control+z');
  assert.equal(await edits(page), 0);
  assert.equal((await exportJson(page))[0].records[0].leads[1].qrs[0].onset, first.onset);
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await edits(page), 1);

  // ---- add a QRS in lead v1 between beats 1 and 2, select it, delete it ------------------------
  const gap = (model.beats[0].lastOffset + model.beats[1].firstOnset) / 2 / FS;
  await page.keyboard.press('q');
  await sweep(page, 6, gap - 0.03, gap + 0.03);
  assert.equal(await edits(page), 2, await page.textContent('#status'));
  const added = (await exportJson(page))[0].records[0].leads[6].qrs.find((m) => Math.abs(m.onset / FS - gap) < 0.05);
  assert.ok(added, 'the added QRS is in lead v1');
  assert.deepEqual([added.source, added.modelOnset], ['edited', null]);
  g = await geometry(page, 6); // the export button scrolled the page
  await page.mouse.click(g.x(gap), g.y); // select it (it was selected on adding; a click keeps it so)
  await page.keyboard.press('Delete');
  assert.equal(await edits(page), 1);

  // ---- add a beat across the leads, then undo it -------------------------------------------------
  await page.keyboard.press('b');
  await sweep(page, 0, gap - 0.03, gap + 0.03);
  assert.equal(await beatCount(page), beats0 + 1);
  assert.equal(await edits(page), 13, 'a complex in each of the 12 leads');
  await page.screenshot({ path: screenshotPath('tool-record5-added-beat.png'), fullPage: true });
  await page.keyboard.press('Control+z');
  assert.equal(await beatCount(page), beats0);
  assert.equal(await edits(page), 1);

  // ---- edits survive zooming and switching records -----------------------------------------------
  g = await geometry(page, 1);
  await page.mouse.move(g.x(1), g.y);
  await page.mouse.wheel(0, -600);
  await page.setInputFiles('#file-input', [path.join(ludbDir, '10.hea'), path.join(ludbDir, '10.dat')]);
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('10 '), null, { timeout: 120000 });
  assert.equal(await edits(page), 0, 'record 10 has its own edits');
  await page.click('.file-entry button:text-is("5.hea")');
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('5 '));
  assert.equal(await edits(page), 1, 'record 5 keeps its edit');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await edits(page), 1, 'and its history');
  const files = await exportJson(page);
  const five = files.find((f) => f.file === '5.hea').records[0];
  assert.equal(five.leads[1].qrs[0].onset, q.onset);

  // ---- CSV carries the source of every row --------------------------------------------------------
  const csv = (await download(page, '#export-csv')).bytes.toString('utf8').trim().split('\n');
  assert.equal(csv[0], 'file,record,lead,index,source,onset_sample,offset_sample,onset_s,offset_s,qrs_ms');
  const rows5 = csv.filter((l) => l.startsWith('"5.hea"'));
  assert.deepEqual(rows5.filter((l) => l.includes(',edited,')).map((l) => l.split(',').slice(2, 5).join(',')),
                   ['"all (beat)",1,edited', '"ii",1,edited']);
  assert.equal(rows5.filter((l) => l.includes(',model,')).length, rows5.length - 2);

  // ---- WFDB export: a zip of '(' 'N' ')' files the independent reader reads back -----------------
  const zip = await download(page, '#export-wfdb');
  assert.equal(zip.name, '5-qrs-wfdb.zip');
  const out = path.join(work, 'wfdb');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(work, zip.name), zip.bytes);
  execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])',
                                    path.join(work, zip.name), out]);
  const names = [...LEADS.map((l) => `5.${l}`), '5.qrs'];
  assert.deepEqual(fs.readdirSync(out).sort(), [...names].sort());
  const read = python(['read', ...names.map((n) => path.join(out, n))]);
  const check = (marks, complexes, what) => {
    assert.deepEqual(marks.filter(([, s]) => s !== 'N').map(([t]) => t), complexes.flatMap((c) => [Math.round(c.onset), Math.round(c.offset)]), what);
    assert.deepEqual(marks.map(([, s]) => s).join(''), '(N)'.repeat(complexes.length), what);
  };
  LEADS.forEach((l, i) => check(read[path.join(out, `5.${l}`)], five.leads[i].qrs, `5.${l}`));
  check(read[path.join(out, '5.qrs')], five.beats.map((b) => ({ onset: b.firstOnset, offset: b.lastOffset })), '5.qrs');

  // ---- re-import the export as reference: zero difference ----------------------------------------
  await page.setInputFiles('#file-input', names.map((n) => path.join(out, n)));
  await page.waitForSelector('#reference-panel:not([hidden])');
  assert.match(await page.textContent('#status'), /13 reference annotation files for 5/);
  const self = await referenceRows(page);
  const lead = 'each lead vs its own file';
  const across = 'beats across the leads';
  const complexes = five.leads.reduce((n, l) => n + l.qrs.length, 0);
  assert.deepEqual(self[`onset ${lead}`], [String(complexes), '0', '0', '100.0', '100.0', '0.0 ± 0.0']);
  assert.deepEqual(self[`offset ${lead}`], [String(complexes), '0', '0', '100.0', '100.0', '0.0 ± 0.0']);
  assert.deepEqual(self[`onset ${across}`], [String(five.beats.length), '0', '0', '100.0', '100.0', '0.0 ± 0.0']);
  assert.deepEqual(self[`offset ${across}`], [String(five.beats.length), '0', '0', '100.0', '100.0', '0.0 ± 0.0']);
  const diffs = await page.$$eval('#results tbody tr td.diff', (cells) => cells.map((c) => c.textContent));
  assert.equal(diffs.length, 2 * five.beats.length);
  assert.ok(diffs.every((d) => d === '0'), `per-beat differences: ${diffs.join(' ')}`);
  await page.screenshot({ path: screenshotPath('tool-record5-reimported.png'), fullPage: true });

  // ---- LUDB's cardiologists as reference: the page's figures are training/scoring.py's ---------
  await page.setInputFiles('#file-input', LEADS.map((l) => path.join(ludbDir, `5.${l}`)));
  await page.waitForFunction(() => /reference annotation files? for 5/.test(document.querySelector('#status').textContent) &&
                                   document.querySelectorAll('#reference-leads tbody tr').length === 12);
  const theirs = python(['score'], JSON.stringify({
    fs: FS,
    leads: LEADS.map((l, i) => ({ file: path.join(ludbDir, `5.${l}`),
      onsets: five.leads[i].qrs.map((m) => Math.round(m.onset)), offsets: five.leads[i].qrs.map((m) => Math.round(m.offset)) })),
  })).summary;
  const shown = await referenceRows(page);
  for (const kind of ['onset', 'offset']) {
    const s = theirs[kind];
    assert.deepEqual(shown[`${kind} ${lead}`], [s.tp, s.fn, s.fp, s.se.toFixed(1), s.ppv.toFixed(1), `${s.mean_ms.toFixed(1)} ± ${s.sd_ms.toFixed(1)}`].map(String), kind);
    console.log(`record 5 vs LUDB, ${kind}: ${shown[`${kind} ${lead}`].join(' | ')}`);
  }
  await page.screenshot({ path: screenshotPath('tool-record5-vs-ludb.png'), fullPage: true });
  // Over a complex, the readout gives its difference from the lead's reference.
  const ref5ii = python(['read', path.join(ludbDir, '5.ii')])[path.join(ludbDir, '5.ii')];
  const second = five.leads[1].qrs[1];
  const refOnset = ref5ii.filter(([t, sym]) => sym === '(' && Math.abs(t - second.onset) < 75)[0][0];
  g = await geometry(page, 1);
  await page.mouse.move(g.x((second.onset + second.offset) / 2 / FS), g.y);
  const onsetMs = ((Math.round(second.onset) - refOnset) * 1000) / FS;
  assert.match(await page.textContent('#readout'), new RegExp(`vs 5\\.ii: onset ${onsetMs >= 0 ? '\\+' : ''}${onsetMs.toFixed(0)} ms, offset [+-]?\\d+ ms`));

  // ---- ECG paper: 25 mm/s and 10 mm/mV in CSS millimetres; the wheel steps the speed ------------
  await page.click('#record-title');
  await page.keyboard.press('g');
  await page.waitForTimeout(100);
  const mm = 96 / 25.4;
  g = await geometry(page, 0);
  // The span is the traces' width (CSS px, as the canvas is drawn) over 25 mm/s in CSS px.
  const width = await page.$eval('#leads canvas', (e) => e.clientWidth);
  assert.ok(Math.abs(width - g.box.width) < 1, `canvas ${width} px, box ${g.box.width}`);
  assert.ok(Math.abs(g.view.end - g.view.start - width / (25 * mm)) < 1e-9, `span ${g.view.end - g.view.start}`);
  // A 5 mm line (every 0.2 s) and a 1 mm line (0.04 s) in lead i's top pixel row, away from marks;
  // a 5 mm line across, 5 mm above the baseline in the plot's middle.
  const marksAt = five.leads[0].qrs.flatMap((m) => [m.onset / FS, m.offset / FS]);
  const clear = (t) => marksAt.every((m) => Math.abs(m - t) > 0.06) && g.x(t) - g.box.x > 80;
  const major = [...Array(20).keys()].map((k) => k * 0.2).find((t) => t > g.view.start && t < g.view.end && clear(t));
  assert.ok(near(await pixel(page, 0, g.x(major), g.box.y + 1), rgbOf(COLORS.paperMajor), 20), 'a 5 mm line');
  assert.ok(near(await pixel(page, 0, g.x(major + 0.04), g.box.y + 1), rgbOf(COLORS.paperMinor), 20), 'a 1 mm line');
  const height = await page.$eval('#leads canvas', (e) => e.clientHeight);
  const row = g.box.y + Math.round((height - AXIS_HEIGHT) / 2 - 5 * mm);
  assert.ok(near(await pixel(page, 0, g.x(major + 0.02), row), rgbOf(COLORS.paperMajor), 20), 'a 5 mm line across');
  await page.screenshot({ path: screenshotPath('tool-record5-paper.png'), fullPage: true });
  await page.mouse.move(g.box.x + 300, g.y);
  await page.mouse.wheel(0, -100);
  await page.waitForTimeout(100);
  g = await geometry(page, 0);
  assert.ok(Math.abs(g.view.end - g.view.start - width / (50 * mm)) < 1e-9, 'zoomed in to 50 mm/s');
  assert.equal(await page.inputValue('#paper-speed'), '50');

  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(foreignRequests(), [], 'requests to other hosts');
  assert.deepEqual(errors, [], 'errors on the page');
  await page.close();
});

// LUDB record 1 has no beat at 2.00-2.08 s: a QRS added there in lead v1 alone is a new beat (as
// on a one-lead record, where this is how a missed beat is added), in the table and in every
// export, edited; undo, redo and deleting the QRS take the beat with it.
test('a QRS added in one lead where no beat is makes a new beat, in the table and every export', async () => {
  const { page, violations, errors, foreignRequests } = await openWatched(chromium.context, server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.setInputFiles('#file-input', [path.join(ludbDir, '1.hea'), path.join(ludbDir, '1.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  const beats0 = await beatCount(page);
  const model = (await exportJson(page))[0].records[0];
  assert.ok(!model.beats.some((b) => b.lastOffset > 950 && b.firstOnset < 1090), 'the model has a beat at 2.00-2.08 s');

  await page.keyboard.press('q');
  await sweep(page, 6, 2.0, 2.08);
  assert.equal(await beatCount(page), beats0 + 1, await page.textContent('#status'));
  const near = (a, b) => Math.abs(a - b) <= 5;
  const row = await page.$$eval('#results tbody tr', (rows) => rows.map((r) => ({
    edited: r.classList.contains('edited'), cells: [...r.children].map((td) => td.textContent),
  })).find((r) => Math.abs(Number(r.cells[1]) - 2) < 0.01));
  assert.ok(row?.edited, `no edited row at 2.00 s in the beat table: ${JSON.stringify(row)}`);
  assert.equal(row.cells.at(-1), '1 / 12', 'one lead marks the new beat');
  await page.screenshot({ path: screenshotPath('tool-record1-added-qrs.png'), fullPage: true });

  const edited = (await exportJson(page))[0].records[0];
  const beat = edited.beats.find((b) => near(b.firstOnset, 1000));
  assert.ok(beat && near(beat.lastOffset, 1040) && beat.source === 'edited', `JSON beats: ${JSON.stringify(beat)}`);
  const csvBeat = (await download(page, '#export-csv')).bytes.toString('utf8').split('\n')
    .filter((l) => l.includes('"all (beat)"')).map((l) => l.split(',')).find((f) => near(Number(f[5]), 1000));
  assert.equal(csvBeat?.[4], 'edited', `CSV beat row: ${csvBeat}`);
  const zip = await download(page, '#export-wfdb');
  const out = path.join(work, 'record1');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(work, zip.name), zip.bytes);
  execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', path.join(work, zip.name), out]);
  const qrs = python(['read', path.join(out, '1.qrs')])[path.join(out, '1.qrs')];
  assert.ok(qrs.some(([t, symbol]) => symbol === '(' && near(t, 1000)), 'the beat in 1.qrs');

  await page.click('#record-title');
  await page.keyboard.press('Control+z');
  assert.equal(await beatCount(page), beats0, 'undo takes the beat away');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await beatCount(page), beats0 + 1, 'redo brings it back');
  const g = await geometry(page, 6);
  await page.mouse.click(g.x(2.04), g.y);
  await page.keyboard.press('Delete');
  assert.equal(await beatCount(page), beats0, 'deleting its only QRS deletes the beat');
  assert.deepEqual(violations, []);
  assert.deepEqual(foreignRequests(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

// The page keeps up with the edits: the status line drops an add mode's hint once the add is done
// or cancelled, 'Revert all' is off once there is nothing to revert, and each record keeps its
// zoom and pan while another is on screen.
test('status line, Revert all and each record\'s view follow what was done', async () => {
  const { page, violations, errors, foreignRequests } = await openWatched(chromium.context, server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await dropRecord5(page);
  const status = () => page.textContent('#status');
  assert.equal(await page.isDisabled('#revert-all'), true, 'nothing to revert yet');
  const [first, second] = (await exportJson(page))[0].records[0].beats;
  const gap = (first.lastOffset + second.firstOnset) / 2 / FS;

  await page.keyboard.press('q');
  assert.match(await status(), /^Add a QRS: drag along one lead/);
  await sweep(page, 6, gap - 0.03, gap + 0.03);
  assert.equal(await edits(page), 1);
  const done = await status();
  assert.match(done, /^Add QRS in v1 at [\d.]+–[\d.]+ s: done \(Ctrl\+Z undoes it\)\.$/);
  await page.keyboard.press('b');
  assert.match(await status(), /^Add a beat: drag across the traces/);
  await page.keyboard.press('Escape');
  assert.equal(await status(), done, 'Esc gives back the status before the mode');

  assert.equal(await page.isDisabled('#revert-all'), false);
  await page.click('#revert-all');
  assert.equal(await edits(page), 0);
  assert.equal(await page.isDisabled('#revert-all'), true, 'all reverted: nothing left to revert');
  await page.click('#record-title');
  await page.keyboard.press('Control+z');
  assert.equal(await edits(page), 1);
  assert.equal(await page.isDisabled('#revert-all'), false, 'the revert undone');

  // Zoom and pan on record 5, look at record 10, come back: record 5's view is as it was.
  const g = await geometry(page, 1);
  await page.mouse.move(g.x(3), g.y);
  await page.mouse.wheel(0, -600);
  await page.mouse.down();
  await page.mouse.move(g.x(3) - 120, g.y, { steps: 4 });
  await page.mouse.up();
  await frames(page);
  const viewOf = () => page.$eval('#leads', (el) => [Number(el.dataset.viewStart), Number(el.dataset.viewEnd)]);
  const view5 = await viewOf();
  assert.ok(view5[1] - view5[0] < 5 && view5[0] > 0, `zoomed and panned: ${view5}`);
  await page.setInputFiles('#file-input', [path.join(ludbDir, '10.hea'), path.join(ludbDir, '10.dat')]);
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('10 '), null, { timeout: 120000 });
  await frames(page);
  assert.deepEqual(await viewOf(), [0, 10], 'record 10 opens whole');
  await page.click('.file-entry button:text-is("5.hea")');
  await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('5 '));
  await frames(page);
  assert.deepEqual(await viewOf(), view5, 'record 5 keeps its view');
  assert.deepEqual(violations, []);
  assert.deepEqual(foreignRequests(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the example record loads with its reference annotations and its attribution', async () => {
  mustExist(path.join(webBuildDir, 'example', 'manifest.json'), 'the wasm build copies an example record from LUDB');
  const { page, violations, errors, foreignRequests } = await openWatched(chromium.context, server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForSelector('#load-example:not([hidden])');
  const attribution = await page.textContent('#example-attribution');
  assert.match(attribution, /LUDB/);
  assert.match(attribution, /Kalyakulina/);
  assert.match(attribution, /Open Data Commons Attribution/);
  assert.equal(await page.getAttribute('#example-attribution a.licence', 'href'), 'build/example/LICENSE.txt');
  await page.click('#load-example');
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.match(await page.textContent('#record-title'), /^5 — 12 leads, 500 Hz, 10\.0 s/);
  await page.waitForSelector('#reference-panel:not([hidden])');
  assert.equal(await page.locator('#reference-leads tbody tr').count(), 12);
  const rows = await referenceRows(page);
  const se = Number(rows['onset each lead vs its own file'][3]);
  assert.ok(se > 90, `Se against LUDB record 5: ${se}`);
  await page.screenshot({ path: screenshotPath('tool-example.png'), fullPage: true });
  const licence = await page.evaluate(async () => (await fetch('build/example/LICENSE.txt')).text());
  assert.match(licence, /ODC Attribution License/);
  // Annotation files that do not fit: a damaged one, and one for a record that is not open.
  await page.setInputFiles('#file-input', [{ name: '5.bad', mimeType: 'application/octet-stream', buffer: Buffer.from([1, 2, 3]) },
                                           { name: '77.i', mimeType: 'application/octet-stream', buffer: ludbFile('5.i') }]);
  // The one for a record not open is held for the drop that brings it; the damaged one is an error.
  await page.locator('.file-entry.waiting', { hasText: '77.i' }).waitFor();
  assert.match(await page.textContent('.file-entry.error:has-text("5.bad")'), /5\.bad: 3 bytes, an odd length: not a WFDB/);
  assert.match(await page.textContent('.file-entry.waiting:has-text("77.i")'), /no record '77' is open.*Held: it is used as soon as you drop that record/);
  assert.equal(await page.locator('#reference-leads tbody tr').count(), 12, 'the good references stay');
  assert.deepEqual(violations, []);
  assert.deepEqual(foreignRequests(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a build without LUDB has no example button', async () => {
  const page = await chromium.context.newPage();
  await page.route('**/build/example/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForTimeout(300);
  assert.equal(await page.isHidden('#load-example'), true);
  assert.equal(await page.isHidden('#example-attribution'), true);
  await page.close();
});
