"""Each beat's QRS across the leads, against LUDB's: the span a 12-lead QRS duration measures.

LUDB marks every lead on its own. Its QRS of one beat across the leads runs from the earliest
lead's onset `(` to the latest lead's offset `)`. The engine's counterpart is a beat's
firstOnset / lastOffset (src/annotate/beat_extent.h): the earliest and latest of the leads' marks.

Reference beats: every lead's QRS marks grouped by their `N` peaks (peaks of one beat lie within
a few tens of ms of each other across the leads; two beats are at least a refractory period
apart). A beat's boundary counts only where at least MIN_LEADS leads mark it, since an extreme of
fewer leads is another quantity; elsewhere it is left out as the DESIGN.md protocol leaves out a
boundary the annotator did not mark. Detections are scored with training/scoring.py (+-150 ms,
inside the annotated span), and a beat's duration error is ours minus the reference's for the
beats matched by their centres.

API:
  reference_beats(record, directory, fs) -> QrsReference (one row per beat across the leads)
  score_global(annotations, records, directory) -> {"summary": ..., "duration_ms": [...]}
  format_global(result) -> str
"""
from typing import Dict, Mapping, Sequence

import numpy as np

from training import scoring
from training.ludb import LEADS, lead_reference, read_header

MIN_LEADS = 10          # leads that must mark a boundary for the beat's extreme to count
PEAK_GAP_S = 0.1        # N marks further apart than this (in time order) start a new beat


def reference_beats(record: int, directory: str, fs: float, leads: Sequence[str] = LEADS,
                    min_leads: int = MIN_LEADS) -> scoring.QrsReference:
    """LUDB's beats of `record` (sampled at fs) across `leads` (all 12 by default), in samples; a
    boundary counts where at least min_leads of them mark it."""
    marks = []   # (peak, onset, offset)
    spans = []
    for lead in leads:
        ref = lead_reference(record, lead, directory)
        marks.extend(zip(ref.peaks, ref.onsets, ref.offsets))
        spans.append(ref.span)
    marks.sort(key=lambda m: m[0])
    groups = []
    for mark in marks:
        if groups and mark[0] - groups[-1][-1][0] <= PEAK_GAP_S * fs:
            groups[-1].append(mark)
        else:
            groups.append([mark])
    peaks, onsets, offsets = [], [], []
    for group in groups:
        on = np.array([m[1] for m in group], dtype=np.float64)
        off = np.array([m[2] for m in group], dtype=np.float64)
        peaks.append(float(np.median([m[0] for m in group])))
        onsets.append(np.nanmin(on) if np.isfinite(on).sum() >= min_leads else np.nan)
        offsets.append(np.nanmax(off) if np.isfinite(off).sum() >= min_leads else np.nan)
    span = (min(s[0] for s in spans), max(s[1] for s in spans))
    return scoring.QrsReference(np.array(peaks), np.array(onsets), np.array(offsets), span)


def _duration_errors_ms(ref: scoring.QrsReference, beats: Sequence[dict], fs: float):
    """Ours minus the reference's duration, for reference beats with both boundaries matched by
    centre (nearest first, within the protocol's tolerance) to one of our beats."""
    whole = np.isfinite(ref.onsets) & np.isfinite(ref.offsets)
    ref_on, ref_off = ref.onsets[whole], ref.offsets[whole]
    ours = np.array([[b["firstOnset"], b["lastOffset"]] for b in beats]).reshape(-1, 2)
    pairs, _, _ = scoring.match_nearest_first((ref_on + ref_off) / 2, ours.mean(axis=1),
                                              scoring.TOLERANCE_S * fs)
    return [((ours[j, 1] - ours[j, 0]) - (ref_off[i] - ref_on[i])) * 1000.0 / fs
            for i, j in pairs]


def score_global(annotations: Mapping[str, dict], records: Sequence[int], directory: str,
                 leads: Sequence[str] = LEADS, min_leads: int = MIN_LEADS):
    """The CLI's beats (firstOnset / lastOffset) of `records` against LUDB's beats across `leads`
    (reference_beats). Positions in the CLI output are moved onto the reference's grid first."""
    scores, durations = [], []
    for record in records:
        doc = annotations[str(record)]
        reference_fs = read_header(f"{directory}/{record}.hea")[0]
        to_reference = reference_fs / float(doc["fs"])
        beats = [{key: b[key] * to_reference for key in ("firstOnset", "lastOffset")}
                 for b in doc["beats"]]
        ref = reference_beats(record, directory, reference_fs, leads, min_leads)
        scores.append(scoring.score_lead(ref, [b["firstOnset"] for b in beats],
                                         [b["lastOffset"] for b in beats], reference_fs))
        durations.extend(_duration_errors_ms(ref, beats, reference_fs))
    return {"summary": scoring.summarise(scores), "duration_ms": durations}


def format_global(result: Dict) -> str:
    d = np.asarray(result["duration_ms"], dtype=np.float64)
    duration = (f"duration (ours - reference): {d.mean():+.2f} +- {d.std(ddof=1):.2f} ms over "
                f"{d.size} beats" if d.size > 1 else "duration: too few beats to compare")
    return scoring.format_table(result["summary"]) + "\n" + duration
