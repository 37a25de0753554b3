// Shared by the node tests: where things are (env set by ctest, defaults for a manual run) and a
// loader that goes through the same ES module embedders use. Missing inputs fail loudly.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const sourceDir = process.env.QRS_SOURCE_DIR ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webBuildDir = process.env.QRS_WEB_BUILD_DIR ?? path.join(sourceDir, 'web', 'build');
export const ludbDir = process.env.ECG_LUDB_DIR ?? path.join(sourceDir, '..', 'shared', 'data', 'ludb');

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

export function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; ++i) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
