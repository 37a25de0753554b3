"""How much longer the QRS durations come out at low sampling rates (model_weights/MODEL_CARD.md,
"Low sampling rates"; the figures src/annotate/low_rate.cpp's warning quotes).

LUDB records 1-20 (all 12 leads) resampled from 500 Hz with scipy's resample_poly to each rate,
annotated by the Python module (build/native/python); for each rate the mean over the records of
(the mean of the beats' durationMs at that rate minus at 500 Hz), its SD, and the same for the
low-rate signal upsampled to the model's 250 Hz before annotating (where the marks would be
placed at the model's rate: the part of the lengthening that placing them there could undo).

    /usr/bin/python3 bench/low_rate_durations.py [--python build/native/python]
        [--rates 50,56,64,72,80,90,100]

Never part of the tests; about 10 s.
"""
import argparse
import os
import sys
from fractions import Fraction

import numpy as np
from scipy.signal import resample_poly

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, SOURCE_DIR)
from training.ludb import ludb_dir  # noqa: E402

MODEL_RATE = 250


def mean_duration(doc):
    return np.mean([b["durationMs"] for b in doc["beats"]]) if doc["beats"] else np.nan


def resampled(x, fs_in, fs_out):
    step = Fraction(fs_out, fs_in)
    return resample_poly(x, step.numerator, step.denominator, axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", default=os.path.join(SOURCE_DIR, "build", "native", "python"))
    parser.add_argument("--rates", default="50,56,64,72,80,90,100")
    args = parser.parse_args()
    sys.path.insert(0, args.python)
    import qrs_annotator

    annotator = qrs_annotator.Annotator()
    rates = [int(r) for r in args.rates.split(",")]
    at_rate = {fs: [] for fs in rates}
    at_model_rate = {fs: [] for fs in rates}
    for number in range(1, 21):
        record = qrs_annotator.read_file(os.path.join(ludb_dir(), f"{number}.hea"))[0]
        x = np.stack([lead["samples"] for lead in record["leads"]]).astype(np.float64)
        fs0 = int(record["fs"])
        base = mean_duration(annotator.annotate(x, fs0))
        for fs in rates:
            y = resampled(x, fs0, fs)
            at_rate[fs].append(mean_duration(annotator.annotate(y, fs)) - base)
            z = resampled(y, fs, MODEL_RATE)
            at_model_rate[fs].append(mean_duration(annotator.annotate(z, MODEL_RATE)) - base)
    print("rate | at that rate (ms) | upsampled to %d Hz first (ms)" % MODEL_RATE)
    for fs in rates:
        a, m = np.array(at_rate[fs]), np.array(at_model_rate[fs])
        print(f"{fs} Hz | {np.nanmean(a):+.1f} +- {np.nanstd(a):.1f} | "
              f"{np.nanmean(m):+.1f} +- {np.nanstd(m):.1f}")


if __name__ == "__main__":
    main()
