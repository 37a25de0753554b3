// The wasm build has no zlib, and np.savez_compressed writes deflated zip members. The platform
// inflates (DecompressionStream 'deflate-raw', in browsers and Node 20), so here a zip whose
// members are deflated is rewritten as the same zip with every member stored; the C++ .npz reader
// then reads it as usual. Zips with nothing deflated pass through untouched.

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

function fail(name, problem) {
  throw new Error(`${name}: ${problem}`);
}

function findEndOfCentralDirectory(view, name) {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 65535; --at) {
    if (view.getUint32(at, true) === EOCD_SIG) return at;
  }
  fail(name, 'not a zip archive (no end-of-central-directory record)');
}

// Sizes and offsets may sit in a zip64 extra field (id 1) when the 32-bit field is 0xFFFFFFFF.
function zip64Values(view, extraStart, extraLength, wanted) {
  const values = {};
  for (let at = extraStart; at + 4 <= extraStart + extraLength;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      for (const key of wanted) {
        values[key] = Number(view.getBigUint64(field, true));
        field += 8;
      }
      return values;
    }
    at += 4 + size;
  }
  return values;
}

function readCentralDirectory(bytes, name) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view, name);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = [];
  for (let i = 0; i < count; ++i) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIG) {
      fail(name, `zip central directory entry ${i} is damaged`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const entry = {
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: bytes.subarray(at + 46, at + 46 + nameLength),
    };
    const wanted = ['size', 'compressedSize', 'localOffset'].filter((k) => entry[k] === 0xffffffff);
    Object.assign(entry, zip64Values(view, at + 46 + nameLength, extraLength, wanted));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { view, entries };
}

async function inflateRaw(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function storedZip(members) {
  let total = 22;
  for (const m of members) total += 30 + m.name.length + m.data.length + 46 + m.name.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets = [];
  for (const m of members) {
    offsets.push(at);
    view.setUint32(at, LOCAL_SIG, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 8, METHOD_STORED, true);
    view.setUint32(at + 14, m.crc, true);
    view.setUint32(at + 18, m.data.length, true);
    view.setUint32(at + 22, m.data.length, true);
    view.setUint16(at + 26, m.name.length, true);
    out.set(m.name, at + 30);
    out.set(m.data, at + 30 + m.name.length);
    at += 30 + m.name.length + m.data.length;
  }
  const centralStart = at;
  members.forEach((m, i) => {
    view.setUint32(at, CENTRAL_SIG, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 10, METHOD_STORED, true);
    view.setUint32(at + 16, m.crc, true);
    view.setUint32(at + 20, m.data.length, true);
    view.setUint32(at + 24, m.data.length, true);
    view.setUint16(at + 28, m.name.length, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(m.name, at + 46);
    at += 46 + m.name.length;
  });
  view.setUint32(at, EOCD_SIG, true);
  view.setUint16(at + 8, members.length, true);
  view.setUint16(at + 10, members.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}

/**
 * Returns `bytes` unchanged when no member is deflated, else the same archive with every member
 * stored. Throws an Error naming `name` for a damaged archive or an unsupported compression.
 */
export async function inflateNpz(name, bytes) {
  const { view, entries } = readCentralDirectory(bytes, name);
  if (!entries.some((e) => e.method === METHOD_DEFLATED)) return bytes;
  const members = [];
  for (const e of entries) {
    const memberName = new TextDecoder().decode(e.name);
    if (e.method !== METHOD_STORED && e.method !== METHOD_DEFLATED) {
      fail(name, `member ${memberName} uses zip compression method ${e.method} (only stored and deflate are supported)`);
    }
    const local = e.localOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_SIG) {
      fail(name, `member ${memberName}: local zip header is damaged`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + e.compressedSize > bytes.length) fail(name, `member ${memberName} is truncated`);
    const raw = bytes.subarray(start, start + e.compressedSize);
    let data = raw;
    if (e.method === METHOD_DEFLATED) {
      try {
        data = await inflateRaw(raw);
      } catch (err) {
        fail(name, `member ${memberName} cannot be inflated (${err.message})`);
      }
    }
    if (data.length !== e.size) fail(name, `member ${memberName} inflates to ${data.length} bytes, expected ${e.size}`);
    members.push({ name: e.name, crc: e.crc, data });
  }
  return storedZip(members);
}
