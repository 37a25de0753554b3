"""How far the detections follow the reference's differences between the leads of one beat.

LUDB's annotators mark every lead on its own, so one beat's onset differs from lead to lead.
Each matched boundary splits into the beat's median over the leads (where the beat as a whole
starts or ends) and the lead's deviation from that median. The deviation splits again into the
lead's systematic part (its mean over the record's beats: a per-lead convention or morphology)
and a beat-to-beat part. For the reference and for the detections alike:

  beat median   SD of (median of the detections - median of the reference) over beats;
  lead part     SD of the reference's and of the detections' per-lead means, their correlation
                and the slope of detections on reference (1: every convention followed);
  beat part     the same for what is left beat to beat (the reference's own jitter sits here).

A beat is a cluster of one record's matched reference marks closer than BEAT_GAP_MS to the next;
only beats marked in at least MIN_LEADS leads count, so the median means something.

    lead_tracking({(record, lead): LeadScore, ...}) -> {"onset": {...}, "offset": {...}}
"""
from collections import defaultdict
from typing import Dict, Hashable, Mapping, Tuple

import numpy as np

from training.scoring import KINDS, LeadScore

BEAT_GAP_MS = 100.0
MIN_LEADS = 8


def _beats(marks):
    """Split one record's (reference ms, detected ms, lead) marks into beats by their gaps."""
    marks = sorted(marks)
    beats, current = [], [marks[0]]
    for mark in marks[1:]:
        if mark[0] - current[-1][0] > BEAT_GAP_MS:
            beats.append(current)
            current = []
        current.append(mark)
    beats.append(current)
    return [b for b in beats if len({lead for _, _, lead in b}) >= MIN_LEADS]


def _follow(reference, detected):
    """SDs of both, their correlation and the least-squares slope of detected on reference."""
    ref_sd, det_sd = float(reference.std()), float(detected.std())
    if ref_sd == 0 or det_sd == 0:
        return {"reference_sd_ms": ref_sd, "detected_sd_ms": det_sd, "correlation": float("nan"),
                "slope": float("nan")}
    covariance = float(np.mean((reference - reference.mean()) * (detected - detected.mean())))
    return {"reference_sd_ms": ref_sd, "detected_sd_ms": det_sd,
            "correlation": covariance / (ref_sd * det_sd), "slope": covariance / ref_sd ** 2}


def _kind_tracking(scores: Mapping[Tuple[Hashable, Hashable], LeadScore], kind: str):
    by_record = defaultdict(list)
    for (record, lead), score in scores.items():
        k = score.kind(kind)
        by_record[record] += [(r, r + e, lead) for r, e in zip(k.reference_ms, k.errors_ms)]
    median_gaps, deviations = [], defaultdict(list)  # (record, lead) -> [(ref dev, det dev)]
    for record, marks in by_record.items():
        for beat in _beats(marks) if marks else []:
            ref = np.array([m[0] for m in beat])
            det = np.array([m[1] for m in beat])
            median_gaps.append(np.median(det) - np.median(ref))
            for r, d, (_, _, lead) in zip(ref - np.median(ref), det - np.median(det), beat):
                deviations[(record, lead)].append((r, d))
    if not deviations:
        return {"beats": 0}
    lead_means = np.array([np.mean(v, axis=0) for v in deviations.values()])
    beat_parts = np.concatenate([np.asarray(v) - np.mean(v, axis=0) for v in deviations.values()])
    return {"beats": len(median_gaps),
            "median_gap_sd_ms": float(np.std(median_gaps)),
            "lead": _follow(lead_means[:, 0], lead_means[:, 1]),
            "beat": _follow(beat_parts[:, 0], beat_parts[:, 1])}


def lead_tracking(scores: Mapping[Tuple[Hashable, Hashable], LeadScore]) -> Dict[str, dict]:
    return {kind: _kind_tracking(scores, kind) for kind in KINDS}


def format_tracking(tracking: Dict[str, dict]) -> str:
    lines = ["| kind | beats | beat median: SD of the gap | lead part: reference SD / ours / "
             "correlation / slope | beat part: reference SD / ours / correlation |",
             "|---|---|---|---|---|"]
    for kind in KINDS:
        t = tracking[kind]
        if not t["beats"]:
            lines.append(f"| {kind} | 0 | | | |")
            continue
        lead, beat = t["lead"], t["beat"]
        lines.append(
            f"| {kind} | {t['beats']} | {t['median_gap_sd_ms']:.2f} | "
            f"{lead['reference_sd_ms']:.2f} / {lead['detected_sd_ms']:.2f} / "
            f"{lead['correlation']:.2f} / {lead['slope']:.2f} | "
            f"{beat['reference_sd_ms']:.2f} / {beat['detected_sd_ms']:.2f} / "
            f"{beat['correlation']:.2f} |")
    return "\n".join(lines)
