"""The accuracy gate: the shipped model's figures on the whole LUDB test split, and how far a
build may move from them before `make test` fails (issue 20, item 1).

The figures are what users get from `ecg-annotate` with its defaults on records 5, 10, ..., 200,
every lead scored against its own annotation file by training/scoring.py (the DESIGN.md
protocol). The gate is two-sided: a build that moves a figure by more than its tolerance, for
better or worse, changes what users see, so it fails until MODEL_CARD.md and SHIPPED say so.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ludb_io import SOURCE_DIR  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training import scoring  # noqa: E402
from training.evaluate_engine import run_cli, score_records  # noqa: E402
from training.ludb import TEST_RECORDS  # noqa: E402

# Measured 2026-12-02 (third session) with model_weights/qrs_unet.qrsm, its noise reader and the
# CLI's defaults by
#   /usr/bin/python3 -m training.evaluate_engine
# onset:  TP 4386 FN 5 FP 1, Se 99.886 %, PPV 99.977 %, mean +0.293 ms, SD 7.581 ms
# offset: TP 4421 FN 5 FP 1, Se 99.887 %, PPV 99.977 %, mean +0.232 ms, SD 9.594 ms
# (27 Nov, without the noise reader and with --convention-weight 0, the lead-habit blend off:
# onset +0.27 +- 8.13, offset +0.25 +- 9.97 ms.)
# The noise reader reads two test records (45 and 95, paced; their leads agree on 96.7 and
# 94.7 % of the beats). Without it: 99.886 / 99.977 / 0.227 / 7.587 and 99.887 / 99.977 / 0.171
# / 9.736. Since the third 2 Dec session the noise reader is the wider one (qrs-unet-wide-noisy,
# MODEL_CARD.md, "A wider noise reader"); with the reader before it (qrs-unet-small-noisy):
# 99.886 / 99.977 / 0.256 / 7.572 and 99.887 / 99.977 / 0.215 / 9.595.
SHIPPED = {
    "onset": {"se": 99.886, "ppv": 99.977, "mean_ms": 0.293, "sd_ms": 7.581},
    "offset": {"se": 99.887, "ppv": 99.977, "mean_ms": 0.232, "sd_ms": 9.594},
}
# One missed or extra boundary in about 4,400 moves Se or PPV by 0.023 %, so 0.1 % allows four
# each way. 0.3 ms of SD or mean is about what retraining with another seed moves (MODEL_CARD);
# the blend off (+0.54 ms onset SD) or one first-layer weight zeroed (about +1 ms) is beyond it.
TOLERANCE = {"se": 0.1, "ppv": 0.1, "mean_ms": 0.3, "sd_ms": 0.3}
UNITS = {"se": "%", "ppv": "%", "mean_ms": "ms", "sd_ms": "ms"}


def score_test_split(cli, directory, model=None, convention_weight=None):
    """(annotations, {(record, lead): LeadScore}, scoring.summarise) of one CLI run over the
    test split; None keeps the CLI's default."""
    annotations = run_cli(cli, TEST_RECORDS, directory, model=model,
                          convention_weight=convention_weight)
    scores = score_records(annotations, TEST_RECORDS, directory)
    return annotations, scores, scoring.summarise(list(scores.values()))


def gate_problems(summary):
    """One line per figure of `summary` farther from SHIPPED than TOLERANCE; [] passes."""
    problems = []
    for kind in scoring.KINDS:
        for figure, tolerance in TOLERANCE.items():
            got, want = summary[kind][figure], SHIPPED[kind][figure]
            if not abs(got - want) <= tolerance:  # NaN fails too
                problems.append("%s %s %.3f %s, shipped %.3f (allowed +-%g)"
                                % (kind, figure, got, UNITS[figure], want, tolerance))
    return problems


def format_figures(summary):
    return "; ".join("%s Se %.3f PPV %.3f mean %+.3f SD %.3f" % (
        kind, summary[kind]["se"], summary[kind]["ppv"], summary[kind]["mean_ms"],
        summary[kind]["sd_ms"]) for kind in scoring.KINDS)
