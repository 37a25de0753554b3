"""Accuracy through the shipped CLI on the whole LUDB test split (records 5, 10, ..., 200; never
used for training or choices), one CLI run with its defaults feeding every check:

1. The accuracy gate (tests/python/accuracy_gate.py): every lead scored against its own
   annotation file with training/scoring.py; Se and PPV within 0.1 %, mean and SD within 0.3 ms
   of the shipped model's figures, both ways. test_accuracy_degraded.py shows that a model one
   weight away, or the lead-habit blend turned off, fails this gate.
2. LUDB record 5, lead ii: every annotated QRS onset and offset has a detection of the same kind
   within 40 ms (issue 2: the page showed no usable markers on this lead).
3. Records 5 and 10 as a device at another rate would store them (evaluate_engine --rate: CSV,
   resampled by scipy): at 500 Hz the figures equal the WFDB run's; at 125 Hz every beat is
   still found and the SDs stay within 1.5 ms of the 500 Hz ones.
4. Each beat's QRS across the leads (firstOnset / lastOffset) against LUDB's earliest onset and
   latest offset over the leads (training/global_qrs.py): every beat found, the duration within
   about a millisecond of its measured bias (a beat spanning only the mean curves' boundaries,
   the typical lead's QRS, comes out about 28 ms short and fails; the blend off, 2 ms longer).
5. Records 5 and 10 at another gain or unit (evaluate_engine --scale: 0.3, 3, 1000) give the
   WFDB run's figures (the engine's amplitude normalisation); upside down (-1) every beat is
   still found.
"""
import tempfile
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from accuracy_gate import format_figures, gate_problems, score_test_split  # noqa: E402
from cli_run import SOURCE_DIR, cli_path, ludb_dir, model_path  # noqa: E402
from failures import exit_status  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training import scoring  # noqa: E402
from training.evaluate_engine import (report, run_cli, score_records,  # noqa: E402
                                      write_csv_inputs)
from training.global_qrs import format_global, score_global  # noqa: E402
from training.lead_tracking import lead_tracking  # noqa: E402
from training.ludb import TEST_RECORDS, lead_reference, read_record  # noqa: E402

RECORDS = TEST_RECORDS
# The beats' QRS across the leads, by
#   /usr/bin/python3 -m training.evaluate_engine
# (its last table), measured 2026-11-27 with the weights and defaults of accuracy_gate.SHIPPED:
# onset Se/PPV 100/100, +4.66 +- 7.52 ms; offset 100/100, -5.67 +- 9.02 ms; duration -10.43 +-
# 13.39 ms over 364 beats (LUDB's extreme over 12 leads carries each lead's jitter, so ours falls
# about 10 ms inside it; validation: -10.35 +- 13.04). With --convention-weight 0: duration
# -8.15 +- 14.55. Since issue 17 a paced beat's QRS starts at its pacemaker spike (--paced-onset
# spike, the default): onset +4.58 +- 7.23 ms, duration -10.35 +- 13.15 ms; the figures above
# are --paced-onset response's.
GLOBAL_LIMITS = {
    "onset": {"se": 99.5, "ppv": 99.5, "sd_ms": 8.0, "abs_mean_ms": 5.2},
    "offset": {"se": 99.5, "ppv": 99.5, "sd_ms": 9.5, "abs_mean_ms": 6.2},
}
GLOBAL_DURATION_MEAN_MS = (-11.5, -9.4)
GLOBAL_DURATION_MAX_SD_MS = 14.0
# training/lead_tracking.py's lead-part correlation, same command: onset 0.66, offset 0.73.
MIN_LEAD_CORRELATION = 0.6


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
    annotations, scores, summary = score_test_split(cli_path(), directory)
    print(scoring.format_table(summary))
    failures = ["accuracy gate: " + p for p in gate_problems(summary)]
    if not failures:
        print("ok   accuracy gate on the test split: " + format_figures(summary))
    problems = issue2_record5_lead_ii(annotations, directory)
    if not problems:
        print("ok   record 5 lead ii: every reference onset/offset has a detection within 40 ms")
    failures += problems
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
    failures += global_qrs_problems(annotations, directory)
    return exit_status(failures, "accuracy through the CLI within limits on the test split")


if __name__ == "__main__":
    sys.exit(main())
