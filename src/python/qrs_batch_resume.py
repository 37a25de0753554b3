"""qrs_batch --resume: which inputs an earlier run into the same output folder has done, and
their summary rows rebuilt from their results, so a run stopped part way (Ctrl+C, a lost
machine) goes on where it stopped and its summary.csv still covers every file.

A result counts as done when its JSON reads whole (qrs_batch writes each as .tmp, then renames
it, so a file of that name is complete) and is no older than its input (for a WFDB header, than
any file of its record's name beside it: a .dat copied in again is new input). The earlier run's
settings are kept in OUT/qrs_batch_settings.json; resuming with other settings is refused, so one
summary never mixes results of two thresholds or models.
"""
import json
import os

SETTINGS_FILE = "qrs_batch_settings.json"


def _input_time(path):
    """The newest modification time of the input: a WFDB header's and its record's files'."""
    newest = os.path.getmtime(path)
    if path.lower().endswith(".hea"):
        folder, stem = os.path.split(path)
        stem = stem[:-len(".hea")].lower()
        for name in os.listdir(folder or "."):
            if name.lower().split(".")[0] == stem:
                newest = max(newest, os.path.getmtime(os.path.join(folder, name)))
    return newest


def done_results(inputs, out_dir, summary_rows):
    """{name in the output folder: its summary rows} for the inputs ([(path, name, searched)])
    whose result in out_dir is done; summary_rows(name, documents) makes the rows."""
    done = {}
    for path, name, _ in inputs:
        target = os.path.join(out_dir, name + ".json")
        try:
            if os.path.getmtime(target) < _input_time(path):
                continue
            with open(target) as f:
                result = json.load(f)
            done[name] = summary_rows(name, result if isinstance(result, list) else [result])
        except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
            continue  # no result, an older one, or one that does not read: annotated again
    return done


def check_settings(out_dir, settings, resume):
    """Records this run's settings in out_dir; with resume, first returns a message when an
    earlier run there had other ones (None when they agree, or when there is no record)."""
    path = os.path.join(out_dir, SETTINGS_FILE)
    wanted = json.loads(json.dumps(settings))  # as they read back: tuples as lists
    if resume:
        try:
            with open(path) as f:
                earlier = json.load(f)
        except (OSError, ValueError):
            earlier = None
        if earlier is not None and earlier != wanted:
            changed = sorted(k for k in set(earlier) | set(wanted) if earlier.get(k) != wanted.get(k))
            return (f"--resume: the results in {out_dir} were made with other settings "
                    f"({', '.join(changed)}: {', '.join(repr(earlier.get(k)) for k in changed)} "
                    f"then); give the same flags, or run without --resume to annotate every file")
    with open(path + ".tmp", "w") as f:
        json.dump(wanted, f, indent=1, sort_keys=True)
    os.replace(path + ".tmp", path)
    return None
