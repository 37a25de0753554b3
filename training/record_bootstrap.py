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
