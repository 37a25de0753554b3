// The benchmark itself, in the page: our annotate() per wasm variant on LUDB record 5 (10 s x 12
// leads x 500 Hz), then the same model in TensorFlow.js (WASM backend) and ONNX Runtime Web on a
// fixed [12, 1, 2512] input at the model rate, and our variants again, interleaved, so every
// ratio comes from one run in one browser. Results go to window.benchResult for run_browser.mjs.
import { makeOrt, makeTfjs } from './peers.mjs';

const log = (line) => { document.getElementById('log').textContent += `${line}\n`; };
const params = new URLSearchParams(location.search);
const repeats = Number(params.get('repeats') ?? 9);
const rounds = Number(params.get('rounds') ?? 2);
const withPeers = params.get('peers') !== '0';
const BATCH = 12, LENGTH = 2512;

async function bytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Median of `repeats` runs after one warm-up, in ms.
async function median(run) {
  await run();
  const times = [];
  for (let i = 0; i < repeats; ++i) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function maxAbsDiff(a, b) {
  let worst = 0;
  for (let i = 0; i < a.length; ++i) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

async function main() {
  const { createAnnotator } = await import('/web/qrs-annotator.js');
  const hea = await bytes('/ludb/5.hea'), dat = await bytes('/ludb/5.dat');
  // ?variants=simd,relaxed picks some; by default every variant this browser can run (relaxed
  // only where it validates f32x4.relaxed_madd, threads only when cross-origin isolated).
  const wanted = params.get('variants')?.split(',') ?? ['plain', 'simd', 'relaxed', 'threads'];
  const variants = [];
  const ours = {};
  let leads, fs;
  for (const variant of wanted) {
    if (variant === 'threads' && !globalThis.crossOriginIsolated) continue;
    let annotator;
    try {
      annotator = await createAnnotator({ variant, buildUrl: '/build/' });
    } catch (err) {
      if (params.has('variants')) throw err;
      log(`${variant}: not run (${err.message})`);
      continue;
    }
    variants.push(variant);
    if (!leads) {
      const record = (await annotator.readFile('5.hea', hea, [{ name: '5.dat', bytes: dat }])).records[0];
      leads = record.leads.map((l) => l.samples);
      fs = record.fs;
    }
    ours[variant] = annotator;
  }
  const x = new Float32Array((await bytes('/peers/input.bin')).buffer);
  const reference = new Float32Array((await bytes('/peers/torch_output.bin')).buffer);
  const peers = withPeers ? [await makeTfjs('/peers/', BATCH, LENGTH), await makeOrt('/peers/', BATCH, LENGTH)] : [];

  const result = { userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated,
                   repeats, record: `LUDB 5: ${leads.length} leads x ${leads[0].length} samples at ${fs} Hz`,
                   ours: {}, peers: {} };
  // Two rounds (?rounds=N), alternating engines, so drift on a shared machine hits all of them
  // alike; the reported figure is the best of the rounds' medians.
  for (let round = 0; round < rounds; ++round) {
    for (const variant of variants) {
      const ms = await median(() => ours[variant].annotate(leads, fs));
      result.ours[variant] = Math.min(result.ours[variant] ?? Infinity, ms);
      log(`round ${round} ours ${variant}: annotate() ${ms.toFixed(1)} ms`);
    }
    for (const peer of peers) {
      let y;
      const ms = await median(async () => { y = await peer.run(x); });
      const entry = result.peers[peer.name] ?? { ms: Infinity };
      entry.ms = Math.min(entry.ms, ms);
      entry.maxAbsDiffVsTorch = maxAbsDiff(y, reference);
      result.peers[peer.name] = entry;
      log(`round ${round} ${peer.name}: network ${ms.toFixed(1)} ms (max |y - torch| ${entry.maxAbsDiffVsTorch.toExponential(1)})`);
    }
  }
  window.benchResult = result;
  log('done');
}

main().catch((err) => {
  log(`error: ${err.stack ?? err}`);
  window.benchResult = { error: String(err.stack ?? err) };
});
