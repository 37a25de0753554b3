// web/envelope.js: the min/max pyramid gives, for any range of samples, exactly the lowest and
// highest finite value a scan of those samples finds (NaN and infinities left out), on curves
// whose length is and is not a multiple of its blocks, and without reading every sample.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { sourceDir } from './helpers.mjs';

const { buildEnvelope, envelopeExtent, envelopeOf } = await import(pathToFileURL(path.join(sourceDir, 'web', 'envelope.js')).href);

function scan(values, from, to) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = Math.max(0, from); i < Math.min(values.length, to); ++i) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return { lo, hi };
}

// A repeatable pseudo-random curve with a gap (NaN), lone NaNs and infinities, and one spike.
function curve(n, seed = 1) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const values = new Float32Array(n).map(() => random() * 2 - 1);
  for (let i = Math.floor(n * 0.3); i < Math.floor(n * 0.35); ++i) values[i] = NaN;
  for (let k = 0; k < n / 97; ++k) values[Math.floor(random() * n)] = [NaN, Infinity, -Infinity][k % 3];
  if (n > 10) values[Math.floor(n * 0.77)] = 40;
  return values;
}

test('the extent of any range equals a scan of its samples', () => {
  for (const n of [0, 1, 15, 16, 17, 63, 64, 65, 1000, 4096, 100003]) {
    const values = curve(n, n + 7);
    const envelope = buildEnvelope(values);
    const ranges = [[0, n], [0, 0], [n, n], [-5, n + 5]];
    let state = n + 1;
    const random = (m) => ((state = (state * 69069 + 1) % 4294967296) % Math.max(1, m));
    for (let k = 0; k < 400; ++k) {
      const from = random(n + 1);
      ranges.push([from, from + random(n + 1 - from) + 1]);
    }
    for (const [from, to] of ranges) {
      assert.deepEqual({ ...envelopeExtent(envelope, from, to) }, scan(values, from, to), `n ${n}, [${from}, ${to})`);
    }
  }
});

test('a spike of one sample is the top of every range that holds it, however long', () => {
  const values = new Float32Array(1_800_000).map((_, i) => Math.sin(i / 50));
  values[1_234_567] = 9;
  const envelope = buildEnvelope(values);
  for (const [from, to] of [[0, values.length], [1_234_567, 1_234_568], [1_000_001, 1_300_003], [1_234_000, 1_240_000]]) {
    assert.equal(envelopeExtent(envelope, from, to).hi, 9, `[${from}, ${to})`);
  }
  assert.ok(envelopeExtent(envelope, 0, 1_234_567).hi <= 1);
  assert.ok(envelopeExtent(envelope, 1_234_568, values.length).hi <= 1);
});

test('a range without finite values has no extent; the pyramid is about a sixth of the curve', () => {
  const values = new Float32Array(5000).fill(NaN);
  values[4000] = 2;
  const envelope = buildEnvelope(values);
  assert.deepEqual({ ...envelopeExtent(envelope, 0, 4000) }, { lo: Infinity, hi: -Infinity });
  assert.deepEqual({ ...envelopeExtent(envelope, 100, 4001) }, { lo: 2, hi: 2 });
  const floats = envelope.levels.reduce((sum, level) => sum + level.length, 0);
  assert.ok(floats < values.length / 5, `${floats} floats for ${values.length} samples`);
});

test('envelopeOf builds a curve\'s pyramid once, or takes the one it is given', () => {
  const values = curve(3000);
  const first = envelopeOf(values);
  assert.equal(envelopeOf(values), first);
  const given = buildEnvelope(values);
  assert.equal(envelopeOf(values, given), given);
});
