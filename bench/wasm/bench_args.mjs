// What the node bench scripts share: where the source tree, the wasm build and LUDB are, and
// `--name value` options from the command line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const sourceDir = path.resolve(benchDir, '..', '..');
const args = process.argv.slice(2);

// The value after `name`, or `fallback` when it is absent.
export function option(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

export const hasFlag = (name) => args.includes(name);
export const buildDir = path.resolve(option('--build', path.join(sourceDir, 'web', 'build')));
export const ludbDir = process.env.ECG_LUDB_DIR ?? path.join(sourceDir, '..', 'shared', 'data', 'ludb');
