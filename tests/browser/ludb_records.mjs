// Long recordings made from LUDB for the page's tests and bench/wasm/page_long_record.mjs: leads
// read from a record's .hea and .dat (format 16, in mV by the header's gains and baselines), laid
// end to end for as long as wanted, and written as a [leads, samples] float32 .npy, which the page
// reads as a record of its own (the rate typed in the page's rate box). Nothing is copied into the
// repository: the files are made from ../shared/data/ludb where they are needed.
import fs from 'node:fs';
import path from 'node:path';

import { ludbDir, mustExist } from '../js/helpers.mjs';

/** Leads `names` of LUDB record `record` in mV, each a Float32Array of its 5000 samples (500 Hz). */
export function ludbLeads(record, names) {
  const header = fs.readFileSync(mustExist(path.join(ludbDir, `${record}.hea`), 'LUDB not found; set ECG_LUDB_DIR'), 'utf8');
  // The record line gives the number of signals, a line each after it; comments ('#') follow.
  const [recordLine, ...rest] = header.trim().split('\n');
  const leadCount = Number(recordLine.split(/\s+/)[1]);
  const lines = rest.slice(0, leadCount).map((l) => l.trim().split(/\s+/));
  const bytes = fs.readFileSync(path.join(ludbDir, `${record}.dat`));
  const raw = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  return names.map((name) => {
    const k = lines.findIndex((l) => l.at(-1).toLowerCase() === name.toLowerCase());
    if (k < 0) throw new Error(`LUDB record ${record} has no lead '${name}'`);
    const [, gain, baseline = '0'] = lines[k][2].match(/^([\d.]+)(?:\((-?\d+)\))?/);
    const lead = new Float32Array(raw.length / leadCount);
    for (let i = 0; i < lead.length; ++i) lead[i] = (raw[i * leadCount + k] - Number(baseline)) / Number(gain);
    return lead;
  });
}

/**
 * `seconds` of leads `names` at `fs`: LUDB's records `records` (numbers) one after another, from
 * the first again once all were used. At 250 Hz each pair of 500 Hz samples is averaged (a
 * decimation with its own light low-pass); any other rate is refused.
 */
export function ludbLongLeads({ records, names, seconds, fs = 500 }) {
  if (fs !== 500 && fs !== 250) throw new Error(`a long LUDB record is made at 500 or 250 Hz, not ${fs}`);
  const step = 500 / fs;
  const pieces = records.map((r) => ludbLeads(r, names).map((lead) => {
    const out = new Float32Array(lead.length / step);
    for (let i = 0; i < out.length; ++i) {
      let sum = 0;
      for (let j = 0; j < step; ++j) sum += lead[i * step + j];
      out[i] = sum / step;
    }
    return out;
  }));
  const n = Math.round(seconds * fs);
  return names.map((_, lead) => {
    const out = new Float32Array(n);
    for (let at = 0, piece = 0; at < n; at += pieces[piece][0].length, piece = (piece + 1) % pieces.length) {
      const source = pieces[piece][lead];
      out.set(source.subarray(0, Math.min(source.length, n - at)), at);
    }
    return out;
  });
}

/** Writes leads (equal-length Float32Arrays) to `file` as a little-endian [leads, samples] .npy. */
export function writeNpyLeads(file, leads) {
  const n = leads[0].length;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${leads.length}, ${n}), }`;
  // The header (magic, version, length, dict) ends with a newline at a multiple of 64 bytes.
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const fd = fs.openSync(file, 'w');
  try {
    const prefix = Buffer.alloc(10);
    prefix.write('\x93NUMPY', 0, 'latin1');
    prefix[6] = 1;
    prefix.writeUInt16LE(header.length, 8);
    fs.writeSync(fd, prefix);
    fs.writeSync(fd, Buffer.from(header, 'latin1'));
    for (const lead of leads) fs.writeSync(fd, new Uint8Array(lead.buffer, lead.byteOffset, lead.byteLength));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}
