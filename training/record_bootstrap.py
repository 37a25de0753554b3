"""How far a scoring run's figures could move with another draw of records: 95 % intervals from
resampling whole records with replacement (a percentile bootstrap).

Records, not pairs, are resampled because the pairs of one record are not independent: its
leads share one heart, one annotator team and one set of conventions ("Where the error sits"
puts a third of the variance at the record and lead levels). A 40-record split therefore pins
an SD down much less tightly than its 4,000 pairs suggest, and this says by how much, so that a
target a few tenths of a millisecond away can be read against it.

    record_bootstrap({(record, lead): LeadScore, ...}) -> {kind: {figure: (low, high)}}
"""
from typing import Dict, Hashable, Mapping, Tuple

import numpy as np

from training.scoring import KINDS, LeadScore

RESAMPLES = 2000
SEED = 0
FIGURES = ("se", "ppv", "mean_ms", "sd_ms")


def _per_record(scores, kind, records):
    """Per record, in `records` order: matched pairs, TP, FN, FP, sum and sum of squares of the
    errors, pooled over the record's leads (array (R, 6))."""
    row = {r: i for i, r in enumerate(records)}
    pooled = np.zeros((len(records), 6))
    for (record, _lead), s in scores.items():
        k = s.kind(kind)
        errors = np.asarray(k.errors_ms, dtype=np.float64)
        pooled[row[record]] += (errors.size, k.tp, k.fn, k.fp, errors.sum(),
                                np.square(errors).sum())
    return pooled


def _kind_intervals(pooled, weights):
    # Each resample's figures are weighted sums of the records' rows.
    pairs, tp, fn, fp, total, total_sq = (weights @ pooled).T
    with np.errstate(invalid="ignore", divide="ignore"):
        figures = {
            "se": 100.0 * tp / (tp + fn),
            "ppv": 100.0 * tp / (tp + fp),
            "mean_ms": total / pairs,
            # The sample SD (ddof 1), as scoring.summarise reports it.
            "sd_ms": np.sqrt(np.maximum(total_sq - total ** 2 / pairs, 0.0) / (pairs - 1)),
        }
    return {name: tuple(float(v) for v in np.nanpercentile(values, [2.5, 97.5]))
            for name, values in figures.items()}


def record_bootstrap(scores: Mapping[Tuple[Hashable, Hashable], LeadScore],
                     resamples: int = RESAMPLES, seed: int = SEED) -> Dict[str, dict]:
    """Per kind, the 95 % interval (low, high) of Se, PPV (percent), mean and SD (ms) over
    `resamples` draws of as many records as were scored, with replacement."""
    records = sorted({record for record, _lead in scores})
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(records), size=(resamples, len(records)))
    # How often each record is drawn in each resample, shared by both kinds.
    weights = np.stack([np.bincount(p, minlength=len(records)) for p in picks]).astype(np.float64)
    return {kind: _kind_intervals(_per_record(scores, kind, records), weights) for kind in KINDS}


def format_bootstrap(intervals: Dict[str, dict]) -> str:
    lines = ["| kind | Se % | PPV % | mean ms | SD ms |", "|---|---|---|---|---|"]
    for kind in KINDS:
        i = intervals[kind]
        cells = []
        for f in FIGURES:
            spec = "+.2f" if f == "mean_ms" else ".2f"
            cells.append(f"{i[f][0]:{spec}} to {i[f][1]:{spec}}")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
