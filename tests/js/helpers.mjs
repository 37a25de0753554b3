// Shared by the node tests: where things are (env set by ctest, defaults for a manual run) and a
// loader that goes through the same ES module embedders use. Missing inputs fail loudly.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';

export const sourceDir = process.env.QRS_SOURCE_DIR ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webBuildDir = process.env.QRS_WEB_BUILD_DIR ?? path.join(sourceDir, 'web', 'build');
export const ludbDir = process.env.ECG_LUDB_DIR ?? path.join(sourceDir, '..', 'shared', 'data', 'ludb');

// The single-threaded variants node can run (threads is browser-only); relaxed needs
// enableRelaxedSimd() first.
export const WASM_VARIANTS = ['plain', 'simd', 'relaxed'];
// The backends each variant has: XNNPACK needs SIMD, so the plain module has only the built-in
// kernels (cmake/wasm.cmake). A variant missing a backend fails the tests that loop over these.
export const VARIANT_BACKENDS = {
  plain: ['builtin'],
  simd: ['builtin', 'xnnpack'],
  relaxed: ['builtin', 'xnnpack'],
  threads: ['builtin', 'xnnpack'],
};

// One f32x4.relaxed_madd: Chrome 114+ validates it; node 20 only behind a V8 flag, which this
// turns on (before any module is compiled). Throws if even then it does not validate.
const RELAXED_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1,
  123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 133, 2, 11]);
export function enableRelaxedSimd() {
  if (!WebAssembly.validate(RELAXED_PROBE)) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  if (!WebAssembly.validate(RELAXED_PROBE)) throw new Error('this node cannot run relaxed SIMD');
}

export function mustExist(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: ${hint}`);
  return file;
}

export function ludbFile(name) {
  return fs.readFileSync(mustExist(path.join(ludbDir, name),
      'LUDB not found; set ECG_LUDB_DIR (see ../shared/data/README.md)'));
}

export async function loadAnnotator(options = {}) {
  mustExist(path.join(webBuildDir, 'qrs_annotator_simd.wasm'), 'build the wasm module first (make wasm)');
  const { createAnnotator } = await import(pathToFileURL(path.join(sourceDir, 'web', 'qrs-annotator.js')).href);
  return createAnnotator({ buildUrl: pathToFileURL(webBuildDir + path.sep).href, ...options });
}

// LUDB record 5 as the wasm readers see it (the .hea plus the .dat it names).
export async function readRecord5(annotator) {
  const result = await annotator.readFile('5.hea', ludbFile('5.hea'), [{ name: '5.dat', bytes: ludbFile('5.dat') }]);
  return result.records[0];
}

// A headerless little-endian float32 file as a Float32Array.
export function readF32(file) {
  const bytes = fs.readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

// Runs the network of every single-threaded variant with each of its backends on each case's input
// and fails when any output is further than `tolerance` from PyTorch's.
// cases: [{ label, input, expected }] (Float32Arrays).
export async function assertNetworkMatchesTorch(modelBytes, cases, tolerance = 1e-4) {
  enableRelaxedSimd();
  for (const variant of WASM_VARIANTS) {
    for (const backend of VARIANT_BACKENDS[variant]) {
      const annotator = await loadAnnotator({ variant, backend, modelBytes });
      try {
        if (annotator.backend !== backend) throw new Error(`${variant}: asked for ${backend}, runs ${annotator.backend}`);
        for (const { label, input, expected } of cases) {
          const diff = maxAbsDiff(annotator.runNetwork(input), expected);
          console.log(`${variant}/${backend} ${label}: max |wasm - torch| = ${diff.toExponential(2)}`);
          if (!(diff <= tolerance)) throw new Error(`${variant}/${backend}, ${label}: differs from PyTorch by ${diff}`);
        }
      } finally {
        annotator.dispose();
      }
    }
  }
}

export function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; ++i) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

// Starts serve.py on a free port (extraArgs e.g. ['--root', dir]); resolves {url, stop}. The server
// prints its address first.
export async function startServer(extraArgs = []) {
  const { spawn } = await import('node:child_process');
  const server = spawn('/usr/bin/python3', [path.join(sourceDir, 'serve.py'), '--port', '0', '--quiet', ...extraArgs],
                       { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    server.stdout.on('data', (chunk) => {
      text += chunk;
      const match = text.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve.py exited with ${code}`)));
    // unref: a pending timer would keep node alive after the tests end.
    setTimeout(() => reject(new Error('serve.py did not start within 10 s')), 10000).unref();
  });
  return { url, stop: () => server.kill() };
}

// The 512-byte header of an EDF of one 500 Hz signal (`label`, "ECG II" by default) declaring
// `records` one-second data records: a file its size checks refuse needs only this and a claimed
// (or sparse) size; with records * 1000 bytes after it, a whole file.
export function edfHeader(records, label = 'ECG II') {
  const field = (s, width) => s.padEnd(width, ' ');
  return field('0', 8) + field('X', 80) + field('X', 80) + '01.01.20' + '00.00.00' + field('512', 8) +
      field('', 44) + field(String(records), 8) + field('1', 8) + field('1', 4) + field(label, 16) +
      field('', 80) + field('uV', 8) + field('-3276', 8) + field('3276', 8) + field('-32768', 8) +
      field('32767', 8) + field('', 80) + field('500', 8) + field('', 32);
}
