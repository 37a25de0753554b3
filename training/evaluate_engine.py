"""Accuracy of the shipped engine, end to end, on the LUDB test split (issue 3, item 4).

One command runs the real CLI (ecg-annotate --json: C++ readers, preprocessing, network,
post-processing) on the 40 LUDB test records (5, 10, ..., 200), scores every lead against its
own annotation file with training/scoring.py (the DESIGN.md protocol) and prints Se, PPV, mean
and SD (ms) for onset and offset, how far they could move with another draw of records
(training/record_bootstrap.py), where that error sits (training/error_breakdown.py), how far
the marks follow each lead's own convention (training/lead_tracking.py), then the worst leads
and records so regressions can be traced.

    /usr/bin/python3 -m training.evaluate_engine [--cli build/native/src/cli/ecg-annotate]
        [--model model_weights/qrs_unet.qrsm] [--backend auto] [--threshold P]
        [--convention-weight W] [--paced-onset spike|response] [--no-pacing]
        [--records 5,10,...] [--rate HZ] [--scale K] [--json-out summary.json]

--rate HZ feeds the CLI each record as a device recording at HZ would store it: the 12 leads
resampled from LUDB's 500 Hz by scipy's polyphase filter (independent of the engine's own
resampler), written as CSV with the rate in a comment line; detections are scored against the
same 500 Hz references, so the figures compare across rates. --scale K multiplies every lead
by K before it is written: -1 turns the leads upside down (reversed electrodes), 3 gives each
LUDB lead a 3 mV range instead of its 1 mV (see MODEL_CARD: LUDB's millivolts are normalised).

Exit status 0 when every record was annotated and scored; 1 otherwise.
"""
import argparse
import contextlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

import numpy as np

from training import scoring
from training.error_breakdown import TAIL_MS, error_breakdown, format_breakdown
from training.global_qrs import MIN_LEADS as GLOBAL_MIN_LEADS, format_global, score_global
from training.lead_tracking import MIN_LEADS, format_tracking, lead_tracking
from training.record_bootstrap import RESAMPLES, format_bootstrap, record_bootstrap
from training.ludb import LEADS, TEST_RECORDS, lead_reference, ludb_dir, read_header, read_record

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_cli():
    if os.environ.get("QRS_CLI"):
        return os.environ["QRS_CLI"]
    return os.path.join(SOURCE_DIR, "build", "native", "src", "cli", "ecg-annotate")


def run_cli(cli, records, directory, model=None, backend=None, threshold=None, suffix=".hea",
            convention_weight=None, extra_args=()):
    """All records (files <directory>/<record><suffix>) in one CLI run; returns {record name:
    annotation dict}. None for an option keeps the CLI's default; extra_args go to the CLI as
    they are (e.g. --paced-onset response)."""
    cmd = [cli, "--json"] + [os.path.join(directory, f"{r}{suffix}") for r in records]
    if model:
        cmd += ["--model", model]
    if backend:
        cmd += ["--backend", backend]
    if threshold is not None:
        cmd += ["--threshold", repr(threshold)]
    if convention_weight is not None:
        cmd += ["--convention-weight", repr(convention_weight)]
    cmd += list(extra_args)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{os.path.basename(cli)} exited with {proc.returncode}:\n{proc.stderr}")
    doc = json.loads(proc.stdout)
    docs = doc if isinstance(doc, list) else [doc]
    return {d["record"]: d for d in docs}


def write_csv(path, fs, names, leads):
    """A CSV the CLI reads: a '# fs=' comment line, the lead names, then one row per sample of
    `leads` ([samples, leads], mV, five decimals)."""
    with open(path, "w") as f:
        f.write(f"# fs={fs:g}\n{','.join(names)}\n")
        np.savetxt(f, leads, fmt="%.5f", delimiter=",")


def write_csv_inputs(records, directory, out_dir, rate=None, scale=1.0):
    """<out_dir>/<record>.csv: the record's leads resampled to `rate` Hz (None: the record's own
    rate) and multiplied by `scale` (see --rate and --scale in the docstring)."""
    from scipy.signal import resample_poly  # only these options need scipy
    for record in records:
        rec = read_record(record, directory)
        rate_out = rec.fs if rate is None else rate
        step = Fraction(rate_out / rec.fs).limit_denominator(1000)
        if abs(float(step) * rec.fs - rate_out) > 1e-9 * rate_out:
            raise ValueError(f"--rate {rate_out:g}: not a ratio of {rec.fs:g} Hz with a "
                             "denominator up to 1000 (use a whole number of Hz)")
        leads = np.stack([resample_poly(x, step.numerator, step.denominator) if step != 1 else x
                          for x in rec.signals_mv], axis=1)
        write_csv(os.path.join(out_dir, f"{record}.csv"), rate_out, rec.leads, leads * scale)


def pacing_args(args):
    """The CLI options for --paced-onset and --no-pacing as given."""
    return ((["--paced-onset", args.paced_onset] if args.paced_onset else [])
            + (["--no-pacing"] if args.no_pacing else []))


def score_records(annotations, records, directory, leads=LEADS):
    """{(record, lead): LeadScore} for each of `leads` (all 12 by default), each against its own
    annotation file. Detections at another rate than the reference (--rate) are moved onto the
    reference's sample grid first."""
    scores = {}
    for record in records:
        doc = annotations.get(str(record))
        if doc is None:
            raise RuntimeError(f"record {record}: missing from the CLI output")
        reference_fs = read_header(os.path.join(directory, f"{record}.hea"))[0]
        to_reference = reference_fs / float(doc["fs"])
        by_name = {lead["name"].lower(): lead for lead in doc["leads"]}
        for lead_name in leads:
            if lead_name not in by_name:
                raise RuntimeError(f"record {record}: CLI output has no lead '{lead_name}'")
            qrs = by_name[lead_name]["qrs"]
            ref = lead_reference(record, lead_name, directory)
            scores[(record, lead_name)] = scoring.score_lead(
                ref, [q["onset"] * to_reference for q in qrs],
                [q["offset"] * to_reference for q in qrs], reference_fs)
    return scores


def _f1(summary):
    """Mean over kinds of the F1 of Se and PPV (percent); low = many misses or false alarms."""
    vals = []
    for kind in scoring.KINDS:
        se, ppv = summary[kind]["se"], summary[kind]["ppv"]
        vals.append(0.0 if not (se + ppv) or math.isnan(se + ppv) else 2 * se * ppv / (se + ppv))
    return sum(vals) / len(vals)


def _row(label, s):
    cells = [label]
    for kind in scoring.KINDS:
        k = s[kind]
        cells += [f"{k['se']:.1f}", f"{k['ppv']:.1f}", f"{k['mean_ms']:+.1f}", f"{k['sd_ms']:.1f}",
                  f"{k['fn']}", f"{k['fp']}"]
    return "| " + " | ".join(cells) + " |"


def _header(first):
    cols = [first] + [f"{kind} {c}" for kind in scoring.KINDS
                      for c in ("Se", "PPV", "mean", "SD", "FN", "FP")]
    return "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols)


def report(scores, records, worst=8, which=None):
    """(overall summary, the printed report); `which` names the records in its first line."""
    overall = scoring.summarise(list(scores.values()))
    if which is None:
        which = "test split" if sorted(records) == sorted(TEST_RECORDS) else "records " + ",".join(
            str(r) for r in records)
    lines = [f"LUDB {which}: {len(records)} records, {len(scores)} leads scored "
             "(+-150 ms, DESIGN.md protocol)", "", scoring.format_table(overall), ""]
    lines += ["95 % intervals of these figures over another draw of as many records "
              f"({RESAMPLES:,} bootstrap resamples of whole records; training/record_bootstrap.py):",
              format_bootstrap(record_bootstrap(scores)), ""]
    lines += ["Where the error sits (SD in ms of the record means, of each lead's mean within its "
              f"record, of the beats within a lead; pairs more than {TAIL_MS:.0f} ms from the mean):",
              format_breakdown(error_breakdown(scores)), ""]
    lines += ["How far our marks follow the reference's lead-to-lead differences (beats marked in at "
              f"least {MIN_LEADS} leads; SD in ms; slope 1 = each lead's convention followed):",
              format_tracking(lead_tracking(scores)), ""]
    lines += ["Per lead name (all these records):", _header("lead")]
    for lead_name in LEADS:
        lines.append(_row(lead_name, scoring.summarise(
            [s for (r, l), s in scores.items() if l == lead_name])))
    per_record = {r: scoring.summarise([s for (rr, l), s in scores.items() if rr == r])
                  for r in records}
    lines += ["", f"Worst {worst} records (lowest mean F1 of Se/PPV, then largest SD):",
              _header("record")]
    ranked = sorted(records, key=lambda r: (_f1(per_record[r]),
                                            -max(per_record[r]["onset"]["sd_ms"],
                                                 per_record[r]["offset"]["sd_ms"])))
    lines += [_row(str(r), per_record[r]) for r in ranked[:worst]]
    per_lead = {key: scoring.summarise([s]) for key, s in scores.items()}
    lines += ["", f"Worst {worst} single leads (lowest mean F1, then largest |mean error|):",
              _header("record/lead")]
    ranked_leads = sorted(per_lead, key=lambda k: (
        _f1(per_lead[k]), -max(abs(per_lead[k][kind]["mean_ms"]) if not math.isnan(
            per_lead[k][kind]["mean_ms"]) else 1e9 for kind in scoring.KINDS)))
    lines += [_row(f"{r}/{l}", per_lead[(r, l)]) for r, l in ranked_leads[:worst]]
    return overall, "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", default=default_cli(), help="ecg-annotate binary")
    parser.add_argument("--model", help="model file (default: the CLI's default)")
    parser.add_argument("--backend", choices=["auto", "xnnpack", "builtin"])
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--convention-weight", type=float,
                        help="the CLI's --convention-weight (0: every lead's own marks)")
    parser.add_argument("--paced-onset", choices=["spike", "response"],
                        help="the CLI's --paced-onset (where a paced QRS starts)")
    parser.add_argument("--no-pacing", action="store_true",
                        help="the CLI's --no-pacing (no pacemaker spike search)")
    parser.add_argument("--records", help="comma-separated record numbers (default: test split)")
    parser.add_argument("--ludb", help="LUDB directory (default: $ECG_LUDB_DIR)")
    parser.add_argument("--rate", type=float,
                        help="feed the records resampled to this rate, Hz (as CSV; see above)")
    parser.add_argument("--scale", type=float,
                        help="multiply every lead by this (-1: upside down; as CSV; see above)")
    parser.add_argument("--json-out", help="also write the overall summary as JSON here")
    args = parser.parse_args(argv)
    if args.rate is not None and not args.rate > 0:
        parser.error(f"--rate must be a positive sampling rate in Hz (got {args.rate:g})")
    if args.scale is not None and not (math.isfinite(args.scale) and args.scale != 0):
        parser.error(f"--scale must be a finite factor other than 0 (got {args.scale:g})")

    if not os.access(args.cli, os.X_OK):
        print(f"evaluate_engine: {args.cli}: not an executable (build ecg-annotate or pass --cli)",
              file=sys.stderr)
        return 1
    directory = args.ludb or ludb_dir()
    records = [int(r) for r in args.records.split(",")] if args.records else TEST_RECORDS
    try:
        # The CLI reads LUDB in place, or the altered copies in a directory made for them.
        altered = args.rate is not None or args.scale is not None
        inputs = tempfile.TemporaryDirectory() if altered else contextlib.nullcontext(directory)
        with inputs as input_dir:
            if altered:
                write_csv_inputs(records, directory, input_dir, args.rate,
                                 1.0 if args.scale is None else args.scale)
            started = time.time()
            annotations = run_cli(args.cli, records, input_dir, args.model, args.backend,
                                  args.threshold, ".csv" if altered else ".hea",
                                  args.convention_weight, pacing_args(args))
            cli_seconds = time.time() - started
        scores = score_records(annotations, records, directory)
        global_qrs = score_global(annotations, records, directory)
    except (RuntimeError, ValueError) as e:
        print(f"evaluate_engine: {e}", file=sys.stderr)
        return 1
    overall, text = report(scores, records)
    if args.rate:
        print(f"Input: the records resampled to {args.rate:g} Hz (CSV)")
    if args.scale is not None:
        print(f"Input: every lead multiplied by {args.scale:g} (CSV)")
    print(text)
    print("\nEach beat's QRS across the leads (firstOnset / lastOffset) against LUDB's: the earliest "
          f"lead onset and the latest lead offset, where at least {GLOBAL_MIN_LEADS} leads mark "
          "them (training/global_qrs.py):")
    print(format_global(global_qrs))
    print(f"\nCLI time for {len(records)} records: {cli_seconds:.1f} s")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({**overall, "global_qrs": global_qrs["summary"]}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
