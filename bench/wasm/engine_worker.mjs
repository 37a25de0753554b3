// One of our engines (a wasm variant with one backend) in a module Web Worker, as the page runs it
// (web/worker.js): bench/wasm/page.mjs sends it requests and gets times back, measured here.
//   {type: 'init', variant, backend, cores?, noiseModel?} -> {startupMs, info, leads, fs}
//     noiseModel false: the first model alone, as the peers run one model (the shipped noise
//     reader would also read every one-lead workload a second time: docs/cli.md --noise-model)
//   {type: 'time', workload: 'record' | 'hour' | 'leadByLead', repeats} -> {ms} (median)
// Workloads: LUDB record 5 (12 leads x 10 s); one hour of its lead ii (tiled 360 times); and
// record 5 one lead per annotate() call (for the threads variant on XNNPACK: each layer split over
// the threads, instead of the leads spread over them).
import { createAnnotator } from '/web/qrs-annotator.js';

let annotator, leads, fs, hour;

async function bytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function median(run, n) {
  run();
  const times = [];
  for (let i = 0; i < n; ++i) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const workloads = {
  record: () => annotator.annotate(leads, fs),
  hour: () => annotator.annotate([hour], fs),
  leadByLead: () => leads.forEach((lead) => annotator.annotate([lead], fs)),
};

async function init({ variant, backend, cores, noiseModel }) {
  // What navigator.hardwareConcurrency says here (bench/wasm/page.mjs ?cores=N).
  if (cores) Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: cores });
  const t0 = performance.now();
  annotator = await createAnnotator({ variant, backend, buildUrl: '/build/',
                                      ...(noiseModel === false ? { noiseModel: false } : {}) });
  const startupMs = performance.now() - t0;
  const record = (await annotator.readFile('5.hea', await bytes('/ludb/5.hea'),
                                           [{ name: '5.dat', bytes: await bytes('/ludb/5.dat') }])).records[0];
  leads = record.leads.map((l) => l.samples);
  fs = record.fs;
  hour = new Float32Array(leads[1].length * 360);
  for (let k = 0; k < 360; ++k) hour.set(leads[1], k * leads[1].length);
  return { startupMs, info: annotator.modelInfo, variant: annotator.variant, backend: annotator.backend,
           leads: leads.length, samples: leads[0].length, hourSamples: hour.length, fs };
}

self.onmessage = async ({ data }) => {
  try {
    const reply = data.type === 'init' ? await init(data) : { ms: median(workloads[data.workload], data.repeats) };
    self.postMessage({ ok: true, ...reply });
  } catch (err) {
    self.postMessage({ ok: false, error: err?.message ?? String(err) });
  }
};
