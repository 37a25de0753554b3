// What a reference annotation file marks decides how the marks are compared with it:
//  - 'qrs': the QRS complexes of every beat in its span, a beat label between '(' and ')' (LUDB,
//    QTDB's .pu): the DESIGN.md protocol of scoring.js, onset and offset apart;
//  - 'selected': QRS complexes of selected beats only (QTDB's cardiologists bracketed 30 or more
//    beats of each record in .q1c/.q2c): told by count, not by name (referenceKind). Onset, offset
//    and Se are scored by the protocol on the beats it marks; PPV does not apply, as a mark on a
//    beat it left out is no false detection;
//  - 'beats': beat labels only, one fiducial point per beat and no QRS boundaries (MIT-BIH's and
//    INCART's .atr): beat detection only, Se and PPV of the beats; no onset or offset differences.
// Pure functions, no DOM; tested in tests/js/references.test.mjs.
import { firstIndex } from './first-index.js';
import { TOLERANCE_S, pairNearestFirst } from './scoring.js';

// A reference that brackets fewer than this share of the beats in its span marks selected beats:
// one that leaves out a third of them (QTDB's .q1c: a few dozen of a record's ~1000) is not a
// reference for every beat, while one for every beat misses none on purpose.
export const SELECTED_BELOW = 2 / 3;

/** How many of a reference's (scoring.js referenceFromMarks) beat labels have a '(' or a ')'. */
export const bracketedBeats = (reference) =>
  reference.peaks.filter((_, i) => Number.isFinite(reference.onsets[i]) || Number.isFinite(reference.offsets[i])).length;

/**
 * The kind of a reference: 'beats' when it brackets no beat; 'selected' when it brackets fewer
 * than two thirds of `beatsInSpan`, the beats in its annotated span as counted by the caller
 * (references.js: the most any other reference file of the record labels there, or without one,
 * the beats marked now); else 'qrs'.
 */
export function referenceKind(reference, beatsInSpan) {
  const bracketed = bracketedBeats(reference);
  if (!bracketed) return 'beats';
  return bracketed < SELECTED_BELOW * beatsInSpan ? 'selected' : 'qrs';
}

/** How many of `samples` lie in the annotated span ±150 ms. */
export function countInSpan(samples, span, fs) {
  const tol = TOLERANCE_S * fs;
  return samples.filter((t) => t >= span[0] - tol && t <= span[1] + tol).length;
}

export const selectedNote = (source, bracketed, beats) => `${source} brackets ${bracketed} of the ${beats} beats in its ` +
  'span (fewer than two thirds): it marks selected beats, so onset, offset and Se are scored on the beats it marks; PPV ' +
  'does not apply (a mark on a beat it left out is no false detection)';

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
    const first = firstIndex(inSpan.length, (j) => inSpan[j].onset >= peak - tol - longest);
    for (let j = first; j < inSpan.length && inSpan[j].onset <= peak + tol; ++j) {
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
