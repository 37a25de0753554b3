// qrs-annotator: the ES module embedders use (types in qrs-annotator.d.ts, guide in docs/api.md).
//
//   import { createAnnotator } from './qrs-annotator.js';
//   const a = await createAnnotator();                  // picks plain / SIMD / relaxed / threads
//                                                       // and the faster backend for it
//   const { records } = await a.readFile('5.hea', heaBytes, [{ name: '5.dat', bytes: datBytes }]);
//   const result = a.annotate(records[0].leads.map((l) => l.samples), records[0].fs);
//
// The wasm module (src/wasm/bindings.cpp) does the work; this file only chooses the variant,
// fetches bytes, checks arguments so mistakes read well, and inflates .npz members (the wasm build
// has no zlib). Runs in browsers, workers and Node 20.
import { inflateNpz } from './npz-inflate.js';

const MODULE_NAMES = {
  plain: 'qrs_annotator',
  simd: 'qrs_annotator_simd',
  relaxed: 'qrs_annotator_relaxed',
  threads: 'qrs_annotator_threads',
};

// Smallest modules that use one SIMD instruction / one f32x4.relaxed_madd / one atomic on shared
// memory: validate() says whether this engine could compile the matching variant, without
// compiling it.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253,
  15, 253, 98, 11,
]);
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11,
  0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11,
]);
const THREADS_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0,
  65, 0, 254, 16, 2, 0, 26, 11,
]);

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

function validates(bytes) {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

// Why this environment cannot run `variant`, or '' when it can: the probes 'auto' goes by.
function lacks(variant) {
  if (variant === 'plain') return '';
  if (!validates(SIMD_PROBE)) return 'it needs WebAssembly SIMD, which this engine lacks';
  if (variant === 'threads') {
    // Threads need SharedArrayBuffer, which browsers only grant to cross-origin isolated pages
    // (COOP/COEP headers, see serve.py). The Node build target has no pthread support.
    if (isNode || typeof Worker !== 'function') return 'it runs its threads in Web Workers, which only a browser has (not Node)';
    if (!validates(THREADS_PROBE) || typeof SharedArrayBuffer !== 'function' || globalThis.crossOriginIsolated !== true) {
      return 'it needs SharedArrayBuffer, which a browser grants only to a cross-origin isolated page ' +
             '(served with Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy, docs/api.md)';
    }
  }
  // Relaxed SIMD (Chrome 114+; Node 20 only with --experimental-wasm-relaxed-simd): the simd
  // variant with the conv kernel's multiply-add fused, the fastest single-threaded one.
  if (variant === 'relaxed' && !validates(RELAXED_PROBE)) {
    return 'this engine does not support relaxed SIMD (f32x4.relaxed_madd: Chrome 114+; Node 20 only with ' +
           '--experimental-wasm-relaxed-simd)';
  }
  return '';
}

/** Which variant this environment can run best: 'threads', 'relaxed', 'simd' or 'plain'. */
export function detectVariant() {
  return ['threads', 'relaxed', 'simd'].find((v) => !lacks(v)) ?? 'plain';
}

// What to do when the shipped noise reader is missing (docs/api.md, "Files to ship").
const NOISE_MODEL_HINT = '; ship qrs_unet_noisy.qrsm beside qrs_unet.qrsm, or pass noiseModel: false';

// hint: appended to the message when the bytes cannot be had.
async function fetchBytes(url, what, hint = '') {
  const href = String(url);
  if (isNode && href.startsWith('file:')) {
    const { readFile } = await import('node:fs/promises');
    try {
      return new Uint8Array(await readFile(new URL(href)));
    } catch (err) {
      throw new Error(`cannot read the ${what} at ${href}: ${err.message}${hint}`);
    }
  }
  let response;
  try {
    response = await fetch(href);
  } catch (err) {
    throw new Error(`cannot fetch the ${what} at ${href}: ${err.message}${hint}`);
  }
  if (!response.ok) throw new Error(`cannot fetch the ${what} at ${href}: HTTP ${response.status}${hint}`);
  return new Uint8Array(await response.arrayBuffer());
}

// A buffer posted to a worker with `transfer` is detached: its views read as empty, and any copy
// fails with an engine message that names nothing of ours. Constructing a view is the check every
// engine has (ArrayBuffer.prototype.detached is newer than Node 20).
function isDetached(buffer) {
  if (!(buffer instanceof ArrayBuffer)) return false;  // a SharedArrayBuffer is never detached
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function refuseDetached(view, what) {
  const buffer = view instanceof ArrayBuffer ? view : view.buffer;
  if (isDetached(buffer)) {
    throw new TypeError(`${what}: its ArrayBuffer was transferred (detached), e.g. posted to a worker with transfer; pass a copy`);
  }
}

function asBytes(value, what) {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) refuseDetached(value, what);
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`${what} must be a Uint8Array or an ArrayBuffer`);
}

function asFloat32(lead, index) {
  if (ArrayBuffer.isView(lead)) refuseDetached(lead, `lead ${index}`);
  if (lead instanceof Float32Array) return lead;
  if (Array.isArray(lead) || ArrayBuffer.isView(lead)) return Float32Array.from(lead);
  throw new TypeError(`lead ${index} must be a Float32Array (or an array of numbers)`);
}

// How a wrong argument is shown in a message: its type as well as its value, so that a string
// "500" is not read as the number 500 being refused.
function shown(value) {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : `a ${value.constructor?.name ?? 'object'}`;
}

// annotate()'s options: an object or nothing; leadNames, when given, one string per lead.
function checkedAnnotateOptions(options, leadCount) {
  if (options == null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`annotate: options must be an object such as { leadNames: ['ii'], threshold: 0.4 } (got ${shown(options)})`);
  }
  const names = options.leadNames;
  if (names != null) {
    if (!Array.isArray(names) || names.length !== leadCount) {
      throw new TypeError(`annotate: leadNames must be an array of ${leadCount} strings, one per lead (got ${Array.isArray(names) ? `${names.length} names` : shown(names)})`);
    }
    const bad = names.findIndex((n) => typeof n !== 'string');
    if (bad >= 0) throw new TypeError(`annotate: leadNames[${bad}] must be a string (got ${shown(names[bad])})`);
  }
  return options;
}

async function prepareFile(file) {
  const bytes = asBytes(file.bytes, `bytes of ${file.name}`);
  const isNpz = /\.npz$/i.test(file.name);
  return { name: String(file.name), bytes: isNpz ? await inflateNpz(file.name, bytes) : bytes };
}

/**
 * `value` to one decimal as ecg-annotate --json writes a duration (C's "%.1f": the nearest tenth;
 * an exact tie, x.25 or x.75 being the only ones a double holds, to the even tenth, where
 * toFixed(1) would take x.25 up). Not finite: as it is.
 */
export function roundToCliTenths(value) {
  if (!Number.isFinite(value)) return value;
  const tie = Number.isInteger(value * 4) && !Number.isInteger(value * 2);
  return tie ? (2 * Math.round((value * 10) / 2)) / 10 : Number(value.toFixed(1));
}

/** How many first bytes of a file sizeProblems() looks at (src/formats/read.h kSizeCheckHeadBytes). */
export const SIZE_CHECK_HEAD_BYTES = 1 << 20;

const BACKENDS = ['auto', 'xnnpack', 'builtin'];

// Exported for `instanceof` and for the types (qrs-annotator.d.ts); made by createAnnotator().
export class QrsAnnotator {
  constructor(module, native, modelBytes, variant, threads) {
    this._module = module;
    this._native = native;
    this._modelBytes = modelBytes;
    this._threads = threads;
    /** The wasm variant in use: 'plain', 'simd', 'relaxed' or 'threads'. */
    this.variant = variant;
    /** The model's description (name, sampleRateHz, outputs, ..., backend). */
    this.modelInfo = native.modelInfo();
    /** The inference backend in use: 'xnnpack' or 'builtin' ('auto' resolved). */
    this.backend = this.modelInfo.backend;
  }

  _alive() {
    if (!this._native) throw new Error('this annotator was disposed');
    return this._native;
  }

  /**
   * Annotates one record: leads in mV (Float32Array each, all the same length) at `fs` Hz.
   * Sample positions in the result are in the input's own rate.
   */
  annotate(leads, fs, options = {}) {
    const native = this._alive();
    if (!Array.isArray(leads) || leads.length === 0) {
      throw new TypeError('annotate: leads must be a non-empty array of Float32Array');
    }
    if (typeof fs !== 'number' || !(fs > 0) || !Number.isFinite(fs)) {
      throw new TypeError(`annotate: fs must be a positive number of samples per second (got ${shown(fs)})`);
    }
    options = checkedAnnotateOptions(options, leads.length);
    const arrays = leads.map(asFloat32);
    const length = arrays[0].length;
    arrays.forEach((lead, i) => {
      if (lead.length !== length) {
        throw new Error(`annotate: lead ${i} has ${lead.length} samples but lead 0 has ${length}; all leads must be the same length`);
      }
    });
    const result = native.annotate(arrays, fs, options);
    // Durations as ecg-annotate --json writes them (one decimal), so that both give one figure.
    for (const lead of result.leads) for (const q of lead.qrs) q.durationMs = roundToCliTenths(q.durationMs);
    for (const beat of result.beats) beat.durationMs = roundToCliTenths(beat.durationMs);
    return result;
  }

  /**
   * The event options annotate() takes, from the core's one table of them (ecg-annotate's flags
   * and Python's keywords are the same options): [{js, cli, python, member, kind, help, values,
   * default, ...}], in the order the CLI's --help lists them.
   */
  eventOptionTable() {
    return this._module.eventOptionTable();
  }

  /**
   * Reads several files of one drop (e.g. a WFDB .hea with its .dat). Never throws for a bad
   * file: each primary file gets {file, format, records, error, warnings}.
   */
  async readFiles(files, options = {}) {
    const native = this._alive();
    const prepared = [];
    const failures = [];
    for (const file of files) {
      try {
        prepared.push(await prepareFile(file));
      } catch (err) {
        failures.push({ file: String(file.name), format: '', records: [], error: err.message, warnings: [] });
      }
    }
    const results = prepared.length ? this._module.readFiles(prepared, options ?? {}) : [];
    return [...results, ...failures];
  }

  /**
   * Which files of a drop the readers would refuse for their size, told before their bytes are
   * read: files [{name, head, size}], head the first SIZE_CHECK_HEAD_BYTES of the file (all of it
   * when smaller), size its size in bytes. For each, {file, problem, refusedHeader}: problem, the
   * readers' message naming the file ('' when its head and size show nothing wrong: readFiles
   * still checks everything); refusedHeader, the name of a refused WFDB header this file is a
   * signal file of ('' when none). A header's signal files are looked for among the same files.
   */
  sizeProblems(files) {
    this._alive();
    return this._module.sizeProblems(files.map((f) => ({
      name: String(f.name),
      head: asBytes(f.head, `head of ${f.name}`),
      size: Number(f.size),
    })));
  }

  /**
   * Reads one file (any supported format); `companions` are the other files it needs (the .dat
   * files of a WFDB header). Throws an Error naming the file when it cannot be read.
   */
  async readFile(name, bytes, companions = [], options = {}) {
    const results = await this.readFiles([{ name, bytes }, ...companions], options);
    const own = results.find((r) => r.file === name) ?? results[0];
    if (!own) throw new Error(`${name}: no readable ECG found`);
    if (own.error) throw new Error(own.error);
    return own;
  }

  /**
   * Reads WFDB (MIT format) annotation files, e.g. LUDB's per-lead "5.ii" or a ".atr": for each
   * {name, bytes}, {file, marks: [{sample, symbol, code, subtype, chan, num, aux}], error}. Never
   * throws for a bad file: its `error` names the file and the problem.
   */
  readAnnotations(files) {
    this._alive();
    return this._module.readAnnotations(files.map((f) => ({ name: String(f.name), bytes: asBytes(f.bytes, `bytes of ${f.name}`) })));
  }

  /**
   * QRS marks as WFDB annotation files: '(' 'N' ')' per complex (aux "model" or "edited"), one
   * file per lead (<record>.<lead>, as LUDB names them) and <record>.qrs for the beats across the
   * leads. leads: [{name, samples, qrs: [{onset, offset, source?}]}]; beats: [{onset, offset,
   * source?}] (the QRS across the leads). Without beats (undefined or null) there is no
   * <record>.qrs: a file of no beats would say the record has none. Returns [{name, bytes}].
   */
  writeQrsAnnotations(record, leads, beats) {
    this._alive();
    const prepared = leads.map((lead, i) => {
      // Without its marks a lead's file would say it has no QRS at all: refuse, do not guess.
      if (!Array.isArray(lead.qrs)) {
        throw new TypeError(`writeQrsAnnotations: lead ${i} (${JSON.stringify(String(lead.name))}) needs qrs, an array of {onset, offset} (an empty array for a lead with none)`);
      }
      return { name: String(lead.name), samples: asFloat32(lead.samples, i), qrs: lead.qrs };
    });
    const files = this._module.writeQrsAnnotations(String(record), prepared, beats ?? []);
    // The module writes the lead files first, then <record>.qrs (wfdb_annotation_qrs.h).
    return beats == null ? files.slice(0, prepared.length) : files;
  }

  /**
   * The raw forward pass of this annotator's model over `input` (already preprocessed, channels
   * last): length * channels_out floats. For tests and benchmarks.
   */
  runNetwork(input) {
    this._alive();
    return this._module.runNetwork(this._modelBytes, asFloat32(input, 0), this.backend, this._threads);
  }

  /** Frees the wasm-side annotator. */
  dispose() {
    if (this._native) this._native.delete();
    this._native = null;
  }
}

// Threads of the threads variant (the others have none): leads annotated in parallel, or each
// layer of a one-lead record split over them (XNNPACK). At most 4: the module preloads 6 workers
// (cmake/wasm.cmake PTHREAD_POOL_SIZE), 3 for lead workers and 3 for XNNPACK's pool, and more
// would wait for a worker to start.
function leadThreads(variant, requested) {
  if (variant !== 'threads') return 1;
  const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
  const wanted = requested ?? cores;
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`threads must be a whole number >= 1 (got ${requested})`);
  return Math.min(wanted, 4);
}

/**
 * Loads a wasm variant and a model, and returns an annotator.
 * options: { variant?: 'auto'|'plain'|'simd'|'relaxed'|'threads', backend?: 'auto'|'xnnpack'|
 *            'builtin', buildUrl?, moduleUrl?, wasmUrl?, wasmBinary?, modelUrl?, modelBytes?,
 *            noiseModelUrl?, noiseModelBytes?, noiseModel?: false, threads? }
 * With the shipped model (no modelUrl or modelBytes) the shipped noise reader is loaded too
 * (buildUrl + qrs_unet_noisy.qrsm): records whose leads agree on under 97 % of the beats are read
 * again by it, one-lead records by both models (result.readBy names the model whose marks they
 * are). noiseModel: false loads none.
 */
export async function createAnnotator(options = {}) {
  const auto = !options.variant || options.variant === 'auto';
  if (!auto && !MODULE_NAMES[options.variant]) {
    throw new Error(`unknown wasm variant '${options.variant}' (use auto, plain, simd, relaxed or threads)`);
  }
  // A variant asked for by name is that one or none (no fallback, as for the backend below).
  // An explicit variant the engine lacks is refused in words, rather than failing inside Emscripten
  // (a bare `Worker is not defined`, or `Aborted(CompileError ...)` with lines on stderr).
  const lacking = auto ? '' : lacks(options.variant);
  if (lacking) {
    throw new Error(`wasm variant '${options.variant}' cannot run here: ${lacking}; use variant 'auto' (here it picks '${detectVariant()}')`);
  }
  const backend = options.backend ?? 'auto';
  if (!BACKENDS.includes(backend)) {
    throw new Error(`unknown backend '${backend}' (use auto, xnnpack or builtin)`);
  }
  // Auto: the best variant this engine can run; should its files be missing (a build without
  // threads, say), fall back to the next one rather than failing. XNNPACK needs SIMD: the plain
  // variant has only the built-in kernels.
  const order = ['threads', 'relaxed', 'simd', 'plain'];
  let candidates = auto ? order.slice(order.indexOf(detectVariant())) : [options.variant];
  if (auto && backend === 'xnnpack') candidates = candidates.filter((v) => v !== 'plain');
  if (candidates.length === 0) {
    throw new Error("backend 'xnnpack' needs WebAssembly SIMD, which this engine lacks (use 'builtin')");
  }
  // The model files are the same for every variant: fetched once, while the first variant loads.
  // A missing one is no reason to try another variant: it stops the fallback at once, its URL in
  // the message.
  const models = loadModels(options).catch((err) => {
    err.qrsModelError = true;
    throw err;
  });
  for (const [i, variant] of candidates.entries()) {
    try {
      return await loadVariant(variant, { ...options, backend }, models);
    } catch (err) {
      if (i === candidates.length - 1 || err.qrsModelError) throw err;
      await models; // a model that cannot be had fails here, not after every other variant too
    }
  }
}

const buildUrlOf = (options) => new URL(options.buildUrl ?? './build/', import.meta.url);

// The model and the noise reader as bytes: {modelBytes, noiseModelBytes (null: none)}.
async function loadModels(options) {
  const buildUrl = buildUrlOf(options);
  const shippedModel = !options.modelUrl && !options.modelBytes;
  const noiseModelUrl = options.noiseModel === false || (!options.noiseModelUrl && !shippedModel)
    ? null : new URL(options.noiseModelUrl ?? 'qrs_unet_noisy.qrsm', buildUrl);
  const [modelBytes, noiseModelBytes] = await Promise.all([
    options.modelBytes ? asBytes(options.modelBytes, 'modelBytes')
      : fetchBytes(new URL(options.modelUrl ?? 'qrs_unet.qrsm', buildUrl), 'model'),
    options.noiseModel === false ? null
      : options.noiseModelBytes ? asBytes(options.noiseModelBytes, 'noiseModelBytes')
        : noiseModelUrl ? fetchBytes(noiseModelUrl, 'noise model', NOISE_MODEL_HINT) : null,
  ]);
  return { modelBytes, noiseModelBytes };
}

// models: loadModels' promise, shared by the variants tried.
async function loadVariant(variant, options, models) {
  const wasmUrl = new URL(options.wasmUrl ?? `${MODULE_NAMES[variant]}.wasm`, buildUrlOf(options));
  const moduleUrl = new URL(options.moduleUrl ?? wasmUrl.href.replace(/\.wasm$/, '.mjs'));

  // Node cannot let the module fetch its own .wasm (3.1.6 fetches file paths with fetch()), so
  // the bytes are handed over; browsers stream-compile from the URL.
  const moduleOptions = { locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl.href : new URL(path, moduleUrl).href) };
  if (variant === 'threads') moduleOptions.mainScriptUrlOrBlob = moduleUrl.href;
  const [{ default: factory }, { modelBytes, noiseModelBytes }, wasmBinary] = await Promise.all([
    import(moduleUrl.href).catch((err) => {
      // A bundler (Vite, webpack) moves this file away from its build/ folder, which it does
      // not copy: the one fix is to ship build/ as static files and say where (buildUrl).
      const where = options.moduleUrl || options.buildUrl ? '' :
        ' (if a bundler moved qrs-annotator.js away from its build/ folder, serve that folder as' +
        ' static files and pass its URL as buildUrl: docs/api.md, "With a bundler")';
      throw new Error(`cannot load the wasm module ${moduleUrl.href}: ${err.message}${where}`);
    }),
    models,
    options.wasmBinary ? asBytes(options.wasmBinary, 'wasmBinary') : isNode ? fetchBytes(wasmUrl, 'wasm module') : undefined,
  ]);
  if (wasmBinary) moduleOptions.wasmBinary = wasmBinary;
  const module = await factory(moduleOptions);
  const threads = leadThreads(variant, options.threads);
  let native;
  try {
    native = module.createAnnotator(modelBytes, threads, options.backend);
    if (noiseModelBytes) native.setNoiseReader(noiseModelBytes);
  } catch (err) {
    err.qrsModelError = true; // the model or backend is at fault, not the variant: no fallback helps
    throw err;
  }
  return new QrsAnnotator(module, native, modelBytes, variant, threads);
}
