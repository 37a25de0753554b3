// node cmake/wasm_relaxed_madd.mjs LLVM_OBJDUMP FILE.wasm
//
// Emscripten 3.1.6's clang 14 knows relaxed SIMD only as the proposal stood in early 2022: its
// __builtin_wasm_fma_f32x4 is encoded as `f32x4.fma` (0xfd 0xaf 0x01), an opcode no shipping
// engine accepts. The standard f32x4.relaxed_madd (a * b + c, same three operands in the same
// order) is 0xfd 0x85 0x02 — as long, so the module is patched in place. llvm-objdump (LLVM 14,
// an Emscripten dependency) decodes the code section, so only real instructions are rewritten,
// never bytes that merely look like one. Any other pre-standard relaxed opcode is an error: the
// kernels use none.
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
const prestandard = /\b(f32x4|f64x2)\.(fma|fms)\b|relaxed_|laneselect|dot_i8x16/;
let patched = 0;
for (const line of text.split('\n')) {
  const m = /^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(\S+)/.exec(line);
  if (!m || !prestandard.test(m[3])) continue;
  if (m[3] !== 'f32x4.fma') throw new Error(`${file}: unexpected pre-standard relaxed SIMD op: ${line.trim()}`);
  const at = base + parseInt(m[1], 16);
  if (bytes[at] !== 0xfd || bytes[at + 1] !== 0xaf || bytes[at + 2] !== 0x01) {
    throw new Error(`${file}: f32x4.fma at 0x${at.toString(16)} is not encoded as fd af 01`);
  }
  bytes[at + 1] = 0x85;
  bytes[at + 2] = 0x02;
  ++patched;
}
if (patched === 0) throw new Error(`${file}: no f32x4.fma found (was it built with -mrelaxed-simd?)`);
fs.writeFileSync(file, bytes);
console.log(`${file}: ${patched} f32x4.fma -> f32x4.relaxed_madd`);
