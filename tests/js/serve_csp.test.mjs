// serve.py's Content-Security-Policy: on every response (pages, modules, the threads variant's
// worker script, wasm, the model, errors), strict (this origin only; WebAssembly compiled but no
// JavaScript eval, no inline code, no plugins, no framing, no form posts), next to the COOP/COEP
// headers the threads variant needs; the same for --root. The page itself holds nothing the
// policy would block (inline scripts, styles or handlers). In Chromium: page_tool.test.mjs and
// package.test.mjs listen for violations while they annotate.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { sourceDir, startServer, webBuildDir } from './helpers.mjs';

let server;
let base;

before(async () => {
  server = await startServer();
  base = server.url;
});

after(() => server?.stop());

function directives(header) {
  assert.ok(header, 'Content-Security-Policy header present');
  return new Map(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

function assertStrict(header, what) {
  const policy = directives(header);
  assert.deepEqual(policy.get('default-src'), ["'self'"], what);
  assert.deepEqual(policy.get('script-src'), ["'self'", "'wasm-unsafe-eval'"], what);
  assert.deepEqual(policy.get('worker-src'), ["'self'"], what);
  assert.deepEqual(policy.get('connect-src'), ["'self'"], what);
  assert.deepEqual(policy.get('style-src'), ["'self'"], what);
  assert.deepEqual(policy.get('object-src'), ["'none'"], what);
  assert.deepEqual(policy.get('base-uri'), ["'none'"], what);
  assert.deepEqual(policy.get('form-action'), ["'none'"], what);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], what);
  for (const [name, sources] of policy) {
    for (const s of sources) {
      assert.ok(!["'unsafe-eval'", "'unsafe-inline'", '*', 'blob:', 'http:', 'https:'].includes(s), `${what}: ${name} allows ${s}`);
      assert.ok(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:'].includes(s), `${what}: ${name} ${s}`);
    }
  }
  assert.deepEqual(policy.get('img-src'), ["'self'", 'data:'], what);
}

test('every response carries the strict policy and COOP/COEP', async () => {
  const threadsWorker = fs.readdirSync(webBuildDir).find((f) => f.endsWith('.worker.js'));
  assert.ok(threadsWorker, 'the threads variant\'s worker script is built');
  for (const file of ['', 'index.html', 'app.js', 'worker.js', 'style.css', 'build/qrs_annotator_threads.mjs',
                      `build/${threadsWorker}`, 'build/qrs_annotator_simd.wasm', 'build/qrs_unet.qrsm', 'no-such-file.js']) {
    const response = await fetch(base + file);
    await response.arrayBuffer();
    assert.equal(response.status, file === 'no-such-file.js' ? 404 : 200, file);
    assertStrict(response.headers.get('content-security-policy'), file || '/');
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin', file);
    assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp', file);
  }
  const head = await fetch(base + 'app.js', { method: 'HEAD' });
  assertStrict(head.headers.get('content-security-policy'), 'HEAD app.js');
});

test('the page holds nothing the policy blocks: no inline script, style or handler', () => {
  for (const page of ['index.html', 'examples/embed/index.html']) {
    const html = fs.readFileSync(path.join(sourceDir, 'web', page), 'utf8');
    for (const tag of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(tag[1], /\bsrc=/, `${page}: inline <script>`);
      assert.equal(tag[2].trim(), '', `${page}: inline script body`);
    }
    assert.doesNotMatch(html, /<style\b/, `${page}: <style> element`);
    assert.doesNotMatch(html, /\sstyle=/, `${page}: style attribute`);
    assert.doesNotMatch(html, /\son[a-z]+=/, `${page}: inline event handler`);
  }
});

test('the wasm glue needs no eval (Embind built with DYNAMIC_EXECUTION=0, cmake/wasm.cmake)', () => {
  const glue = fs.readdirSync(webBuildDir).filter((f) => /\.(mjs|js)$/.test(f));
  assert.ok(glue.length >= 5, glue.join(' '));
  for (const file of glue) {
    const text = fs.readFileSync(path.join(webBuildDir, file), 'utf8');
    assert.doesNotMatch(text, /new Function\(|\beval\(/, `${file} evaluates code, which the CSP blocks`);
  }
});

test('--root serves another folder with the same headers, and nothing outside it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-serve-root-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  const other = await startServer(['--root', dir]);
  try {
    const response = await fetch(other.url);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<title>x<\/title>/);
    assertStrict(response.headers.get('content-security-policy'), '--root index.html');
    assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
    assert.equal((await fetch(other.url + 'app.js')).status, 404, 'web/ is not served from another root');
    assert.equal((await fetch(other.url + '%2e%2e/%2e%2e/%2e%2e/etc/passwd')).status, 404, 'no traversal');
  } finally {
    other.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
