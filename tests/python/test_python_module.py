"""The Python module (src/python/module.cpp, docs/python.md) gives what the CLI gives: for LUDB
records 5 and 45 (paced, read by the noise reader) annotate_file() returns the CLI's --json
document key for key, pacing spikes and paced beats included; a numpy array of the same samples
gives the same marks; probabilities come as float32 arrays equal to the CLI's (printed to four
decimals); two threads change nothing; bad input raises ValueError (or TypeError for an unknown
option) with a message that names the file or the option; what the core or a reader rejects is
qrs_annotator.AnnotationError, a ValueError.

Run: /usr/bin/python3 tests/python/test_python_module.py (a few seconds)
"""
import json
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_module  # noqa: E402,F401  (puts the built module on sys.path)
from cli_run import run_json  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import copy_with_a_wrong_checksum, ludb_dir  # noqa: E402

import qrs_annotator  # noqa: E402


def expect_error(failures, what, kind, pattern, call):
    try:
        call()
    except kind as e:
        if pattern not in str(e):
            failures.append(f"{what}: message {str(e)!r} lacks {pattern!r}")
        return
    except Exception as e:  # noqa: BLE001
        failures.append(f"{what}: {type(e).__name__} ({e}) instead of {kind.__name__}")
        return
    failures.append(f"{what}: accepted")


def check_beat_per_row_csv(failures, annotator, lead_ii, folder):
    """Kaggle's ECG Heartbeat Categorization layout (no header; a row per beat, 187 samples at
    125 Hz scaled to 0..1 and zero padded, the class last, as numpy's savetxt writes floats):
    here six 1 s windows of record 5's lead ii, every fourth sample. One document per row, as the
    CLI gives them, without the padding or the class; without a rate, the error says to give it."""
    at_125 = lead_ii[::4]
    rows = []
    for k in range(6):
        window = at_125[100 + 90 * k:][:125]
        window = (window - window.min()) / np.ptp(window)
        rows.append(np.concatenate([window, np.zeros(187 - 125), [k % 5]]))
    beats = os.path.join(folder, "beats.csv")
    np.savetxt(beats, np.array(rows), delimiter=",")
    expect_error(failures, "a beat-per-row CSV without a rate", qrs_annotator.AnnotationError,
                 "beats.csv: no sampling rate: its 6 rows of 187 samples",
                 lambda: annotator.annotate_file(beats))
    expect_error(failures, "a beat-per-row CSV without a rate", qrs_annotator.AnnotationError,
                 "give the rate (fs=500, say, to annotate_file or read_file; Kaggle's ECG Heartbeat "
                 "Categorization files, one beat per row, are at 125 Hz)",
                 lambda: annotator.annotate_file(beats))
    docs = annotator.annotate_file(beats, fs=125)
    if [d["record"] for d in docs] != [f"beats.csv[{k}]" for k in range(6)] or \
            any(d["length"] != 125 or len(d["leads"]) != 1 or d["fs"] != 125 for d in docs):
        failures.append("a beat-per-row CSV: " + str([(d["record"], d["length"]) for d in docs]))
    elif not any("column 188 holds whole numbers 0 to 4" in w for w in docs[0]["warnings"]):
        failures.append(f"a beat-per-row CSV: no class-label warning in {docs[0]['warnings']}")
    elif any(not d["beats"] for d in docs):  # record 5 beats about once a second
        failures.append(f"a beat-per-row CSV: {[len(d['beats']) for d in docs]} beats in 1 s windows")
    if docs != run_json([beats, "--fs", "125"]):
        failures.append("a beat-per-row CSV: the module's documents differ from the CLI's")


def main():
    failures = []
    directory = ludb_dir()
    annotator = qrs_annotator.Annotator()
    info = annotator.model_info
    if info["name"] != "qrs-unet-small" or info["noise_reader"] != "qrs-unet-wide-noisy":
        failures.append(f"default models: {info}")

    for record in ("5", "45"):
        header = os.path.join(directory, record + ".hea")
        ours = annotator.annotate_file(header)
        cli = run_json([header])
        if len(ours) != 1 or ours[0] != cli:
            failures.append(f"record {record}: the module's document differs from the CLI's")
    paced = annotator.annotate_file(os.path.join(directory, "45.hea"))[0]
    if len(paced["pacingSpikes"]) < 8 or sum(b.get("paced", False) for b in paced["beats"]) != 8:
        failures.append(f"record 45: {len(paced['pacingSpikes'])} spikes, "
                        f"{sum(b.get('paced', False) for b in paced['beats'])} paced beats (8)")
    if paced["readBy"] != "qrs-unet-wide-noisy":
        failures.append(f"record 45 read by {paced['readBy']}, not the noise reader")

    record = qrs_annotator.read_file(os.path.join(directory, "5.hea"))[0]
    samples = np.stack([lead["samples"] for lead in record["leads"]])
    names = [lead["name"] for lead in record["leads"]]
    if samples.shape != (12, 5000) or samples.dtype != np.float32 or record["fs"] != 500:
        failures.append(f"read_file: {samples.shape} {samples.dtype} at {record['fs']} Hz")
    from_file = annotator.annotate_file(os.path.join(directory, "5.hea"), probabilities=True)[0]
    from_array = annotator.annotate(samples, 500, record="5", lead_names=names,
                                    probabilities=True)
    from_lists = annotator.annotate([lead for lead in samples.astype(np.float64)], 500,
                                    record="5", lead_names=names)
    for label, doc in (("2-D array", from_array), ("list of float64 leads", from_lists)):
        if doc["beats"] != from_file["beats"] or [l["qrs"] for l in doc["leads"]] != \
                [l["qrs"] for l in from_file["leads"]]:
            failures.append(f"{label}: other marks than the file's")
    cli = run_json([os.path.join(directory, "5.hea"), "--probabilities"])
    for ours, theirs in zip(from_file["leads"], cli["leads"]):
        for key in ("onsetProb", "offsetProb"):
            curve = ours[key]
            if not isinstance(curve, np.ndarray) or curve.dtype != np.float32:
                failures.append(f"{key}: {type(curve).__name__}, not a float32 array")
                break
            gap = float(np.max(np.abs(curve - np.asarray(theirs[key]))))
            if gap > 5.1e-5:
                failures.append(f"lead {ours['name']} {key}: {gap:.2e} from the CLI's")
    threaded = qrs_annotator.Annotator(threads=2).annotate(samples, 500, record="5",
                                                           lead_names=names)
    if threaded["beats"] != from_array["beats"]:
        failures.append("threads=2: other beats")
    no_reader = qrs_annotator.Annotator(noise_model=False).annotate_file(
        os.path.join(directory, "45.hea"))[0]
    if no_reader["readBy"] != "qrs-unet-small":
        failures.append(f"noise_model=False: read by {no_reader['readBy']}")
    options = annotator.annotate(samples, 500, threshold=0.99)
    if len(options["beats"]) >= len(from_array["beats"]):
        failures.append("threshold=0.99 found as many beats as the default")

    # Every event option means what the CLI's flag of the same name means.
    header5 = os.path.join(directory, "5.hea")
    tuned = annotator.annotate_file(header5, min_qrs_ms=90, max_qrs_ms=200, refractory_ms=1500,
                                    centroid_ms=10, convention_weight=0)[0]
    if tuned != run_json([header5, "--min-qrs-ms", "90", "--max-qrs-ms", "200",
                          "--refractory-ms", "1500", "--centroid-ms", "10",
                          "--convention-weight", "0"]):
        failures.append("event options: the module's document differs from the CLI's")
    if len(tuned["beats"]) >= len(from_file["beats"]):
        failures.append("refractory_ms=1500 found as many beats as the default")

    # What the reader finds about the whole file reaches Python, as it reaches the CLI's JSON.
    with tempfile.TemporaryDirectory() as folder:
        damaged = copy_with_a_wrong_checksum(5, folder)
        for label, doc in (("annotate_file", annotator.annotate_file(damaged)[0]),
                           ("read_file", qrs_annotator.read_file(damaged)[0])):
            if not any("checksum mismatch" in w for w in doc["warnings"]):
                failures.append(f"{label}: no checksum warning in {doc['warnings']}")
        if annotator.annotate_file(damaged)[0] != run_json([damaged]):
            failures.append("a damaged file: the module's document differs from the CLI's")

    expect_error(failures, "fs 0", qrs_annotator.AnnotationError, "sampling rate",
                 lambda: annotator.annotate(samples, 0))
    overflow = np.array(samples, dtype=np.float32, copy=True)
    overflow[-1, 9] = np.inf
    expect_error(failures, "an infinite sample", qrs_annotator.AnnotationError,
                 "sample 9 is infinite", lambda: annotator.annotate(overflow, 500))
    expect_error(failures, "threshold 2", ValueError, "threshold must be > 0 and < 1",
                 lambda: annotator.annotate(samples, 500, threshold=2))
    expect_error(failures, "unknown option", TypeError, "thresold",
                 lambda: annotator.annotate(samples, 500, thresold=0.5))
    expect_error(failures, "min_qrs_ms 300", ValueError,
                 "max_qrs_ms (250) must be above min_qrs_ms (300)",
                 lambda: annotator.annotate(samples, 500, min_qrs_ms=300))
    expect_error(failures, "refractory_ms -1", ValueError, "refractory_ms must be >= 0",
                 lambda: annotator.annotate(samples, 500, refractory_ms=-1))
    expect_error(failures, "paced_onset", ValueError, "paced_onset",
                 lambda: annotator.annotate(samples, 500, paced_onset="qrs"))
    expect_error(failures, "a 3-D array", ValueError, "1-D array",
                 lambda: annotator.annotate(np.zeros((2, 2, 2)), 500))
    expect_error(failures, "missing file", qrs_annotator.AnnotationError, "nowhere.hea",
                 lambda: annotator.annotate_file("/nowhere.hea"))
    expect_error(failures, "missing model", qrs_annotator.AnnotationError, "nowhere.qrsm",
                 lambda: qrs_annotator.Annotator(model="/nowhere.qrsm"))
    with tempfile.TemporaryDirectory() as folder:  # the rate asked for in Python's terms
        rateless = os.path.join(folder, "rateless.csv")
        np.savetxt(rateless, samples[:2].T, delimiter=",", header="ii,v1", comments="")
        expect_error(failures, "a CSV without a rate", qrs_annotator.AnnotationError,
                     "rateless.csv: no sampling rate: the file has no time column and no '# fs=' "
                     "line; give the rate (fs=500, say, to annotate_file or read_file)",
                     lambda: annotator.annotate_file(rateless))
        if len(annotator.annotate_file(rateless, fs=500)[0]["leads"]) != 2:
            failures.append("a CSV with fs=500: not two leads")
        check_beat_per_row_csv(failures, annotator, samples[1], folder)
    broken = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"qrs-broken-{os.getpid()}.edf")
    with open(broken, "wb") as f:
        f.write(b"0       garbage")
    try:
        expect_error(failures, "broken EDF", qrs_annotator.AnnotationError,
                     os.path.basename(broken), lambda: annotator.annotate_file(broken))
    finally:
        os.remove(broken)
    if not failures:
        print("ok: the Python module gives the CLI's documents, arrays and errors")
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
