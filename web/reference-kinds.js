// What a reference annotation file marks decides how the marks are compared with it:
//  - 'qrs': QRS complexes, a beat label between '(' and ')' (LUDB, QTDB's .pu): the DESIGN.md
//    protocol of scoring.js, onset and offset apart;
//  - 'beats': beat labels only, one fiducial point per beat and no QRS boundaries (MIT-BIH's and
//    INCART's .atr): beat detection only, Se and PPV of the beats; no onset or offset differences.
// Pure functions, no DOM; tested in tests/js/references.test.mjs.
import { TOLERANCE_S, pairNearestFirst } from './scoring.js';

/** The kind of a reference (scoring.js referenceFromMarks's result): 'qrs' or 'beats'. */
export function referenceKind(reference) {
  const bracketed = reference.peaks.filter((_, i) => Number.isFinite(reference.onsets[i]) || Number.isFinite(reference.offsets[i])).length;
  return bracketed ? 'qrs' : 'beats';
}

export const BEATS_ONLY_NOTE = 'marks beats, not QRS boundaries: compared for beat detection only (a beat label ' +
  'inside a beat\'s QRS, or within 150 ms of it), so no onset or offset differences';

/**
 * Beat detection against beat labels (peaks, samples) of a reference whose annotated span is
 * `span`: a label matches the beat whose QRS (spans [{onset, offset}], samples at fs) holds it or
 * lies nearest to it, the distance being from the label to the QRS (0 inside it), within
 * +-150 ms, one to one, nearest pairs first (scoring.js pairNearestFirst: the protocol's matching
 * with this distance). Only beats whose QRS reaches into the span +-150 ms count; unmatched ones
 * are false positives, unmatched labels false negatives.
 * Returns {tp, fn, fp, missed: [label sample]}.
 */
export function scoreBeatLabels(peaks, span, spans, fs) {
  const tol = TOLERANCE_S * fs;
  const inSpan = spans.filter((s) => s.offset >= span[0] - tol && s.onset <= span[1] + tol).sort((a, b) => a.onset - b.onset);
  const longest = inSpan.reduce((m, s) => Math.max(m, s.offset - s.onset), 0);
  const candidates = [];
  peaks.forEach((peak, i) => {
    // The QRS spans that can reach the label start no earlier than its longest before it.
    let lo = 0;
    let hi = inSpan.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inSpan[mid].onset < peak - tol - longest) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < inSpan.length && inSpan[j].onset <= peak + tol; ++j) {
      const distance = Math.max(0, inSpan[j].onset - peak, peak - inSpan[j].offset);
      if (distance <= tol) candidates.push([distance, i, j]);
    }
  });
  const { pairs, refLeft, detLeft } = pairNearestFirst(candidates, peaks.length, inSpan.length);
  return { tp: pairs.length, fn: refLeft.length, fp: detLeft.length, missed: refLeft.map((i) => peaks[i]) };
}

/** Pools beat-detection scores: {tp, fn, fp, se, ppv (percent)}; NaN where undefined. */
export function summariseBeats(scores) {
  const sum = (key) => scores.reduce((n, s) => n + s[key], 0);
  const [tp, fn, fp] = [sum('tp'), sum('fn'), sum('fp')];
  return { tp, fn, fp, se: tp + fn ? (100 * tp) / (tp + fn) : NaN, ppv: tp + fp ? (100 * tp) / (tp + fp) : NaN };
}
