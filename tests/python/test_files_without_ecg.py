"""A file whose every channel is labelled as another kind of signal (a Sleep-EDF PSG: EEG, EOG,
respiration, EMG, temperature, an event marker; no ECG) is refused by the CLI and the Python module
with a message naming the file, its channels and their kinds, and saying how to annotate them all
the same (--all-channels, all_channels=True), which then reads every channel as a lead. Before, the
EEG and EOG were annotated as ECG leads ("16 beats, mean QRS duration 100 ms"), and the only
warning blamed the sampling rate. The file is made here: LUDB 5's lead ii stands in for the EEG,
so that annotating it anyway finds beats.
Run: /usr/bin/python3 tests/python/test_files_without_ecg.py."""
import os
import csv
import json
import shutil
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import run, run_json  # noqa: E402
from failures import run_test_functions  # noqa: E402
from ludb_io import read_ludb  # noqa: E402
import python_module  # noqa: E402,F401  (puts the built module on the path)
import qrs_annotator  # noqa: E402

TMP = tempfile.mkdtemp(prefix="qrs_without_ecg_")
PSG = os.path.join(TMP, "SC4001E0-PSG.edf")
SECONDS = 10
EXPECTED = (
    "SC4001E0-PSG.edf: no ECG channel: every channel is labelled as another kind of signal: "
    "EEG Fpz-Cz (EEG), EEG Pz-Oz (EEG), EOG horizontal (EOG), Resp oro-nasal (respiration), "
    "EMG submental (EMG), Temp rectal (temperature), Event marker (event/status); to annotate "
    "them all the same, read every channel as a lead (%s)")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def write_edf(path, signals):
    """An EDF of one-second data records; signals: (label, unit, rate, values in that unit)."""
    def field(text, width):
        return text.ljust(width)[:width]
    header = (field("0", 8) + field("X X X X", 80) + field("Startdate X X X X", 80) + "01.01.20"
              + "00.00.00" + field(str(256 * (len(signals) + 1)), 8) + field("", 44)
              + field(str(SECONDS), 8) + field("1", 8) + field(str(len(signals)), 4))
    per_signal = [[field(label, 16) for label, _, _, _ in signals],
                  [field("", 80)] * len(signals),
                  [field(unit, 8) for _, unit, _, _ in signals],
                  [field("-3276.8", 8)] * len(signals), [field("3276.7", 8)] * len(signals),
                  [field("-32768", 8)] * len(signals), [field("32767", 8)] * len(signals),
                  [field("", 80)] * len(signals),
                  [field(str(rate), 8) for _, _, rate, _ in signals],
                  [field("", 32)] * len(signals)]
    header += "".join("".join(column) for column in per_signal)
    digital = [np.clip(np.round(np.asarray(values) * 10), -32768, 32767).astype("<i2")
               for _, _, _, values in signals]
    with open(path, "wb") as f:
        f.write(header.encode("ascii"))
        for second in range(SECONDS):
            for (_, _, rate, _), d in zip(signals, digital):
                f.write(d[second * rate:(second + 1) * rate].tobytes())


def make_psg():
    fs, leads = read_ludb(5)
    step = int(fs) // 100
    ecg_uv = leads["ii"][:int(fs) * SECONDS:step] * 1000  # 100 Hz, in uV
    slow = np.zeros(SECONDS)
    write_edf(PSG, [("EEG Fpz-Cz", "uV", 100, ecg_uv), ("EEG Pz-Oz", "uV", 100, ecg_uv),
                    ("EOG horizontal", "uV", 100, ecg_uv), ("Resp oro-nasal", "", 1, slow),
                    ("EMG submental", "uV", 1, slow), ("Temp rectal", "DegC", 1, slow),
                    ("Event marker", "", 1, slow)])


def test_the_cli_refuses_it_and_reads_it_with_all_channels():
    status, out, err = run([PSG, "--json"])
    check(status == 1 and not out, "exit %d, stdout %r" % (status, out[:200]))
    check(err.strip() == "ecg-annotate: " + EXPECTED % "--all-channels on the command line",
          "stderr: %s" % err)
    doc = run_json([PSG, "--all-channels"])
    check([lead["name"] for lead in doc["leads"]] == ["EEG Fpz-Cz", "EEG Pz-Oz", "EOG horizontal"],
          "leads: %s" % [lead["name"] for lead in doc["leads"]])
    check(len(doc["beats"]) > 5, "beats: %d" % len(doc["beats"]))


def test_the_python_module_refuses_it_and_reads_it_with_all_channels():
    hint = "all_channels=True to read_file or annotate_file"
    for call in (lambda: qrs_annotator.read_file(PSG),
                 lambda: qrs_annotator.Annotator().annotate_file(PSG)):
        try:
            call()
            raise AssertionError("read")
        except qrs_annotator.AnnotationError as e:
            check(str(e) == EXPECTED % hint, "message: %s" % e)
    record = qrs_annotator.read_file(PSG, all_channels=True)[0]
    check([lead["name"] for lead in record["leads"]] == ["EEG Fpz-Cz", "EEG Pz-Oz", "EOG horizontal"],
          "leads: %s" % [lead["name"] for lead in record["leads"]])
    docs = qrs_annotator.Annotator().annotate_file(PSG, all_channels=True)
    check(len(docs) == 1 and len(docs[0]["leads"]) == 3, "annotate_file: %d records" % len(docs))


def run_batch(*flags):
    """qrs_batch on the PSG alone, one worker: (exit status, its summary row, the output folder)."""
    out = os.path.join(TMP, "batch" + "".join(flags))
    env = dict(os.environ, PYTHONPATH=python_module.python_dir())
    proc = subprocess.run([sys.executable, "-m", "qrs_batch", PSG, "--out", out, "--workers", "1",
                           *flags], capture_output=True, text=True, env=env, timeout=300)
    with open(os.path.join(out, "summary.csv")) as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 1, "summary rows: %s; stderr: %s" % (rows, proc.stderr[-500:]))
    return proc.returncode, rows[0], out


def test_the_batch_refuses_it_naming_its_own_flag_and_reads_it_with_all_channels():
    status, row, _ = run_batch()
    check(status == 1 and row["error"] == EXPECTED % "--all-channels to qrs_batch",
          "exit %d, error: %s" % (status, row["error"]))
    status, row, out = run_batch("--all-channels")
    check(status == 0 and not row["error"] and row["leads"] == "3" and int(row["beats"]) > 5,
          "exit %d, row: %s" % (status, row))
    with open(os.path.join(out, "SC4001E0-PSG.edf.json")) as f:
        doc = json.load(f)
    check([lead["name"] for lead in doc["leads"]] == ["EEG Fpz-Cz", "EEG Pz-Oz", "EOG horizontal"],
          "leads: %s" % [lead["name"] for lead in doc["leads"]])


if __name__ == "__main__":
    try:
        make_psg()
        status = run_test_functions(globals(), "files-without-ECG tests")
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(status)
