// The npm package in a page: packed and installed offline into a fresh folder next to the
// embedding example (web/examples/embed/, which imports only the installed package), served by
// serve.py --root with COOP/COEP and the CSP. In Chromium the example loads the threads variant
// (the page is cross-origin isolated), annotates LUDB record 5 chosen in its file input, and finds
// its 9 beats; no CSP violation, no request to another host, no error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ludbDir, sourceDir, startServer } from '../js/helpers.mjs';
import { packAndInstall } from '../js/packed_module.mjs';
import { launchChromium, openWatched, screenshotPath } from './chromium.mjs';

let pkg;
let server;
let chromium;

before(async () => {
  pkg = packAndInstall();
  for (const file of ['index.html', 'embed.js']) fs.copyFileSync(path.join(sourceDir, 'web', 'examples', 'embed', file), path.join(pkg.dir, file));
  server = await startServer(['--root', pkg.dir]);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  server?.stop();
  pkg?.close();
});

test('the embedding example annotates record 5 through the installed package', async () => {
  const { page, violations, errors, foreignRequests } = await openWatched(chromium.context, server.url);
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.waitForSelector('body[data-variant]', { timeout: 60000 });
  assert.equal(await page.getAttribute('body', 'data-variant'), 'threads');
  await page.setInputFiles('#files', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('body[data-beats]', { timeout: 120000 });
  assert.equal(await page.getAttribute('body', 'data-beats'), '9');
  assert.match(await page.textContent('#status'), /^5: 9 beats in 12 leads\./);
  assert.equal((await page.textContent('#beats')).trim().split('\n').length, 9);
  await page.screenshot({ path: screenshotPath('package-embed.png'), fullPage: true });
  // Everything the module needed came from the installed package.
  const moduleFiles = requested.filter((p) => /qrs|\.wasm|\.mjs/.test(p));
  assert.ok(moduleFiles.length > 0);
  for (const p of moduleFiles) assert.ok(p.startsWith('/node_modules/qrs-annotator/'), p);
  assert.deepEqual(violations, [], 'CSP violations');
  assert.deepEqual(foreignRequests(), [], 'requests to other hosts');
  assert.deepEqual(errors, [], 'errors on the page');
  await page.close();
});
