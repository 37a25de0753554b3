// The marks over one lead's trace (plot.js draws the trace, curves and axes): each beat's band
// across the leads, the onset and offset markers (dotted as the model put them, solid with a flag
// once a person edited them), each complex's QRS duration, and reference annotations. How much is
// drawn follows how close the beats in view are: a duration label needs room, and markers a few
// pixels apart are a mass of lines, so zoomed out a lead's complexes become a density band along
// its top and only edited marks keep their own lines. Only what lies in view is drawn.
import { COLORS } from './colors.js';
import { firstEndingAfter, firstStartingAfter } from './edits.js';

/** Beats at least this far apart (CSS px, on average in view) get their QRS duration written. */
export const LABEL_SPACING_PX = 48;
/** Beats at least this far apart get their own markers and bands; closer, a density band. */
export const MARKER_SPACING_PX = 6;

/**
 * How much of each beat the view can show, from the beats in view and the plot's width:
 * 'labelled' (markers and durations), 'marked' (markers, no durations) or 'dense' (a band).
 */
export function beatDetail(beatsInView, width) {
  const spacing = width / Math.max(1, beatsInView);
  if (spacing >= LABEL_SPACING_PX) return 'labelled';
  return spacing >= MARKER_SPACING_PX ? 'marked' : 'dense';
}

/** How many of `spans` ([{start, end}] samples) overlap samples [first, last]. */
export function countInView(spans, first, last) {
  let count = 0;
  for (const span of spans) if (span.end >= first && span.start <= last) count += 1;
  return count;
}

// Where the complexes of one lead that overlap samples [first, last] are: [start, end) indices
// (not a copy of them: the marks are frozen, and slicing a day of them costs milliseconds).
function marksInView(marks, first, last) {
  return [firstEndingAfter(marks, first), firstStartingAfter(marks, last)];
}

// A span of samples {start, end} as the x range it covers on the canvas, clipped to [0, width].
export function pixelRange(span, indexToX, width) {
  return [Math.max(0, indexToX(span.start)), Math.min(width, indexToX(span.end))];
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

/**
 * The beats' spans across the leads as bands the full height of the plot: the same band in every
 * lead, so a lead's own marks show where they sit in the beat's QRS. Not inside a lead's silenced
 * or invalid stretches (`empty`): a band there would draw a QRS into a stretch that holds no ECG.
 * Not at all where the beats are dense: there the bands would tint the whole plot.
 */
export function drawBeatSpans(ctx, spans, empty, detail, { indexToX, width, plotHeight, first, last }) {
  if (detail === 'dense') return;
  const inView = (s) => s.end >= first && s.start <= last;
  ctx.fillStyle = COLORS.beatSpan;
  for (const span of partsOutside(spans.filter(inView), empty.filter(inView))) {
    const [from, to] = pixelRange(span, indexToX, width);
    if (to > from) ctx.fillRect(from, 0, to - from, plotHeight);
  }
}

// Vertical lines at the x positions `xs`, as one path (one stroke for all of them).
function strokeLines(ctx, xs, top, bottom) {
  ctx.beginPath();
  for (const px of xs) {
    const x = Math.round(px) + 0.5;
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
  }
  ctx.stroke();
}

// A boundary a person moved or added: solid, wider, flagged with a small triangle at the top.
function drawEditedMarker(ctx, px, height, color) {
  const x = Math.round(px) + 0.5;
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  strokeLines(ctx, [px], 0, height);
  ctx.fillStyle = COLORS.edited;
  ctx.beginPath();
  ctx.moveTo(x - 5, 0);
  ctx.lineTo(x + 5, 0);
  ctx.lineTo(x, 7);
  ctx.closePath();
  ctx.fill();
}

// Where the model had put a boundary a person moved: a faint dotted line.
function drawGhosts(ctx, xs, height) {
  if (!xs.length) return;
  ctx.strokeStyle = COLORS.ghost;
  ctx.lineWidth = 1;
  ctx.setLineDash([1, 4]);
  strokeLines(ctx, xs, 0, height);
  ctx.setLineDash([]);
}

// The model's boundaries of one kind, dotted, in one stroke.
function drawModelMarkers(ctx, xs, height, color) {
  if (!xs.length) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  strokeLines(ctx, xs, 0, height);
  ctx.setLineDash([]);
}

/** Where the density band lies (CSS px from the top of the plot): below the noise reader's strip. */
export const DENSE_BAND = { top: 5, height: 7 };
const BAND_WINDOW_SECONDS = 4; // the stretch each column's beat count is taken over

// Zoomed out: a band along the top of the plot, in each pixel column as opaque as the number of
// complexes centred within a few seconds of it (relative to the most anywhere in view): a steady
// rhythm is an even band, a pause or a stretch without marks a gap in it, a faster stretch darker.
// Counting per column alone would stripe the band, as columns hold one beat or none in turn.
function drawDensityBand(ctx, marks, [start, end], indexToX, width, fs) {
  const columns = Math.ceil(width) + 1;
  const counts = new Float64Array(columns + 1); // counts[c + 1] - counts[c]: complexes in column c
  for (let i = start; i < end; ++i) {
    const m = marks[i];
    const column = Math.floor(indexToX((m.onset + m.offset) / 2));
    if (column >= 0 && column < columns) counts[column + 1] += 1;
  }
  for (let c = 0; c < columns; ++c) counts[c + 1] += counts[c];
  const secondsPerColumn = 1 / Math.max(1e-9, indexToX(fs) - indexToX(0));
  const half = Math.max(1, Math.round(BAND_WINDOW_SECONDS / 2 / secondsPerColumn));
  const density = Array.from({ length: columns }, (_, c) =>
    (counts[Math.min(columns, c + half + 1)] - counts[Math.max(0, c - half)]) / (Math.min(columns, c + half + 1) - Math.max(0, c - half)));
  const most = Math.max(0, ...density);
  if (!most) return;
  // Four steps of opacity; runs of columns at one step are one rectangle.
  const step = (c) => Math.ceil((4 * density[c]) / most);
  ctx.fillStyle = COLORS.beatDensity;
  for (let from = 0; from < columns;) {
    let to = from + 1;
    while (to < columns && step(to) === step(from)) ++to;
    if (step(from)) {
      ctx.globalAlpha = 0.2 + 0.2 * step(from);
      ctx.fillRect(from, DENSE_BAND.top, to - from, DENSE_BAND.height);
    }
    from = to;
  }
  ctx.globalAlpha = 1;
}

/**
 * One lead's complexes [{onset, offset, durationMs?, source, model?}] in view: at 'labelled' and
 * 'marked' detail (beatDetail) a marker at each boundary, at 'labelled' each complex's duration
 * along the top (where the labels do not overlap), at 'dense' a density band; boundaries a person
 * put somewhere are drawn at every detail, with the model's place as a faint line.
 * geometry: {fs, indexToX, width, plotHeight, first, last} (samples first..last are in view).
 */
export function drawMarks(ctx, marks, detail, { fs, indexToX, width, plotHeight, first, last }) {
  const visible = marksInView(marks, first, last);
  const [start, end] = visible;
  // A boundary is flagged when a person put it there: moved from the model's place, or added.
  const edited = (mark, edge) => mark.source === 'edited' && (!mark.model || mark.model[edge] !== mark[edge]);
  const model = { onset: [], offset: [] };
  const own = [];
  const ghosts = [];
  for (let i = start; i < end; ++i) {
    const mark = marks[i];
    if (detail === 'dense' && mark.source !== 'edited') continue; // the band stands for it
    for (const edge of ['onset', 'offset']) {
      const px = indexToX(mark[edge]);
      if (!edited(mark, edge)) model[edge].push(px);
      else {
        own.push({ px, color: edge === 'onset' ? COLORS.onset : COLORS.offset });
        if (mark.model) ghosts.push(indexToX(mark.model[edge]));
      }
    }
  }
  drawGhosts(ctx, ghosts, plotHeight);
  if (detail === 'dense') drawDensityBand(ctx, marks, visible, indexToX, width, fs);
  else {
    drawModelMarkers(ctx, model.onset, plotHeight, COLORS.onset);
    drawModelMarkers(ctx, model.offset, plotHeight, COLORS.offset);
  }
  for (const { px, color } of own) drawEditedMarker(ctx, px, plotHeight, color);
  if (detail === 'labelled') drawDurations(ctx, marks.slice(start, end), fs, indexToX);
}

// Each complex's QRS duration above it, skipping any that would overlap the one before or the
// lead's name at the left edge.
function drawDurations(ctx, marks, fs, indexToX) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillStyle = COLORS.label;
  let labelEnd = -Infinity;
  for (const mark of marks) {
    const durationMs = mark.durationMs ?? ((mark.offset - mark.onset) * 1000) / fs;
    const label = `${Math.round(durationMs)} ms`;
    const half = ctx.measureText(label).width / 2 + 3;
    const centre = (indexToX(mark.onset) + indexToX(mark.offset)) / 2;
    if (centre - half > labelEnd && centre - half > 40) {
      ctx.fillText(label, centre, 3);
      labelEnd = centre + half;
    }
  }
}

/**
 * Reference annotations [{sample, symbol}] along the bottom of the plot. At 'labelled' detail '('
 * and ')' are ticks a third of the height tall with their bracket, peak marks ('N', 'p', 't', ...)
 * their letter; closer, every mark is a short tick (letters would run together).
 */
export function drawReference(ctx, marks, detail, { indexToX, width, plotHeight }) {
  const visible = marks.filter((m) => {
    const px = indexToX(m.sample);
    return px >= -10 && px <= width + 10;
  });
  if (!visible.length) return;
  ctx.strokeStyle = COLORS.reference;
  ctx.fillStyle = COLORS.reference;
  ctx.lineWidth = 1.5;
  if (detail !== 'labelled') {
    strokeLines(ctx, visible.map((m) => indexToX(m.sample)), plotHeight - plotHeight / 6, plotHeight);
    return;
  }
  ctx.font = 'bold 11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  for (const m of visible) {
    const px = indexToX(m.sample);
    const x = Math.round(px) + 0.5;
    if (m.symbol === '(' || m.symbol === ')') {
      strokeLines(ctx, [px], plotHeight - plotHeight / 3, plotHeight);
      ctx.fillText(m.symbol, x + (m.symbol === '(' ? 4 : -4), plotHeight - plotHeight / 3 + 2);
    } else {
      ctx.fillText(m.symbol, x, plotHeight - 1);
    }
  }
}
