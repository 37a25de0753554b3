// serve.py sends what the page needs (MIME types, COOP/COEP for cross-origin isolation) and
// nothing outside web/ (no traversal, no directory listing).
import assert from 'node:assert/strict';
import net from 'node:net';
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

// One request sent byte for byte over a socket (fetch and URL would normalise '..' and
// percent-escapes before sending, so the server would never see the probe as written).
function rawGet(target) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.end(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    const chunks = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number((text.match(/^HTTP\/1\.[01] (\d{3})/) ?? [])[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

test('raw requests reach serve.py as written: a real file is served', async () => {
  // The control for the probes below: the same raw path serves what exists.
  const page = await rawGet('/index.html');
  assert.equal(page.status, 200);
  assert.ok(page.body.includes('<html'), 'index.html body');
  const escaped = await rawGet('/%69ndex.html');  // one escape, decoded once: index.html
  assert.equal(escaped.status, 200);
});

test('nothing outside web/ and no directory listings, whatever the escaping', async () => {
  // Each names a file that exists outside web/ (serve.py and the Makefile beside it, or
  // /etc/passwd), spelled as a traversal: plain, percent-encoded (either case), encoded twice
  // (which must not be decoded twice), with backslashes, through a subdirectory, and as an
  // absolute URI. Then a directory, a missing file, and an escaped NUL byte (which must get an
  // answer, not end the connection).
  const probes = [
    '/../serve.py', '/%2e%2e/serve.py', '/%2E%2E/serve.py', '/..%2fserve.py', '/..%2Fserve.py',
    '/%2e%2e%2fserve.py', '/%252e%252e/serve.py', '/%252e%252e%252fserve.py', '/..%252fserve.py',
    '/..\\serve.py', '/..%5cserve.py', '/%2e%2e%5cserve.py', '/build/../../serve.py',
    '/build/%2e%2e/%2e%2e/Makefile', '/./../Makefile', '/../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%2Fetc/passwd', '//etc/passwd',
    `http://127.0.0.1/../serve.py`, '/build/', '/nope.js', '/index.html%00.js',
  ];
  for (const target of probes) {
    const { status, body } = await rawGet(target);
    assert.equal(status, 404, target);
    assert.ok(!body.includes('WEB_ROOT') && !body.includes('.PHONY') && !body.includes('root:'),
        `${target}: the body holds a file from outside web/`);
    assert.ok(!body.includes('Index of') && !body.includes('qrs_annotator'), target);
  }
});
