// Drives bench/wasm/page.html in Debian's Chromium (playwright-core; never a downloaded browser)
// and prints the side-by-side figures and ratios. Benchmark only: never part of the test pass/fail.
//
//   node bench/wasm/run_browser.mjs [--build DIR] [--repeats N] [--rounds N] [--variants a,b]
//                                   [--no-peers] [--serve]
//     --build     where the wasm variants are (default web/build, i.e. `make wasm`)
//     --variants  only these of ours, e.g. simd,relaxed (default: every one the browser runs)
//     --no-peers  skip TensorFlow.js and ONNX Runtime Web (quick A/B of our variants)
//     --log       also print every round's median per engine
//     --serve  only start the server and print its URL (open it in any browser by hand)
// Needs: bench/wasm/node_modules (npm install --prefix bench/wasm), the peer model files
// (python3 bench/wasm/export_peers.py), LUDB (ECG_LUDB_DIR or ../shared/data/ludb).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { benchDir as here, buildDir, hasFlag, ludbDir, option, sourceDir as source } from './bench_args.mjs';

const peersDir = path.resolve(option('--peers', path.join(source, 'build', 'bench', 'peers')));
const repeats = Number(option('--repeats', 9));
const rounds = Number(option('--rounds', 2));
const onlyVariants = option('--variants', null);
const withPeers = !hasFlag('--no-peers');

for (const [file, hint] of [
  [path.join(buildDir, 'qrs_annotator_simd.wasm'), 'build the wasm module (make wasm)'],
  ...(withPeers ? [[path.join(here, 'node_modules', 'onnxruntime-web'), 'npm install --prefix bench/wasm'],
                   [path.join(peersDir, 'model.onnx'), `/usr/bin/python3 bench/wasm/export_peers.py MODEL ${peersDir}`]]
                : []),
  [path.join(ludbDir, '5.hea'), 'LUDB not found; set ECG_LUDB_DIR'],
]) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
}

// URL prefix -> directory. COOP/COEP make the page cross-origin isolated, so the threads variant
// (SharedArrayBuffer) is available, as with serve.py.
const roots = { '/bench/': here, '/web/': path.join(source, 'web'), '/build/': buildDir,
                '/peers/': peersDir, '/ludb/': ludbDir, '/node_modules/': path.join(here, 'node_modules') };
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
                '.wasm': 'application/wasm', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
  const file = prefix && path.join(roots[prefix], decodeURIComponent(url.pathname.slice(prefix.length)));
  if (!file || !file.startsWith(roots[prefix]) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
                       'Cross-Origin-Opener-Policy': 'same-origin',
                       'Cross-Origin-Embedder-Policy': 'require-corp',
                       'Cross-Origin-Resource-Policy': 'same-origin' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const query = new URLSearchParams({ repeats, rounds });
if (onlyVariants) query.set('variants', onlyVariants);
if (!withPeers) query.set('peers', '0');
const pageUrl = `http://127.0.0.1:${server.address().port}/bench/page.html?${query}`;
if (hasFlag('--serve')) {
  console.log(`benchmark page at ${pageUrl}`);
} else {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-bench-chromium-'));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error(`page: ${m.text()}`); });
    await page.goto(pageUrl);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 15 * 60 * 1000, polling: 500 });
    const r = await page.evaluate(() => window.benchResult);
    if (r.error) throw new Error(r.error);
    console.log(`${r.userAgent}\ncrossOriginIsolated=${r.crossOriginIsolated}, median of ${r.repeats}, best of ${rounds} rounds`);
    console.log(`ours: annotate() of ${r.record} (preprocess + network + events + JS copies)`);
    for (const [variant, ms] of Object.entries(r.ours)) console.log(`  ${variant.padEnd(8)} ${ms.toFixed(1).padStart(8)} ms`);
    console.log('peers: network only, the same model on [12, 1, 2512] (the same work as our network part)');
    for (const [name, p] of Object.entries(r.peers)) {
      console.log(`  ${name.padEnd(16)} ${p.ms.toFixed(1).padStart(8)} ms   max |y - PyTorch| = ${p.maxAbsDiffVsTorch.toExponential(1)}`);
    }
    if (hasFlag('--log')) console.log(await page.evaluate(() => document.getElementById('log').textContent));
    // The peers run on one thread: compare them with our best single-threaded variant too.
    const best = Math.min(...Object.values(r.ours));
    const single = Object.entries(r.ours).filter(([v]) => v !== 'threads');
    const bestSingle = Math.min(...single.map(([, ms]) => ms));
    if (Object.keys(r.peers).length) {
      console.log('ratios (peer time / our time; > 1 means ours is faster): vs our best, vs our best single-threaded');
      for (const [name, p] of Object.entries(r.peers)) {
        console.log(`  ${name.padEnd(16)} ${(p.ms / best).toFixed(2)}   ${(p.ms / bestSingle).toFixed(2)}`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    server.close();
  }
}
