"""Peak memory and time of the native CLI on long 12-lead recordings (1 h, 4 h, 24 h, ...).

Each record is LUDB's 200 ten-second records end to end (all 12 leads, in uV at 1000 ADC units
per mV) repeated to the length asked, written as one WFDB record (format 16) into a scratch
folder, annotated by `ecg-annotate` under /usr/bin/time -v, and deleted afterwards. At rates
other than LUDB's 500 Hz the block is interpolated linearly once before it is repeated.

    /usr/bin/python3 bench/long_record.py [--cli build/native/src/cli/ecg-annotate]
        [--hours 1,4,24] [--fs 500,1000] [--work DIR] [--keep] [--python]
        [-- extra ecg-annotate args]

--python runs the Python module's annotate_file() on it instead (build/native/python).

Prints one line per record: hours, rate, samples, file size, wall and CPU time, peak RSS (GB and
bytes per sample), beats, and the exit status. Never part of the tests (docs/performance.md, "Long
records natively"). A 24 h record at 1000 Hz is 2.07 GB on disk: check `df -h` first.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, SOURCE_DIR)
from training.ludb import ALL_RECORDS, LEADS, ludb_dir, read_record  # noqa: E402

GAIN = 1000.0  # ADC units per mV: uV, as Holter recorders store them


def ludb_block(fs):
    """[frames, 12] int16: every LUDB record end to end (2000 s), at `fs`."""
    parts = [read_record(r, ludb_dir()).signals_mv for r in ALL_RECORDS]
    mv = np.concatenate(parts, axis=1)  # [12, 1,000,000] at 500 Hz
    if fs != 500:
        n = int(round(mv.shape[1] * fs / 500.0))
        t = np.arange(n) * (500.0 / fs)
        mv = np.stack([np.interp(t, np.arange(mv.shape[1]), lead) for lead in mv])
    return np.clip(np.round(mv * GAIN), -32768, 32767).astype("<i2").T.copy()


def write_record(folder, name, block, fs, frames):
    """WFDB record `name` of `frames` frames: `block` repeated, written block by block."""
    sums = np.zeros(block.shape[1], dtype=np.int64)  # for the header's checksums
    with open(os.path.join(folder, name + ".dat"), "wb") as out:
        left = frames
        while left > 0:
            take = min(left, block.shape[0])
            out.write(block[:take].tobytes())
            sums += block[:take].sum(axis=0, dtype=np.int64)
            left -= take
    checksums = ((sums + 32768) % 65536) - 32768  # WFDB: a signed 16-bit sum
    lines = ["%s %d %g %d" % (name, len(LEADS), fs, frames)]
    lines += ["%s.dat 16 %g/mV 16 0 %d %d 0 %s" % (name, GAIN, block[0, i], checksums[i], lead)
              for i, lead in enumerate(LEADS)]
    with open(os.path.join(folder, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return os.path.join(folder, name + ".hea")


def run_timed(command):
    """(exit status, wall seconds, CPU seconds, peak RSS bytes, stdout, the CLI's messages) of
    `command` under /usr/bin/time -v."""
    done = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    def field(name):
        found = re.search(re.escape(name) + r": (\S+)", done.stderr)
        return found.group(1) if found else "0"
    seconds = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        seconds = seconds * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) * 1024
    problems = [ln for ln in done.stderr.splitlines()
                if ln.startswith("ecg-annotate") or "Error" in ln]
    return done.returncode, seconds, cpu, rss, done.stdout, problems


# What --python runs: the Python module on one file, printing the beats it found as the CLI's
# table rows are counted.
PYTHON_RUN = """
import sys
import qrs_annotator
docs = qrs_annotator.Annotator().annotate_file(sys.argv[1])
print("\\n".join("  %d beat" % (i + 1) for i in range(len(docs[0]["beats"]))))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", default=os.path.join(SOURCE_DIR, "build/native/src/cli/ecg-annotate"))
    parser.add_argument("--hours", default="1,4,24")
    parser.add_argument("--fs", default="500")
    parser.add_argument("--work", default=None, help="scratch folder (default: a new one in /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the records written")
    parser.add_argument("--python", action="store_true",
                        help="the Python module's annotate_file() instead of the CLI")
    parser.add_argument("extra", nargs="*", help="more ecg-annotate arguments (after --)")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="long_record_")
    os.makedirs(work, exist_ok=True)
    # Wall time drifts with what else the machine runs; CPU time (user + system) less so.
    print("load average at start: %.1f %.1f %.1f" % os.getloadavg())
    print("hours  fs  samples        file GB  wall s   CPU s  peak RSS GB  B/sample  beats  exit")
    try:
        for fs in [float(x) for x in args.fs.split(",")]:
            block = ludb_block(fs)
            for hours in [float(x) for x in args.hours.split(",")]:
                frames = int(round(hours * 3600 * fs))
                name = "long_%gh_%ghz" % (hours, fs)
                header = write_record(work, name, block, fs, frames)
                if args.python:
                    os.environ["PYTHONPATH"] = os.path.join(os.path.dirname(os.path.dirname(
                        os.path.dirname(os.path.abspath(args.cli)))), "python")
                    command = [sys.executable, "-c", PYTHON_RUN, header]
                else:
                    command = [args.cli, header] + args.extra
                status, seconds, cpu, rss, out, problems = run_timed(command)
                beats = sum(1 for ln in out.splitlines() if re.match(r"^\s*\d+\s", ln))
                samples = frames * len(LEADS)
                size = os.path.getsize(os.path.join(work, name + ".dat"))
                print("%5g %4g %12d %8.2f %7.1f %7.1f %12.2f %9.2f %6d %5d" % (
                    hours, fs, samples, size / 1e9, seconds, cpu, rss / 1e9, rss / samples, beats,
                    status), flush=True)
                for line in problems:
                    print("       " + line, flush=True)
                if not args.keep:
                    os.remove(header)
                    os.remove(os.path.join(work, name + ".dat"))
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
