"""LUDB for the Python tests, through training/ludb.py (the one Python LUDB reader).

Tests read LUDB in place from ECG_LUDB_DIR (default ../shared/data/ludb) and fail loudly when it
is missing, so a machine without the data cannot pass by skipping.
"""
import os
import shutil
import sys

import numpy as np

SOURCE_DIR = os.environ.get("QRS_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, SOURCE_DIR)
from training.ludb import LudbError, read_record  # noqa: E402
from training.ludb import ludb_dir as _training_ludb_dir  # noqa: E402


def ludb_dir():
    try:
        return _training_ludb_dir()
    except LudbError as e:
        sys.exit("FAIL: %s" % e)


def read_ludb(record):
    """Returns (fs, {lead name: float32 mV array}) for LUDB record number `record`."""
    r = read_record(record, ludb_dir())
    return r.fs, {name: signal.astype(np.float32) for name, signal in zip(r.leads, r.signals_mv)}


def copy_with_a_wrong_checksum(record, folder):
    """A copy of LUDB `record` in `folder` whose header's checksum for the first lead is off by
    one: the WFDB reader warns about the file ("checksum mismatch ... the file may be damaged")
    and reads it. Returns the header's path."""
    source = os.path.join(ludb_dir(), "%s.hea" % record)
    shutil.copy(os.path.join(ludb_dir(), "%s.dat" % record), folder)
    with open(source) as f:
        lines = f.read().splitlines()
    fields = lines[1].split()
    fields[6] = str(int(fields[6]) + 1)
    lines[1] = " ".join(fields)
    path = os.path.join(folder, os.path.basename(source))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path
