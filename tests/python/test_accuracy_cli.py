"""Accuracy through the shipped CLI (issue 3 regression guard, and the issue 2 check).

1. LUDB record 5, lead ii: every annotated QRS onset and offset has a detection of the same kind
   within 40 ms (issue 2: the page showed no usable markers on this lead).
2. A handful of LUDB test records (never used for training or choices), scored per lead against
   their own annotation files with training/scoring.py: Se, PPV and SD must stay near the figures
   measured with training/evaluate_engine.py (limits below, with the measured values beside them).
3. The same records as a device at another rate would store them (evaluate_engine --rate: CSV,
   resampled by scipy): at 500 Hz the figures equal the WFDB run's; at 125 Hz every beat is
   still found and the SDs stay within 1.5 ms of the 500 Hz ones.
4. Each beat's QRS across the leads (firstOnset / lastOffset) against LUDB's earliest onset and
   latest offset over the leads (training/global_qrs.py): every beat found, the duration within
   a few ms of its measured bias (a beat spanning only the mean curves' boundaries, the typical
   lead's QRS, comes out about 28 ms short and fails).
5. Records 5 and 10 at another gain or unit (evaluate_engine --scale: 0.3, 3, 1000) give the
   WFDB run's figures (the engine's amplitude normalisation); upside down (-1) every beat is
   still found.
"""
import tempfile
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import SOURCE_DIR, cli_path, ludb_dir, model_path  # noqa: E402
from failures import exit_status  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training import scoring  # noqa: E402
from training.evaluate_engine import (report, run_cli, score_records,  # noqa: E402
                                      write_csv_inputs)
from training.global_qrs import format_global, score_global  # noqa: E402
from training.lead_tracking import lead_tracking  # noqa: E402
from training.ludb import lead_reference, read_record  # noqa: E402

RECORDS = [5, 10, 15, 20, 25, 30, 35, 40]
# Limits a little looser than measured, so a real regression fails and retraining noise (about
# +-0.3 ms of SD between checkpoints) does not. Measured 2026-11-26 with model_weights/qrs_unet.qrsm
# (qrs-unet-small, the third 26 Nov rebuild: seed 5, weight decay 1e-2, no polarity inversion,
# amplitude normalisation in the engine), the mass-centre boundaries (EventOptions::centroid_ms
# 30), the lead-habit blend (EventOptions::convention_weight 0.5) and lone complexes dropped
# (annotate/lone_complexes.h) by
#   python3 -m training.evaluate_engine --records 5,10,15,20,25,30,35,40
# onset: Se 100.00 PPV 99.89 mean +1.18 SD 7.88 ms; offset: Se 100.00 PPV 99.89 mean -0.43 SD 12.15
# (PPV 99.78 / 99.78 before the lone complexes were dropped).
# (Without the blend: +1.22 +- 7.86 and -0.32 +- 12.11. The second 26 Nov rebuild gave
# 99.89 / 99.89, +1.28 +- 7.95 and -0.18 +- 12.13; the first, seed 7 and weight decay 1e-4,
# 99.89 / 99.89, +1.00 +- 7.87 and -0.10 +- 13.08; the 22 Nov weights 99.89 / 99.77,
# +0.54 +- 8.13 and -0.36 +- 12.24.)
LIMITS = {
    "onset": {"se": 99.5, "ppv": 99.5, "sd_ms": 9.0, "abs_mean_ms": 2.0},
    "offset": {"se": 99.5, "ppv": 99.5, "sd_ms": 13.5, "abs_mean_ms": 2.0},
}
# The beats' QRS across the leads, same command (its last table): onset Se/PPV 100/100, +6.91 +-
# 8.10 ms; offset 100/100, -4.31 +- 9.94 ms; duration -11.22 +- 14.66 ms over 74 beats. (LUDB's
# extreme over 12 leads carries each lead's jitter, so ours falls about 10 ms inside it: the
# whole test split gives -10.43 +- 13.39, validation -10.35 +- 13.04.)
GLOBAL_LIMITS = {
    "onset": {"se": 99.5, "ppv": 99.5, "sd_ms": 9.5, "abs_mean_ms": 9.0},
    "offset": {"se": 99.5, "ppv": 99.5, "sd_ms": 11.5, "abs_mean_ms": 7.0},
}
GLOBAL_DURATION_MEAN_MS = (-15.0, -7.0)
GLOBAL_DURATION_MAX_SD_MS = 16.5
# training/lead_tracking.py's lead-part correlation, same command: onset 0.62, offset 0.77
# (without the blend 0.62 / 0.79; the second 26 Nov rebuild: 0.62 / 0.78; seed-7 weights:
# 0.63 / 0.78).
MIN_LEAD_CORRELATION = 0.5


def score_as_csv(records, directory, rate=None, scale=1.0):
    """(summary, first data row of the first record's file) for `records` written as CSV by
    evaluate_engine.write_csv_inputs (resampled to `rate`, multiplied by `scale`) and read back
    by the CLI; the row lets a caller check what the CLI was given."""
    with tempfile.TemporaryDirectory() as tmp:
        write_csv_inputs(records, directory, tmp, rate, scale)
        first_row = np.loadtxt(os.path.join(tmp, f"{records[0]}.csv"), delimiter=",",
                               skiprows=2, max_rows=1)
        annotations = run_cli(cli_path(), records, tmp, suffix=".csv")
    got = scoring.summarise(list(score_records(annotations, records, directory).values()))
    return got, first_row


def keeps_every_beat(label, got, want, sd_margin_ms):
    """Problems unless every beat is found (PPV >= 99 %) with SDs at most sd_margin_ms above
    `want`, the records' figures from WFDB at 500 Hz."""
    return ["%s at %s: Se %.2f PPV %.2f SD %.2f ms (from WFDB: SD %.2f)"
            % (kind, label, got[kind]["se"], got[kind]["ppv"], got[kind]["sd_ms"],
               want[kind]["sd_ms"])
            for kind in scoring.KINDS
            if not (got[kind]["se"] == 100.0 and got[kind]["ppv"] >= 99.0
                    and got[kind]["sd_ms"] <= want[kind]["sd_ms"] + sd_margin_ms)]


def print_ok(records, label, got):
    print("ok   records %s at %s: onset %+.2f +- %.2f, offset %+.2f +- %.2f ms"
          % (list(records), label, got["onset"]["mean_ms"], got["onset"]["sd_ms"],
             got["offset"]["mean_ms"], got["offset"]["sd_ms"]))


def same_as_wfdb(label, got, want):
    """Problems unless `got` finds the same beats as `want` (the records read from WFDB at
    500 Hz, as they are) with means and SDs within 0.05 ms: what an input that reaches the
    network unchanged must give."""
    return ["%s at %s: %s, from WFDB %s" % (kind, label, got[kind], want[kind])
            for kind in scoring.KINDS
            if not (got[kind]["tp"] == want[kind]["tp"] and got[kind]["fp"] == want[kind]["fp"]
                    and abs(got[kind]["mean_ms"] - want[kind]["mean_ms"]) < 0.05
                    and abs(got[kind]["sd_ms"] - want[kind]["sd_ms"]) < 0.05)]


def resampled_input(summary, directory, records=(5, 10)):
    """Problems with records fed as CSV at 500 and 125 Hz, against `summary` of those records
    read from WFDB at 500 Hz."""
    got, _ = score_as_csv(records, directory, rate=500.0)
    problems = same_as_wfdb("500 Hz via CSV", got, summary)
    print_ok(records, "500 Hz", got)
    got, _ = score_as_csv(records, directory, rate=125.0)
    problems += keeps_every_beat("125 Hz", got, summary, 1.5)
    print_ok(records, "125 Hz", got)
    return problems


def scaled_input(summary, directory, scale, records=(5, 10)):
    """Problems with every lead multiplied by `scale`. A positive scale is a file at another gain
    or in other units (0.3 and 3: leads spanning 0.3 and 3 mV where LUDB's span 1 mV; 1000: the
    same in microvolts): the engine's amplitude normalisation (docs/signal.md section 2, step 3)
    must make it the same input to the network, so the same marks. -1 is reversed electrodes:
    MODEL_CARD promises every beat at a lower precision (within 5 ms of the SD as they are)."""
    got, first_row = score_as_csv(records, directory, scale=scale)
    # The CLI must read the scaled leads: check the file, not the model's response to it.
    want = read_record(records[0], directory).signals_mv[:, 0] * scale
    problems = [] if np.allclose(first_row, want, rtol=1e-5, atol=1e-5) else [
        "--scale %g: the CSV's first row %s is not the record's times %g" % (scale, first_row[:3],
                                                                             scale)]
    label = "scale %g" % scale
    if scale > 0:
        problems += same_as_wfdb(label, got, summary)
    else:
        problems += keeps_every_beat(label, got, summary, 5.0)
    print_ok(records, label, got)
    return problems


def beyond_limits(summary, limits, what):
    """Problems where `summary` (scoring.summarise) breaks `limits` (Se, PPV, SD, |mean|)."""
    problems = []
    for kind, limit in limits.items():
        s = summary[kind]
        if not s["se"] >= limit["se"]:
            problems.append("%s %s Se %.2f%% < %.1f%%" % (what, kind, s["se"], limit["se"]))
        if not s["ppv"] >= limit["ppv"]:
            problems.append("%s %s PPV %.2f%% < %.1f%%" % (what, kind, s["ppv"], limit["ppv"]))
        if not s["sd_ms"] <= limit["sd_ms"]:
            problems.append("%s %s SD %.2f ms > %.1f ms" % (what, kind, s["sd_ms"], limit["sd_ms"]))
        if not abs(s["mean_ms"]) <= limit["abs_mean_ms"]:
            problems.append("%s %s mean %+.2f ms beyond +-%.1f ms"
                            % (what, kind, s["mean_ms"], limit["abs_mean_ms"]))
    return problems


def global_qrs_problems(annotations, directory):
    """Problems with the beats' QRS across the leads on RECORDS (point 4 above)."""
    result = score_global(annotations, RECORDS, directory)
    print(format_global(result))
    problems = beyond_limits(result["summary"], GLOBAL_LIMITS, "beats across the leads:")
    d = np.asarray(result["duration_ms"])
    low, high = GLOBAL_DURATION_MEAN_MS
    if not (d.size > 50 and low <= d.mean() <= high and d.std(ddof=1) <= GLOBAL_DURATION_MAX_SD_MS):
        problems.append("beats' QRS duration against LUDB's: %+.2f +- %.2f ms over %d beats "
                        "(want a mean in [%g, %g] and SD <= %g)" % (
                            d.mean(), d.std(ddof=1), d.size, low, high, GLOBAL_DURATION_MAX_SD_MS))
    return problems


def issue2_record5_lead_ii(annotations, directory):
    doc = annotations["5"]
    fs = float(doc["fs"])
    lead = next(l for l in doc["leads"] if l["name"].lower() == "ii")
    ref = lead_reference(5, "ii", directory)
    problems = []
    for kind in ("onset", "offset"):
        detected = np.asarray([q[kind] for q in lead["qrs"]], dtype=float)
        for r in getattr(ref, kind + "s"):
            if np.isnan(r):
                continue
            gap_ms = np.min(np.abs(detected - r)) * 1000 / fs if detected.size else np.inf
            if gap_ms > 40:
                problems.append("%s at sample %d: nearest detection %.1f ms away" % (kind, r, gap_ms))
    return problems


def main():
    cli_path()
    model_path()
    directory = ludb_dir()
    annotations = run_cli(cli_path(), RECORDS, directory)
    failures = issue2_record5_lead_ii(annotations, directory)
    if not failures:
        print("ok   record 5 lead ii: every reference onset/offset has a detection within 40 ms")
    scores = score_records(annotations, RECORDS, directory)
    summary = scoring.summarise(list(scores.values()))
    print(scoring.format_table(summary))
    # The evaluation command's report: same summary, plus the breakdown and the worst cases.
    overall, text = report(scores, RECORDS)
    if overall != summary:
        failures.append("evaluate_engine.report's summary differs from scoring.summarise")
    for section in ("Where the error sits", "How far our marks follow", "| onset | ",
                    "Worst 8 records", "Worst 8 single leads"):
        if section not in text:
            failures.append("evaluate_engine.report lacks '%s'" % section)
    # Each lead keeps its own boundary: the per-lead part of our marks must move with the
    # reference's. Marks copied from one lead to all, or a consensus, would give no lead-part
    # spread and fail here.
    for kind, t in lead_tracking(scores).items():
        corr = t["lead"]["correlation"] if t["beats"] else float("nan")
        if not corr >= MIN_LEAD_CORRELATION:
            failures.append("%s: lead-part correlation with the reference %.2f < %.2f"
                            % (kind, corr, MIN_LEAD_CORRELATION))
    first_two = scoring.summarise([s for (r, _), s in scores.items() if r in (5, 10)])
    failures += resampled_input(first_two, directory)
    for scale in (-1.0, 0.3, 3.0, 1000.0):
        failures += scaled_input(first_two, directory, scale)
    failures += beyond_limits(summary, LIMITS, "each lead:")
    failures += global_qrs_problems(annotations, directory)
    return exit_status(failures, "accuracy through the CLI within limits on records %s" % RECORDS)


if __name__ == "__main__":
    sys.exit(main())
