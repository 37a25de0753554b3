// Canvas drawing of one lead: the ECG trace, the onset (red) and offset (green) probability curves
// scaled 0..1 to the plot height, the marks over them (plot-marks.js: markers, durations, beat
// bands, reference annotations), shaded stretches and optionally ECG paper. Pure drawing: the
// caller owns the view (a time window in seconds shared by all leads); timeToX / xToTime are the
// one mapping between time and pixels. Each curve is drawn from its min/max pyramid (envelope.js),
// so a redraw costs about the same for ten seconds or a day in view.
import { COLORS } from './colors.js';
import { envelopeExtent, envelopeOf } from './envelope.js';
import { outsideStretches } from './invalid-samples.js';
import { CSS_PX_PER_MM, paperGridSteps } from './paper.js';
import { beatDetail, countInView, DENSE_BAND, drawBeatSpans, drawMarks, drawReference, pixelRange } from './plot-marks.js';

export { COLORS };

export const AXIS_HEIGHT = 18; // bottom strip for time labels

/** The x pixel (CSS) of time t seconds on a canvas `width` pixels wide showing `view`. */
export function timeToX(t, view, width) {
  return ((t - view.start) / (view.end - view.start)) * width;
}

/** The time (seconds) at x pixels (CSS) on a canvas `width` pixels wide showing `view`. */
export function xToTime(x, view, width) {
  return view.start + (x / width) * (view.end - view.start);
}

/** Sizes the canvas backing store for its CSS size and the screen's pixel ratio. */
function prepare(canvas) {
  const dpr = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height };
}

function niceStep(span, target) {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

// Seconds along the bottom, with a grid line at each label unless the paper draws its own grid.
function drawTimeGrid(ctx, x, view, width, plotHeight, lines = true) {
  const step = niceStep(view.end - view.start, Math.max(2, width / 90));
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 1;
  for (let t = Math.ceil(view.start / step) * step; t <= view.end; t += step) {
    const px = Math.round(x(t)) + 0.5;
    ctx.strokeStyle = COLORS.gridMajor;
    if (lines) {
      ctx.beginPath();
      ctx.moveTo(px, 0);
      ctx.lineTo(px, plotHeight);
      ctx.stroke();
    }
    const decimals = step < 0.01 ? 3 : step < 0.1 ? 2 : step < 1 ? 1 : 0;
    const label = `${t.toFixed(decimals)} s`;
    const half = ctx.measureText(label).width / 2;
    if (px - half >= 0 && px + half <= width) ctx.fillText(label, px, plotHeight + 3);
  }
}

// The vertical extent of the visible trace, samples [from, to), from its pyramid.
function extent(envelope, from, to) {
  const { lo, hi } = envelopeExtent(envelope, from, to);
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 0.2) {
    const mid = (hi + lo) / 2;
    return [mid - 0.1, mid + 0.1];
  }
  return [lo, hi];
}

// Draws a curve (one value per sample, its pyramid `envelope`) as a line through its samples where
// they are no denser than 2 per pixel column; denser, each column is a bar from the lowest to the
// highest value among its samples and the one before (from the pyramid, without reading them), so
// spikes stay visible and the bars join into a line. Bars, not a zigzag path through the columns'
// extremes: that path has to be stroked with a join at every turn, and rasterising it costs a
// hundred milliseconds a frame for a few leads. A sample without a value (NaN) breaks the line, so
// a gap is drawn as a gap, not as a straight line across it; a column's extent is over its valid
// samples only. indexAtX(x) is the (fractional) sample at pixel x.
const columnExtent = {}; // filled per column: no allocation per pixel
function drawCurve(ctx, envelope, first, last, indexToX, indexAtX, valueToY, color, lineWidth) {
  if (last <= first) return;
  const curve = envelope.values;
  const perPixel = (last - first) / Math.max(1, indexToX(last) - indexToX(first));
  if (perPixel > 2) {
    ctx.fillStyle = color;
    // Column c holds the samples i with c <= indexToX(i) < c + 1.
    for (let column = Math.floor(indexToX(first)); column <= Math.floor(indexToX(last - 1)); ++column) {
      const from = Math.max(first, Math.ceil(indexAtX(column)));
      const to = Math.min(last, Math.ceil(indexAtX(column + 1)));
      const { lo, hi } = envelopeExtent(envelope, Math.max(first, from - 1), to, columnExtent);
      if (lo > hi) continue; // no valid sample in this column
      const top = Math.min(valueToY(lo), valueToY(hi)) - lineWidth / 2;
      ctx.fillRect(column, top, 1, Math.abs(valueToY(hi) - valueToY(lo)) + lineWidth);
    }
    return;
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  let started = false; // false after a break: the next point starts a new piece of the line
  for (let i = first; i < last; ++i) {
    if (!Number.isFinite(curve[i])) {
      started = false;
      continue;
    }
    if (started) ctx.lineTo(indexToX(i), valueToY(curve[i]));
    else ctx.moveTo(indexToX(i), valueToY(curve[i]));
    started = true;
  }
  ctx.stroke();
}

// ECG paper: 1 mm and 5 mm squares at the paper speed and gain. Time lines are laid from t = 0 so
// they stay put as the view pans; amplitude lines from the trace's baseline.
function drawPaper(ctx, view, x, width, plotHeight, baselineY, mmPerSecond) {
  const mm = CSS_PX_PER_MM;
  const { minorSeconds } = paperGridSteps(mmPerSecond);
  const first = Math.ceil(view.start / minorSeconds);
  for (let k = first; k * minorSeconds <= view.end; ++k) {
    const px = Math.round(x(k * minorSeconds)) + 0.5;
    ctx.strokeStyle = k % 5 === 0 ? COLORS.paperMajor : COLORS.paperMinor;
    ctx.beginPath();
    ctx.moveTo(px, 0);
    ctx.lineTo(px, plotHeight);
    ctx.stroke();
  }
  // Horizontal lines at baselineY - k mm, for every k that lands inside the plot.
  for (let k = Math.ceil((baselineY - plotHeight) / mm); k <= Math.floor(baselineY / mm); ++k) {
    const py = Math.round(baselineY - k * mm) + 0.5;
    if (py < 0) continue;
    ctx.strokeStyle = k % 5 === 0 ? COLORS.paperMajor : COLORS.paperMinor;
    ctx.beginPath();
    ctx.moveTo(0, py);
    ctx.lineTo(width, py);
    ctx.stroke();
  }
}

// The standard 1 mV calibration pulse at the left edge: as tall as 1 mV at the gain, 200 ms wide.
function drawCalibrationPulse(ctx, baselineY, pxPerMv, pxPerSecond) {
  const left = 4;
  const w = 0.2 * pxPerSecond;
  ctx.strokeStyle = COLORS.trace;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  ctx.moveTo(left, baselineY);
  ctx.lineTo(left + w * 0.25, baselineY);
  ctx.lineTo(left + w * 0.25, baselineY - pxPerMv);
  ctx.lineTo(left + w * 1.25, baselineY - pxPerMv);
  ctx.lineTo(left + w * 1.25, baselineY);
  ctx.lineTo(left + w * 1.5, baselineY);
  ctx.stroke();
}

// The middle of the visible trace (median of up to ~500 of its samples): the paper's baseline.
function visibleMedian(samples, from, to) {
  const step = Math.max(1, Math.floor((to - from) / 500));
  const values = [];
  for (let i = from; i < to; i += step) if (Number.isFinite(samples[i])) values.push(samples[i]);
  if (!values.length) return 0;
  values.sort((a, b) => a - b);
  return values[values.length >> 1];
}

// Stretches with nothing to annotate, shaded grey and labelled, so an empty stretch of a lead reads
// as "not annotated, and why" rather than "no QRS there": those the annotator judged to hold no
// ECG (silenced) and those without samples (invalid: NaN, drawn as a break in the trace).
const SHADE_LABELS = { silenced: 'no ECG here: not annotated', invalid: 'no samples here' };
function drawShaded(ctx, spans, label, indexToX, width, plotHeight) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  for (const span of spans) {
    const [from, to] = pixelRange(span, indexToX, width);
    if (to <= from) continue;
    ctx.fillStyle = COLORS.silenced;
    // At least a pixel wide: a short gap in a long view still shows.
    ctx.fillRect(from, 0, Math.max(1, to - from), plotHeight);
    if (to - from > ctx.measureText(label).width + 8) {
      ctx.fillStyle = COLORS.text;
      ctx.fillText(label, from + 4, plotHeight - 3);
    }
  }
}

// Where the annotator's noise reader marked the record (its leads disagreed there, as in noisy
// recordings: docs/cli.md noiseReaderSpans): a strip along the top of the plot, keyed in the
// legend ("noise reader"); no label, which would sit on the complexes' durations.
const NOISE_STRIP = 4;
function drawNoiseReaderSpans(ctx, spans, indexToX, width) {
  ctx.fillStyle = COLORS.noiseReader;
  for (const span of spans) {
    const [from, to] = pixelRange(span, indexToX, width);
    if (to > from) ctx.fillRect(from, 0, to - from, NOISE_STRIP);
  }
}

// Pacemaker spikes [{sample}] as thin vertical lines the full height of the plot, so a paced
// beat shows where its stimulus came, even where the trace's pixel columns hide the spike. One line
// per pixel column, however many spikes fall in it. Where beats are dense (zoomed out), the lines
// would hide the trace: they are ticks under the beats' band instead (plot-marks.js), and the
// trace keeps below both (DENSE_TRACE_TOP).
const DENSE_SPIKE_TICKS = { top: DENSE_BAND.top + DENSE_BAND.height + 1, bottom: DENSE_BAND.top + DENSE_BAND.height + 9 };
const DENSE_TRACE_TOP = DENSE_SPIKE_TICKS.bottom + 1;
function drawPacingSpikes(ctx, spikes, indexToX, width, plotHeight, detail) {
  const [top, bottom] = detail === 'dense' ? [DENSE_SPIKE_TICKS.top, DENSE_SPIKE_TICKS.bottom] : [0, plotHeight];
  if (!spikes.length) return;
  ctx.strokeStyle = COLORS.pacingSpike;
  ctx.lineWidth = 1;
  ctx.beginPath();
  let previous = null;
  for (const spike of spikes) {
    const px = Math.round(indexToX(spike.sample)) + 0.5;
    if (px < 0 || px > width || px === previous) continue;
    previous = px;
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
  }
  ctx.stroke();
}

/**
 * Draws one lead; returns how much of each beat it could show (plot-marks.js beatDetail:
 * 'labelled', 'marked' or 'dense'), for the page's note on it.
 * lead: {name, samples: Float32Array, onsetProb?, offsetProb?, silenced?: [{start, end}],
 *        invalid?: [{start, end}] (samples without a value, invalid-samples.js),
 *        qrs?: [{onset, offset, durationMs?, id?, source?: 'model'|'edited', model?: {onset, offset}}]
 *        (in onset order, not overlapping), envelopes?: {samples, onsetProb, offsetProb} the
 *        curves' pyramids (envelope.js; built here on first use where absent)}
 * fs: samples per second; view: {start, end} seconds; showTimeLabels: draw the seconds axis;
 * beatSpans: [{start, end}] samples, each beat's QRS across the leads, shaded behind the trace;
 * selectedId: the id of a complex to highlight; reference: [{sample, symbol}] reference marks;
 * paper: {mmPerSecond, mmPerMv} draws ECG paper and the trace at that gain (the caller sets a view
 * of the matching span), null draws the trace scaled to fit; pacingSpikes: [{sample}] the
 * record's pacemaker spikes, drawn as thin vertical lines; noiseReaderSpans: [{start, end}]
 * samples where the noise reader's marks stand, a strip along the top.
 */
export function drawLead(canvas, lead, fs, view,
                         { showTimeLabels = true, beatSpans = [], selectedId = null, reference = [], paper = null,
                           pacingSpikes = [], noiseReaderSpans = [] } = {}) {
  const { ctx, width, height } = prepare(canvas);
  const plotHeight = height - AXIS_HEIGHT;
  const x = (t) => timeToX(t, view, width);
  const indexToX = (i) => x(i / fs);
  const indexAtX = (px) => xToTime(px, view, width) * fs;
  const n = lead.samples.length;
  const first = Math.max(0, Math.floor(view.start * fs) - 1);
  const last = Math.min(n, Math.ceil(view.end * fs) + 2);
  const envelope = (name) => envelopeOf(lead[name], lead.envelopes?.[name]);
  const marks = lead.qrs ?? [];
  // One detail for all leads: from the beats across the leads, where there are any.
  const detail = beatDetail(beatSpans.length ? countInView(beatSpans, first, last)
                                             : countInView(marks.map((m) => ({ start: m.onset, end: m.offset })), first, last), width);
  const geometry = { fs, indexToX, width, plotHeight, first, last };

  const invalid = lead.invalid ?? [];
  // Where the annotator silenced the lead for want of samples, the gap is shaded once, as one.
  const silenced = outsideStretches(lead.silenced ?? [], invalid);
  drawBeatSpans(ctx, beatSpans, [...silenced, ...invalid], detail, geometry);
  const selected = selectedId === null ? null : marks.find((q) => q.id !== undefined && q.id === selectedId);
  if (selected) {
    const [from, to] = pixelRange({ start: selected.onset, end: selected.offset }, indexToX, width);
    ctx.fillStyle = COLORS.selected;
    if (to > from) ctx.fillRect(from, 0, Math.max(2, to - from), plotHeight);
  }
  const paperBaseline = plotHeight / 2;
  if (paper) drawPaper(ctx, view, x, width, plotHeight, paperBaseline, paper.mmPerSecond);
  drawTimeGrid(ctx, x, view, width, plotHeight, !paper);
  if (!showTimeLabels) ctx.clearRect(0, plotHeight, width, AXIS_HEIGHT);
  drawShaded(ctx, silenced, SHADE_LABELS.silenced, indexToX, width, plotHeight);
  drawShaded(ctx, invalid, SHADE_LABELS.invalid, indexToX, width, plotHeight);
  drawPacingSpikes(ctx, pacingSpikes, indexToX, width, plotHeight, detail);
  drawNoiseReaderSpans(ctx, noiseReaderSpans, indexToX, width);

  // Probabilities: 0 at the bottom of the plot, 1 at the top. Not where beats are dense: every
  // pixel column would hold a peak, and the curves would be a solid block over the trace.
  const probY = (p) => plotHeight - 2 - p * (plotHeight - 4);
  for (const [name, color] of [['onsetProb', COLORS.onset], ['offsetProb', COLORS.offset]]) {
    if (lead[name] && detail !== 'dense') drawCurve(ctx, envelope(name), first, last, indexToX, indexAtX, probY, color, 1.2);
  }

  let traceY;
  if (paper) {
    const centre = visibleMedian(lead.samples, first, last);
    const pxPerMv = paper.mmPerMv * CSS_PX_PER_MM;
    traceY = (v) => paperBaseline - (v - centre) * pxPerMv;
    drawCalibrationPulse(ctx, paperBaseline, pxPerMv, paper.mmPerSecond * CSS_PX_PER_MM);
  } else {
    // Fitted to the plot; zoomed out, below the beats' band, so no R peak hides under it.
    const [lo, hi] = extent(envelope('samples'), first, last);
    const pad = (hi - lo) * 0.08;
    const room = plotHeight - (detail === 'dense' ? DENSE_TRACE_TOP : 0);
    traceY = (v) => plotHeight - ((v - lo + pad) / (hi - lo + 2 * pad)) * room;
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, plotHeight);
  ctx.clip();
  drawCurve(ctx, envelope('samples'), first, last, indexToX, indexAtX, traceY, COLORS.trace, 1.3);
  ctx.restore();
  drawReference(ctx, reference, detail, geometry);
  drawMarks(ctx, marks, detail, geometry);

  // The mapping this drawing used, for code that reads positions back (tests/browser): sample
  // index -> CSS pixel column, probability -> CSS pixel row, mV -> CSS pixel row (paper or fitted);
  // and how much of each beat it showed.
  canvas.plotMapping = { view: { ...view }, fs, width, plotHeight, indexToX, probY, traceY, detail };

  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = 'bold 12px system-ui, sans-serif';
  const nameWidth = ctx.measureText(lead.name).width;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(2, 2, nameWidth + 8, 16);
  ctx.fillStyle = COLORS.label;
  ctx.fillText(lead.name, 6, 4);
  return detail;
}
