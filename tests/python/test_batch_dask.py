"""qrs_batch (src/python/qrs_batch.py, docs/python.md) annotates a folder on two local Dask worker
processes: every file's JSON equals the CLI's --json document, summary.csv has one row per record
(LUDB 5, 45 with its 8 paced beats, 10 in a sub-folder), a broken file gets its error in the
summary without stopping the others (exit status 1), an archive's metadata table is skipped (a
CSV of samples with a damaged cell is not), the results (written inside the input
folder) are not inputs of a second run, a running cluster given by its scheduler's address does
the same work, a multi-segment record's segment headers are not annotated on their own, and an
ISHNE Holter .ecg is found by its magic (a WFDB annotation file named .ecg is not an input).

Run: /usr/bin/python3 tests/python/test_batch_dask.py (about ten seconds: workers start)
"""
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_module  # noqa: E402
from cli_run import run_json  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import ludb_dir  # noqa: E402

import qrs_batch  # noqa: E402


def main():
    failures = []
    directory = ludb_dir()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = os.path.join(tmp, "in")
        out = os.path.join(inputs, "results")  # inside the input folder: never read as input
        os.makedirs(os.path.join(inputs, "sub"))
        for record, folder in (("5", inputs), ("45", inputs), ("10", os.path.join(inputs, "sub"))):
            for ext in (".hea", ".dat"):  # a scratch copy: the batch reads a folder of its own
                shutil.copy(os.path.join(directory, record + ext), folder)
        with open(os.path.join(inputs, "broken.edf"), "wb") as f:
            f.write(b"0       not an EDF header")
        # An archive's metadata table beside its records (PTB-XL's): skipped, not failed. A CSV of
        # samples with one damaged cell: failed, in the summary.
        with open(os.path.join(inputs, "ptbxl_database.csv"), "w") as f:
            f.write("ecg_id,patient_id,age,sex,device,recording_date,report,filename_hr\n"
                    "1,15709.0,56.0,1,CS-12   E,1984-11-09 09:17:34,sinusrhythmus,records500/1_hr\n"
                    "2,13243.0,19.0,0,CS-12   E,1984-11-14 12:55:37,sinusbradykardie,records500/2_hr\n")
        with open(os.path.join(inputs, "damaged.csv"), "w") as f:
            f.write("# fs=500\nii\n" + "".join(f"{0.01 * (k % 50)}\n" for k in range(2000))
                    .replace("0.25\n", "O.25\n", 1))
        env = dict(os.environ, PYTHONPATH=python_module.python_dir())
        proc = subprocess.run([sys.executable, "-m", "qrs_batch", inputs, "--out", out,
                               "--workers", "2"], capture_output=True, text=True, env=env,
                              timeout=300)
        if proc.returncode != 1:
            failures.append(f"exit {proc.returncode} with a broken file (1 expected): "
                            f"{proc.stderr[-500:]}")
        with open(os.path.join(out, "summary.csv")) as f:
            rows = {r["file"]: r for r in csv.DictReader(f)}
        if sorted(rows) != ["45.hea", "5.hea", "broken.edf", "damaged.csv", "sub/10.hea"]:
            failures.append(f"summary rows: {sorted(rows)}")
        elif "skipped 1 file(s)" not in proc.stderr or "ptbxl_database.csv" not in proc.stderr:
            failures.append(f"the metadata table is not named as skipped: {proc.stderr[-500:]}")
        elif "damaged.csv" not in rows["damaged.csv"]["error"]:
            failures.append(f"damaged.csv: {rows['damaged.csv']}")
        elif "broken.edf" not in rows["broken.edf"]["error"] or rows["5.hea"]["error"]:
            failures.append(f"errors: {rows['broken.edf']['error']!r}, {rows['5.hea']['error']!r}")
        elif rows["45.hea"]["paced_beats"] != "8" or rows["45.hea"]["beats"] != "10":
            failures.append(f"record 45: {rows['45.hea']}")
        else:
            # LUDB records last 10 s; the rate is 60 s over the median beat-to-beat interval.
            doc5 = run_json([os.path.join(directory, "5.hea")])
            onsets = [b["onset"] for b in doc5["beats"]]
            expected = 60 * 500 / statistics.median(b - a for a, b in zip(onsets, onsets[1:]))
            row = rows["5.hea"]
            if row["duration_s"] != "10.0" or abs(float(row["heart_rate_bpm"]) - expected) > 0.06:
                failures.append(f"record 5: {row['duration_s']} s, {row['heart_rate_bpm']} bpm "
                                f"({expected:.2f} expected)")
            if not 40 < expected < 150:
                failures.append(f"record 5: a rate of {expected:.1f} bpm")
        for name, source in (("5.hea", "5.hea"), ("45.hea", "45.hea"), ("sub/10.hea", "10.hea")):
            path = os.path.join(out, name + ".json")
            if not os.path.isfile(path):
                failures.append(f"{name}: no {path}")
                continue
            with open(path) as f:
                if json.load(f) != run_json([os.path.join(directory, source)]):
                    failures.append(f"{name}: the batch's JSON differs from the CLI's")

        again = [name for _, name, _ in qrs_batch.find_inputs([inputs], out)]
        if again != ["45.hea", "5.hea", "broken.edf", "damaged.csv", "ptbxl_database.csv", "sub/10.hea"]:
            failures.append(f"a second run would read {again}")

        # Two sites' folders (or files) holding records of the same name: each its own result,
        # named from the folder holding both; a file named twice is read once.
        for site in ("siteA", "siteB"):
            os.makedirs(os.path.join(tmp, "sites", site))
            for ext in (".hea", ".dat"):
                open(os.path.join(tmp, "sites", site, "100" + ext), "w").close()
        sites = [os.path.join(tmp, "sites", s) for s in ("siteA", "siteB")]
        for given in (sites, [os.path.join(s, "100.hea") for s in sites] * 2):
            names = [name for _, name, _ in qrs_batch.find_inputs(given)]
            if names != ["siteA/100.hea", "siteB/100.hea"]:
                failures.append(f"two sites' 100.hea given as {given} are named {names}")
        one = [name for _, name, _ in qrs_batch.find_inputs([os.path.join(sites[0], "100.hea")])]
        if one != ["100.hea"]:
            failures.append(f"one file alone is named {one}")

        # A running cluster, as on several machines: its scheduler's address instead of --workers.
        from dask.distributed import LocalCluster
        os.environ["PYTHONPATH"] = python_module.python_dir()  # what the cluster's workers import
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            # with event options, which mean what the CLI's flags of the same name mean
            remote = os.path.join(tmp, "remote")
            flags = ["--refractory-ms", "1500", "--min-qrs-ms", "90", "--paced-onset", "response"]
            proc = subprocess.run([sys.executable, "-m", "qrs_batch",
                                   os.path.join(inputs, "sub", "10.hea"), "--out", remote,
                                   "--scheduler", cluster.scheduler_address] + flags,
                                  capture_output=True, text=True, env=env, timeout=300)
            if proc.returncode != 0 or not os.path.isfile(os.path.join(remote, "10.hea.json")):
                failures.append(f"--scheduler: exit {proc.returncode}: {proc.stderr[-500:]}")
            else:
                with open(os.path.join(remote, "10.hea.json")) as f:
                    ours = json.load(f)
                if ours != run_json([os.path.join(directory, "10.hea")] + flags):
                    failures.append("--scheduler with event flags: the JSON differs from the CLI's")
                if ours == run_json([os.path.join(directory, "10.hea")]):
                    failures.append("the event flags changed nothing")

        # A wrong option is refused before any work, with the range and the flags the CLI gives.
        refused = os.path.join(tmp, "refused")
        proc = subprocess.run([sys.executable, "-m", "qrs_batch", inputs, "--out", refused,
                               "--min-qrs-ms", "300"], capture_output=True, text=True, env=env,
                              timeout=60)
        if proc.returncode != 2 or "--max-qrs-ms (250) must be above --min-qrs-ms (300)" not in \
                proc.stderr or os.path.exists(refused):
            failures.append(f"--min-qrs-ms 300: exit {proc.returncode}, {proc.stderr[-300:]!r}")

        # A multi-segment record: its segment headers are read through it, not on their own.
        layout = os.path.join(tmp, "layout")
        os.makedirs(layout)
        with open(os.path.join(layout, "multi.hea"), "w") as f:
            f.write("multi/2 1 500 1000\nseg1 500\nseg2 500\n")
        for seg in ("seg1", "seg2", "other"):
            with open(os.path.join(layout, seg + ".hea"), "w") as f:
                f.write(f"{seg} 1 500 500\n{seg}.dat 16 200 16 0 0 0 0 ii\n")
        # An ISHNE Holter .ecg is an input, told by its magic; a record's WFDB annotation file
        # named .ecg is not.
        with open(os.path.join(layout, "holter.ecg"), "wb") as f:
            f.write(b"ISHNE1.0" + bytes(600))
        with open(os.path.join(layout, "other.ecg"), "wb") as f:
            f.write(bytes([0x0a, 0x04, 0, 0]))
        found = [name for _, name, _ in qrs_batch.find_inputs([layout])]
        if found != ["holter.ecg", "multi.hea", "other.hea"]:
            failures.append(f"multi-segment folder with an ISHNE file: {found}")
    if not failures:
        print("ok: qrs_batch on two Dask workers gives the CLI's documents and a summary")
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
