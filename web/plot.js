// Canvas drawing of one lead: the ECG trace, the onset (red) and offset (green) probability curves
// scaled 0..1 to the plot height, markers at the onsets/offsets (dotted as the model put them, solid
// with a flag once a person edited them), each complex's QRS duration, reference annotations along
// the bottom, and optionally ECG paper. Pure drawing: the caller owns the view (a time window in
// seconds shared by all leads); timeToX / xToTime are the one mapping between time and pixels.
import { CSS_PX_PER_MM, paperGridSteps } from './paper.js';

export const COLORS = {
  trace: '#1d2733',
  onset: '#d62728',
  offset: '#2ca02c',
  grid: '#e8ecf1',
  gridMajor: '#d3d9e0',
  text: '#4a5563',
  label: '#1d2733',
  silenced: 'rgba(120, 130, 145, 0.16)',
  noiseReader: 'rgba(214, 140, 20, 0.55)',
  // Each beat's QRS across the leads (earliest lead onset to latest lead offset), behind the trace.
  beatSpan: 'rgb(232, 238, 250)',
  // A mark a person moved or added; the selected complex; where the model had put a moved mark.
  edited: '#1f4fd1',
  selected: 'rgba(255, 196, 0, 0.28)',
  ghost: '#a3acb9',
  // Reference annotations (a WFDB annotation file dropped with the record).
  reference: '#7b2fbf',
  // ECG paper: 1 mm and 5 mm lines.
  paperMinor: 'rgb(251, 222, 222)',
  paperMajor: 'rgb(238, 150, 150)',
  // Pacemaker spikes (found by the annotator at the file's own rate), as thin full-height lines.
  pacingSpike: 'rgba(0, 150, 170, 0.9)',
};

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

// Min/max of the samples in [from, to): the vertical extent of the visible trace.
function extent(samples, from, to) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; ++i) {
    const v = samples[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 0.2) {
    const mid = (hi + lo) / 2;
    return [mid - 0.1, mid + 0.1];
  }
  return [lo, hi];
}

// Draws `curve` (one value per sample) with one segment per pixel column when samples are denser
// than pixels (min/max per column keeps QRS spikes visible), else sample by sample. A sample
// without a value (NaN) breaks the line, so a gap is drawn as a gap, not as a straight line
// across it; a column's min/max is over its valid samples only.
function drawCurve(ctx, curve, first, last, indexToX, valueToY, color, lineWidth) {
  if (last <= first) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  let started = false; // false after a break: the next point starts a new piece of the line
  const point = (x, y) => {
    if (started) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    started = true;
  };
  const perPixel = (last - first) / Math.max(1, indexToX(last) - indexToX(first));
  if (perPixel <= 2) {
    for (let i = first; i < last; ++i) {
      if (Number.isFinite(curve[i])) point(indexToX(i), valueToY(curve[i]));
      else started = false;
    }
  } else {
    // One continuous path through each pixel column's min and max: spikes stay visible and the
    // trace stays a line (separate column segments would look dotted).
    let column = Math.floor(indexToX(first));
    let lo = Infinity;
    let hi = -Infinity;
    const flush = () => {
      if (lo > hi) { // no valid sample in this column
        started = false;
        return;
      }
      point(column + 0.5, valueToY(lo));
      point(column + 0.5, valueToY(hi));
    };
    for (let i = first; i < last; ++i) {
      const c = Math.floor(indexToX(i));
      if (c !== column) {
        flush();
        column = c;
        lo = Infinity;
        hi = -Infinity;
      }
      // NaN fails both comparisons: it takes no part in the column's extent.
      if (curve[i] < lo) lo = curve[i];
      if (curve[i] > hi) hi = curve[i];
    }
    flush();
  }
  ctx.stroke();
}

// A boundary marker: dotted as the model put it; solid, wider and flagged with a small triangle at
// the top once a person moved or added it.
function drawMarker(ctx, px, height, color, edited = false) {
  const x = Math.round(px) + 0.5;
  ctx.strokeStyle = color;
  ctx.lineWidth = edited ? 2 : 1;
  ctx.setLineDash(edited ? [] : [2, 3]);
  ctx.beginPath();
  ctx.moveTo(x, 0);
  ctx.lineTo(x, height);
  ctx.stroke();
  ctx.setLineDash([]);
  if (edited) {
    ctx.fillStyle = COLORS.edited;
    ctx.beginPath();
    ctx.moveTo(x - 5, 0);
    ctx.lineTo(x + 5, 0);
    ctx.lineTo(x, 7);
    ctx.closePath();
    ctx.fill();
  }
}

function drawGhost(ctx, px, height) {
  ctx.strokeStyle = COLORS.ghost;
  ctx.lineWidth = 1;
  ctx.setLineDash([1, 4]);
  ctx.beginPath();
  ctx.moveTo(Math.round(px) + 0.5, 0);
  ctx.lineTo(Math.round(px) + 0.5, height);
  ctx.stroke();
  ctx.setLineDash([]);
}

// Reference annotations along the bottom of the plot: '(' and ')' as ticks a third of the height
// tall, peak marks ('N', 'p', 't', ...) as their letter.
function drawReference(ctx, marks, indexToX, width, plotHeight) {
  ctx.font = 'bold 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.strokeStyle = COLORS.reference;
  ctx.fillStyle = COLORS.reference;
  ctx.lineWidth = 1.5;
  for (const m of marks) {
    const px = indexToX(m.sample);
    if (px < -10 || px > width + 10) continue;
    const x = Math.round(px) + 0.5;
    if (m.symbol === '(' || m.symbol === ')') {
      ctx.beginPath();
      ctx.moveTo(x, plotHeight);
      ctx.lineTo(x, plotHeight - plotHeight / 3);
      ctx.stroke();
      ctx.fillText(m.symbol, x + (m.symbol === '(' ? 4 : -4), plotHeight - plotHeight / 3 + 2);
    } else {
      ctx.fillText(m.symbol, x, plotHeight - 1);
    }
  }
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

// A span of samples {start, end} as the x range it covers on the canvas, clipped to [0, width].
function pixelRange(span, indexToX, width) {
  return [Math.max(0, indexToX(span.start)), Math.min(width, indexToX(span.end))];
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

// The parts of `spans` that lie outside every one of `holes` (both [{start, end}], any order).
function partsOutside(spans, holes) {
  let parts = spans;
  for (const hole of holes) {
    parts = parts.flatMap((p) => [
      { start: p.start, end: Math.min(p.end, hole.start) },
      { start: Math.max(p.start, hole.end), end: p.end },
    ].filter((q) => q.end > q.start));
  }
  return parts;
}

// The beats' spans across the leads as bands the full height of the plot: the same band in every
// lead, so a lead's own marks show where they sit in the beat's QRS. Not inside a lead's silenced
// or invalid stretches: a band there would draw a QRS into a stretch that holds no ECG.
function drawBeatSpans(ctx, spans, empty, indexToX, width, plotHeight) {
  ctx.fillStyle = COLORS.beatSpan;
  for (const span of partsOutside(spans, empty)) {
    const [from, to] = pixelRange(span, indexToX, width);
    if (to > from) ctx.fillRect(from, 0, to - from, plotHeight);
  }
}

// Pacemaker spikes [{sample}] as thin vertical lines the full height of the plot, so a paced
// beat shows where its stimulus came, even where the trace's pixel columns hide the spike.
function drawPacingSpikes(ctx, spikes, indexToX, width, plotHeight) {
  if (!spikes.length) return;
  ctx.strokeStyle = COLORS.pacingSpike;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const spike of spikes) {
    const px = Math.round(indexToX(spike.sample)) + 0.5;
    if (px < 0 || px > width) continue;
    ctx.moveTo(px, 0);
    ctx.lineTo(px, plotHeight);
  }
  ctx.stroke();
}

/**
 * Draws one lead.
 * lead: {name, samples: Float32Array, onsetProb?, offsetProb?, silenced?: [{start, end}],
 *        invalid?: [{start, end}] (samples without a value, invalid-samples.js),
 *        qrs?: [{onset, offset, durationMs?, id?, source?: 'model'|'edited', model?: {onset, offset}}]}
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
  const n = lead.samples.length;
  const first = Math.max(0, Math.floor(view.start * fs) - 1);
  const last = Math.min(n, Math.ceil(view.end * fs) + 2);

  const silenced = lead.silenced ?? [];
  const invalid = lead.invalid ?? [];
  drawBeatSpans(ctx, beatSpans, [...silenced, ...invalid], indexToX, width, plotHeight);
  const selected = (lead.qrs ?? []).find((q) => q.id !== undefined && q.id === selectedId);
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
  drawPacingSpikes(ctx, pacingSpikes, indexToX, width, plotHeight);
  drawNoiseReaderSpans(ctx, noiseReaderSpans, indexToX, width);

  // Probabilities: 0 at the bottom of the plot, 1 at the top.
  const probY = (p) => plotHeight - 2 - p * (plotHeight - 4);
  if (lead.onsetProb) drawCurve(ctx, lead.onsetProb, first, last, indexToX, probY, COLORS.onset, 1.2);
  if (lead.offsetProb) drawCurve(ctx, lead.offsetProb, first, last, indexToX, probY, COLORS.offset, 1.2);

  let traceY;
  if (paper) {
    const centre = visibleMedian(lead.samples, first, last);
    const pxPerMv = paper.mmPerMv * CSS_PX_PER_MM;
    traceY = (v) => paperBaseline - (v - centre) * pxPerMv;
    drawCalibrationPulse(ctx, paperBaseline, pxPerMv, paper.mmPerSecond * CSS_PX_PER_MM);
  } else {
    const [lo, hi] = extent(lead.samples, first, last);
    const pad = (hi - lo) * 0.08;
    traceY = (v) => plotHeight - ((v - lo + pad) / (hi - lo + 2 * pad)) * plotHeight;
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, plotHeight);
  ctx.clip();
  drawCurve(ctx, lead.samples, first, last, indexToX, traceY, COLORS.trace, 1.3);
  ctx.restore();
  drawReference(ctx, reference, indexToX, width, plotHeight);

  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  let labelEnd = -Infinity;
  for (const event of lead.qrs ?? []) {
    const on = indexToX(event.onset);
    const off = indexToX(event.offset);
    if (off < 0 || on > width) continue;
    // A boundary is flagged when a person put it there: moved from the model's place, or added.
    const edited = (edge) => event.source === 'edited' && (!event.model || event.model[edge] !== event[edge]);
    for (const edge of ['onset', 'offset']) if (edited(edge) && event.model) drawGhost(ctx, indexToX(event.model[edge]), plotHeight);
    drawMarker(ctx, on, plotHeight, COLORS.onset, edited('onset'));
    drawMarker(ctx, off, plotHeight, COLORS.offset, edited('offset'));
    const durationMs = event.durationMs ?? ((event.offset - event.onset) * 1000) / fs;
    const label = `${Math.round(durationMs)} ms`;
    const half = ctx.measureText(label).width / 2 + 3;
    const centre = (on + off) / 2;
    if (centre - half > labelEnd && centre - half > 40) {
      ctx.fillStyle = COLORS.label;
      ctx.fillText(label, centre, 3);
      labelEnd = centre + half;
    }
  }

  // The mapping this drawing used, for code that reads positions back (tests/browser): sample
  // index -> CSS pixel column, probability -> CSS pixel row, mV -> CSS pixel row (paper or fitted).
  canvas.plotMapping = { view: { ...view }, fs, width, plotHeight, indexToX, probY, traceY };

  ctx.textAlign = 'left';
  ctx.font = 'bold 12px system-ui, sans-serif';
  const nameWidth = ctx.measureText(lead.name).width;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(2, 2, nameWidth + 8, 16);
  ctx.fillStyle = COLORS.label;
  ctx.fillText(lead.name, 6, 4);
}
