"""Shared helpers for the CLI tests: find ecg-annotate and the model, run it, fail loudly."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ludb_io import SOURCE_DIR, ludb_dir  # noqa: E402,F401


def cli_path():
    path = os.environ.get("QRS_CLI") or os.path.join(SOURCE_DIR, "build", "native", "src", "cli",
                                                     "ecg-annotate")
    if not os.access(path, os.X_OK):
        sys.exit("FAIL: ecg-annotate not found at %s (build it, or set QRS_CLI)" % path)
    return path


def model_path():
    path = os.environ.get("QRS_MODEL") or os.path.join(SOURCE_DIR, "model_weights", "qrs_unet.qrsm")
    if not os.path.isfile(path):
        sys.exit("FAIL: model %s missing (train and export it: see model_weights/MODEL_CARD.md)" % path)
    return path


def run(args, check_status=None):
    """Runs the CLI; returns (status, stdout, stderr)."""
    proc = subprocess.run([cli_path()] + [str(a) for a in args], capture_output=True, text=True)
    if check_status is not None and proc.returncode != check_status:
        raise AssertionError("ecg-annotate %s: exit %d (expected %d)\nstderr: %s"
                             % (" ".join(map(str, args)), proc.returncode, check_status, proc.stderr))
    return proc.returncode, proc.stdout, proc.stderr


def run_json(args):
    _, out, _ = run(list(args) + ["--json"], check_status=0)
    return json.loads(out)
