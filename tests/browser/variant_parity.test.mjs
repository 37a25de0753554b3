// Every wasm variant, with every backend it has (tests/js/helpers.mjs VARIANT_BACKENDS), computes
// PyTorch's forward pass in a real Chromium, the engine the page runs in: the shipped model on
// real LUDB leads (tests/python/shipped_model.py) and a random U-Net with every exported op
// (tests/js/torch_reference.py), within 1e-4. The page is cross-origin isolated, so the threads
// variant runs too (it has no Node build), once per backend on one thread and once with XNNPACK
// splitting every layer over 2 threads (its pthreadpool over Emscripten pthreads). Each variant
// runs in a module Web Worker, as in the page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { VARIANT_BACKENDS, mustExist, sourceDir, startServer, webBuildDir } from '../js/helpers.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const TOLERANCE = 1e-4;

// Runs in the worker: loads one variant + backend, runs each case, returns max |wasm - torch|.
const WORKER = `
import { createAnnotator } from '/qrs-annotator.js';
const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const f32 = async (url) => new Float32Array((await bytes(url)).buffer);
self.onmessage = async ({ data: { variant, backend, threads, model, cases } }) => {
  try {
    const annotator = await createAnnotator({ variant, backend, threads, modelBytes: await bytes(model) });
    const diffs = [];
    for (const c of cases) {
      const [input, expected] = await Promise.all([f32(c.input), f32(c.expected)]);
      const y = annotator.runNetwork(input);
      let worst = y.length === expected.length ? 0 : Infinity;
      for (let i = 0; i < y.length; ++i) worst = Math.max(worst, Math.abs(y[i] - expected[i]));
      diffs.push({ label: c.label, diff: worst });
    }
    self.postMessage({ ok: true, variant: annotator.variant, backend: annotator.backend, diffs });
    annotator.dispose();
  } catch (err) {
    self.postMessage({ ok: false, error: err.message });
  }
};`;

let server;
let browser;
let page;
let dataDir;
let userDataDir;

before(async () => {
  mustExist(path.join(webBuildDir, 'qrs_annotator_threads.wasm'), 'build the wasm module first (make wasm)');
  mustExist(CHROMIUM, 'install Debian chromium (scripts/setup.sh)');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-variant-parity-'));
  execFileSync('/usr/bin/python3', [path.join(sourceDir, 'tests', 'python', 'shipped_model.py'), dataDir]);
  execFileSync('/usr/bin/python3', [path.join(sourceDir, 'tests', 'js', 'torch_reference.py'), dataDir, '7', '777', '20000']);
  fs.copyFileSync(path.join(sourceDir, 'model_weights', 'qrs_unet.qrsm'), path.join(dataDir, 'qrs_unet.qrsm'));
  server = await startServer();
  const { chromium } = await import('playwright-core');
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  // The test's own files (a blank isolated page, the worker, the cases) come from the same origin.
  await browser.route(`${server.url}__parity__/**`, (route) => {
    const name = new URL(route.request().url()).pathname.replace('/__parity__/', '');
    if (name === 'page.html') return route.fulfill({ headers: ISOLATED, contentType: 'text/html', body: '<!doctype html>' });
    if (name === 'worker.mjs') return route.fulfill({ headers: ISOLATED, contentType: 'text/javascript', body: WORKER });
    return route.fulfill({ headers: ISOLATED, body: fs.readFileSync(path.join(dataDir, path.basename(name))) });
  });
  page = browser.pages()[0] ?? await browser.newPage();
  await page.goto(`${server.url}__parity__/page.html`);
  assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'the test page is not cross-origin isolated');
});

after(async () => {
  await browser?.close();
  server?.stop();
  for (const dir of [dataDir, userDataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function inWorker(job) {
  return page.evaluate((job) => new Promise((resolve) => {
    const worker = new Worker('/__parity__/worker.mjs', { type: 'module' });
    worker.onmessage = ({ data }) => { worker.terminate(); resolve(data); };
    worker.onerror = (e) => { worker.terminate(); resolve({ ok: false, error: e.message }); };
    worker.postMessage(job);
  }), job);
}

function shippedCases() {
  return fs.readdirSync(dataDir).filter((f) => /^lead_\d+\.in\.f32$/.test(f)).sort().map((f) => {
    const lead = f.replace('.in.f32', '');
    return { label: `LUDB ${lead}`, input: `/__parity__/${f}`, expected: `/__parity__/${lead}.out.f32` };
  });
}

const randomCases = [777, 20000].map((n) => ({
  label: `random U-Net, length ${n}`, input: `/__parity__/in_${n}.f32`, expected: `/__parity__/out_${n}.f32`,
}));

const runs = Object.entries(VARIANT_BACKENDS).flatMap(([variant, backends]) => backends.flatMap((backend) =>
  (variant === 'threads' && backend === 'xnnpack' ? [1, 2] : [1]).map((threads) => ({ variant, backend, threads }))));

for (const { variant, backend, threads } of runs) {
  test(`${variant}/${backend} (${threads} thread${threads > 1 ? 's' : ''}) equals PyTorch in Chromium`, async () => {
    for (const [model, cases] of [['/__parity__/qrs_unet.qrsm', shippedCases()], ['/__parity__/model.qrsm', randomCases]]) {
      assert.ok(cases.length >= 2, `no cases for ${model}`);
      const result = await inWorker({ variant, backend, threads, model, cases });
      assert.ok(result.ok, `${variant}/${backend}: ${result.error}`);
      assert.equal(result.variant, variant);
      assert.equal(result.backend, backend);
      for (const { label, diff } of result.diffs) {
        console.log(`${variant}/${backend}/${threads}t ${label}: max |wasm - torch| = ${diff.toExponential(2)}`);
        assert.ok(diff <= TOLERANCE, `${variant}/${backend}, ${threads} threads, ${label}: differs from PyTorch by ${diff}`);
      }
    }
  });
}
