// serve.py sends what the page needs (MIME types, COOP/COEP for cross-origin isolation) and
// nothing outside web/ (no traversal, no directory listing).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { sourceDir } from './helpers.mjs';

let server;
let base;

before(async () => {
  server = spawn('/usr/bin/python3', [path.join(sourceDir, 'serve.py'), '--port', '0', '--quiet'],
                 { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const match = text.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
    setTimeout(() => reject(new Error('serve.py did not start within 10 s')), 10000);
  });
});

after(() => server?.kill());

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
