// web/plot.js and plot-marks.js on long recordings: how much of each beat a lead shows follows how
// close the beats in view are (each complex's duration when they are far apart, markers without
// durations when closer, a density band instead of markers and probability curves when a few
// pixels apart, edited marks always); each pixel column of the trace reaches its samples' extremes
// (an R peak stays the top of its column at any zoom); and a redraw reads a few samples per pixel
// column, not every sample in view. The drawing calls are read back from a recording canvas.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { sourceDir } from './helpers.mjs';
import { recordingCanvas } from './recording_canvas.mjs';

const web = (name) => import(pathToFileURL(path.join(sourceDir, 'web', name)).href);
const { drawLead, COLORS } = await web('plot.js');
const { buildEnvelope } = await web('envelope.js');

const FS = 500;
const SECONDS = 600;

// Ten minutes of one lead with a complex every second (100 ms long), probabilities peaking at each
// boundary, and one complex a person moved (its onset 20 samples later than the model's).
function tenMinutes() {
  const n = FS * SECONDS;
  const samples = new Float32Array(n).map((_, i) => Math.sin(i / 40) * 0.3);
  const onsetProb = new Float32Array(n);
  const offsetProb = new Float32Array(n);
  const qrs = [];
  for (let k = 0; k < SECONDS; ++k) {
    const onset = k * FS + 300;
    const offset = onset + 50;
    onsetProb[onset] = 0.9;
    offsetProb[offset] = 0.9;
    qrs.push(k === 300 ? { onset: onset + 20, offset, source: 'edited', model: { onset, offset }, id: 'moved' }
                       : { onset, offset, source: 'model', id: `m${k}` });
  }
  return { name: 'ii', samples, onsetProb, offsetProb, qrs };
}

function draw(lead, view) {
  const recorded = recordingCanvas();
  const beatSpans = lead.qrs.map((q) => ({ start: q.onset, end: q.offset }));
  const detail = drawLead(recorded.canvas, lead, FS, view, { beatSpans });
  const durations = recorded.texts.filter((t) => /^\d+ ms$/.test(t.text));
  const lines = (color, width = 1) => recorded.strokes.filter((s) => s.style === color && s.width === width)
    .reduce((count, s) => count + s.path.filter(([op]) => op === 'M').length, 0);
  const filled = (color) => recorded.fills.filter((f) => f.style === color);
  return { detail, durations, lines, filled, mapping: recorded.canvas.plotMapping };
}

test('ten seconds in view: every complex has its markers and its duration', () => {
  const drawn = draw(tenMinutes(), { start: 0, end: 10 });
  assert.equal(drawn.detail, 'labelled');
  assert.equal(drawn.durations.length, 10);
  assert.ok(drawn.durations.every((t) => t.text === '100 ms'));
  assert.equal(drawn.lines(COLORS.onset), 10);
  assert.equal(drawn.lines(COLORS.offset), 10);
  assert.ok(drawn.filled(COLORS.beatSpan).length >= 10, 'each beat\'s band');
});

test('a hundred seconds in view (beats 10 px apart): markers but no durations', () => {
  const drawn = draw(tenMinutes(), { start: 0, end: 100 });
  assert.equal(drawn.detail, 'marked');
  assert.deepEqual(drawn.durations, []);
  assert.equal(drawn.lines(COLORS.onset), 100);
  assert.ok(drawn.filled(COLORS.onset).length > 0, 'the onset probability is drawn');
});

test('ten minutes in view (beats under 2 px apart): a density band, no marker lines or curves; the edited mark stays', () => {
  const drawn = draw(tenMinutes(), { start: 0, end: SECONDS });
  assert.equal(drawn.detail, 'dense');
  assert.deepEqual(drawn.durations, []);
  assert.equal(drawn.lines(COLORS.onset), 0, 'no dotted marker');
  assert.equal(drawn.lines(COLORS.onset, 2), 1, 'the moved onset, solid');
  assert.equal(drawn.lines(COLORS.offset), 0);
  assert.equal(drawn.lines(COLORS.ghost), 1, 'where the model had the moved onset');
  assert.deepEqual(drawn.filled(COLORS.onset).concat(drawn.filled(COLORS.offset)), [], 'no probability curves');
  assert.deepEqual(drawn.filled(COLORS.beatSpan), [], 'no beat bands');
  // A steady beat: one band along the top, the whole width, at one opacity.
  const band = drawn.filled(COLORS.beatDensity);
  const covered = band.reduce((sum, f) => sum + f.w, 0);
  assert.ok(covered >= 990, `the band covers ${covered} of 1000 px`);
  assert.ok(band.every((f) => f.y < 20 && f.h < 10), 'along the top');
});

test('each pixel column of the trace reaches its samples\' extremes: a one-sample spike in an hour is drawn', () => {
  const n = FS * 3600;
  const samples = new Float32Array(n).map((_, i) => Math.sin(i / 40));
  const spike = 1_234_567;
  samples[spike] = 5;
  samples[spike + 1000] = -4;
  const recorded = recordingCanvas();
  drawLead(recorded.canvas, { name: 'ii', samples }, FS, { start: 0, end: 3600 });
  const m = recorded.canvas.plotMapping;
  const bars = recorded.fills.filter((f) => f.style === COLORS.trace);
  const column = (i) => bars.find((f) => f.x === Math.floor(m.indexToX(i)));
  const half = 1.3 / 2; // the trace's line width
  assert.ok(Math.abs(column(spike).y + half - m.traceY(5)) < 1e-6, 'the spike is the top of its column');
  const low = column(spike + 1000);
  assert.ok(Math.abs(low.y + low.h - half - m.traceY(-4)) < 1e-6, 'the dip is the bottom of its column');
  // Every other column spans the sine's range: -1 to 1.
  const others = bars.filter((f) => f !== column(spike) && f !== low);
  assert.ok(others.length >= 990 && others.every((f) => Math.abs(f.y + half - m.traceY(1)) < 0.5), 'the other columns reach 1');
});

test('a redraw of an hour reads a few samples per pixel column, not every sample in view', () => {
  const n = FS * 3600;
  const values = new Float32Array(n).map((_, i) => Math.sin(i / 40));
  let reads = 0;
  const counted = new Proxy(values, {
    get: (target, key) => {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const envelope = { ...buildEnvelope(values), values: counted };
  for (const view of [{ start: 0, end: 3600 }, { start: 1000, end: 1600 }, { start: 1800, end: 1860 }]) {
    reads = 0;
    drawLead(recordingCanvas().canvas, { name: 'ii', samples: values, envelopes: { samples: envelope } }, FS, view);
    const inView = (view.end - view.start) * FS;
    assert.ok(reads < 80 * 1000, `${JSON.stringify(view)}: ${reads} samples read of ${inView} in view`);
  }
});
