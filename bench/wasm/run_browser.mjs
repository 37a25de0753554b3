// Drives bench/wasm/page.html in Debian's Chromium (playwright-core; never a downloaded browser)
// and prints the side-by-side figures and ratios (what bench/wasm/page.mjs measures), plus the
// size of every module on disk. Benchmark only: never part of the test pass/fail.
//
//   node bench/wasm/run_browser.mjs [--build DIR] [--repeats N] [--rounds N] [--variants a,b]
//                                   [--no-peers] [--serve]
//     --build     where the wasm variants are (default web/build, i.e. `make wasm`)
//     --bench-build  where the conv-layer bench modules are (default build/wasm/bench:
//                 `cmake --build build/wasm --target qrs_bench_layers`)
//     --variants  only these of ours, e.g. simd,relaxed (default: every one the browser runs)
//     --no-peers  skip TensorFlow.js and ONNX Runtime Web (quick A/B of our variants)
//     --no-hour   skip the one-hour single-lead workload; --hour-repeats N (default 3)
//     --boost     run the browser at a higher priority than the machine's other sessions (root;
//                 see below: for measuring threads on a shared machine)
//     --cores N   the page's navigator.hardwareConcurrency reads N (XNNPACK picks its wasm GEMM
//                 kernels by it; docs/performance.md)
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
const benchBuildDir = path.resolve(option('--bench-build', path.join(source, 'build', 'wasm', 'bench')));
const roots = { '/bench/': here, '/web/': path.join(source, 'web'), '/build/': buildDir, '/bench-build/': benchBuildDir,
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
const query = new URLSearchParams({ repeats, rounds, hourRepeats: option('--hour-repeats', 3) });
if (hasFlag('--no-hour')) query.set('hour', '0');
if (option('--cores', null)) query.set('cores', option('--cores', null));
if (onlyVariants) query.set('variants', onlyVariants);
if (!withPeers) query.set('peers', '0');
const pageUrl = `http://127.0.0.1:${server.address().port}/bench/page.html?${query}`;
if (hasFlag('--serve')) {
  console.log(`benchmark page at ${pageUrl}`);
} else {
  const { chromium } = await import('playwright-core');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-bench-chromium-'));
  // --boost (root, Linux): the browser starts in a session of its own (an autogroup, to the
  // scheduler), so nice values of ours do not reach it; a shared machine's other sessions then
  // take an equal share of the cores, and a threaded variant cannot show what 2 cores give. The
  // browser's session is raised to nice -15 instead, and --no-zygote keeps every renderer in it.
  let executablePath = '/usr/bin/chromium';
  const extraArgs = [];
  if (hasFlag('--boost')) {
    executablePath = path.join(userDataDir, 'chromium-boosted');
    fs.writeFileSync(executablePath, '#!/bin/sh\necho -15 > /proc/self/autogroup\nexec /usr/bin/chromium "$@"\n', { mode: 0o755 });
    extraArgs.push('--no-zygote');
  }
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', ...extraArgs] });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error(`page: ${m.text()}`); });
    await page.goto(pageUrl);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 15 * 60 * 1000, polling: 500 });
    const r = await page.evaluate(() => window.benchResult);
    if (r.error) throw new Error(r.error);
    printResult(r);
    if (hasFlag('--log')) console.log(await page.evaluate(() => document.getElementById('log').textContent));
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    server.close();
  }
}

function printTable(title, rows) {
  console.log(title);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(18)} ${ms.toFixed(1).padStart(9)} ms`);
}

function printResult(r) {
  console.log(`${r.userAgent}\ncrossOriginIsolated=${r.crossOriginIsolated}, hardwareConcurrency=${r.hardwareConcurrency}, ` +
              `median of ${r.repeats} (record) / ${r.hourRepeats} (hour), best of ${rounds} rounds`);
  const peerRows = (t) => Object.entries(t).filter(([k]) => !k.includes('|'));
  printTable(`ours: annotate() of ${r.record} (preprocess + network + events + JS copies)`, Object.entries(r.ours));
  printTable('peers: network only, the same model on [12, 1, 2512]', peerRows(r.peers));
  for (const [k, v] of Object.entries(r.peers)) if (k.includes('|')) console.log(`  ${k} = ${v.toExponential(1)}`);
  if (Object.keys(r.oursHour).length) {
    printTable(`ours: annotate() of ${r.hour}`, Object.entries(r.oursHour));
    printTable('peers: network only, the same windows', peerRows(r.peersHour));
  }
  for (const [what, oursTable, peersTable] of [['record 5', r.ours, r.peers], ['one hour', r.oursHour, r.peersHour]]) {
    const single = Object.entries(oursTable).filter(([k]) => !k.startsWith('threads'));
    if (!single.length) continue;
    const [bestName, best] = single.reduce((a, b) => (b[1] < a[1] ? b : a));
    console.log(`${what}: peer time / our best single-threaded (${bestName}); > 1 means ours is faster`);
    for (const [name, ms] of peerRows(peersTable)) console.log(`  ${name.padEnd(18)} ${(ms / best).toFixed(2)}`);
    for (const variant of ['simd', 'relaxed', 'threads']) {
      const b = oursTable[`${variant}/builtin`], x = oursTable[`${variant}/xnnpack`];
      if (b && x) console.log(`  ${variant}: built-in / XNNPACK = ${(b / x).toFixed(2)} (> 1: XNNPACK faster)`);
    }
  }
  for (const [variant, layers] of Object.entries(r.layers)) {
    console.log(`conv layers, ${variant} (GFLOP/s, one thread): layer rows cin cout taps built-in XNNPACK ` +
                '| XNNPACK GEMM ukernel over overlapping rows (bench/xnnpack_fused_conv.h), its max |diff| from built-in');
    for (const l of layers) {
      console.log(`  ${l.layer.padEnd(20)} ${String(l.rows).padStart(5)} ${String(l.cin).padStart(3)} ${String(l.cout).padStart(3)} ` +
                  `${String(l.taps).padStart(2)} ${l.builtin.toFixed(1).padStart(6)} ${l.xnnpack.toFixed(1).padStart(6)} | ` +
                  `${l.xnnpackFused.toFixed(1).padStart(6)} ${l.fusedMaxDiff.toExponential(1)}`);
    }
  }
  printTable('start-up: createAnnotator() in a fresh worker (median of 5)', Object.entries(r.startup));
  console.log('sizes on disk (bytes / 1000):');
  for (const file of fs.readdirSync(buildDir).filter((f) => /^qrs_annotator.*\.(wasm|mjs|js)$/.test(f)).sort()) {
    console.log(`  ${file.padEnd(36)} ${(fs.statSync(path.join(buildDir, file)).size / 1000).toFixed(0).padStart(6)}`);
  }
}
