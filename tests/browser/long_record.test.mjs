// The page on an hour of ECG, in real Chromium: leads i, ii and v1 of LUDB records 1-200 laid end
// to end for 3600 s at 500 Hz, dropped as a .npy with the rate typed in the rate box. Read back
// from the canvases' pixels through plot.js's own mapping and from what the page wrote on them:
//  - the whole hour in view: each lead's R peaks reach their height (every pixel column drawn from
//    its samples' extremes, not from a sample picked out of them), no per-beat marks, curves or
//    durations (a band along the top instead), and a line above the traces says to zoom in; at
//    ten minutes, too, a drag pans (it took an unseen marker when markers were 2 px apart);
//  - zoomed to a minute, markers without durations; to ten seconds, each beat's duration;
//  - the beat table of the hour's thousands of beats holds a few dozen rows, reaches the last beat
//    by scrolling (a click there centres the view on it), and Tab goes from row to row beyond the
//    rows first built.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { COLORS } from '../../web/colors.js';
import { onReadyPage, pageSession, screenshotPath } from './chromium.mjs';
import { ludbLongLeads, writeNpyLeads } from './ludb_records.mjs';

const FS = 500;
const SECONDS = 3600;
const TRACE_WIDTH = 1.3; // plot.js: the trace's line width

const session = pageSession();
let dir;
let file;
let leadII;

before(() => {
  const leads = ludbLongLeads({ records: Array.from({ length: 200 }, (_, i) => i + 1), names: ['i', 'ii', 'v1'], seconds: SECONDS, fs: FS });
  leadII = leads[1];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-hour-'));
  file = writeNpyLeads(path.join(dir, 'hour.npy'), leads);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// Opens the hour on the page, with every text the page writes on a canvas kept on that canvas
// (drawnTexts, emptied when the canvas is cleared for a redraw).
async function openHour(page) {
  await page.evaluate(() => {
    const proto = CanvasRenderingContext2D.prototype;
    const { fillText, clearRect } = proto;
    proto.fillText = function keepText(text, ...rest) {
      (this.canvas.drawnTexts ??= []).push(String(text));
      return fillText.call(this, text, ...rest);
    };
    proto.clearRect = function forgetTexts(x, y, w, h) {
      if (x === 0 && y === 0 && h >= this.canvas.clientHeight) this.canvas.drawnTexts = [];
      return clearRect.call(this, x, y, w, h);
    };
  });
  await page.fill('#default-fs', String(FS));
  await page.locator('#default-fs').blur();
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#summary[data-beats]', { timeout: 300000 });
}

// Waits until every lead is drawn with a view `seconds` long (within 1 %).
const waitForSpan = (page, seconds) => page.waitForFunction((want) => {
  const views = [...document.querySelectorAll('#leads canvas')].map((c) => c.plotMapping?.view);
  return views.length === 3 && views.every((v) => v && Math.abs(v.end - v.start - want) <= want / 100);
}, seconds, { timeout: 30000 });

// The wheel over the traces at `fraction` of their width, zooming from the current span to `seconds`.
async function zoomTo(page, seconds, fraction = 0.5) {
  const box = await page.locator('#leads').boundingBox();
  const { viewStart, viewEnd } = await page.$eval('#leads', (el) => el.dataset);
  await page.mouse.move(box.x + box.width * fraction, box.y + 40);
  // app.js: each wheel step multiplies the span by exp(deltaY * 0.0015).
  await page.mouse.wheel(0, Math.log(seconds / (Number(viewEnd) - Number(viewStart))) / 0.0015);
  await waitForSpan(page, seconds);
}

// What each lead canvas shows: the detail plot.js drew it at, the duration labels written on it,
// and how many of its plot's pixels are in the onset's or the offset's colour.
const drawnSummary = (page) => page.evaluate(({ onset, offset }) => [...document.querySelectorAll('#leads canvas')].map((canvas) => {
  const m = canvas.plotMapping;
  const rgb = (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const colours = [rgb(onset), rgb(offset)];
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, m.plotHeight);
  let marked = 0;
  for (let p = 0; p < data.length; p += 4) {
    if (colours.some((c) => Math.abs(data[p] - c[0]) + Math.abs(data[p + 1] - c[1]) + Math.abs(data[p + 2] - c[2]) < 60)) marked += 1;
  }
  return { detail: m.detail, durations: (canvas.drawnTexts ?? []).filter((t) => /^\d+ ms$/.test(t)).length,
           markedShare: marked / (data.length / 4) };
}), { onset: COLORS.onset, offset: COLORS.offset });

test('the whole hour shows its R peaks and a band for the beats; zoomed in, markers, then durations', () => onReadyPage(session, async (page) => {
  await openHour(page);
  await page.click('#reset-view');
  await waitForSpan(page, SECONDS);
  await page.screenshot({ path: screenshotPath('long-record-hour.png') });

  const whole = await drawnSummary(page);
  for (const lead of whole) {
    assert.equal(lead.detail, 'dense');
    assert.equal(lead.durations, 0, 'no duration labels');
    assert.ok(lead.markedShare < 0.002, `${(100 * lead.markedShare).toFixed(2)} % of the plot in marker or curve colours`);
  }
  assert.equal(await page.getAttribute('#detail-note', 'data-detail'), 'dense');
  assert.match(await page.textContent('#detail-note'), /band along its top.*Zoom in to see each beat/);

  // Lead ii's highest sample in each 10-minute stretch (an R peak): the top of the trace in its
  // pixel column is where the mapping puts that column's highest sample (with the sample before
  // it, which plot.js joins to the column), and that is the peak itself.
  const peaks = [];
  for (let from = 0; from < leadII.length; from += 600 * FS) {
    let peak = from;
    for (let k = from; k < Math.min(leadII.length, from + 600 * FS); ++k) if (leadII[k] > leadII[peak]) peak = k;
    peaks.push(peak);
  }
  const columns = await page.evaluate((samples) => {
    const m = document.querySelectorAll('#leads canvas')[1].plotMapping;
    const indexAtX = (x) => (m.view.start + (x / m.width) * (m.view.end - m.view.start)) * m.fs;
    return samples.map((k) => {
      const x = Math.floor(m.indexToX(k));
      return { x, from: Math.ceil(indexAtX(x)) - 1, to: Math.ceil(indexAtX(x + 1)) };
    });
  }, peaks);
  const tops = await page.evaluate(({ columns, highest, width }) => {
    const canvas = document.querySelectorAll('#leads canvas')[1];
    const m = canvas.plotMapping;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, m.plotHeight);
    const isTrace = (x, y) => {
      const p = (y * canvas.width + x) * 4;
      return data[p + 3] >= 128 && data[p] < 90 && data[p + 1] < 90 && data[p + 2] < 100;
    };
    return columns.map(({ x }, i) => {
      let y = 0;
      while (y < m.plotHeight && !isTrace(x, y)) ++y;
      return { drawn: y, expected: m.traceY(highest[i]) - width / 2 };
    });
  }, { columns, highest: columns.map(({ from, to }) => Math.max(...leadII.subarray(from, to))), width: TRACE_WIDTH });
  peaks.forEach((peak, i) => {
    assert.equal(Math.max(...leadII.subarray(columns[i].from, columns[i].to)), leadII[peak], `peak ${i + 1} is its column's highest`);
    assert.ok(Math.abs(tops[i].drawn - tops[i].expected) <= 1.5,
              `lead ii's R peak at ${(peak / FS).toFixed(2)} s: the trace tops out at row ${tops[i].drawn}, the peak is at ${tops[i].expected.toFixed(1)}`);
  });

  // Ten minutes, still a band: a drag pans (no marker is taken where none is drawn).
  await zoomTo(page, 600, columns[1].x / 1000);
  const box = await page.locator('#leads').boundingBox();
  const before = await page.$eval('#leads', (el) => Number(el.dataset.viewStart));
  await page.mouse.move(box.x + 700, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(box.x + 400, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((start) => Number(document.querySelector('#leads').dataset.viewStart) !== start, before);
  const panned = await page.$eval('#leads', (el) => Number(el.dataset.viewStart));
  assert.ok(Math.abs(panned - before - (300 / box.width) * 600) < 2, `a 300 px drag moved the view from ${before} to ${panned} s`);
  assert.equal(await page.getAttribute('#summary', 'data-edits'), '0', 'no mark was moved');

  // A minute: each beat's markers, no durations, and the line says so.
  await zoomTo(page, 60, columns[1].x / 1000);
  const minute = await drawnSummary(page);
  for (const lead of minute) {
    assert.equal(lead.detail, 'marked');
    assert.equal(lead.durations, 0);
    assert.ok(lead.markedShare > 0.01, 'markers and curves drawn');
  }
  assert.match(await page.textContent('#detail-note'), /no QRS durations.*zoom in/);

  // Ten seconds: each beat's duration, and nothing above the traces.
  await zoomTo(page, 10);
  await page.screenshot({ path: screenshotPath('long-record-10s.png') });
  const tenSeconds = await drawnSummary(page);
  const beatsInView = await page.evaluate(() => {
    const { viewStart, viewEnd } = document.querySelector('#leads').dataset;
    return [...document.querySelectorAll('#results tbody tr:not(.spacer)')].length && { start: Number(viewStart), end: Number(viewEnd) };
  });
  for (const lead of tenSeconds) {
    assert.equal(lead.detail, 'labelled');
    assert.ok(lead.durations >= 5, `${lead.durations} durations in ${JSON.stringify(beatsInView)}`);
  }
  assert.equal(await page.textContent('#detail-note'), '');
}));

test('the hour\'s beat table builds a few dozen rows, scrolls to the last beat and tabs past the first rows built', () => onReadyPage(session, async (page) => {
  await openHour(page);
  const beats = Number(await page.getAttribute('#summary', 'data-beats'));
  assert.ok(beats > 3000, `${beats} beats in an hour`);
  const rows = () => page.$$eval('#results tbody tr:not(.spacer)', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const first = await rows();
  assert.ok(first.length >= 10 && first.length <= 100, `${first.length} rows built`);
  assert.equal(first[0][0], '1');
  // The body is as tall as all its rows would be: the scroll bar is true.
  const heights = await page.$eval('#results tbody', (tbody) => ({
    body: tbody.getBoundingClientRect().height, row: tbody.querySelector('tr:not(.spacer)').getBoundingClientRect().height,
  }));
  assert.ok(Math.abs(heights.body - beats * heights.row) <= 2 * heights.row, `body ${heights.body} px for ${beats} rows of ${heights.row} px`);

  // Scrolled to the bottom: the last beat's row, which centres the view on that beat.
  await page.$eval('#results', (table) => { table.closest('.table-wrap').scrollTop = 1e9; });
  await page.waitForFunction((n) => [...document.querySelectorAll('#results tbody tr:not(.spacer)')].some((tr) => tr.firstChild.textContent.trim() === String(n)), beats);
  const last = (await rows()).find((r) => r[0] === String(beats));
  await page.locator('#results tbody tr:not(.spacer)', { hasText: last[1] }).last().click();
  await page.waitForFunction((centre) => {
    const { viewStart, viewEnd } = document.querySelector('#leads').dataset;
    return Math.abs((Number(viewStart) + Number(viewEnd)) / 2 - centre) < 0.01 || Number(viewEnd) >= 3599.99;
  }, (Number(last[1]) + Number(last[2])) / 2);
  await page.screenshot({ path: screenshotPath('long-record-table-end.png'), fullPage: true });

  // Back at the top, Tab from the first row 60 times: row 61, though 20-odd rows were built below
  // the view at first.
  await page.$eval('#results', (table) => { table.closest('.table-wrap').scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('#results tbody tr:not(.spacer)')?.firstChild.textContent === '1');
  await page.focus('#results tbody tr:not(.spacer)');
  for (let k = 0; k < 60; ++k) {
    await page.keyboard.press('Tab');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
  assert.equal(await page.evaluate(() => document.activeElement.closest('#results') && document.activeElement.firstChild.textContent), '61');
}));
