// The page on long recordings, in Debian's Chromium (playwright-core; never a downloaded browser):
// how long a record takes to load and how long the main thread is blocked meanwhile, how long a
// redraw takes at each zoom, a pan, the beat table, an edit, and memory. Benchmark only: never part
// of the test pass/fail. Timings come from the page itself: app.js wraps each redraw and each
// rebuild of the tables in a User Timing measure ('qrs:draw', 'qrs:results'); long tasks from a
// PerformanceObserver ('longtask': main-thread tasks over 50 ms).
//
//   node bench/wasm/page_long_record.mjs [--records hour,day] [--web DIR[,DIR...]] [--rounds N]
//                                        [--redraws N] [--data DIR] [--load-timeout S]
//                                        [--screenshots DIR]
//     hour  3 leads (i, ii, v1) x 500 Hz x 1 h: LUDB records 1-200, 10 s each, one after another
//     day   2 leads (ii, v5) x 250 Hz x 24 h: LUDB record 5 (pairs of samples averaged), repeated
//     --web     the pages to serve (default web/): several, comma-separated, are run in turn in
//               each round (a before/after comparison in the same conditions), each from its own
//               folder with the build folder beside its index.html; a fresh Chromium per run
//     --rounds  how many times each page runs each record (default 1); the summary gives medians
//     --data    where the .npy files are made once (default $TMPDIR/qrs-page-bench)
//     --screenshots DIR  also save the traces at each zoom as DIR/<record>-<seconds>s.png
// Needs the wasm build in web/build (make wasm) and LUDB (ECG_LUDB_DIR or ../shared/data/ludb).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { launchChromium } from '../../tests/browser/chromium.mjs';
import { ludbLongLeads, writeNpyLeads } from '../../tests/browser/ludb_records.mjs';
import { startServer } from '../../tests/js/helpers.mjs';
import { option, sourceDir } from './bench_args.mjs';

const RECORDS = {
  hour: { names: ['i', 'ii', 'v1'], fs: 500, seconds: 3600, records: Array.from({ length: 200 }, (_, i) => i + 1) },
  day: { names: ['ii', 'v5'], fs: 250, seconds: 24 * 3600, records: [5] },
};
const wanted = option('--records', 'hour').split(',');
const webDirs = option('--web', path.join(sourceDir, 'web')).split(',').map((dir) => path.resolve(dir));
const rounds = Number(option('--rounds', 1));
const redraws = Number(option('--redraws', 15));
const dataDir = option('--data', path.join(os.tmpdir(), 'qrs-page-bench'));
const loadTimeoutMs = Number(option('--load-timeout', 900)) * 1000;
const screenshots = option('--screenshots', null);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[(sorted.length - 1) >> 1] : NaN;
};
const ms = (v) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;

function npyFor(name) {
  const spec = RECORDS[name];
  const file = path.join(dataDir, `${name}.npy`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    writeNpyLeads(`${file}.part`, ludbLongLeads(spec));
    fs.renameSync(`${file}.part`, file);
  }
  return file;
}

// Resident memory of Chromium's processes (every descendant of this node process), sampled while
// the bench runs: shared pages count once per process, so this is an upper bound.
function chromiumRss() {
  const parents = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) if (!ours.has(pid) && ours.has(parent)) ours.add(pid), grew = true;
  }
  ours.delete(process.pid);
  let bytes = 0;
  for (const pid of ours) {
    try {
      const rss = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (rss) bytes += Number(rss[1]) * 1024;
    } catch { /* gone meanwhile */ }
  }
  return bytes;
}

// In the page: the main thread's long tasks, kept from the start.
function watchLongTasks() {
  window.benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.benchLongTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const measures = (page, name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
const frames = (page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
const viewOf = (page) => page.evaluate(() => {
  const { viewStart, viewEnd } = document.querySelector('#leads').dataset;
  return { start: Number(viewStart), end: Number(viewEnd) };
});

// Runs `action`, waits for the redraw it causes and the frame after it; returns the wall time
// (from the action to that frame, painting included) and the durations of the draws it caused.
async function timedRedraw(page, action) {
  const before = (await measures(page, 'qrs:draw')).length;
  const started = Date.now();
  await action();
  await page.waitForFunction((n) => performance.getEntriesByName('qrs:draw').length > n, before, { timeout: 120000, polling: 'raf' });
  await frames(page);
  return { wallMs: Date.now() - started, drawMs: (await measures(page, 'qrs:draw')).slice(before) };
}

// The same view drawn `redraws` times (a resize event makes the page redraw): the median draw, and
// the median time from the event to the second frame after it (the drawn frame painted), in the
// page's own clock.
async function redrawMedian(page) {
  const draws = [];
  const frameTimes = [];
  for (let k = 0; k < redraws; ++k) {
    const before = (await measures(page, 'qrs:draw')).length;
    frameTimes.push(await page.evaluate(async () => {
      const started = performance.now();
      window.dispatchEvent(new Event('resize'));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return performance.now() - started;
    }));
    draws.push(...(await measures(page, 'qrs:draw')).slice(before));
  }
  return { draw: median(draws), min: Math.min(...draws), max: Math.max(...draws), frame: median(frameTimes) };
}

// Zooms (the wheel over the traces) from the current view to a span of `seconds`, centred.
async function zoomTo(page, seconds) {
  await page.locator('#leads').scrollIntoViewIfNeeded();
  const box = await page.locator('#leads').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  const view = await viewOf(page);
  // app.js: each wheel step multiplies the span by exp(deltaY * 0.0015).
  const deltaY = Math.log(seconds / (view.end - view.start)) / 0.0015;
  await timedRedraw(page, () => page.mouse.wheel(0, deltaY));
  const now = await viewOf(page);
  return now.end - now.start;
}

const SPANS = ['whole', 600, 60, 10]; // seconds in view for the redraw figures ('whole': the record)

// One run of one record on one page: the figures, or {failed: why} when it did not load.
async function benchRecord(context, url, name, shotsPrefix) {
  const spec = RECORDS[name];
  const file = npyFor(name);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(watchLongTasks);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.fill('#default-fs', String(spec.fs));
  await page.locator('#default-fs').blur();
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, chromiumRss()); }, 250);
  try {
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('#file-input', file);
    try {
      await page.waitForFunction(() => document.querySelector('#summary[data-beats]') && performance.getEntriesByName('qrs:draw').length,
                                 null, { timeout: loadTimeoutMs, polling: 200 });
    } catch {
      const longest = await page.evaluate((start) => Math.max(0, ...window.benchLongTasks.filter((t) => t.start >= start).map((t) => t.duration)), t0)
        .catch(() => NaN);
      return { failed: `not shown after ${loadTimeoutMs / 1000} s (status '${await page.textContent('#status').catch(() => '?')}', ` +
                       `longest main-thread task so far ${ms(longest)}, page errors: ${errors.join('; ') || 'none'})` };
    }
    await frames(page);
    // The figures so far: a page too slow for a later step (a wait of 2 minutes) keeps them.
    const figures = { redraw: {}, heapBytes: NaN, peakRss: NaN, errors };
    try {
      await measureShown(page, t0, figures, shotsPrefix, spec);
    } catch (err) {
      figures.stopped = err.message.split('\n')[0];
    }
    figures.heapBytes = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN).catch(() => NaN);
    figures.peakRss = peakRss;
    return figures;
  } finally {
    clearInterval(sampler);
    await page.close();
  }
}

// The figures of a record on screen (benchRecord), filled into `figures` step by step.
async function measureShown(page, t0, figures, shotsPrefix, spec) {
  const load = await page.evaluate((start) => {
    const drawn = performance.getEntriesByName('qrs:draw')[0];
    const tasks = window.benchLongTasks.filter((t) => t.start >= start);
    const summary = document.querySelector('#summary');
    return { loadMs: drawn.startTime + drawn.duration - start, longestTask: Math.max(0, ...tasks.map((t) => t.duration)),
             over200: tasks.filter((t) => t.duration > 200).length,
             annotateMs: Number(summary.textContent.match(/annotated in (\d+) ms/)?.[1]), beats: Number(summary.dataset.beats),
             rows: document.querySelectorAll('#results tbody tr:not(.spacer)').length,
             tableMs: performance.getEntriesByName('qrs:results')[0]?.duration };
  }, t0);
  Object.assign(figures, load);
  await timedRedraw(page, () => page.click('#reset-view'));
  const { redraw } = figures;
  for (const span of SPANS) {
    if (span !== 'whole') await zoomTo(page, span);
    redraw[span] = await redrawMedian(page);
    if (shotsPrefix) {
      // The record's toolbars, legend and traces (a whole-page shot with a clip: an element
      // shot of the tall viewer would scroll the page under the next wheel event).
      const clip = await page.evaluate(() => {
        const top = document.querySelector('#viewer').getBoundingClientRect();
        const bottom = document.querySelector('#trace-area').getBoundingClientRect();
        return { x: top.x, y: top.y + scrollY, width: top.width, height: bottom.bottom - top.y + 4 };
      });
      const shot = `${shotsPrefix}-${span === 'whole' ? spec.seconds : span}s.png`;
      // A page that takes longer than Playwright's 30 s to paint has no shot, but its figures.
      await page.screenshot({ path: shot, clip, fullPage: true }).catch((err) => console.log(`  no ${shot}: ${err.message.split('\n')[0]}`));
    }
  }

  // A pan of 300 px in 5 pointer moves at 10 minutes in view (the outside tester's gesture).
  await zoomTo(page, 600);
  const box = await page.locator('#leads').boundingBox();
  const before = await viewOf(page);
  const pan = await timedRedraw(page, async () => {
    await page.mouse.move(box.x + 700, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 400, box.y + 40, { steps: 5 });
    await page.mouse.up();
  });
  // How far the view moved, in pixels (300 for a pan; 0 if the drag took a marker instead).
  const after = await viewOf(page);
  const movedPx = ((after.start - before.start) / (before.end - before.start)) * box.width;
  Object.assign(figures, { panWallMs: pan.wallMs, panDrawMs: median(pan.drawMs), panMovedPx: movedPx });

  // An edit at 10 s in view: the 11th beat's row centres the view on it; a click there selects
  // a lead's QRS (the first lead that has one there), and Delete deletes it (the tables are rebuilt).
  await zoomTo(page, 10);
  await timedRedraw(page, () => page.locator('#results tbody tr:not(.spacer)').nth(10).click());
  for (const canvas of await page.locator('#leads canvas').all()) {
    const canvasBox = await canvas.boundingBox();
    await page.mouse.click(canvasBox.x + canvasBox.width / 2, canvasBox.y + 50);
    await frames(page);
    if (await page.isEnabled('#delete-qrs')) break;
  }
  const resultsBefore = (await measures(page, 'qrs:results')).length;
  const edit = await timedRedraw(page, () => page.keyboard.press('Delete'));
  await page.waitForFunction((n) => performance.getEntriesByName('qrs:results').length > n, resultsBefore, { timeout: 120000 });
  Object.assign(figures, { editWallMs: edit.wallMs, editTablesMs: median((await measures(page, 'qrs:results')).slice(resultsBefore)) });
}

// One figure across a page's runs: the median, and the runs' values when there are several.
function across(runs, pick, format) {
  const values = runs.filter((r) => !r.failed).map(pick).filter(Number.isFinite);
  if (!values.length) return '—';
  return values.length > 1 ? `${format(median(values))} (${values.map(format).join(', ')})` : format(values[0]);
}

function printSummary(name, runsByPage) {
  const spec = RECORDS[name];
  console.log(`\n${name}: ${spec.names.length} leads (${spec.names.join(', ')}) x ${spec.fs} Hz x ${spec.seconds} s ` +
              `= ${(spec.fs * spec.seconds / 1e6).toFixed(1)} M samples per lead; medians of ${rounds} run${rounds > 1 ? 's' : ''} ` +
              `(each run's value in brackets), redraws the median of ${redraws}`);
  const s = (v) => `${(v / 1000).toFixed(1)} s`;
  const rows = [
    ['load: drop to first drawing', (r) => r.loadMs, s],
    ['  annotate() in the worker', (r) => r.annotateMs, s],
    ['  longest main-thread task (0: none > 50)', (r) => r.longestTask, ms],
    ['  tasks over 200 ms', (r) => r.over200, String],
    ['beats', (r) => r.beats, String],
    ['rows of the beat table in the DOM', (r) => r.rows, String],
    ['table built', (r) => r.tableMs, ms],
    ...SPANS.flatMap((span) => [
      [`redraw, ${span === 'whole' ? `whole (${spec.seconds} s)` : `${span} s`} in view`, (r) => r.redraw[span]?.draw, ms],
      ['  to the frame after it', (r) => r.redraw[span]?.frame, ms],
    ]),
    ['pan 300 px in 5 moves at 600 s: wall', (r) => r.panWallMs, ms],
    ['  its redraws (median)', (r) => r.panDrawMs, ms],
    ['  the view moved by (px)', (r) => r.panMovedPx, (v) => v.toFixed(0)],
    ['delete a QRS at 10 s: to the redraw', (r) => r.editWallMs, ms],
    ['  tables rebuilt', (r) => r.editTablesMs, ms],
    ['page JS heap (main thread)', (r) => r.heapBytes, mb],
    ['Chromium RSS, peak (sum of processes)', (r) => r.peakRss, mb],
  ];
  for (const [dir, runs] of runsByPage) {
    console.log(`  page ${dir}`);
    for (const run of runs.filter((r) => r.failed)) console.log(`    a run failed: ${run.failed}`);
    for (const run of runs.filter((r) => r.stopped)) console.log(`    a run stopped early (its later figures missing): ${run.stopped}`);
    for (const run of runs.filter((r) => r.errors?.length)) console.log(`    page errors: ${run.errors.join('; ')}`);
    for (const [label, pick, format] of rows) console.log(`    ${label.padEnd(40)} ${across(runs, pick, format)}`);
  }
}

const servers = new Map();
try {
  for (const dir of webDirs) servers.set(dir, await startServer(['--root', dir]));
  const results = new Map(wanted.map((name) => [name, new Map(webDirs.map((dir) => [dir, []]))]));
  for (let round = 0; round < rounds; ++round) {
    for (const name of wanted) {
      if (!RECORDS[name]) throw new Error(`unknown record '${name}': hour or day`);
      for (const [k, dir] of webDirs.entries()) {
        const chromium = await launchChromium(['--enable-precise-memory-info']);
        try {
          if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
          const prefix = screenshots && path.join(screenshots, `${name}${webDirs.length > 1 ? `-page${k + 1}` : ''}`);
          const run = await benchRecord(chromium.context, servers.get(dir).url, name, round === 0 ? prefix : null);
          results.get(name).get(dir).push(run);
          console.log(`round ${round + 1}, ${name}, ${dir}: ${run.failed ?? `shown in ${(run.loadMs / 1000).toFixed(1)} s, ` +
                      `whole-record redraw ${ms(run.redraw.whole?.draw ?? NaN)}, longest task ${ms(run.longestTask)}`}`);
        } finally {
          await chromium.close();
        }
      }
    }
  }
  for (const name of wanted) printSummary(name, results.get(name));
} finally {
  for (const server of servers.values()) server.stop();
}
