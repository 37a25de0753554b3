// A curve's min/max pyramid: the lowest and highest value of each block of 16 samples, of each 64,
// each 256, and so on up to the whole curve. Drawing an hour-long lead takes the extent of each
// pixel column from it in a few dozen reads instead of scanning the thousands of samples the column
// covers, so a redraw costs O(pixels) whatever the zoom; an R peak is still the top of its column.
// Built once per curve (the worker builds the page's; envelopeOf builds one on first use), about a
// sixth of the curve's size. Values that are not finite (NaN: a gap) take part in no extent. Pure.

const BLOCK = 16; // samples per block of the finest level
const FACTOR = 4; // blocks of one level per block of the next

/**
 * The pyramid of `values` (a Float32Array or any array of numbers): {values, levels}, where
 * levels[k] holds [min, max] pairs of consecutive blocks of BLOCK * FACTOR^k samples (the last
 * block of a level may be shorter). A block without a finite value holds [Infinity, -Infinity].
 */
export function buildEnvelope(values) {
  const levels = [];
  let size = BLOCK;
  let below = null; // the level under the one being built
  while (size < values.length || !levels.length) {
    const count = Math.ceil(values.length / size);
    const level = new Float32Array(2 * count);
    for (let b = 0; b < count; ++b) {
      let lo = Infinity;
      let hi = -Infinity;
      if (below) {
        const end = Math.min(2 * (b + 1) * FACTOR, below.length);
        for (let k = 2 * b * FACTOR; k < end; k += 2) {
          if (below[k] < lo) lo = below[k];
          if (below[k + 1] > hi) hi = below[k + 1];
        }
      } else {
        const end = Math.min((b + 1) * size, values.length);
        for (let i = b * size; i < end; ++i) {
          const v = values[i];
          // v - v is 0 for finite values only: NaN and infinities are left out.
          if (v - v === 0) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
        }
      }
      level[2 * b] = lo;
      level[2 * b + 1] = hi;
    }
    levels.push(level);
    below = level;
    size *= FACTOR;
  }
  return { values, levels };
}

/**
 * The lowest and highest finite value of samples [from, to) as {lo, hi} ({Infinity, -Infinity}
 * when there is none). Reads the samples at the ragged ends and whole blocks in between, the
 * largest that fit: exact, in O(BLOCK + FACTOR * levels) reads. `out` may be passed to be filled
 * and returned (no allocation per pixel column).
 */
export function envelopeExtent({ values, levels }, from, to, out = {}) {
  let lo = Infinity;
  let hi = -Infinity;
  // A block's [min, max] pair, or a sample as both (a block without finite values, [Infinity,
  // -Infinity], changes neither).
  const take = (min, max) => {
    if (min < lo) lo = min;
    if (max > hi) hi = max;
  };
  from = Math.max(0, from);
  to = Math.min(values.length, to);
  // Samples up to the first block boundary on each side (finite ones only: NaN fails both tests,
  // an infinity is skipped as in the blocks).
  for (; from < to && from % BLOCK !== 0; ++from) if (values[from] - values[from] === 0) take(values[from], values[from]);
  for (; to > from && to % BLOCK !== 0; --to) if (values[to - 1] - values[to - 1] === 0) take(values[to - 1], values[to - 1]);
  // Whole blocks: at each level, those up to the next level's boundaries, then climb.
  let size = BLOCK;
  for (let k = 0; from < to; ++k, size *= FACTOR) {
    const level = levels[k];
    const next = size * FACTOR;
    const top = k === levels.length - 1;
    for (; from < to && (top || from % next !== 0); from += size) {
      take(level[2 * (from / size)], level[2 * (from / size) + 1]);
    }
    for (; to > from && to % next !== 0; to -= size) {
      take(level[2 * (to / size - 1)], level[2 * (to / size - 1) + 1]);
    }
  }
  out.lo = lo;
  out.hi = hi;
  return out;
}

// Curves drawn without a pyramid of their own get one on first use, kept while the curve lives.
const built = new WeakMap();

/** `curve`'s pyramid: `given` when there is one (built by the worker), else one built now, once. */
export function envelopeOf(curve, given = null) {
  if (given) return given;
  let envelope = built.get(curve);
  if (!envelope) {
    envelope = buildEnvelope(curve);
    built.set(curve, envelope);
  }
  return envelope;
}
