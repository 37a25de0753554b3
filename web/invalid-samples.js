// Stretches of a lead that hold no value (NaN or infinite samples: empty CSV cells, WFDB's invalid
// sample value, a reader's filler). The page draws them as a break in the trace and shades them, so
// a gap never reads as a straight line of ECG; the annotator's warnings, under the summary, name
// them (src/annotate/missing_samples.h). Pure; no DOM.

/** The runs of non-finite samples as [{start, end}] (sample indices, end exclusive), in order. */
export function invalidStretches(samples) {
  const stretches = [];
  let start = -1;
  for (let i = 0; i < samples.length; ++i) {
    const valid = Number.isFinite(samples[i]);
    if (!valid && start < 0) start = i;
    else if (valid && start >= 0) {
      stretches.push({ start, end: i });
      start = -1;
    }
  }
  if (start >= 0) stretches.push({ start, end: samples.length });
  return stretches;
}

/**
 * The parts of `spans` outside every stretch of `holes` (both [{start, end}], in order, disjoint).
 * The annotator silences a lead where it has no samples as where it holds no ECG (its warnings
 * say which and how much is missing); the page shades such a gap once, as without samples.
 */
export function outsideStretches(spans, holes) {
  const out = [];
  let first = 0; // the first hole that may reach into this span or a later one
  for (const span of spans) {
    while (first < holes.length && holes[first].end <= span.start) ++first;
    let start = span.start;
    for (let k = first; k < holes.length && holes[k].start < span.end; ++k) {
      if (holes[k].start > start) out.push({ start, end: holes[k].start });
      start = Math.max(start, holes[k].end);
    }
    if (start < span.end) out.push({ start, end: span.end });
  }
  return out;
}
