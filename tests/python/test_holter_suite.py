"""Holter-style regression guard (issue 17, item 2): six conditions of training/holter_suite.py
on LUDB's 40 test records, each held near the figures the suite measured with the shipped model
and its noise reader (model_weights/MODEL_CARD.md, "A second reader for noisy records", "One
lead"; the full report is
`/usr/bin/python3 -m training.holter_suite`). The noise is seeded, so the figures move only when
the engine or the model does. Limits: SDs at most MARGIN_MS above the measured ones, means within
MARGIN_MS of them, Se and PPV at most 0.3 % below, and no pacemaker spike in an unpaced record.

The lead-habit blend with two or three leads (issue 17, item 3): the beats then come from the
mean of only those leads' curves, so a lead's slip moves the beat too. It must still help: in
three of the conditions the onset and offset SDs with the blend (the default) are lower than
with --convention-weight 0 (measured on the test split: 7.44 / 9.41 -> 7.17 / 8.65 ms three
leads at 360 Hz, 10.27 / 13.53 -> 8.29 / 11.03 two leads with electrode motion, 9.93 / 11.71 ->
8.60 / 10.70 three leads with muscle noise; on the 160 other records, where the choice was
made, the same direction in every noisy condition, MODEL_CARD.md).

Run: /usr/bin/python3 tests/python/test_holter_suite.py (about half a minute)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import cli_path  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import ludb_dir  # noqa: E402
from training import ludb  # noqa: E402
from training.holter_suite import BY_NAME, run_suite  # noqa: E402

MARGIN_MS = 0.3
MARGIN_PERCENT = 0.3
# condition -> measured (worst of Se/PPV %, onset mean, onset SD, offset mean, offset SD), ms.
# Measured 2 Dec (third session) with the shipped model and its noise reader, the wider one
# (qrs-unet-wide-noisy: sees pacemaker spikes, trained with the paced and ectopic records drawn
# three times as often, blended at --noise-convention-weight 0.8; MODEL_CARD.md, "A wider noise
# reader"); the noisy ones re-measured the same day once a pacemaker spike stopped counting as QRS
# amplitude in the suite's SNR (training/recorder.qrs_signal_power). The noisiest conditions are the
# ones the noise reader changes most: two leads with muscle noise at 0 dB, Se 73.85 %, 5.48 +- 30.95
# / -0.14 +- 35.58 ms without it, 98.36 %, 0.37 +- 8.30 / 0.31 +- 11.10 ms with the reader before it
# (qrs-unet-small-noisy); lead II alone, judged by the two readers' agreement, 70.11 %, 2.67 +-
# 37.84 / -1.99 +- 42.82 ms without it, 97.81 %, 1.80 +- 9.94 / 0.72 +- 11.47 ms with the reader
# before it.
MEASURED = {
    "2-lead 128 Hz 0.5-40": (100.00, -1.17, 6.39, +1.00, 7.91),
    "3-lead 360 Hz": (99.91, -0.06, 7.21, +0.37, 8.68),
    "2-lead 250 Hz 0.05-100 motion 12 dB": (99.59, +0.44, 7.32, -1.17, 10.71),
    "3-lead 250 Hz 0.05-100 muscle 12 dB": (99.54, -0.68, 8.43, -2.63, 10.65),
    "2-lead 250 Hz 0.05-100 muscle 0 dB": (99.59, +1.69, 8.14, -1.68, 10.62),
    "1-lead 250 Hz 0.05-100 muscle 0 dB": (98.90, +3.22, 9.81, -1.32, 11.12),
}


BLEND_CONDITIONS = ["3-lead 360 Hz", "2-lead 250 Hz 0.05-100 motion 12 dB",
                    "3-lead 250 Hz 0.05-100 muscle 12 dB"]


def main():
    results = run_suite([BY_NAME[name] for name in MEASURED], ludb.TEST_RECORDS, ludb_dir(),
                        cli_path())
    unblended = run_suite([BY_NAME[name] for name in BLEND_CONDITIONS], ludb.TEST_RECORDS,
                          ludb_dir(), cli_path(),
                          extra_args=["--convention-weight", "0", "--noise-convention-weight", "0"])
    failures = []
    by_name = {r["condition"]: r for r in results}
    for r in unblended:
        for kind in ("onset", "offset"):
            blended = by_name[r["condition"]][kind]["sd_ms"]
            if blended >= r[kind]["sd_ms"]:
                failures.append(f"{r['condition']}: {kind} SD {blended:.2f} ms with the lead-habit "
                                f"blend, {r[kind]['sd_ms']:.2f} ms without")
    for r in results:
        worst, on_mean, on_sd, off_mean, off_sd = MEASURED[r["condition"]]
        got = min(r[k][m] for k in ("onset", "offset") for m in ("se", "ppv"))
        label = r["condition"]
        if got < worst - MARGIN_PERCENT:
            failures.append(f"{label}: worst Se/PPV {got:.2f} % (measured {worst:.2f} %)")
        for kind, mean, sd in (("onset", on_mean, on_sd), ("offset", off_mean, off_sd)):
            k = r[kind]
            if k["sd_ms"] > sd + MARGIN_MS or abs(k["mean_ms"] - mean) > MARGIN_MS:
                failures.append(f"{label}: {kind} {k['mean_ms']:+.2f} +- {k['sd_ms']:.2f} ms "
                                f"(measured {mean:+.2f} +- {sd:.2f} ms)")
        if r["false_spikes"]:
            failures.append(f"{label}: {r['false_spikes']} pacemaker spikes in unpaced records")
    return exit_status(failures, "ok: " + "; ".join(
        f"{r['condition']}: {r['onset']['mean_ms']:+.2f} +- {r['onset']['sd_ms']:.2f} / "
        f"{r['offset']['mean_ms']:+.2f} +- {r['offset']['sd_ms']:.2f} ms" for r in results))


if __name__ == "__main__":
    sys.exit(main())
