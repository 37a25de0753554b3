// Test helper: a FLAC stream written byte by byte from the FLAC specification (RFC 9639), with
// VERBATIM subframes only (each sample stored as it is, big-endian, in the stream's bit depth), so
// the page's reader is checked against the spec and not only against libFLAC's own encoder:
//   "fLaC"; a last-block STREAMINFO (block sizes, rate, channels - 1, bits - 1, 36-bit sample count,
//   MD5 0 = unknown); then per block a frame: sync 0xFFF8, block size "16-bit value follows",
//   rate "from STREAMINFO", independent channels, explicit bit depth, the frame number in FLAC's
//   UTF-8-like coding, block size - 1, CRC-8; one VERBATIM subframe (0x02) per channel; CRC-16.
// Bit depths 8, 16 and 24 keep every field byte-aligned.

const BLOCK = 4096;
const SAMPLE_SIZE_CODE = { 8: 0b001, 16: 0b100, 24: 0b110 };

function crc8(bytes) {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; ++k) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

function crc16(bytes) {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let k = 0; k < 8; ++k) crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function codedNumber(n) {
  if (n < 0x80) return [n];
  if (n < 0x800) return [0xc0 | (n >> 6), 0x80 | (n & 0x3f)];
  if (n < 0x10000) return [0xe0 | (n >> 12), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f)];
  throw new Error('flac_verbatim: too many frames for this helper');
}

function bigEndian(value, bytes) {
  const out = [];
  for (let i = bytes - 1; i >= 0; --i) out.push(Number((BigInt(value) >> BigInt(8 * i)) & 0xffn));
  return out;
}

// channels: arrays of integer samples (all the same length); bits: 8, 16 or 24.
export function encodeFlacVerbatim(channels, bits) {
  const length = channels[0].length;
  const width = bits / 8;
  const out = [...Buffer.from('fLaC')];
  out.push(0x80, ...bigEndian(34, 3));  // last metadata block, STREAMINFO, 34 bytes
  const blocks = Math.ceil(length / BLOCK);
  out.push(...bigEndian(BLOCK, 2), ...bigEndian(BLOCK, 2), 0, 0, 0, 0, 0, 0);
  // 20 bits rate (96 kHz, as WFDB writes), 3 bits channels - 1, 5 bits bits - 1, 36 bits count.
  const packed = (96000n << 44n) | (BigInt(channels.length - 1) << 41n) | (BigInt(bits - 1) << 36n) | BigInt(length);
  out.push(...bigEndian(packed, 8), ...new Array(16).fill(0));
  for (let f = 0; f < blocks; ++f) {
    const start = f * BLOCK;
    const size = Math.min(BLOCK, length - start);
    const header = [0xff, 0xf8, 0x70, ((channels.length - 1) << 4) | (SAMPLE_SIZE_CODE[bits] << 1),
      ...codedNumber(f), ...bigEndian(size - 1, 2)];
    const frame = [...header, crc8(header)];
    for (const channel of channels) {
      frame.push(0x02);  // VERBATIM, no wasted bits
      for (let i = start; i < start + size; ++i) {
        const v = channel[i] < 0 ? channel[i] + 2 ** bits : channel[i];  // two's complement
        frame.push(...bigEndian(v, width));
      }
    }
    frame.push(...bigEndian(crc16(frame), 2));
    for (const b of frame) out.push(b);  // (a spread of ~100k arguments overflows the stack)
  }
  return Uint8Array.from(out);
}
