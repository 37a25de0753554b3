"""training/postprocess.py (the Python twin used to choose post-processing on validation) finds
the same QRS events as the engine, given the engine's own probability curves.

The CLI prints each lead's curves (--probabilities, 4 decimals) and its events; the twin, with
its default options, must find the same number of events at the same positions (within 0.02
samples: the curves it gets are rounded), for the global beats on the mean curve and per lead
after the blend with the leads' conventions (src/annotate/lead_conventions.h). A default that
drifts apart on either side (threshold, refractory, mass-centre window, convention weight) fails
here, so what is picked in Python is what the engine applies. Besides LUDB records as they
are, a 30 s record made of three different ones (1, 77, 150 one after another) gives each lead a
habit that changes along the record, which the blend's 10 s context must follow the same way on
both sides. Two records have leads without samples over a stretch (NaN, as a WFDB invalid-sample
code or a segment without the lead gives them), which the engine silences: there the twin, given
the CLI's silenced spans, finds the beats on the mean of the leads with a say and judges a lone
complex by them (src/annotate/silence.h).
"""
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import ludb_dir, run_json  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import SOURCE_DIR, read_ludb  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training.evaluate_engine import write_csv  # noqa: E402
from training.postprocess import record_events  # noqa: E402

# 83 (atrial fibrillation, LBBB): its leads disagree on the wide QRS, so half its beats are found
# only at the beats' lower threshold (src/annotate/events.h kBeatThresholdShare). 24: leads i and
# aVR mark a lone complex at sample 4530 where no beat is (src/annotate/lone_complexes.h).
RECORDS = [1, 77, 150, 83, 24]
JOINED = [1, 77, 150]
# (record, leads without samples, from which sample to the end). 77: half the leads, from 2320,
# 12 samples into the beat at 2308 (which the gappy leads no longer see whole: src/annotate/
# events.h find_beats). 24: all but i, ii and aVR from 4000, so the lone complex i and aVR mark at
# 4530 is judged by three leads there, not twelve.
GAPPY = [(77, ["v1", "v2", "v3", "v4", "v5", "v6"], 2320),
         (24, ["iii", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6"], 4000)]
# Samples. The curves reach the twin rounded to 4 decimals, and the marks move smoothly with
# them (peaks.h: the mass-centre window's edge fades): five different weights stayed within
# 0.009 samples; a hard window edge had let one rounding move a mark by 0.25.
TOLERANCE = 0.02


def compare(label, python, engine, failures):
    ons, offs = python
    if ons.size != len(engine):
        failures.append("%s: Python finds %d events, the engine %d"
                        % (label, ons.size, len(engine)))
        return 0.0
    worst = 0.0
    for a, b, e in zip(ons, offs, engine):
        worst = max(worst, abs(a - e["onset"]), abs(b - e["offset"]))
    if worst > TOLERANCE:
        failures.append("%s: positions differ by up to %.3f samples" % (label, worst))
    return worst


def main():
    failures, worst, events = [], 0.0, 0
    tmp = tempfile.TemporaryDirectory()
    joined = os.path.join(tmp.name, "joined.csv")
    parts = [read_ludb(r) for r in JOINED]
    names = list(parts[0][1])
    write_csv(joined, parts[0][0], names,
              np.concatenate([np.stack([p[1][n] for n in names], axis=1) for p in parts]))
    inputs = [(str(r), os.path.join(ludb_dir(), "%d.hea" % r)) for r in RECORDS]
    inputs.append(("joined", joined))
    for record, missing, start in GAPPY:
        fs, leads = read_ludb(record)
        signals = np.stack([leads[n] for n in leads], axis=1)
        for i, name in enumerate(leads):
            if name in missing:
                signals[start:, i] = np.nan
        path = os.path.join(tmp.name, "gappy%d.csv" % record)
        write_csv(path, fs, list(leads), signals)
        inputs.append(("%d with %d leads missing" % (record, len(missing)), path))
    for record, path in inputs:
        out = run_json([path, "--probabilities"])
        fs = out["fs"]
        curves = [(np.asarray(lead["onsetProb"], dtype=np.float32),
                   np.asarray(lead["offsetProb"], dtype=np.float32)) for lead in out["leads"]]
        silenced = [[(s["start"], s["end"]) for s in lead["silenced"]] for lead in out["leads"]]
        blended, beats = record_events(curves, fs, silenced=silenced)
        worst = max(worst, compare("%s beats" % record, beats, out["beats"], failures))
        for lead, python in zip(out["leads"], blended):
            worst = max(worst, compare("%s/%s" % (record, lead["name"]), python, lead["qrs"],
                                       failures))
            events += len(lead["qrs"])
    if events < 100:
        failures.append("only %d events in %d records: the model or the CLI is broken"
                        % (events, len(RECORDS)))
    tmp.cleanup()
    print("postprocess twin: %d lead events in %d records, worst position difference %.4f samples"
          % (events, len(inputs), worst))
    return exit_status(failures, shown=20)


if __name__ == "__main__":
    sys.exit(main())
