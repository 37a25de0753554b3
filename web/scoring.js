// The accuracy protocol of DESIGN.md, page side: reference QRS complexes from WFDB annotation marks,
// and the score of the current marks against them. training/scoring.py and training/ludb.py are
// the reference implementation; tests/js/scoring_parity.test.mjs checks this file against them on
// LUDB records, so change both together or neither. Pure functions, no DOM.
//
// Per lead and per kind (onset, offset): a detection matches a reference point of the same kind
// within +-150 ms (inclusive), one to one, nearest pairs first; only detections inside the file's
// annotated span (first mark - 150 ms .. last mark + 150 ms) count; a beat whose annotator left a
// boundary out is not scored for it, and an unmatched detection within 150 ms of that beat's peak
// is ignored. Se = TP/(TP+FN), PPV = TP/(TP+FP), mean and SD (n - 1) of detected - reference, ms.
import { firstIndex } from './first-index.js';

export const TOLERANCE_S = 0.150;
export const KINDS = ['onset', 'offset'];

// The MIT beat labels (WFDB's isqrs: normal, bundle branch block, aberrated, premature,
// escape, paced, fusion, unclassifiable, ...): LUDB marks every QRS 'N', but QTDB's and other
// databases' delineations put the beat's own label between '(' and ')' ('V' for a PVC, '/' for
// a paced beat), and those beats are QRS complexes too. 'p', 't' and 'u' are waves, not beats.
const WAVE_SYMBOLS = new Set(['(', ')', 'p', 't', 'u']);
const BEAT_SYMBOLS = new Set(['N', 'L', 'R', 'B', 'A', 'a', 'J', 'S', 'V', 'r', 'F', 'e', 'j', 'n', 'E', '/', 'f', 'Q', '?']);

/** A beat or a wave or one of its boundaries: what a reference is made of (not a note or a rhythm). */
export const isDelineation = (mark) => BEAT_SYMBOLS.has(mark.symbol) || WAVE_SYMBOLS.has(mark.symbol);

/**
 * One annotator's QRS reference from its marks ([{sample, symbol}] in time order): a beat per beat
 * label ('N', 'V', '/', ...: BEAT_SYMBOLS); its onset is the '(' right before it, its offset the
 * ')' right after, NaN where missing.
 */
export function referenceFromMarks(marks) {
  if (!marks.length) throw new Error('no annotations');
  const peaks = [];
  const onsets = [];
  const offsets = [];
  marks.forEach((m, k) => {
    if (!BEAT_SYMBOLS.has(m.symbol)) return;
    peaks.push(m.sample);
    onsets.push(marks[k - 1]?.symbol === '(' ? marks[k - 1].sample : NaN);
    offsets.push(marks[k + 1]?.symbol === ')' ? marks[k + 1].sample : NaN);
  });
  // The annotated span runs over the waves and their boundaries, not over notes, rhythm labels
  // or comments an annotator may have left before the first beat or after the last.
  const delineation = marks.filter(isDelineation);
  if (!delineation.length) throw new Error('no waves or beats annotated');
  return { peaks, onsets, offsets, span: [delineation[0].sample, delineation.at(-1).sample] };
}

/**
 * One-to-one matching, closest pairs first, |d - r| <= tolerance; ties by reference index, then
 * detection index. Returns {pairs: [[refIndex, detIndex]], refLeft, detLeft}.
 */
export function matchNearestFirst(reference, detected, tolerance) {
  // Candidate pairs by binary search over the detections in time order (an hour-long record has
  // thousands of beats per lead; trying every pair would be millions), indices kept as given.
  const order = detected.map((_, j) => j).sort((a, b) => detected[a] - detected[b]);
  const firstAtLeast = (v) => firstIndex(order.length, (k) => detected[order[k]] >= v);
  const candidates = [];
  reference.forEach((r, i) => {
    for (let k = firstAtLeast(r - tolerance); k < order.length && detected[order[k]] <= r + tolerance; ++k) {
      const j = order[k];
      const distance = Math.abs(detected[j] - r);
      if (distance <= tolerance) candidates.push([distance, i, j]);
    }
  });
  return pairNearestFirst(candidates, reference.length, detected.length);
}

/**
 * The greedy one-to-one pairing of matchNearestFirst over candidate pairs [distance, refIndex,
 * detIndex] (closest first; ties by reference index, then detection index). Returns {pairs:
 * [[refIndex, detIndex]], refLeft, detLeft} for `references` references and `detections` detections.
 */
export function pairNearestFirst(candidates, references, detections) {
  candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const refUsed = new Array(references).fill(false);
  const detUsed = new Array(detections).fill(false);
  const pairs = [];
  for (const [, i, j] of candidates) {
    if (refUsed[i] || detUsed[j]) continue;
    refUsed[i] = detUsed[j] = true;
    pairs.push([i, j]);
  }
  return {
    pairs,
    refLeft: refUsed.flatMap((used, i) => (used ? [] : [i])),
    detLeft: detUsed.flatMap((used, j) => (used ? [] : [j])),
  };
}

/**
 * Scores one kind of boundary of one lead. Returns {tp, fn, fp, errorsMs, pairs: [{reference,
 * detected}] (samples)}.
 */
export function scoreKind(refPoints, peaks, span, detected, fs) {
  const tol = TOLERANCE_S * fs;
  const refs = refPoints.filter(Number.isFinite);
  const unscoredPeaks = peaks.filter((_, i) => !Number.isFinite(refPoints[i]));
  const det = detected.filter((d) => d >= span[0] - tol && d <= span[1] + tol);
  const { pairs, refLeft, detLeft } = matchNearestFirst(refs, det, tol);
  // A boundary the annotator did not mark is neither right nor wrong.
  const fp = detLeft.filter((j) => !unscoredPeaks.some((p) => Math.abs(p - det[j]) <= tol)).length;
  return {
    tp: pairs.length,
    fn: refLeft.length,
    fp,
    errorsMs: pairs.map(([i, j]) => ((det[j] - refs[i]) * 1000) / fs),
    pairs: pairs.map(([i, j]) => ({ reference: refs[i], detected: det[j] })),
  };
}

/** Scores one lead's onsets and offsets (samples at fs) against its reference. */
export function scoreLead(reference, onsets, offsets, fs) {
  return {
    onset: scoreKind(reference.onsets, reference.peaks, reference.span, onsets, fs),
    offset: scoreKind(reference.offsets, reference.peaks, reference.span, offsets, fs),
  };
}

/** Pools lead scores: per kind {tp, fn, fp, se, ppv (percent), meanMs, sdMs}; NaN where undefined. */
export function summarise(scores) {
  const out = {};
  for (const kind of KINDS) {
    const tp = scores.reduce((n, s) => n + s[kind].tp, 0);
    const fn = scores.reduce((n, s) => n + s[kind].fn, 0);
    const fp = scores.reduce((n, s) => n + s[kind].fp, 0);
    const errors = scores.flatMap((s) => s[kind].errorsMs);
    const mean = errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN;
    const sd = errors.length > 1
      ? Math.sqrt(errors.reduce((a, e) => a + (e - mean) ** 2, 0) / (errors.length - 1)) : NaN;
    out[kind] = {
      tp, fn, fp,
      se: tp + fn ? (100 * tp) / (tp + fn) : NaN,
      ppv: tp + fp ? (100 * tp) / (tp + fp) : NaN,
      meanMs: mean,
      sdMs: sd,
    };
  }
  return out;
}
