// Reads a WFDB (MIT-format) annotation file — 16-bit little-endian words, 6-bit code over a
// 10-bit time step, with SKIP/NUM/SUB/CHN/AUX pseudo-codes — into [{sample, code, symbol}], and
// writes one from [{sample, symbol}] (time steps only, with SKIP for long ones; no aux).
// Just enough of the spec for the tests' references.
const SKIP = 59;
const NUM = 60;
const SUB = 61;
const CHN = 62;
const AUX = 63;
const SYMBOLS = { 1: 'N', 5: 'V', 24: 'p', 27: 't', 28: '+', 39: '(', 40: ')' };

export function readWfdbAnnotations(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marks = [];
  let sample = 0;
  for (let at = 0; at + 2 <= bytes.length;) {
    const word = view.getUint16(at, true);
    at += 2;
    const code = word >> 10;
    const value = word & 0x3ff;
    if (code === 0 && value === 0) break;
    if (code === SKIP) {
      // A 32-bit interval follows as two 16-bit words, high word first (PDP-11 order).
      sample += ((view.getUint16(at, true) << 16) | view.getUint16(at + 2, true)) | 0;
      at += 4;
    } else if (code === AUX) {
      at += value + (value & 1);
    } else if (code === NUM || code === SUB || code === CHN) {
      // Attribute of the previous annotation; no time step.
    } else {
      sample += value;
      marks.push({ sample, code, symbol: SYMBOLS[code] ?? `#${code}` });
    }
  }
  return marks;
}

/** An annotation file of marks [{sample, symbol}] in time order (symbols of SYMBOLS). */
export function writeWfdbAnnotations(marks) {
  const codes = new Map(Object.entries(SYMBOLS).map(([code, symbol]) => [symbol, Number(code)]));
  const words = [];
  let sample = 0;
  for (const m of marks) {
    let step = m.sample - sample;
    if (step > 1023) {
      words.push(SKIP << 10, (step >>> 16) & 0xffff, step & 0xffff);
      step = 0;
    }
    words.push((codes.get(m.symbol) << 10) | step);
    sample = m.sample;
  }
  words.push(0);
  return Buffer.from(Uint16Array.from(words).buffer);
}
