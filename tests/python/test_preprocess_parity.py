"""C++ src/signal/ vs training/preprocess.py on real LUDB leads (docs/signal.md).

The network must see at inference exactly what it saw in training: several LUDB leads, each
treated as if sampled at a range of rates (up- and downsampling, integer ratios, 257.3 Hz which
still gets C++ phase tables, and 257.31 Hz which has too many phases and takes the direct path),
must come out of both implementations within 1e-4 of each other. The C++ side runs through the
preprocess_run tool (tests/signal_tools), built with the rest of the tree.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ludb_io import SOURCE_DIR, read_ludb  # noqa: E402
from failures import exit_status  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training.preprocess import DEFAULT_SPEC, preprocess_lead, to_input_rate  # noqa: E402

TOLERANCE = 1e-4
RECORDS = {1: ["i", "v1"], 5: ["ii", "v5"], 77: ["iii", "avr"], 150: ["ii", "v3"]}
RATES_IN = [500.0, 360.0, 128.0, 1000.0, 2000.0, 100.0, 257.3, 257.31]
# Amplitude normalisation off (the older model files), on as the shipped model has it, on with a
# floor near LUDB's typical 0.86 mV peak-to-peak so that some leads hit the floor, and on with a
# context of two 1 s blocks each side, so each block of a 10 s lead has its own divisor.
SPECS = [dict(DEFAULT_SPEC, **s) for s in (
    {"baseline_window_s": 1.0, "scale": 1.0, "clip": 10.0},
    {"baseline_window_s": 0.6, "scale": 2.5, "clip": 3.0},
    {"baseline_window_s": 1.0, "amplitude_window_s": 2.0, "amplitude_floor": 0.05,
     "amplitude_context_s": 30.0, "scale": 0.86},
    {"baseline_window_s": 0.6, "amplitude_window_s": 0.7, "amplitude_floor": 0.8, "scale": 1.5},
    {"baseline_window_s": 1.0, "amplitude_window_s": 1.0, "amplitude_context_s": 2.0})]
SPEC_KEYS = ("baseline_window_s", "amplitude_window_s", "amplitude_floor", "amplitude_context_s",
             "scale", "clip")
FS_MODEL = 250.0


def tool_path():
    build = os.environ.get("QRS_BUILD_DIR", os.path.join(SOURCE_DIR, "build", "native"))
    path = os.path.join(build, "tools", "preprocess_run")
    if not os.access(path, os.X_OK):
        sys.exit("FAIL: %s not built (cmake --build <dir> --target preprocess_run)" % path)
    return path


def run_cpp(tool, args, x, tmp):
    src, dst = os.path.join(tmp, "in.f32"), os.path.join(tmp, "out.f32")
    np.asarray(x, dtype="<f4").tofile(src)
    subprocess.run([tool, args[0], src, dst] + [repr(a) for a in args[1:]], check=True)
    return np.fromfile(dst, dtype="<f4")


def leads_to_compare():
    """(record, lead, mV) for RECORDS, plus a 90 s lead (record 1's ii nine times) whose middle
    50 s is shrunk to 1 %: an electrode that came loose, where the amplitude context matters."""
    out = []
    for record, names in RECORDS.items():
        _, leads = read_ludb(record)
        out += [(record, name, leads[name]) for name in names]
    long_lead = np.tile(out[0][2], 9).astype(np.float32)
    long_lead[20 * 500:70 * 500] *= 0.01
    # Invalid samples at the start, in the middle (one, and a run) and at the end, bridged before
    # resampling (docs/signal.md section 0), and a lead with none valid.
    gaps = np.array(out[2][2], dtype=np.float32)
    gaps[:3] = np.nan
    gaps[1000] = np.nan
    gaps[2000:2400] = np.inf
    gaps[-7:] = np.nan
    return out + [(1, "ii x9, loose 20-70 s", long_lead), (5, "ii with invalid samples", gaps),
                  (5, "all invalid", np.full(800, np.nan, dtype=np.float32))]


def main():
    tool = tool_path()
    worst = 0.0
    failures = []
    cases = 0
    with tempfile.TemporaryDirectory() as tmp:
        for record, name, mv in leads_to_compare():
            for fs_in in RATES_IN:
                for spec in SPECS:
                    py = preprocess_lead(mv, fs_in, FS_MODEL, spec)
                    cpp = run_cpp(tool, ["preprocess", fs_in, FS_MODEL] +
                                  [spec[key] for key in SPEC_KEYS], mv, tmp)
                    cases += 1
                    if cpp.shape != py.shape:
                        failures.append("%s/%s @%g Hz: length C++ %d vs Python %d"
                                        % (record, name, fs_in, cpp.size, py.size))
                        continue
                    diff = float(np.max(np.abs(cpp.astype(np.float64) - py)))
                    worst = max(worst, diff)
                    if diff > TOLERANCE:
                        failures.append("%s/%s @%g Hz spec %s: max |C++ - Python| = %.3g"
                                        % (record, name, fs_in, spec, diff))
            # The way back: a model-rate curve mapped onto the input grid.
            curve = np.abs(np.sin(np.arange(2500) / 37.0)).astype(np.float32)
            for fs_out, n_out in [(500.0, 5000), (360.0, 3600), (128.0, 1280), (1000.0, 9999)]:
                py = to_input_rate(curve, FS_MODEL, n_out, fs_out)
                cpp = run_cpp(tool, ["to_input", FS_MODEL, n_out, fs_out], curve, tmp)
                cases += 1
                diff = float(np.max(np.abs(cpp.astype(np.float64) - py)))
                worst = max(worst, diff)
                if cpp.shape != py.shape or diff > 1e-6:
                    failures.append("to_input_rate -> %g Hz: max diff %.3g" % (fs_out, diff))
    print("preprocess parity: %d cases, worst max |C++ - Python| = %.3g (tolerance %g)"
          % (cases, worst, TOLERANCE))
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
