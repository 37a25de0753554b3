"""Minimal LUDB reader for the Python tests (format 16 only, which is all LUDB uses).

Tests read LUDB in place from ECG_LUDB_DIR (default ../shared/data/ludb) and fail loudly when it
is missing, so a machine without the data cannot pass by skipping.
"""
import os
import sys

import numpy as np

SOURCE_DIR = os.environ.get("QRS_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def ludb_dir():
    path = os.environ.get("ECG_LUDB_DIR", os.path.join(SOURCE_DIR, "..", "shared", "data", "ludb"))
    if not os.path.isfile(os.path.join(path, "1.hea")):
        sys.exit("FAIL: LUDB not found at %s (set ECG_LUDB_DIR)" % path)
    return path


def read_ludb(record):
    """Returns (fs, {lead name: float32 mV array}) for LUDB record number `record`."""
    base = os.path.join(ludb_dir(), str(record))
    with open(base + ".hea") as f:
        lines = [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]
    name, n_sig, fs, n = lines[0].split()[:4]
    n_sig, fs, n = int(n_sig), float(fs), int(n)
    raw = np.fromfile(base + ".dat", dtype="<i2").reshape(n, n_sig)
    leads = {}
    for i, line in enumerate(lines[1:1 + n_sig]):
        fields = line.split()
        if fields[1] != "16":
            raise ValueError("%s.hea: format %s is not 16" % (base, fields[1]))
        gain_text = fields[2].split("/")[0]
        baseline = 0
        if "(" in gain_text:
            gain_text, rest = gain_text.split("(")
            baseline = int(rest.rstrip(")"))
        gain = float(gain_text)
        leads[fields[-1]] = ((raw[:, i].astype(np.float64) - baseline) / gain).astype(np.float32)
    return fs, leads
