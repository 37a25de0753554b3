// XNNPACK's relaxed-SIMD kernels with Emscripten 3.1.6's clang 14: every standard intrinsic that
// cmake/wasm_relaxed_simd_compat.h provides, built the way the relaxed XNNPACK is (the header
// force-included, cmake/wasm_relaxed_madd.mjs turning the draft opcodes into standard ones after
// linking), computes what the standard instruction specifies, in node with relaxed SIMD on.
// A wrong opcode in the table, a swapped operand order or a wrong emulation fails here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { sourceDir } from './helpers.mjs';

test('relaxed-SIMD compatibility intrinsics compute the standard instructions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-relaxed-'));
  try {
    const out = path.join(dir, 'compat_check.cjs');
    execFileSync('emcc', ['-O0', '-msimd128', '-mrelaxed-simd',
                          '-include', path.join(sourceDir, 'cmake', 'wasm_relaxed_simd_compat.h'),
                          path.join(sourceDir, 'tests', 'js', 'relaxed_simd', 'compat_check.c'),
                          '-sENVIRONMENT=node', '-o', out],
                 { env: { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' }, stdio: 'inherit' });
    const rewrite = execFileSync('node', [path.join(sourceDir, 'cmake', 'wasm_relaxed_madd.mjs'),
                                          '/usr/lib/llvm-14/bin/llvm-objdump', out.replace(/\.cjs$/, '.wasm')],
                                 { encoding: 'utf8' });
    console.log(rewrite.trim());
    // All 17 draft opcodes of the table occur once, so each mapping is exercised.
    assert.equal(rewrite.trim().split(': ').at(-1).split(', ').length, 17, rewrite);
    const run = execFileSync('node', ['--no-experimental-fetch', '--experimental-wasm-relaxed-simd', out],
                             { encoding: 'utf8' });
    console.log(run.trim());
    const lines = run.trim().split('\n');
    assert.equal(lines.at(-1), 'all relaxed intrinsics ok');
    assert.equal(lines.filter((l) => /^\S+ ok$/.test(l)).length, 20);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
