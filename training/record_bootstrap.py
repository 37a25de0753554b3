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

from training.scoring import KINDS, LeadScore, summarise

RESAMPLES = 2000
SEED = 0
FIGURES = ("se", "ppv", "mean_ms", "sd_ms")


def record_bootstrap(scores: Mapping[Tuple[Hashable, Hashable], LeadScore],
                     resamples: int = RESAMPLES, seed: int = SEED) -> Dict[str, dict]:
    """Per kind, the 95 % interval (low, high) of Se, PPV (percent), mean and SD (ms) over
    `resamples` draws of as many records as were scored, with replacement; each draw is pooled
    by scoring.summarise, as the figures themselves are."""
    leads_of = {}
    for (record, _lead), s in scores.items():
        leads_of.setdefault(record, []).append(s)
    records = sorted(leads_of)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(records), size=(resamples, len(records)))
    draws = [summarise([s for i in pick for s in leads_of[records[i]]]) for pick in picks]
    return {kind: {figure: tuple(float(v) for v in np.nanpercentile(
                       [d[kind][figure] for d in draws], [2.5, 97.5]))
                   for figure in FIGURES}
            for kind in KINDS}


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


def _record_sums(scores: Mapping[Tuple[Hashable, Hashable], LeadScore], records):
    """[records, kinds, 5]: matched pairs, sum and sum of squares of their errors, FN, FP."""
    out = np.zeros((len(records), len(KINDS), 5))
    index = {r: i for i, r in enumerate(records)}
    for (record, _lead), s in scores.items():
        for k, kind in enumerate(KINDS):
            e = np.asarray(s.kind(kind).errors_ms, dtype=np.float64)
            out[index[record], k] += (e.size, e.sum(), np.square(e).sum(), s.kind(kind).fn,
                                      s.kind(kind).fp)
    return out


def _figures(sums):
    """mean_ms, sd_ms, se, ppv from summed [..., 5] rows (the pooled figures of summarise)."""
    n, s1, s2, fn, fp = np.moveaxis(sums, -1, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s1 / n
        sd = np.sqrt(np.maximum(s2 - s1 * s1 / n, 0.0) / (n - 1))
        return {"mean_ms": mean, "sd_ms": sd, "se": 100.0 * n / (n + fn),
                "ppv": 100.0 * n / (n + fp)}


def paired_change(scores_a: Mapping[Tuple[Hashable, Hashable], LeadScore],
                  scores_b: Mapping[Tuple[Hashable, Hashable], LeadScore],
                  resamples: int = RESAMPLES, seed: int = SEED) -> Dict[str, dict]:
    """B - A of each kind's mean, SD (ms), Se and PPV (percent) on the same records, with its
    95 % interval over draws of whole records (the same draw for both, so what the two share,
    the records' difficulty, cancels): {kind: {figure: (change, low, high)}}."""
    records = sorted({r for r, _ in scores_a})
    if records != sorted({r for r, _ in scores_b}):
        raise ValueError("paired_change: the two runs scored different records")
    a, b = _record_sums(scores_a, records), _record_sums(scores_b, records)
    picks = np.random.default_rng(seed).integers(0, len(records), size=(resamples, len(records)))
    whole = {key: _figures(b.sum(axis=0))[key] - _figures(a.sum(axis=0))[key] for key in FIGURES}
    drawn = {key: _figures(b[picks].sum(axis=1))[key] - _figures(a[picks].sum(axis=1))[key]
             for key in FIGURES}
    return {kind: {f: (float(whole[f][k]), *(float(v) for v in np.nanpercentile(
                       drawn[f][:, k], [2.5, 97.5])))
                   for f in FIGURES}
            for k, kind in enumerate(KINDS)}
