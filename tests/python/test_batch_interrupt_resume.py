"""qrs_batch (src/python/qrs_batch.py, qrs_batch_resume.py; docs/python.md) stopped and resumed,
and on a cluster whose workers run elsewhere:
- Ctrl+C (SIGINT to the whole process group, as a terminal sends it) stops it with exit status
  130, a short message and no traceback, and a summary.csv with a row for each file done;
- --resume keeps the results already there (not rewritten), annotates the rest, and its summary
  covers every file, the kept ones' rows rebuilt from their JSON equal to a full run's; an input
  newer than its result is annotated again; other settings than the earlier run's are refused;
- relative input paths reach a scheduler's workers that run in another folder;
- a file in a searched folder of no kind read (a .mat without its WFDB header) is named on stderr,
  a header's own companions (.dat, a .mat it names, 100.atr) are not.

Run: /usr/bin/python3 tests/python/test_batch_interrupt_resume.py (about a minute)
"""
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_module  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import ludb_dir, read_ludb  # noqa: E402

import qrs_batch  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=python_module.python_dir())


def batch(args, cwd=None):
    return subprocess.run([sys.executable, "-m", "qrs_batch"] + args, capture_output=True,
                          text=True, env=ENV, timeout=600, cwd=cwd)


def summary(out):
    with open(os.path.join(out, "summary.csv")) as f:
        return {r["file"]: r for r in csv.DictReader(f)}


def interrupt_after(args, files_done):
    """Runs qrs_batch in a process group of its own and sends the group SIGINT, as Ctrl+C in a
    terminal does, once `files_done` files are done; returns (exit status, stderr)."""
    proc = subprocess.Popen([sys.executable, "-m", "qrs_batch"] + args, stderr=subprocess.PIPE,
                            text=True, env=ENV, start_new_session=True)
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if f" {files_done}/" in line:
            os.killpg(proc.pid, signal.SIGINT)
            break
    seen.append(proc.stderr.read())
    proc.wait(timeout=120)
    return proc.returncode, "".join(seen)


def check_interrupt_and_resume(failures, tmp):
    fs, leads = read_ludb(5)
    two = np.stack([leads["i"], leads["ii"]])
    folder = os.path.join(tmp, "long")
    os.makedirs(folder)
    for k in range(8):  # 5 min of two leads each: long enough to be stopped part way
        np.save(os.path.join(folder, f"r{k}.npy"), np.roll(np.tile(two, (1, 30)), 37 * k, axis=1))
    out = os.path.join(tmp, "out")
    args = [folder, "--out", out, "--workers", "1", "--fs", str(fs)]
    status, stderr = interrupt_after(args, 2)
    results = sorted(n for n in os.listdir(out) if n.endswith(".npy.json"))
    if status != 130 or "Traceback" in stderr or "interrupted after" not in stderr or \
            "--resume" not in stderr:
        failures.append(f"Ctrl+C: exit {status}, stderr {stderr[-1500:]!r}")
        return
    rows = summary(out)
    # (a file a worker was annotating when stopped may have its result too: written whole)
    if not rows or not {f + ".json" for f in rows} <= set(results) or len(rows) == 8:
        failures.append(f"Ctrl+C: summary rows {sorted(rows)}, results {results}")
    times = {n: os.path.getmtime(os.path.join(out, n)) for n in results}
    time.sleep(1.1)  # modification times a second apart at least
    # the last input copied in again after its result was written: annotated again
    os.utime(os.path.join(folder, "r0.npy"))
    proc = batch(args + ["--resume"])
    rows = summary(out)
    again = {n for n in times if os.path.getmtime(os.path.join(out, n)) != times[n]}
    expected_again = {"r0.npy.json"} & set(times)
    if proc.returncode != 0 or sorted(rows) != [f"r{k}.npy" for k in range(8)]:
        failures.append(f"--resume: exit {proc.returncode}, rows {sorted(rows)}: {proc.stderr[-800:]}")
    elif again != expected_again:
        failures.append(f"--resume rewrote {sorted(again)} (only {sorted(expected_again)}: newer input)")
    elif f"{len(times) - len(expected_again)} of 8 files already have their result" not in proc.stderr:
        failures.append(f"--resume does not say what it kept: {proc.stderr[-500:]}")
    full = os.path.join(tmp, "full")
    proc = batch([folder, "--out", full, "--workers", "2", "--fs", str(fs)])
    if summary(full) != rows:
        failures.append("--resume: the summary differs from a full run's")
    proc = batch(args + ["--resume", "--threshold", "0.6"])
    if proc.returncode != 2 or "other settings" not in proc.stderr or "options" not in proc.stderr:
        failures.append(f"--resume with another threshold: exit {proc.returncode}, {proc.stderr[-400:]}")


def check_relative_paths_on_a_cluster(failures, tmp):
    """The cluster's workers run in another folder: the relative input must reach them whole."""
    from dask.distributed import LocalCluster
    elsewhere = os.path.join(tmp, "elsewhere")
    here = os.path.join(tmp, "here")
    os.makedirs(elsewhere)
    os.makedirs(os.path.join(here, "data"))
    fs, leads = read_ludb(5)
    np.save(os.path.join(here, "data", "rec5.npy"), np.stack(list(leads.values())))
    start = os.getcwd()
    os.chdir(elsewhere)  # where the workers start
    os.environ["PYTHONPATH"] = python_module.python_dir()
    try:
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            proc = batch(["data", "--out", "out", "--fs", str(fs), "--scheduler",
                          cluster.scheduler_address], cwd=here)
    finally:
        os.chdir(start)
    rows = summary(os.path.join(here, "out"))
    if proc.returncode != 0 or rows.get("rec5.npy", {}).get("beats") != "9":
        failures.append(f"relative input with --scheduler: exit {proc.returncode}, {rows}")


def check_unread_files_are_named(failures, tmp):
    folder = os.path.join(tmp, "mixed")
    os.makedirs(folder)
    for name in ("5.hea", "5.dat"):
        with open(os.path.join(ludb_dir(), name), "rb") as src, \
                open(os.path.join(folder, name), "wb") as dst:
            dst.write(src.read())
    for name in ("5.atr", "lone.mat", "notes.txt", ".hidden"):
        open(os.path.join(folder, name), "w").close()
    unread = []
    found = qrs_batch.find_inputs([folder], None, unread)
    if [n for _, n, _ in found] != ["5.hea"] or not all(os.path.isabs(p) for p, _, _ in found):
        failures.append(f"inputs found: {found}")
    if unread != ["lone.mat", "notes.txt"]:
        failures.append(f"files named as not read: {unread}")
    proc = batch([folder, "--out", os.path.join(tmp, "mixed_out"), "--workers", "1"])
    if proc.returncode != 0 or "not read: 2 file(s)" not in proc.stderr or \
            "lone.mat, notes.txt" not in proc.stderr:
        failures.append(f"a lone .mat is not named: exit {proc.returncode}, {proc.stderr[-500:]}")


def main():
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for check in (check_unread_files_are_named, check_relative_paths_on_a_cluster,
                      check_interrupt_and_resume):
            try:
                check(failures, tmp)
            except Exception as e:  # noqa: BLE001  (the others still run)
                failures.append(f"{check.__name__}: {type(e).__name__} {e}")
    return exit_status(failures, "ok: qrs_batch stops cleanly, resumes, and runs on a cluster "
                                 "from relative paths")


if __name__ == "__main__":
    sys.exit(main())
