"""QRS onset/offset scoring: the accuracy protocol of DESIGN.md, in one place.

Protocol, per lead and per kind (onset, offset) separately:
  * a detection matches a reference point of the same kind within +-150 ms (inclusive),
    one-to-one, nearest pairs first; unmatched detections are false positives,
    unmatched references false negatives;
  * only detections inside the annotated span count: first mark - 150 ms .. last mark + 150 ms;
  * a beat whose annotator left a boundary out is not scored for that boundary, and an
    unmatched detection within 150 ms of that beat's peak mark is ignored (not an FP);
  * Se = TP/(TP+FN), PPV = TP/(TP+FP), mean and SD (ddof=1) of detected - reference in ms.

API:
  score_lead(ref, detected_onsets, detected_offsets, fs) -> LeadScore
  summarise([LeadScore, ...]) -> {"onset": {...}, "offset": {...}}
  format_table(summary) -> str
Positions are in samples at rate ``fs`` (floats allowed); ``ref`` is a QrsReference
(training/ludb.py builds them from LUDB annotation files).
"""
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

import numpy as np

TOLERANCE_S = 0.150
KINDS = ("onset", "offset")


@dataclass
class QrsReference:
    """One lead's reference beats: NaN marks a boundary the annotator left out."""
    peaks: np.ndarray             # 'N' mark per beat, samples
    onsets: np.ndarray            # '(' before the peak, or NaN
    offsets: np.ndarray           # ')' after the peak, or NaN
    span: Tuple[float, float]     # first and last annotation mark of the file, samples


@dataclass
class KindScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    errors_ms: List[float] = field(default_factory=list)   # detected - reference, matched pairs
    reference_ms: List[float] = field(default_factory=list)  # each pair's reference position


@dataclass
class LeadScore:
    onset: KindScore
    offset: KindScore

    def kind(self, name: str) -> KindScore:
        return getattr(self, name)


def match_nearest_first(reference: np.ndarray, detected: np.ndarray, tolerance: float):
    """One-to-one matching, closest pairs first, |d - r| <= tolerance.

    Returns (pairs [(ref_index, det_index)], unmatched ref indices, unmatched det indices).
    Ties in distance break by reference then detection index, so results are deterministic.
    """
    reference = np.asarray(reference, dtype=np.float64)
    detected = np.asarray(detected, dtype=np.float64)
    candidates = []
    for i, r in enumerate(reference):
        near = np.nonzero(np.abs(detected - r) <= tolerance)[0]
        candidates.extend((abs(detected[j] - r), i, int(j)) for j in near)
    candidates.sort()
    ref_used = np.zeros(reference.size, dtype=bool)
    det_used = np.zeros(detected.size, dtype=bool)
    pairs = []
    for _, i, j in candidates:
        if not ref_used[i] and not det_used[j]:
            ref_used[i] = det_used[j] = True
            pairs.append((i, j))
    return pairs, np.nonzero(~ref_used)[0], np.nonzero(~det_used)[0]


def score_kind(ref_points: np.ndarray, peaks: np.ndarray, span: Tuple[float, float],
               detected: Sequence[float], fs: float) -> KindScore:
    """Score one kind of boundary of one lead (see the module docstring for the rules)."""
    tol = TOLERANCE_S * fs
    ref_points = np.asarray(ref_points, dtype=np.float64)
    peaks = np.asarray(peaks, dtype=np.float64)
    present = np.isfinite(ref_points)
    refs = ref_points[present]
    unscored_peaks = peaks[~present]
    det = np.asarray(detected, dtype=np.float64).ravel()
    det = det[(det >= span[0] - tol) & (det <= span[1] + tol)]
    pairs, ref_left, det_left = match_nearest_first(refs, det, tol)
    fp = 0
    for j in det_left:
        if unscored_peaks.size and np.min(np.abs(unscored_peaks - det[j])) <= tol:
            continue  # a boundary the annotator did not mark: neither right nor wrong
        fp += 1
    errors = [(det[j] - refs[i]) * 1000.0 / fs for i, j in pairs]
    return KindScore(tp=len(pairs), fn=int(ref_left.size), fp=fp, errors_ms=errors,
                     reference_ms=[refs[i] * 1000.0 / fs for i, _ in pairs])


def score_lead(ref: QrsReference, detected_onsets: Sequence[float],
               detected_offsets: Sequence[float], fs: float) -> LeadScore:
    """Score one lead's detections against its own reference; positions in samples at fs."""
    return LeadScore(
        onset=score_kind(ref.onsets, ref.peaks, ref.span, detected_onsets, fs),
        offset=score_kind(ref.offsets, ref.peaks, ref.span, detected_offsets, fs),
    )


def summarise(scores: Sequence[LeadScore]) -> Dict[str, Dict[str, float]]:
    """Pool counts and errors over leads: Se, PPV (percent), mean and SD (ms) per kind."""
    out = {}
    for kind in KINDS:
        tp = sum(s.kind(kind).tp for s in scores)
        fn = sum(s.kind(kind).fn for s in scores)
        fp = sum(s.kind(kind).fp for s in scores)
        errs = np.asarray([e for s in scores for e in s.kind(kind).errors_ms], dtype=np.float64)
        out[kind] = {
            "tp": tp, "fn": fn, "fp": fp,
            "se": 100.0 * tp / (tp + fn) if tp + fn else float("nan"),
            "ppv": 100.0 * tp / (tp + fp) if tp + fp else float("nan"),
            "mean_ms": float(errs.mean()) if errs.size else float("nan"),
            "sd_ms": float(errs.std(ddof=1)) if errs.size > 1 else float("nan"),
        }
    return out


def format_table(summary: Dict[str, Dict[str, float]]) -> str:
    """A small Markdown table of a summarise() result."""
    lines = ["| kind | TP | FN | FP | Se % | PPV % | mean ms | SD ms |",
             "|---|---|---|---|---|---|---|---|"]
    for kind in KINDS:
        s = summary[kind]
        lines.append(f"| {kind} | {s['tp']} | {s['fn']} | {s['fp']} | {s['se']:.2f} | "
                     f"{s['ppv']:.2f} | {s['mean_ms']:+.2f} | {s['sd_ms']:.2f} |")
    return "\n".join(lines)
