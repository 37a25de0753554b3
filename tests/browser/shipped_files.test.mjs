// An app that ships exactly the files docs/api.md's "Files to ship" lists (its table and the JS
// files the text below it names) starts in Chromium: createAnnotator() loads the threads variant
// with the model and the noise reader. Without the noise reader it rejects at once with one
// message naming the file's URL: each model file is fetched once and no other variant is tried
// (the fallback used to fetch every variant's module and both models four times).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { sourceDir, startServer, webBuildDir } from '../js/helpers.mjs';
import { launchChromium, openWatched } from './chromium.mjs';

// "Files to ship" in docs/api.md: {build: files of web/build/, modules: files of web/}. A table
// cell like "`qrs_annotator.mjs` / `.wasm`" names qrs_annotator.mjs and qrs_annotator.wasm.
function filesToShip() {
  const doc = fs.readFileSync(path.join(sourceDir, 'docs', 'api.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Files to ship'));
  assert.ok(section, 'docs/api.md has a "Files to ship" section');
  const build = [];
  for (const row of section.split('\n').filter((line) => /^\| `/.test(line))) {
    const [first, ...extensions] = [...row.split('|')[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const stem = first.replace(/\.[^.]+$/, '');
    build.push(first, ...extensions.map((extension) => stem + extension));
  }
  const modules = [...section.matchAll(/`web\/([\w-]+\.js)`/g)].map((m) => m[1]);
  return { build, modules };
}

// The app: the shipped files side by side, and a page that starts the annotator and says how.
const STARTER = `import { createAnnotator } from './qrs-annotator.js';
try {
  const annotator = await createAnnotator();
  document.body.dataset.variant = annotator.variant;
  document.body.dataset.noiseReader = annotator.modelInfo.noiseReader ?? '';
} catch (err) {
  document.body.dataset.error = err.message;
}
`;

let appDir;
let server;
let chromium;

before(async () => {
  const { build, modules } = filesToShip();
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-shipped-'));
  fs.mkdirSync(path.join(appDir, 'build'));
  for (const name of modules) fs.copyFileSync(path.join(sourceDir, 'web', name), path.join(appDir, name));
  for (const name of build) fs.copyFileSync(path.join(webBuildDir, name), path.join(appDir, 'build', name));
  fs.writeFileSync(path.join(appDir, 'start.js'), STARTER);
  fs.writeFileSync(path.join(appDir, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>shipped files</title>' +
      '<link rel="icon" href="data:,"><script type="module" src="start.js"></script></head><body></body></html>');
  server = await startServer(['--root', appDir]);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  server?.stop();
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

// Opens the app; resolves once createAnnotator() settled: {page, watched, requests (paths)}.
async function startApp() {
  const requests = [];
  const record = (r) => requests.push(new URL(r.url()).pathname);
  chromium.context.on('request', record);
  const watched = await openWatched(chromium.context, server.url);
  await watched.page.waitForSelector('body[data-variant], body[data-error]', { state: 'attached', timeout: 60000 });
  return { ...watched, requests, stopRecording: () => chromium.context.off('request', record) };
}

test('the files docs/api.md lists are enough to start', async () => {
  const { page, violations, errors, foreignRequests, stopRecording } = await startApp();
  stopRecording();
  assert.equal(await page.getAttribute('body', 'data-error'), null, 'createAnnotator() rejected');
  assert.equal(await page.getAttribute('body', 'data-variant'), 'threads');
  assert.notEqual(await page.getAttribute('body', 'data-noise-reader'), '', 'the noise reader is loaded');
  assert.deepEqual(violations, []);
  assert.deepEqual(foreignRequests(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without the noise model: one error naming its URL, each model fetched once, no variant retried', async () => {
  const noiseModel = path.join(appDir, 'build', 'qrs_unet_noisy.qrsm');
  const kept = fs.existsSync(noiseModel) && fs.readFileSync(noiseModel);
  fs.rmSync(noiseModel, { force: true });
  try {
    const { page, errors, requests, stopRecording } = await startApp();
    const expectedUrl = new URL('build/qrs_unet_noisy.qrsm', server.url).href;
    assert.equal(await page.getAttribute('body', 'data-error'),
                 `cannot fetch the noise model at ${expectedUrl}: HTTP 404; ship qrs_unet_noisy.qrsm beside qrs_unet.qrsm, or pass noiseModel: false`);
    // Give a fallback that would go on the time to ask for more.
    await page.waitForTimeout(1000);
    stopRecording();
    const count = (name) => requests.filter((p) => p === `/build/${name}`).length;
    assert.equal(count('qrs_unet_noisy.qrsm'), 1, requests.join(' '));
    assert.equal(count('qrs_unet.qrsm'), 1, requests.join(' '));
    // At most the first variant's module, fetched while the models were: no other variant.
    const modules = requests.filter((p) => /\.(mjs|wasm)$/.test(p));
    assert.ok(modules.length <= 1 && modules.every((p) => p === '/build/qrs_annotator_threads.mjs'), modules.join(' '));
    // The browser's own line for the 404 is the only error it logged.
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /404/);
    await page.close();
  } finally {
    if (kept) fs.writeFileSync(noiseModel, kept);
  }
});
