// Long lists of flat objects (a day's marks: 78,000 beats and as many complexes per lead, each
// {onset, offset, ...}) as one column per field, for the trip from the worker to the page: the
// structured clone of a quarter of a million objects blocks the page's thread for a few hundred
// milliseconds on arrival, where a few typed arrays move at once and the objects are rebuilt a
// part of a list at a time. The worker packs (packRows); the page unpacks whatever arrives packed
// (unpackAll). Numbers and booleans travel as typed arrays, anything else as it is. Pure.

/** rows: [{key: value}] -> {packedRows: n, columns: {key: {type, values, missing}}}. */
export function packRows(rows) {
  const keys = new Set();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const columns = {};
  for (const key of keys) {
    const values = rows.map((row) => row[key]);
    const missing = values.some((v) => v === undefined) ? Uint8Array.from(values, (v) => (v === undefined ? 1 : 0)) : null;
    const present = values.filter((v) => v !== undefined);
    if (present.every((v) => typeof v === 'number')) {
      columns[key] = { type: 'number', values: Float64Array.from(values, (v) => v ?? 0), missing };
    } else if (present.every((v) => typeof v === 'boolean')) {
      columns[key] = { type: 'boolean', values: Uint8Array.from(values, (v) => (v ? 1 : 0)), missing };
    } else {
      columns[key] = { type: 'any', values, missing };
    }
  }
  return { packedRows: rows.length, columns };
}

const ROWS_PER_STEP = 16384; // unpacked between two pauses: some tens of milliseconds

// Rows [from, to) of a packed list into `rows`.
function unpackInto(rows, { columns }, from, to) {
  for (let i = from; i < to; ++i) rows[i] = {};
  for (const [key, { type, values, missing }] of Object.entries(columns)) {
    for (let i = from; i < to; ++i) {
      if (missing?.[i]) continue;
      rows[i][key] = type === 'boolean' ? values[i] === 1 : values[i];
    }
  }
}

/** packRows' result -> the rows it was made from (the same keys and values). */
export function unpackRows(packed) {
  const rows = new Array(packed.packedRows);
  unpackInto(rows, packed, 0, packed.packedRows);
  return rows;
}

const isPacked = (value) => value && typeof value === 'object' && 'packedRows' in value && 'columns' in value;

/**
 * `value` with every packed list in it (at any depth, typed arrays aside) unpacked, in place.
 * `pause()` is awaited before each list and every ROWS_PER_STEP rows of one: the page unpacks a
 * day's lists a few tens of milliseconds per task.
 */
export async function unpackAll(value, pause = async () => {}) {
  if (isPacked(value)) {
    const rows = new Array(value.packedRows);
    for (let from = 0; from < value.packedRows || from === 0; from += ROWS_PER_STEP) {
      await pause();
      unpackInto(rows, value, from, Math.min(value.packedRows, from + ROWS_PER_STEP));
    }
    return rows;
  }
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  for (const [key, inner] of Object.entries(value)) {
    const unpacked = await unpackAll(inner, pause);
    if (unpacked !== inner) value[key] = unpacked;
  }
  return value;
}
