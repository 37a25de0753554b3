// serve.py sends what the page needs (MIME types, COOP/COEP for cross-origin isolation) and
// nothing outside web/ (no traversal, no directory listing).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startServer } from './helpers.mjs';

let server;
let base;

before(async () => {
  server = await startServer();
  base = server.url;
});

after(() => server?.stop());

test('serves the page with COOP/COEP and the right MIME types', async () => {
  const expectations = {
    '': 'text/html',
    'index.html': 'text/html',
    'app.js': 'text/javascript',
    'qrs-annotator.js': 'text/javascript',
    'style.css': 'text/css',
    'build/qrs_annotator_simd.mjs': 'text/javascript',
    'build/qrs_annotator_simd.wasm': 'application/wasm',
  };
  for (const [file, type] of Object.entries(expectations)) {
    const response = await fetch(base + file);
    assert.equal(response.status, 200, file);
    assert.ok(response.headers.get('content-type').startsWith(type), `${file}: ${response.headers.get('content-type')}`);
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp');
    await response.arrayBuffer();
  }
});

test('nothing outside web/ and no directory listings', async () => {
  for (const url of ['../serve.py', '%2e%2e/serve.py', '..%2fMakefile', 'build/', 'nope.js', '/etc/passwd']) {
    const response = await fetch(base + url.replace(/^\//, '%2F'));
    assert.equal(response.status, 404, url);
    const body = await response.text();
    assert.ok(!body.includes('Index of') && !body.includes('qrs_annotator'), url);
  }
});
