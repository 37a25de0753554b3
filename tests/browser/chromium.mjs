// Debian's Chromium driven by playwright-core for the browser tests (never a downloaded browser):
// a fresh profile, downloads accepted, and a record of what a page did that it should not (CSP
// violations, requests to any host but 127.0.0.1, script errors). Screenshots go to
// $QRS_TEST_ARTIFACTS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { mustExist, sourceDir, startServer, webBuildDir } from '../js/helpers.mjs';

export const artifacts = process.env.QRS_TEST_ARTIFACTS ?? path.join(sourceDir, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium with a fresh profile; extraArgs: more command-line switches. */
export async function launchChromium(extraArgs = []) {
  mustExist(CHROMIUM, 'install Debian chromium (scripts/setup.sh)');
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true,
  });
  // Anything not for our server is refused.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page that records CSP violations (the document's securitypolicyviolation
 * events and Chromium's "Content Security Policy" console errors, workers' included), requests,
 * and script errors. Returns {page, violations, errors, foreignRequests()}. The corrections the
 * page keeps in the browser (IndexedDB, web/kept-store.js) are forgotten first, so that each page
 * starts as a first visit does, unless keepStorage (a test of a tab opened again). beforeLoad(page):
 * run before the page loads.
 */
export async function openWatched(context, url, { keepStorage = false, beforeLoad = null } = {}) {
  const page = await context.newPage();
  if (!keepStorage) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'indexeddb' });
    await cdp.detach();
  }
  const violations = [];
  const errors = [];
  const requested = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation/i.test(m.text())) violations.push(m.text());
    else if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requested.push(r.url()));
  page.on('worker', (w) => w.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`worker: ${m.text()}`);
  }));
  await beforeLoad?.(page); // e.g. an init script that takes storage away
  await page.goto(url);
  return {
    page, violations, errors,
    foreignRequests: () => requested.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && new URL(u).hostname !== '127.0.0.1'),
  };
}

export function screenshotPath(name) {
  fs.mkdirSync(artifacts, { recursive: true });
  return path.join(artifacts, name);
}

/**
 * For a test file: serve.py and Chromium, started before its tests and stopped after them (the
 * node:test hooks are registered here). Returns {server, chromium}, filled in before the tests run.
 */
export function pageSession() {
  const session = {};
  before(async () => {
    mustExist(path.join(webBuildDir, 'qrs_unet.qrsm'), 'build the wasm module first (make wasm)');
    session.server = await startServer();
    session.chromium = await launchChromium();
  });
  after(async () => {
    await session.chromium?.close();
    session.server?.stop();
  });
  return session;
}

/** A watched page (openWatched) of the session's server, once the annotator is ready. */
export async function openReadyPage(session, options = {}) {
  const watched = await openWatched(session.chromium.context, session.server.url, options);
  await watched.page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  return watched;
}

/** Runs `steps(page)` on a fresh ready page (openReadyPage), checks it stayed clean, closes it. */
export async function onReadyPage(session, steps, options = {}) {
  const watched = await openReadyPage(session, options);
  await steps(watched.page);
  assertClean(watched);
  await watched.page.close();
}

/** What no page may do: break its Content-Security-Policy, ask any host but 127.0.0.1, err. */
export function assertClean({ violations, errors, foreignRequests }) {
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(foreignRequests(), [], 'requests to other hosts');
  assert.deepEqual(errors, [], 'errors on the page');
}

/** Presses Tab until `selector` has the focus (at most `limit` times). */
export async function tabTo(page, selector, limit = 80) {
  for (let k = 0; k < limit; ++k) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`${limit} presses of Tab never reached ${selector}`);
}
