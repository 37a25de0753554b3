// The benchmark itself, in the page, so every ratio comes from one run in one browser:
//  - our annotate() for each wasm variant x backend (XNNPACK / built-in), each in a module Web
//    Worker of its own as the page runs it (bench/wasm/engine_worker.mjs), on two workloads:
//    LUDB record 5 (10 s x 12 leads x 500 Hz) and one hour of a single lead (its lead ii tiled);
//  - the same model in TensorFlow.js (WASM backend) and ONNX Runtime Web, network only, on the
//    same work at the model rate: [12, 1, 2512] for the record, and for the hour the windows our
//    engine runs ([n, 1, window]);
//  - GFLOP/s of every conv layer, built-in vs XNNPACK, per SIMD variant (bench/conv_layers.cpp
//    built as build/wasm/bench/qrs_bench_layers_<variant>.mjs);
//  - module start-up: createAnnotator() in a fresh worker (fetch, compile, instantiate, load the
//    model and its noise reader, and again the first model alone; the threads variant also starts
//    its pthread workers).
// Every workload runs the first model alone (noiseModel: false), the one model the peers run.
// Engines alternate within each round; the figure kept is the best round's median.
// Results go to window.benchResult for run_browser.mjs.
import { makeOrt, makeTfjs } from './peers.mjs';

const log = (line) => { document.getElementById('log').textContent += `${line}\n`; };
const params = new URLSearchParams(location.search);
const repeats = Number(params.get('repeats') ?? 9);
const hourRepeats = Number(params.get('hourRepeats') ?? 3);
const rounds = Number(params.get('rounds') ?? 2);
const withPeers = params.get('peers') !== '0';
const withHour = params.get('hour') !== '0';
const BATCH = 12, LENGTH = 2512;
const VARIANT_BACKENDS = { plain: ['builtin'], simd: ['builtin', 'xnnpack'], relaxed: ['builtin', 'xnnpack'],
                           threads: ['builtin', 'xnnpack'] };

async function bytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Median of `n` runs after one warm-up, in ms.
async function median(run, n) {
  await run();
  const times = [];
  for (let i = 0; i < n; ++i) {
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

// An engine worker (bench/wasm/engine_worker.mjs): ask(request) -> its reply.
function engineWorker() {
  const worker = new Worker('/bench/engine_worker.mjs', { type: 'module' });
  const ask = (request) => new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.ok ? resolve(data) : reject(new Error(data.error)));
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(request);
  });
  return { ask, close: () => worker.terminate() };
}

async function layerFigures(variant) {
  const { default: factory } = await import(`/bench-build/qrs_bench_layers_${variant}.mjs`);
  const module = await factory({ locateFile: (f) => `/bench-build/${f}` });
  const model = await bytes('/build/qrs_unet.qrsm');
  const ptr = module._malloc(model.length);
  module.HEAPU8.set(model, ptr);
  const json = module.UTF8ToString(module._bench_conv_layers_json(ptr, model.length, LENGTH, 7));
  module._free(ptr);
  return JSON.parse(json);
}

// The windows run() uses for n model samples (src/nn/windowing.cpp; one-thread networks), so the
// peers get the same work.
function windowsFor(n, info) {
  const m = info.lengthMultiple;
  const up = (x) => Math.ceil(x / m) * m;
  const margin = up(info.receptiveRadius);
  const window = Math.max(up(4096), 2 * margin + m);
  const padded = up(n);
  if (padded <= window) return { count: 1, window: padded };
  let done = 0, count = 0;
  while (done < n) {
    const start = Math.min(Math.max(done - margin, 0), padded - window);
    done = start + window === padded ? n : Math.min(n, start + window - margin);
    ++count;
  }
  return { count, window };
}

async function main() {
  // ?cores=N: what navigator.hardwareConcurrency says from here on (here and in the engine
  // workers). XNNPACK's wasm SIMD GEMM config reads it once (src/configs/gemm-config.c): on x86 it
  // picks the "loadsplat" kernels only above 4 cores and the "splat" ones otherwise, so this shows
  // what that choice costs.
  const cores = params.has('cores') ? Number(params.get('cores')) : undefined;
  if (cores) Object.defineProperty(navigator, 'hardwareConcurrency', { value: cores });
  // ?variants=simd,relaxed picks some; by default every variant this browser can run.
  const wanted = params.get('variants')?.split(',') ?? Object.keys(VARIANT_BACKENDS);
  const ours = [];
  let first;
  for (const variant of wanted) {
    if (variant === 'threads' && !globalThis.crossOriginIsolated) continue;
    for (const backend of VARIANT_BACKENDS[variant]) {
      const engine = engineWorker();
      try {
        // The workloads are timed on the first model alone, the one model the peers run.
        const reply = await engine.ask({ type: 'init', variant, backend, cores, noiseModel: false });
        first ??= reply;
      } catch (err) {
        engine.close();
        if (params.has('variants')) throw err;
        log(`${variant}/${backend}: not run (${err.message})`);
        continue;
      }
      ours.push({ label: `${variant}/${backend}`, variant, backend, engine });
    }
  }
  const { info, fs } = first;
  const hourWindows = windowsFor(Math.round(first.hourSamples * info.sampleRateHz / fs), info);

  const x = new Float32Array((await bytes('/peers/input.bin')).buffer);
  const reference = new Float32Array((await bytes('/peers/torch_output.bin')).buffer);
  const hourX = new Float32Array(hourWindows.count * hourWindows.window);
  for (let i = 0; i < hourX.length; ++i) hourX[i] = x[i % x.length];
  const peers = withPeers ? [await makeTfjs('/peers/'), await makeOrt('/peers/')] : [];

  const result = { userAgent: navigator.userAgent, crossOriginIsolated: globalThis.crossOriginIsolated,
                   hardwareConcurrency: navigator.hardwareConcurrency, repeats, hourRepeats,
                   record: `LUDB 5: ${first.leads} leads x ${first.samples} samples at ${fs} Hz`,
                   hour: `lead ii of LUDB 5 tiled to ${first.hourSamples} samples (1 h at ${fs} Hz); peers: ` +
                         `${hourWindows.count} windows of ${hourWindows.window}`,
                   ours: {}, oursHour: {}, peers: {}, peersHour: {}, layers: {}, startup: {} };
  const keep = (table, key, ms) => { table[key] = Math.min(table[key] ?? Infinity, ms); };
  for (let round = 0; round < rounds; ++round) {
    for (const o of ours) {
      const { ms } = await o.engine.ask({ type: 'time', workload: 'record', repeats });
      keep(result.ours, o.label, ms);
      log(`round ${round} ours ${o.label}: record 5 ${ms.toFixed(1)} ms`);
      if (o.label !== 'threads/xnnpack') continue;
      // The other way to use two cores on this record: each lead alone, its layers split over the
      // threads (what one-lead records get), against the leads spread over the threads above.
      const split = (await o.engine.ask({ type: 'time', workload: 'leadByLead', repeats })).ms;
      keep(result.ours, 'threads/xnnpack, lead by lead, layers split', split);
      log(`round ${round} ours threads/xnnpack lead by lead: record 5 ${split.toFixed(1)} ms`);
    }
    for (const peer of peers) {
      let y;
      const ms = await median(async () => { y = await peer.run(x, BATCH, LENGTH); }, repeats);
      keep(result.peers, peer.name, ms);
      result.peers[`${peer.name} max |y - PyTorch|`] = maxAbsDiff(y, reference);
      log(`round ${round} ${peer.name}: record 5 network ${ms.toFixed(1)} ms`);
    }
    if (!withHour) continue;
    for (const o of ours) {
      const { ms } = await o.engine.ask({ type: 'time', workload: 'hour', repeats: hourRepeats });
      keep(result.oursHour, o.label, ms);
      log(`round ${round} ours ${o.label}: one hour ${ms.toFixed(0)} ms`);
    }
    for (const peer of peers) {
      const ms = await median(() => peer.run(hourX, hourWindows.count, hourWindows.window), hourRepeats);
      keep(result.peersHour, peer.name, ms);
      log(`round ${round} ${peer.name}: one hour network ${ms.toFixed(0)} ms`);
    }
  }
  for (const o of ours) o.engine.close();
  for (const variant of new Set(ours.filter((o) => o.backend === 'xnnpack').map((o) => o.variant))) {
    result.layers[variant] = await layerFigures(variant);
    log(`layers ${variant}: done`);
  }
  // Start-up as users get it (the shipped model and its noise reader) and with the first model
  // alone, alternating, so the noise reader's share is measured in one run.
  for (const o of ours) {
    for (const [suffix, noiseModel] of [['', true], [', first model only', false]]) {
      const times = [];
      for (let i = 0; i < 5; ++i) {
        const engine = engineWorker();
        times.push((await engine.ask({ type: 'init', variant: o.variant, backend: o.backend, cores,
                                       noiseModel })).startupMs);
        engine.close();
      }
      times.sort((a, b) => a - b);
      result.startup[o.label + suffix] = times[2];
      log(`start-up ${o.label}${suffix}: ${times[2].toFixed(0)} ms`);
    }
  }
  window.benchResult = result;
  log('done');
}

main().catch((err) => {
  log(`error: ${err.stack ?? err}`);
  window.benchResult = { error: String(err.stack ?? err) };
});
