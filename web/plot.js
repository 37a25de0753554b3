// Canvas drawing of one lead: the ECG trace, the onset (red) and offset (green) probability curves
// scaled 0..1 to the plot height, dotted markers at detected onsets/offsets, and each complex's QRS
// duration. Pure drawing: the caller owns the view (a time window in seconds shared by all leads).

export const COLORS = {
  trace: '#1d2733',
  onset: '#d62728',
  offset: '#2ca02c',
  grid: '#e8ecf1',
  gridMajor: '#d3d9e0',
  text: '#4a5563',
  label: '#1d2733',
  silenced: 'rgba(120, 130, 145, 0.16)',
  // Each beat's QRS across the leads (earliest lead onset to latest lead offset), behind the trace.
  beatSpan: 'rgb(232, 238, 250)',
};

const AXIS_HEIGHT = 18; // bottom strip for time labels

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

function drawTimeGrid(ctx, x, view, width, plotHeight) {
  const step = niceStep(view.end - view.start, Math.max(2, width / 90));
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let t = Math.ceil(view.start / step) * step; t <= view.end; t += step) {
    const px = Math.round(x(t)) + 0.5;
    ctx.strokeStyle = COLORS.gridMajor;
    ctx.beginPath();
    ctx.moveTo(px, 0);
    ctx.lineTo(px, plotHeight);
    ctx.stroke();
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
// than pixels (min/max per column keeps QRS spikes visible), else sample by sample.
function drawCurve(ctx, curve, first, last, indexToX, valueToY, color, lineWidth) {
  if (last <= first) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  ctx.beginPath();
  const perPixel = (last - first) / Math.max(1, indexToX(last) - indexToX(first));
  if (perPixel <= 2) {
    for (let i = first; i < last; ++i) {
      const v = curve[i];
      if (i === first) ctx.moveTo(indexToX(i), valueToY(v));
      else ctx.lineTo(indexToX(i), valueToY(v));
    }
  } else {
    // One continuous path through each pixel column's min and max: spikes stay visible and the
    // trace stays a line (separate column segments would look dotted).
    let column = Math.floor(indexToX(first));
    let lo = Infinity;
    let hi = -Infinity;
    let started = false;
    const flush = () => {
      if (!started) ctx.moveTo(column + 0.5, valueToY(lo));
      else ctx.lineTo(column + 0.5, valueToY(lo));
      ctx.lineTo(column + 0.5, valueToY(hi));
      started = true;
    };
    for (let i = first; i < last; ++i) {
      const c = Math.floor(indexToX(i));
      if (c !== column) {
        flush();
        column = c;
        lo = Infinity;
        hi = -Infinity;
      }
      lo = Math.min(lo, curve[i]);
      hi = Math.max(hi, curve[i]);
    }
    flush();
  }
  ctx.stroke();
}

function drawMarker(ctx, px, height, color) {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(px) + 0.5, 0);
  ctx.lineTo(Math.round(px) + 0.5, height);
  ctx.stroke();
  ctx.setLineDash([]);
}

// A span of samples {start, end} as the x range it covers on the canvas, clipped to [0, width].
function pixelRange(span, indexToX, width) {
  return [Math.max(0, indexToX(span.start)), Math.min(width, indexToX(span.end))];
}

// Stretches the annotator judged to hold no ECG: shaded and labelled, so an empty stretch of a lead
// reads as "not annotated, and why" rather than "no QRS there".
function drawSilenced(ctx, spans, indexToX, width, plotHeight) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  for (const span of spans) {
    const [from, to] = pixelRange(span, indexToX, width);
    if (to <= from) continue;
    ctx.fillStyle = COLORS.silenced;
    ctx.fillRect(from, 0, to - from, plotHeight);
    const label = 'no ECG here: not annotated';
    if (to - from > ctx.measureText(label).width + 8) {
      ctx.fillStyle = COLORS.text;
      ctx.fillText(label, from + 4, plotHeight - 3);
    }
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
// stretches: a band there would draw a QRS into a stretch that holds no ECG.
function drawBeatSpans(ctx, spans, silenced, indexToX, width, plotHeight) {
  ctx.fillStyle = COLORS.beatSpan;
  for (const span of partsOutside(spans, silenced)) {
    const [from, to] = pixelRange(span, indexToX, width);
    if (to > from) ctx.fillRect(from, 0, to - from, plotHeight);
  }
}

/**
 * Draws one lead.
 * lead: {name, samples: Float32Array, onsetProb?, offsetProb?, qrs?: [{onset, offset, durationMs}],
 *        silenced?: [{start, end}]}
 * fs: samples per second; view: {start, end} seconds; showTimeLabels: draw the seconds axis;
 * beatSpans: [{start, end}] samples, each beat's QRS across the leads, shaded behind the trace.
 */
export function drawLead(canvas, lead, fs, view, { showTimeLabels = true, beatSpans = [] } = {}) {
  const { ctx, width, height } = prepare(canvas);
  const plotHeight = height - AXIS_HEIGHT;
  const span = view.end - view.start;
  const x = (t) => ((t - view.start) / span) * width;
  const indexToX = (i) => x(i / fs);
  const n = lead.samples.length;
  const first = Math.max(0, Math.floor(view.start * fs) - 1);
  const last = Math.min(n, Math.ceil(view.end * fs) + 2);

  drawBeatSpans(ctx, beatSpans, lead.silenced ?? [], indexToX, width, plotHeight);
  drawTimeGrid(ctx, x, view, width, plotHeight);
  if (!showTimeLabels) ctx.clearRect(0, plotHeight, width, AXIS_HEIGHT);
  drawSilenced(ctx, lead.silenced ?? [], indexToX, width, plotHeight);

  // Probabilities: 0 at the bottom of the plot, 1 at the top.
  const probY = (p) => plotHeight - 2 - p * (plotHeight - 4);
  if (lead.onsetProb) drawCurve(ctx, lead.onsetProb, first, last, indexToX, probY, COLORS.onset, 1.2);
  if (lead.offsetProb) drawCurve(ctx, lead.offsetProb, first, last, indexToX, probY, COLORS.offset, 1.2);

  const [lo, hi] = extent(lead.samples, first, last);
  const pad = (hi - lo) * 0.08;
  const traceY = (v) => plotHeight - ((v - lo + pad) / (hi - lo + 2 * pad)) * plotHeight;
  drawCurve(ctx, lead.samples, first, last, indexToX, traceY, COLORS.trace, 1.3);

  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  let labelEnd = -Infinity;
  for (const event of lead.qrs ?? []) {
    const on = indexToX(event.onset);
    const off = indexToX(event.offset);
    if (off < 0 || on > width) continue;
    drawMarker(ctx, on, plotHeight, COLORS.onset);
    drawMarker(ctx, off, plotHeight, COLORS.offset);
    const label = `${Math.round(event.durationMs)} ms`;
    const half = ctx.measureText(label).width / 2 + 3;
    const centre = (on + off) / 2;
    if (centre - half > labelEnd && centre - half > 40) {
      ctx.fillStyle = COLORS.label;
      ctx.fillText(label, centre, 3);
      labelEnd = centre + half;
    }
  }

  // The mapping this drawing used, for code that reads positions back (tests/browser): sample
  // index -> CSS pixel column, probability -> CSS pixel row.
  canvas.plotMapping = { view: { ...view }, fs, width, plotHeight, indexToX, probY };

  ctx.textAlign = 'left';
  ctx.font = 'bold 12px system-ui, sans-serif';
  const nameWidth = ctx.measureText(lead.name).width;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(2, 2, nameWidth + 8, 16);
  ctx.fillStyle = COLORS.label;
  ctx.fillText(lead.name, 6, 4);
}
