// node cmake/wasm_relaxed_madd.mjs LLVM_OBJDUMP FILE.wasm
//
// Emscripten 3.1.6's clang 14 knows relaxed SIMD only as the proposal stood in early 2022: its
// builtins (__builtin_wasm_fma_f32x4, __builtin_wasm_laneselect_i32x4, ...) are encoded with that
// draft's opcodes (f32x4.fma = 0xfd 0xaf 0x01, ...), which no shipping engine accepts. Each has a
// standard relaxed-SIMD instruction with the same operands in the same order (f32x4.fma ->
// f32x4.relaxed_madd = 0xfd 0x85 0x02, a * b + c), and every draft opcode is 3 bytes as is every
// standard one (0x100-0x113), so the module is patched in place. llvm-objdump (LLVM 14, an
// Emscripten dependency) decodes the code section, so only real instructions are rewritten, never
// bytes that merely look like one. A draft relaxed opcode not in the table below is an error.
// Users: the built-in kernels (f32x4.fma only) and XNNPACK's relaxed build, whose standard
// intrinsics cmake/wasm_relaxed_simd_compat.h maps onto these builtins.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const [objdump, file] = process.argv.slice(2);
if (!objdump || !file) throw new Error('usage: node wasm_relaxed_madd.mjs LLVM_OBJDUMP FILE.wasm');
const bytes = fs.readFileSync(file);

// File offset of the code section's payload: llvm-objdump prints offsets relative to it.
function codePayloadOffset(b) {
  let pos = 8;
  const leb = () => {
    let value = 0, shift = 0, byte;
    do { byte = b[pos++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return value;
  };
  while (pos < b.length) {
    const id = b[pos++];
    const size = leb();
    if (id === 10) return pos;
    pos += size;
  }
  throw new Error(`${file}: no code section`);
}

const text = execFileSync(objdump, ['-d', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
// An opcode llvm-objdump cannot decode would leave the rest of that function misaligned.
if (/<unknown>/.test(text)) throw new Error(`${file}: llvm-objdump could not decode every instruction`);
const base = codePayloadOffset(bytes);
// Draft mnemonic (as llvm-objdump 14 prints it) -> [draft LEB128 opcode, standard LEB128 opcode].
const DRAFT_TO_STANDARD = {
  'i8x16.relaxed_swizzle': [[0xa2, 0x01], [0x80, 0x02]],
  'i32x4.relaxed_trunc_f32x4_s': [[0xa5, 0x01], [0x81, 0x02]],
  'i32x4.relaxed_trunc_f32x4_u': [[0xa6, 0x01], [0x82, 0x02]],
  'i32x4.relaxed_trunc_f64x2_s_zero': [[0xc5, 0x01], [0x83, 0x02]],
  'i32x4.relaxed_trunc_f64x2_u_zero': [[0xc6, 0x01], [0x84, 0x02]],
  'f32x4.fma': [[0xaf, 0x01], [0x85, 0x02]],  // f32x4.relaxed_madd
  'f32x4.fms': [[0xb0, 0x01], [0x86, 0x02]],  // f32x4.relaxed_nmadd
  'f64x2.fma': [[0xcf, 0x01], [0x87, 0x02]],  // f64x2.relaxed_madd
  'f64x2.fms': [[0xd0, 0x01], [0x88, 0x02]],  // f64x2.relaxed_nmadd
  'i8x16.laneselect': [[0xb2, 0x01], [0x89, 0x02]],
  'i16x8.laneselect': [[0xb3, 0x01], [0x8a, 0x02]],
  'i32x4.laneselect': [[0xd2, 0x01], [0x8b, 0x02]],
  'i64x2.laneselect': [[0xd3, 0x01], [0x8c, 0x02]],
  'f32x4.relaxed_min': [[0xb4, 0x01], [0x8d, 0x02]],
  'f32x4.relaxed_max': [[0xe2, 0x01], [0x8e, 0x02]],
  'f64x2.relaxed_min': [[0xd4, 0x01], [0x8f, 0x02]],
  'f64x2.relaxed_max': [[0xee, 0x01], [0x90, 0x02]],
};
// Anything that looks like a relaxed-SIMD instruction, so one missing from the table is caught.
const relaxedLooking = /\b(f32x4|f64x2)\.(fma|fms)\b|relaxed_|laneselect|dot_i8x16|q15mulr_s\b/;
const counts = {};
for (const line of text.split('\n')) {
  const m = /^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(\S+)/.exec(line);
  if (!m || !relaxedLooking.test(m[3])) continue;
  const entry = DRAFT_TO_STANDARD[m[3]];
  if (!entry) throw new Error(`${file}: no standard opcode known for ${line.trim()}`);
  const [draft, standard] = entry;
  const at = base + parseInt(m[1], 16);
  if (bytes[at] !== 0xfd || bytes[at + 1] !== draft[0] || bytes[at + 2] !== draft[1]) {
    throw new Error(`${file}: ${m[3]} at 0x${at.toString(16)} is not encoded as fd ${draft.map((b) => b.toString(16)).join(' ')}`);
  }
  bytes[at + 1] = standard[0];
  bytes[at + 2] = standard[1];
  counts[m[3]] = (counts[m[3]] ?? 0) + 1;
}
if (!Object.keys(counts).length) throw new Error(`${file}: no relaxed-SIMD instruction found (was it built with -mrelaxed-simd?)`);
fs.writeFileSync(file, bytes);
const summary = Object.entries(counts).map(([op, n]) => `${n} ${op}`).join(', ');
console.log(`${file}: rewritten to standard relaxed SIMD: ${summary}`);
