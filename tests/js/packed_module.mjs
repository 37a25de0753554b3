// The npm package as a user gets it: `npm pack` in web/ (web/package.json), then `npm install` of
// the tarball into a fresh folder, offline (the package has no dependencies). Shared by the Node
// and Chromium package tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { mustExist, sourceDir, webBuildDir } from './helpers.mjs';

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

/** Packs web/ and installs the tarball into a new folder; returns {dir, tarball, files, close()}. */
export function packAndInstall() {
  mustExist(path.join(webBuildDir, 'qrs_annotator_threads.worker.js'), 'build the wasm module first (make wasm)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-package-'));
  const packs = path.join(dir, 'packs');
  fs.mkdirSync(packs);
  const name = npm(['pack', '--pack-destination', packs], path.join(sourceDir, 'web')).trim().split('\n').at(-1);
  const tarball = path.join(packs, name);
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  const app = path.join(dir, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'embedding-test', private: true, type: 'module' }));
  npm(['install', '--offline', tarball], app);
  return { dir: app, tarball, files, close: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
