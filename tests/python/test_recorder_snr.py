"""The Holter suite's SNR is the QRS's (training/recorder.qrs_signal_power): on LUDB's paced
record 74, whose pacemaker spikes are the tallest things around its QRS at 500 Hz, the signal
power must be what the QRS alone gives (the spikes lined out), not the 4-5 dB more the spikes
would add; on an unpaced record nothing is lined out. Measured 2 Dec: with the spikes counted,
record 74's leads II and V5 got noise 4.2 and 4.9 dB above the stated SNR.

Run: /usr/bin/python3 tests/python/test_recorder_snr.py (about a second)
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from failures import exit_status  # noqa: E402
from ludb_io import ludb_dir  # noqa: E402
from training import ludb, pacing, recorder  # noqa: E402


def main():
    failures = []
    directory = ludb_dir()
    for record, lead, least_db in ((74, "ii", 3.0), (74, "v5", 3.0)):
        rec = ludb.read_record(record, directory)
        x = rec.signals_mv[rec.leads.index(lead)].astype(np.float64)
        peaks = ludb.lead_reference(record, lead).peaks
        spikes = pacing.find_spike_candidates(x.astype(np.float32), rec.fs)
        if len(spikes) < 5:
            failures.append(f"record {record} {lead}: {len(spikes)} spike candidates, expected 5+")
            continue
        ours = recorder.qrs_signal_power(x, rec.fs, peaks)
        qrs_alone = recorder.peak_to_peak_power(
            pacing.remove_spikes(x, spikes).astype(np.float64), rec.fs, peaks)
        with_spikes = recorder.peak_to_peak_power(x, rec.fs, peaks)
        if not math.isclose(ours, qrs_alone, rel_tol=1e-9):
            failures.append(f"record {record} {lead}: S {ours:.5f}, the QRS alone gives "
                            f"{qrs_alone:.5f}")
        gap_db = 10 * math.log10(with_spikes / qrs_alone)
        if gap_db < least_db:
            failures.append(f"record {record} {lead}: the spikes add only {gap_db:.1f} dB; the "
                            "check no longer tells the two conventions apart")
    rec = ludb.read_record(1, directory)  # unpaced, no spike candidate in lead II
    x = rec.signals_mv[rec.leads.index("ii")].astype(np.float64)
    peaks = ludb.lead_reference(1, "ii").peaks
    if recorder.qrs_signal_power(x, rec.fs, peaks) != recorder.peak_to_peak_power(x, rec.fs,
                                                                                  peaks):
        failures.append("record 1 ii: an unpaced lead's S changed")
    if not failures:
        print("ok: the suite's SNR counts the QRS, not the pacemaker's spikes")
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
