"""Where the boundary error of a scoring run sits: which level of the data it varies at, and how
much of it the few large misses carry.

The SD that DESIGN.md reports pools every matched pair. Splitting its variance shows what a
change could reach:
  record   the spread of the records' mean errors (e.g. one record's annotators mark late);
  lead     the spread of each lead's mean around its record's mean (per-lead conventions);
  beat     the spread of the beats around their lead's mean (jitter, ours and the reference's).
The three variances add up to the pooled one (population variances, each pair weighted once).
The tail figures say how much of the squared error comes from pairs more than TAIL_MS from the
mean, and what the SD would be without them. A tail pair may still sit with its lead (a lead its
annotators mark 60 ms from the others, beat after beat); the isolated figures count only the pairs
more than the tail's distance from their own lead's median: misses of a beat, not of a convention.

    error_breakdown({(record, lead): LeadScore, ...}, tail_ms) -> {"onset": {...}, "offset": {...}}
    record_breakdown({(record, lead): LeadScore, ...}, kind) -> {record: {...}}
"""
from typing import Dict, Hashable, Mapping, Tuple

import numpy as np

from training.scoring import KINDS, LeadScore

TAIL_MS = 20.0


def _kind_errors(scores: Mapping[Tuple[Hashable, Hashable], LeadScore], kind: str):
    return {key: np.asarray(s.kind(kind).errors_ms, dtype=np.float64)
            for key, s in scores.items()}


def _kind_breakdown(errors_by_lead: Mapping[Tuple[Hashable, Hashable], np.ndarray],
                    tail_ms: float):
    keys = [k for k, e in errors_by_lead.items() if e.size]
    if not keys:
        nan = float("nan")
        return {"pairs": 0, "record_sd_ms": nan, "lead_sd_ms": nan, "beat_sd_ms": nan,
                "tail_pair_percent": nan, "tail_square_percent": nan, "sd_without_tail_ms": nan,
                "isolated_pairs": 0, "sd_without_isolated_ms": nan}
    errors = np.concatenate([errors_by_lead[k] for k in keys])
    records = np.concatenate([[k[0]] * errors_by_lead[k].size for k in keys])
    lead_means = np.concatenate([np.full(errors_by_lead[k].size, errors_by_lead[k].mean())
                                 for k in keys])
    record_means = np.empty_like(errors)
    for r in set(records.tolist()):
        inside = records == r
        record_means[inside] = errors[inside].mean()
    mean = errors.mean()
    deviation = errors - mean
    tail = np.abs(deviation) > tail_ms
    lead_medians = np.concatenate([np.full(errors_by_lead[k].size, np.median(errors_by_lead[k]))
                                   for k in keys])
    isolated = np.abs(errors - lead_medians) > tail_ms
    squares = deviation ** 2
    return {
        "pairs": int(errors.size),
        "record_sd_ms": float(np.sqrt(np.mean((record_means - mean) ** 2))),
        "lead_sd_ms": float(np.sqrt(np.mean((lead_means - record_means) ** 2))),
        "beat_sd_ms": float(np.sqrt(np.mean((errors - lead_means) ** 2))),
        "tail_pair_percent": float(100.0 * tail.mean()),
        "tail_square_percent": float(100.0 * squares[tail].sum() / squares.sum())
        if squares.sum() > 0 else 0.0,
        "sd_without_tail_ms": float(errors[~tail].std()) if (~tail).any() else float("nan"),
        "isolated_pairs": int(isolated.sum()),
        "sd_without_isolated_ms": float(errors[~isolated].std()) if (~isolated).any()
        else float("nan"),
    }


def error_breakdown(scores: Mapping[Tuple[Hashable, Hashable], LeadScore],
                    tail_ms: float = TAIL_MS) -> Dict[str, dict]:
    """Per kind: record / lead / beat SDs (ms), the share of the pairs more than tail_ms from the
    mean, and the pairs more than tail_ms from their lead's median."""
    return {kind: _kind_breakdown(_kind_errors(scores, kind), tail_ms) for kind in KINDS}


def record_breakdown(scores: Mapping[Tuple[Hashable, Hashable], LeadScore],
                     kind: str) -> Dict[Hashable, dict]:
    """Per record: its pairs, their mean and SD (ms), its share of the pooled squared error
    (deviations from the pooled mean, in percent) and its leads' means (ms) from lowest to
    highest, for `kind`."""
    errors_by_lead = {k: e for k, e in _kind_errors(scores, kind).items() if e.size}
    if not errors_by_lead:
        return {}
    pooled = np.concatenate(list(errors_by_lead.values()))
    total = float(np.sum((pooled - pooled.mean()) ** 2))
    out = {}
    for record in sorted({r for r, _ in errors_by_lead}):
        leads = [e for (r, _), e in errors_by_lead.items() if r == record]
        errors = np.concatenate(leads)
        out[record] = {
            "pairs": int(errors.size), "mean_ms": float(errors.mean()),
            "sd_ms": float(errors.std(ddof=1)) if errors.size > 1 else float("nan"),
            "square_percent": 100.0 * float(np.sum((errors - pooled.mean()) ** 2)) / total
            if total > 0 else 0.0,
            "lead_means_ms": sorted(float(e.mean()) for e in leads)}
    return out


def format_breakdown(breakdown: Dict[str, dict], tail_ms: float = TAIL_MS) -> str:
    lines = [f"| kind | record SD | lead SD | beat SD | pairs > {tail_ms:.0f} ms | "
             f"their share of squared error | SD without them | pairs > {tail_ms:.0f} ms from "
             "their lead's median | SD without those |",
             "|---|---|---|---|---|---|---|---|---|"]
    for kind in KINDS:
        b = breakdown[kind]
        lines.append(f"| {kind} | {b['record_sd_ms']:.2f} | {b['lead_sd_ms']:.2f} | "
                     f"{b['beat_sd_ms']:.2f} | {b['tail_pair_percent']:.1f} % | "
                     f"{b['tail_square_percent']:.0f} % | {b['sd_without_tail_ms']:.2f} | "
                     f"{b['isolated_pairs']} | {b['sd_without_isolated_ms']:.2f} |")
    return "\n".join(lines)


def format_record_breakdown(by_record: Dict[Hashable, dict], kind: str) -> str:
    lines = [f"| record | {kind} pairs | mean ± SD ms | share of the squared error | its leads' "
             "means, lowest to highest ms |", "|---|---|---|---|---|"]
    for record, b in by_record.items():
        means = " ".join(f"{m:+.0f}" for m in b["lead_means_ms"])
        lines.append(f"| {record} | {b['pairs']} | {b['mean_ms']:+.2f} ± {b['sd_ms']:.2f} | "
                     f"{b['square_percent']:.1f} % | {means} |")
    return "\n".join(lines)
