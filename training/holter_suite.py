"""Holter-style regression suite: LUDB's test split as an ambulatory recorder would store it.

Each condition keeps two or three of a record's leads (II and V5, as MLII and a modified V5; or
II, V1 and V5, a three-channel recorder's usual choice), band-limits them as recorders do
(0.5-40 Hz monitoring, 0.05-100 Hz Holter), adds synthesised baseline wander, electrode motion or
muscle noise at a stated SNR (training/recorder.py: no external noise database is available, so
the noise is made in code; its definitions and the SNR convention are there), resamples them to
128, 250 or 360 Hz (scipy's polyphase filter, independent of the engine's resampler), writes
CSV and runs the CLI on it. Order as in a recorder: noise on the body's signal, the front end's
band limits, then sampling.

For every condition it reports, scored by the DESIGN.md protocol on the 500 Hz reference grid:
  - each present lead against its own LUDB annotation: Se, PPV, onset / offset mean +- SD (ms);
  - the shift from the clean 12-lead result on the same leads (the records as they are, through
    the same CLI): change of mean and SD;
  - each beat's QRS across the present leads (firstOnset / lastOffset) against LUDB's earliest
    onset / latest offset over those leads (every present lead marking it);
  - pacemaker spikes reported in records whose header mentions no pacing (should be none);
  - whether the condition meets issue 17's targets: onset SD within 2 ms and offset SD within
    3 ms of the clean result.

    /usr/bin/python3 -m training.holter_suite [--records 5,10,...] [--conditions NAME,...]
        [--seed 17] [--cli PATH] [--json-out FILE] [-- extra CLI options]

Noise is drawn from numpy's Generator seeded by (--seed, record, lead, condition), so a run is
reproducible. tests/python/test_holter_suite.py runs a few conditions with thresholds near the
figures this prints (model_weights/MODEL_CARD.md, "Holter-style recordings").
"""
import argparse
import json
import os
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from scipy.signal import resample_poly

from training import ludb, recorder, scoring
from training.evaluate_engine import default_cli, run_cli, score_records, write_csv
from training.global_qrs import score_global

TWO_LEADS = ("ii", "v5")
THREE_LEADS = ("ii", "v1", "v5")
ONE_LEAD = ("ii",)
# Onset SD and offset SD may move this much from the clean 12-lead result (issue 17's targets).
TARGET_ONSET_SD_SHIFT_MS = 2.0
TARGET_OFFSET_SD_SHIFT_MS = 3.0


@dataclass(frozen=True)
class Condition:
    name: str
    leads: tuple
    rate: float = 500.0
    band: tuple = (None, None)   # (high-pass Hz, low-pass Hz); None: not filtered
    noise: str = ""              # recorder.NOISE_KINDS key, or "" for none
    snr_db: float = 0.0


def _conditions():
    out = []
    for tag, leads in (("2", TWO_LEADS), ("3", THREE_LEADS)):
        out.append(Condition(f"{tag}-lead 500 Hz", leads))
        for rate in (128, 250, 360):
            out.append(Condition(f"{tag}-lead {rate} Hz", leads, rate))
        for rate in (128, 250):
            out.append(Condition(f"{tag}-lead {rate} Hz 0.5-40", leads, rate, (0.5, 40.0)))
        out.append(Condition(f"{tag}-lead 250 Hz 0.05-100", leads, 250, (0.05, 100.0)))
        for noise in recorder.NOISE_KINDS:
            for snr in (12, 6, 0):
                out.append(Condition(f"{tag}-lead 250 Hz 0.05-100 {noise} {snr} dB", leads, 250,
                                     (0.05, 100.0), noise, snr))
    return out


def _one_lead_conditions():
    """Lead II alone, as a one-channel recorder or a wearable stores it: not issue 17's two- and
    three-lead suite (CONDITIONS), but what the engine's one-lead rule (the two readers'
    agreement, src/annotate/lead_agreement.h) is judged on."""
    band = (0.05, 100.0)
    out = [Condition("1-lead 250 Hz 0.05-100", ONE_LEAD, 250, band)]
    for noise in ("motion", "muscle"):
        for snr in (12, 6, 0):
            out.append(Condition(f"1-lead 250 Hz 0.05-100 {noise} {snr} dB", ONE_LEAD, 250, band,
                                 noise, snr))
    return out


CONDITIONS = _conditions()
ONE_LEAD_CONDITIONS = _one_lead_conditions()
BY_NAME = {c.name: c for c in CONDITIONS + ONE_LEAD_CONDITIONS}


def paced_records(directory):
    """Records whose header comments mention pacing (or P-synchrony, a pacing mode)."""
    return {r for r in ludb.ALL_RECORDS if ludb.header_mentions(r, directory, ludb.PACING_WORDS)}


def _seed(seed, record, lead, condition):
    return [seed, record, zlib.crc32(f"{lead}/{condition}".encode())]


def recorded_leads(rec, condition, seed):
    """[samples, leads] of `rec`'s condition.leads as the recorder of `condition` stores them."""
    step = Fraction(condition.rate / rec.fs).limit_denominator(1000)
    columns = []
    for lead in condition.leads:
        x = rec.signals_mv[rec.leads.index(lead)].astype(np.float64)
        if condition.noise:
            rng = np.random.default_rng(_seed(seed, int(rec.name), lead, condition.name))
            peaks = ludb.lead_reference(int(rec.name), lead).peaks
            noise = recorder.NOISE_KINDS[condition.noise](x.size, rec.fs, rng)
            x = recorder.add_at_snr(x, noise, condition.snr_db,
                                    recorder.qrs_signal_power(x, rec.fs, peaks))
        low, high = condition.band
        if low or high:
            x = recorder.band_limit(x, rec.fs, low, high)
        if step != 1:
            x = resample_poly(x, step.numerator, step.denominator)
        columns.append(x)
    return np.stack(columns, axis=1)


def run_condition(condition, records, directory, cli, seed, extra_args=()):
    """The CLI's annotations of `records` under `condition` ({record name: JSON document})."""
    with tempfile.TemporaryDirectory() as tmp:
        for r in records:
            rec = ludb.read_record(r, directory)
            write_csv(os.path.join(tmp, f"{r}.csv"), condition.rate, list(condition.leads),
                      recorded_leads(rec, condition, seed))
        return run_cli(cli, records, tmp, suffix=".csv", extra_args=extra_args)


def _kind(summary, kind):
    k = summary[kind]
    return {"se": k["se"], "ppv": k["ppv"], "mean_ms": k["mean_ms"], "sd_ms": k["sd_ms"]}


def evaluate(condition, annotations, clean, records, directory, unpaced):
    """The figures of one condition (see the module docstring); `clean` is the clean 12-lead
    run's annotations."""
    leads = list(condition.leads)
    ours = scoring.summarise(list(score_records(annotations, records, directory, leads).values()))
    base = scoring.summarise(list(score_records(clean, records, directory, leads).values()))
    beats = score_global(annotations, records, directory, leads, len(leads))["summary"]
    result = {"condition": condition.name, "leads": leads, "rate": condition.rate,
              "band": list(condition.band), "noise": condition.noise, "snr_db": condition.snr_db}
    for kind in scoring.KINDS:
        result[kind] = _kind(ours, kind)
        result[f"clean_{kind}"] = _kind(base, kind)
        result[f"{kind}_mean_shift_ms"] = ours[kind]["mean_ms"] - base[kind]["mean_ms"]
        result[f"{kind}_sd_shift_ms"] = ours[kind]["sd_ms"] - base[kind]["sd_ms"]
        result[f"beat_{kind}"] = _kind(beats, kind)
    result["false_spikes"] = sum(len(annotations[str(r)].get("pacingSpikes", []))
                                 for r in records if r in unpaced)
    result["meets_targets"] = (result["onset_sd_shift_ms"] <= TARGET_ONSET_SD_SHIFT_MS
                               and result["offset_sd_shift_ms"] <= TARGET_OFFSET_SD_SHIFT_MS)
    return result


def format_results(results):
    lines = ["| condition | Se / PPV % (worst) | onset mean +- SD | offset mean +- SD | shift of "
             "onset mean / SD | shift of offset mean / SD | beat onset | beat offset | false "
             "spikes | targets |", "|" + "---|" * 10]
    for r in results:
        se = min(r[k][m] for k in scoring.KINDS for m in ("se", "ppv"))
        lines.append(
            f"| {r['condition']} | {se:.2f} | {r['onset']['mean_ms']:+.2f} +- "
            f"{r['onset']['sd_ms']:.2f} | {r['offset']['mean_ms']:+.2f} +- "
            f"{r['offset']['sd_ms']:.2f} | {r['onset_mean_shift_ms']:+.2f} / "
            f"{r['onset_sd_shift_ms']:+.2f} | {r['offset_mean_shift_ms']:+.2f} / "
            f"{r['offset_sd_shift_ms']:+.2f} | {r['beat_onset']['mean_ms']:+.2f} +- "
            f"{r['beat_onset']['sd_ms']:.2f} | {r['beat_offset']['mean_ms']:+.2f} +- "
            f"{r['beat_offset']['sd_ms']:.2f} | {r['false_spikes']} | "
            f"{'met' if r['meets_targets'] else 'NOT met'} |")
    return "\n".join(lines)


def run_suite(conditions, records, directory, cli, seed=17, extra_args=()):
    """Results of `conditions` (a list of Condition), each against the clean 12-lead run."""
    clean = run_cli(cli, records, directory, extra_args=extra_args)
    unpaced = set(records) - paced_records(directory)
    return [evaluate(c, run_condition(c, records, directory, cli, seed, extra_args), clean,
                     records, directory, unpaced) for c in conditions]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    own = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", help="comma-separated record numbers (default: test split)")
    parser.add_argument("--conditions", help="comma-separated condition names (default: all)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--cli", default=default_cli())
    parser.add_argument("--json-out")
    args = parser.parse_args(own)
    records = [int(r) for r in args.records.split(",")] if args.records else ludb.TEST_RECORDS
    try:
        conditions = ([BY_NAME[n.strip()] for n in args.conditions.split(",")]
                      if args.conditions else CONDITIONS)
    except KeyError as e:
        parser.error(f"--conditions: unknown condition {e}; known: {', '.join(BY_NAME)}")
    started = time.time()
    results = run_suite(conditions, records, ludb.ludb_dir(), args.cli, args.seed, extra)
    print(f"Holter-style suite on {len(records)} records ({'test split' if records == ludb.TEST_RECORDS else 'records ' + args.records}), "
          f"seed {args.seed}{', CLI options ' + ' '.join(extra) if extra else ''}; ms; shifts "
          "against the clean 12-lead result on the same leads; targets: onset SD within "
          f"{TARGET_ONSET_SD_SHIFT_MS:g} ms, offset SD within {TARGET_OFFSET_SD_SHIFT_MS:g} ms")
    print(format_results(results))
    print(f"\n{len(conditions)} conditions in {time.time() - started:.0f} s")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
