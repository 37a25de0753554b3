"""Annotates a whole archive of ECG files with qrs_annotator, spread over Dask workers: on this
machine's cores, or on a cluster's when given its scheduler (docs/python.md).

    python3 -m qrs_batch INPUT... --out DIR [--workers N | --scheduler tcp://HOST:8786]
        [--resume] [--fs HZ] [--probabilities] [--no-noise-model] [--model PATH] [EVENT OPTION...]

EVENT OPTION: ecg-annotate's (--threshold P, --min-qrs-ms MS, --paced-onset AT, --no-pacing, ...;
--help lists them all), made from the core's table of options
(qrs_annotator.event_option_table()) and checked as the CLI checks them.

INPUT: files, or folders searched recursively for the formats the CLI reads (WFDB headers,
EDF/BDF, ISHNE Holter .ecg told by its magic, CSV, NPY/NPZ, JSON). A WFDB segment header that a
multi-segment header in its folder names is read through that record, not again on its own.
For each input file, OUT/<its path
relative to the input folder>.json (with several inputs, relative to the folder holding them all,
so siteA/100.hea and siteB/100.hea stay apart) holds the CLI's --json document (an array when the
file holds several records), and OUT/summary.csv one row per record: file, record, fs, duration (s), leads,
beats, heart rate (bpm, from the median interval between beats), mean QRS duration (ms), paced
beats, which model read it, warnings, error. A file that cannot be read gets
its error in the summary and the run goes on; the exit status is 1 when any file failed. A CSV
found in a folder that holds a table of text rather than samples (an archive's metadata, as
PTB-XL's ptbxl_database.csv) is skipped, not failed: it is named on stderr, not in the summary.

Each worker loads the models once and keeps them for every file it is given. With --scheduler,
every worker machine needs this module and qrs_annotator on its PYTHONPATH and the inputs at the
same absolute paths (a shared file system mounted at the same place): relative input paths are
made absolute before they are handed out. Ctrl+C stops cleanly (exit status 130) with a partial
summary.csv of the files done; --resume then keeps each complete result no older than its input
and annotates the rest (qrs_batch_resume.py). A file in the folders of no kind read (a .mat
without the WFDB header naming it) is named on stderr.
"""
import argparse
import csv
import json
import os
import re
import signal
import sys

import qrs_batch_resume

EXTENSIONS = (".hea", ".edf", ".bdf", ".csv", ".npy", ".npz", ".json")
# ISHNE Holter files are told by their magic (the readers' detect.cpp): their .ecg is also a WFDB
# annotator's name, and a record's "100.ecg" annotation file is no input of its own.
ISHNE_EXTENSION, ISHNE_MAGIC = ".ecg", b"ISHNE1.0"
SUMMARY_FIELDS = ["file", "record", "fs", "duration_s", "leads", "beats", "heart_rate_bpm",
                  "mean_qrs_ms", "paced_beats", "read_by", "warnings", "error"]


def _read_headers(folder, names):
    """(header names in `folder` that a multi-segment header there lists as its segments, lower
    case names of the files its headers name or share a record name with: their data files,
    Challenge .mat signal files, annotation files such as 100.atr)."""
    segments, companions = set(), set()
    for name in names:
        if not name.lower().endswith(".hea"):  # 100.HEA too (old PhysioNet CD-ROM copies)
            continue
        companions.add(name.lower()[:-len(".hea")])
        try:
            with open(os.path.join(folder, name), encoding="latin-1") as f:
                lines = [l.split() for l in f if l.strip() and not l.lstrip().startswith("#")]
        except OSError:
            continue
        if lines and "/" in lines[0][0]:  # "record/segments signals fs samples"
            segments.update((l[0] + ".hea").lower() for l in lines[1:] if l and l[0] != "~")
            companions.update(l[0].lower() for l in lines[1:] if l)
        else:  # signal lines: "100.dat 212 200 ..."
            companions.update(l[0].lower() for l in lines[1:] if l)
    return segments, companions


def _is_companion(name, companions):
    lower = name.lower()
    return lower in companions or lower.split(".")[0] in companions


def _is_ishne_holter(path):
    try:
        with open(path, "rb") as f:
            return f.read(len(ISHNE_MAGIC)) == ISHNE_MAGIC
    except OSError:
        return False


def _is_input(folder, name):
    lower = name.lower()
    if lower.endswith(ISHNE_EXTENSION):
        return _is_ishne_holter(os.path.join(folder, name))
    return lower.endswith(EXTENSIONS)


def _common_folder(paths):
    """The folder the inputs' names are relative to: the input folder itself (or a file's own
    folder) when there is one input, else the deepest folder holding them all, so that
    siteA/100.hea and siteB/100.hea keep apart in the output folder and in the summary."""
    folders = [os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
               for p in paths]
    return os.path.commonpath(folders) if folders else os.getcwd()


def find_inputs(paths, skip_folder=None, unread=None):
    """[(path, name in the output folder, found by searching a folder)] for every input file, in
    a stable order, each file once however often it is named; nothing under skip_folder (the
    output folder: its JSON files are results, not ECGs). Paths are absolute: a cluster's workers
    run in folders of their own. Names are relative to the inputs' common folder, so no two
    inputs share a result file. `unread`, a list, gets the names of the files found in the
    folders that are of no kind read here and no WFDB record's companion (a .mat without its
    header, notes), to be named, not silently left out."""
    found, seen = [], set()
    skip = os.path.realpath(skip_folder) if skip_folder else None
    base = _common_folder(paths)

    def add(full, searched):
        if os.path.realpath(full) not in seen:
            seen.add(os.path.realpath(full))
            found.append((os.path.abspath(full), os.path.relpath(os.path.abspath(full), base),
                          searched))

    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs
                                 if os.path.realpath(os.path.join(folder, d)) != skip)
                segments, companions = _read_headers(folder, names)
                for name in sorted(names):
                    if _is_input(folder, name):
                        if name.lower() not in segments:
                            add(os.path.join(folder, name), True)
                    elif unread is not None and not name.startswith(".") and \
                            not _is_companion(name, companions):
                        unread.append(os.path.relpath(os.path.join(folder, name), base))
        else:
            add(path, False)
    return found


_annotator = None  # one per worker process, loaded on its first file


def _worker_annotator(settings):
    global _annotator
    if _annotator is None:
        import qrs_annotator
        noise = False if settings["no_noise_model"] else None
        _annotator = qrs_annotator.Annotator(model=settings["model"], noise_model=noise)
    return _annotator


def heart_rate_bpm(beats, fs):
    """60 s over the median interval between beat onsets: a pause, a gap or a silenced stretch
    (one long interval) or a missed beat does not pull it as it would a mean. "" under 2 beats."""
    onsets = sorted(b["onset"] for b in beats if b.get("onset") is not None)
    intervals = sorted(b - a for a, b in zip(onsets, onsets[1:]))
    if not intervals:
        return ""
    middle = len(intervals) // 2
    median = intervals[middle] if len(intervals) % 2 else (intervals[middle - 1] + intervals[middle]) / 2
    return round(60.0 * fs / median, 1) if median > 0 else ""


def summary_rows(file, docs):
    """summary.csv's rows for the records of one file."""
    rows = []
    for doc in docs:
        beats = doc["beats"]
        durations = [b["durationMs"] for b in beats if b.get("durationMs") is not None]
        rows.append({
            "file": file, "record": doc["record"], "fs": doc["fs"],
            "duration_s": round(doc["length"] / doc["fs"], 3), "leads": len(doc["leads"]),
            "beats": len(beats), "heart_rate_bpm": heart_rate_bpm(beats, doc["fs"]),
            "mean_qrs_ms": round(sum(durations) / len(durations), 1) if durations else "",
            "paced_beats": sum(1 for b in beats if b.get("paced")),
            "read_by": doc.get("readBy", ""), "warnings": len(doc["warnings"]), "error": ""})
    return rows


_MISSING = {"nan", "inf", "infinity", "na", "n/a", "null", "none"}


def _is_word(cell):
    """A cell of text (two letters in a row), not a number, a time stamp or a missing value."""
    cell = cell.strip().strip('"').lower()
    return cell not in _MISSING and re.search("[a-z]{2}", cell.lstrip("+-")) is not None


def table_of_text(path, lines=200):
    """True when most of a CSV's first rows hold words: a table such as an archive's metadata
    (PTB-XL's ptbxl_database.csv: device, date, report, file names on every row), not ECG
    samples. An ECG CSV with a preamble of text lines, or a damaged cell, has most rows numeric."""
    try:
        with open(path, encoding="latin-1") as f:
            rows = [r for r in (next(f, "") for _ in range(lines)) if r.strip()]
    except OSError:
        return False
    if len(rows) < 2:  # a header and at least one row
        return False
    delimiter = max(",;\t", key=lambda d: sum(r.count(d) for r in rows))
    wordy = sum(any(_is_word(c) for c in cells) for cells in csv.reader(rows[1:], delimiter=delimiter))
    return wordy * 2 > len(rows) - 1


def annotate_one(path, out_name, out_dir, settings, searched=False):
    """Annotates one input file and writes its JSON; returns its summary rows (never raises for
    a bad file: the error is in the row). A CSV found by searching a folder that does not read and
    is a table of text gives one row {"file", "skipped": why} instead."""
    try:
        docs = _worker_annotator(settings).annotate_file(
            path, fs=settings["fs"], probabilities=settings["probabilities"],
            all_channels=settings["all_channels"], **settings["options"])
    except Exception as e:  # a bad file is reported, not fatal to the batch
        if searched and path.lower().endswith(".csv") and table_of_text(path):
            return [{"file": out_name, "skipped": "a table of text, not ECG samples"}]
        return [dict({k: "" for k in SUMMARY_FIELDS}, file=out_name, error=batch_message(str(e)))]
    target = os.path.join(out_dir, out_name + ".json")
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    to_write = [_jsonable(d) for d in docs]
    with open(target + ".tmp", "w") as f:
        json.dump(to_write[0] if len(to_write) == 1 else to_write, f)
    os.replace(target + ".tmp", target)
    return summary_rows(out_name, docs)


# The module's messages say what to pass to annotate_file; a batch user passes this tool's flags.
_MODULE_HINTS = (("all_channels=True to read_file or annotate_file", "--all-channels to qrs_batch"),
                 ("fs=500, say, to annotate_file or read_file", "--fs 500, say, to qrs_batch"))


def batch_message(message):
    """A file's error as the batch user acts on it: the module's advice in this tool's flags."""
    for module_hint, flag_hint in _MODULE_HINTS:
        message = message.replace(module_hint, flag_hint)
    return message


def _jsonable(doc):
    """numpy probability arrays as lists, so the file is the CLI's --json --probabilities."""
    for lead in doc["leads"]:
        for key in ("onsetProb", "offsetProb"):
            if key in lead and hasattr(lead[key], "tolist"):
                lead[key] = [round(float(v), 4) for v in lead[key]]
    return doc


def add_event_flags(parser, table):
    """ecg-annotate's event flags, from the core's table of options (event_option_table()):
    returns {flag: argparse destination}."""
    group = parser.add_argument_group("event options, as the CLI's flags (docs/cli.md)")
    dests = {}
    for option in table:
        help_text = option["help"] + (f" ({option['values']})" if option["values"] else "")
        if option["kind"] == "switch":
            action = group.add_argument(option["cli"], action="store_true", help=help_text)
        elif option["kind"] == "choice":
            action = group.add_argument(option["cli"], choices=option["choices"], help=help_text)
        else:
            action = group.add_argument(option["cli"], type=float, metavar=option["metavar"],
                                        help=help_text)
        dests[option["cli"]] = action.dest
    return dests


def event_options(args, dests):
    """annotate()'s keyword options for the event flags given (the others keep the defaults),
    checked as ecg-annotate checks them: a ValueError names the flag (--max-qrs-ms)."""
    import qrs_annotator
    return qrs_annotator.options_from_flags(
        {flag: getattr(args, dest) for flag, dest in dests.items()})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files or folders")
    parser.add_argument("--out", required=True, help="folder for the JSON files and summary.csv")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="local worker processes (default: one per core)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (a cluster)")
    parser.add_argument("--fs", type=float, default=0.0,
                        help="sampling rate for files that carry none (CSV without time column)")
    parser.add_argument("--probabilities", action="store_true",
                        help="keep each lead's onsetProb / offsetProb in the JSON")
    parser.add_argument("--model", help="model file (default: the shipped one and its reader)")
    parser.add_argument("--all-channels", action="store_true",
                        help="read every channel as a lead, also those labelled as another kind "
                             "of signal (EEG, EOG, respiration, ...), as the CLI's --all-channels")
    parser.add_argument("--no-noise-model", action="store_true",
                        help="every record read by the first model alone")
    parser.add_argument("--resume", action="store_true",
                        help="go on with a run stopped part way (Ctrl+C): keep each file whose "
                             "result in --out is complete and no older than the file, annotate "
                             "the others; summary.csv covers them all. Refused when the earlier "
                             "run had other settings (OUT/qrs_batch_settings.json)")
    import qrs_annotator
    dests = add_event_flags(parser, qrs_annotator.event_option_table())
    args = parser.parse_args(argv)
    try:
        options = event_options(args, dests)
    except ValueError as e:
        parser.error(str(e))
    unread = []
    inputs = find_inputs(args.inputs, args.out, unread)
    missing = [p for p, _, _ in inputs if not os.path.exists(p)]
    if missing:
        parser.error("no such file or folder: " + ", ".join(missing))
    if not inputs:
        parser.error("no ECG files found in " + ", ".join(args.inputs))
    # Paths as the workers see them: absolute, since a cluster's run in folders of their own.
    settings = {"fs": args.fs, "probabilities": args.probabilities,
                "model": os.path.abspath(args.model) if args.model else None,
                "no_noise_model": args.no_noise_model, "all_channels": args.all_channels,
                "options": options}
    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    refused = qrs_batch_resume.check_settings(out_dir, settings, args.resume)
    if refused:
        parser.error(refused)
    if unread:
        shown = ", ".join(unread[:10]) + (f" and {len(unread) - 10} more" if len(unread) > 10 else "")
        print(f"qrs_batch: not read: {len(unread)} file(s) in the folders of no kind it reads "
              f"(a .mat is read through the WFDB header that names it): {shown}", file=sys.stderr)

    kept = qrs_batch_resume.done_results(inputs, out_dir, summary_rows) if args.resume else {}
    if args.resume:
        print(f"qrs_batch: --resume: {len(kept)} of {len(inputs)} files already have their result "
              f"in {args.out}, kept", file=sys.stderr, flush=True)
    rows = [row for name in kept for row in kept[name]]
    to_do = [(path, name, searched) for path, name, searched in inputs if name not in kept]
    client = cluster = None
    interrupted = False
    try:
        try:
            client, cluster = _connect(args)
            rows.extend(_annotate_all(client, to_do, out_dir, settings, len(kept), len(inputs)))
        except KeyboardInterrupt:  # Ctrl+C: what is done so far is kept and summarised
            interrupted = True
            rows.extend(_rows_so_far)
        if args.scheduler:
            _hint_at_worker_paths(rows, inputs)
        status = write_summary(rows, out_dir, args.out, len(inputs), len(kept))
        if interrupted:
            done = len({r["file"] for r in rows})
            print(f"qrs_batch: interrupted after {done} of {len(inputs)} files: summary.csv is "
                  f"partial, a row for each file done; run the same command with --resume to "
                  f"annotate the rest", file=sys.stderr)
    finally:
        _close(client, cluster)
    return 130 if interrupted else status


_rows_so_far = []  # the summary rows of the files annotated before a Ctrl+C


def _connect(args):
    from dask.distributed import Client, LocalCluster
    if args.scheduler:
        return Client(args.scheduler), None
    # The worker processes start with Ctrl+C ignored (a process started with SIGINT ignored keeps
    # it so): a terminal sends it to every process of the batch, and each worker would print a
    # traceback while this one stops them and writes the summary.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        cluster = LocalCluster(n_workers=max(1, args.workers), threads_per_worker=1,
                               processes=True, dashboard_address=None)
    finally:
        signal.signal(signal.SIGINT, previous)
    return Client(cluster), cluster


def _annotate_all(client, to_do, out_dir, settings, done, total):
    """Annotates the files of to_do on the client's workers; returns their summary rows (and
    keeps them in _rows_so_far as they come, for a Ctrl+C)."""
    from dask.distributed import as_completed
    _rows_so_far.clear()
    futures = [client.submit(annotate_one, path, name, out_dir, settings, searched,
                             key=f"annotate-{k}-{name}", pure=False)
               for k, (path, name, searched) in enumerate(to_do)]
    for future in as_completed(futures):
        _rows_so_far.extend(future.result())
        done += 1
        print(f"qrs_batch: {done}/{total} files", file=sys.stderr, flush=True)
    return list(_rows_so_far)


def _close(client, cluster):
    """Closes the client and the local cluster; a second Ctrl+C meanwhile stops only this."""
    try:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    except KeyboardInterrupt:
        pass


def _hint_at_worker_paths(rows, inputs):
    """A file that a cluster's worker cannot open but this machine can: the worker has no such
    path (no shared file system there, or another mount point); say so in its error."""
    here = {name for path, name, _ in inputs if os.path.exists(path)}
    for row in rows:
        if "cannot open" in row.get("error", "") and row["file"] in here:
            row["error"] += (" on the cluster's worker, though this machine has the file: the "
                             "workers need the inputs at this same absolute path")


def write_summary(rows, out_dir, out_name, total, kept):
    """Writes summary.csv (a row per record, by file) and the closing lines; returns the exit
    status, 1 when a file failed."""
    skipped = sorted(r["file"] for r in rows if "skipped" in r)
    rows = sorted((r for r in rows if "skipped" not in r), key=lambda r: (r["file"], str(r["record"])))
    if skipped:
        print(f"qrs_batch: skipped {len(skipped)} file(s) found in the folders that hold a table "
              f"of text, not ECG samples: {', '.join(skipped)}", file=sys.stderr)
    with open(os.path.join(out_dir, "summary.csv.tmp"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=SUMMARY_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    os.replace(os.path.join(out_dir, "summary.csv.tmp"), os.path.join(out_dir, "summary.csv"))
    failed = sum(1 for r in rows if r["error"])
    beats = sum(int(r["beats"]) for r in rows if r["beats"] != "")
    print(f"qrs_batch: {total} files, {len(rows) - failed} records annotated, {beats} beats, "
          f"{failed} failed, {len(skipped)} skipped" + (f", {kept} kept from an earlier run" if kept else "")
          + f"; {os.path.join(out_name, 'summary.csv')}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
