"""Where the boundary error of a scoring run sits: which level of the data it varies at, and how
much of it the few large misses carry.

The SD that DESIGN.md reports pools every matched pair. Splitting its variance shows what a
change could reach:
  record   the spread of the records' mean errors (e.g. one record's annotators mark late);
  lead     the spread of each lead's mean around its record's mean (per-lead conventions);
  beat     the spread of the beats around their lead's mean (jitter, ours and the reference's).
The three variances add up to the pooled one (population variances, each pair weighted once).
The tail figures say how much of the squared error comes from pairs more than TAIL_MS from the
mean, and what the SD would be without them.

    error_breakdown({(record, lead): LeadScore, ...}) -> {"onset": {...}, "offset": {...}}
"""
from typing import Dict, Hashable, Mapping, Tuple

import numpy as np

from training.scoring import KINDS, LeadScore

TAIL_MS = 20.0


def _kind_breakdown(errors_by_lead: Mapping[Tuple[Hashable, Hashable], np.ndarray]):
    keys = [k for k, e in errors_by_lead.items() if e.size]
    if not keys:
        nan = float("nan")
        return {"pairs": 0, "record_sd_ms": nan, "lead_sd_ms": nan, "beat_sd_ms": nan,
                "tail_pair_percent": nan, "tail_square_percent": nan, "sd_without_tail_ms": nan}
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
    tail = np.abs(deviation) > TAIL_MS
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
    }


def error_breakdown(scores: Mapping[Tuple[Hashable, Hashable], LeadScore]) -> Dict[str, dict]:
    """Per kind: record / lead / beat SDs (ms) and the share of the > TAIL_MS pairs."""
    return {kind: _kind_breakdown({key: np.asarray(s.kind(kind).errors_ms, dtype=np.float64)
                                   for key, s in scores.items()})
            for kind in KINDS}


def format_breakdown(breakdown: Dict[str, dict]) -> str:
    lines = [f"| kind | record SD | lead SD | beat SD | pairs > {TAIL_MS:.0f} ms | "
             "their share of squared error | SD without them |",
             "|---|---|---|---|---|---|---|"]
    for kind in KINDS:
        b = breakdown[kind]
        lines.append(f"| {kind} | {b['record_sd_ms']:.2f} | {b['lead_sd_ms']:.2f} | "
                     f"{b['beat_sd_ms']:.2f} | {b['tail_pair_percent']:.1f} % | "
                     f"{b['tail_square_percent']:.0f} % | {b['sd_without_tail_ms']:.2f} |")
    return "\n".join(lines)
