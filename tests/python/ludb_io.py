"""LUDB for the Python tests, through training/ludb.py (the one Python LUDB reader).

Tests read LUDB in place from ECG_LUDB_DIR (default ../shared/data/ludb) and fail loudly when it
is missing, so a machine without the data cannot pass by skipping.
"""
import os
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
