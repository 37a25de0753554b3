"""The event options come from one table in the core (src/annotate/event_option_table.h), which
qrs_annotator.event_option_table() hands out: ecg-annotate, the Python module and qrs_batch each
take every entry of it under that surface's spelling and refuse a wrong value naming the option
the way that surface spells it (qrs_batch as the CLI: --max-qrs-ms, never max_qrs_ms); an unknown
name is refused with the list of valid ones; --help and the docs list every entry. (The JS module:
tests/js/event_options.test.mjs.)

Run: /usr/bin/python3 tests/python/test_event_option_table.py (a few seconds)
"""
import argparse
import contextlib
import io
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_module  # noqa: E402,F401  (puts the built module on sys.path)
from cli_run import run  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import SOURCE_DIR  # noqa: E402

import qrs_annotator  # noqa: E402
import qrs_batch  # noqa: E402

TABLE = qrs_annotator.event_option_table()


def accepted_value(option):
    """A value the option takes that is not its default (a number between its low end and its
    default, so the shortest QRS stays under the default longest one), as Python gives it."""
    if option["kind"] == "number":
        return (option["low"] + option["default"]) / 2
    if option["kind"] == "choice":
        return next(c for c in option["choices"] if c != option["default"])
    return not option["default"]


def refused_value(option):
    """A value of a number's or a choice's kind that it refuses, and how the message that names
    the option goes on."""
    return (option["high"] + 1 if option["kind"] == "number" else "bogus"), " must be "


def cli_args(option, value):
    if option["kind"] == "switch":
        return [option["cli"]] if value != option["default"] else []
    return [option["cli"], str(value)]


def check_cli(failures, tiny_csv):
    for option in TABLE:
        status, _, err = run([tiny_csv, "--fs", "500", "--json"]
                             + cli_args(option, accepted_value(option)))
        if status != 0:
            failures.append(f"CLI {option['cli']}: exit {status}: {err[-200:]!r}")
        if option["kind"] == "switch":
            status, _, err = run([tiny_csv, "--fs", "500", option["cli"] + "=1"])
            wanted = option["cli"] + " takes no value"
        else:
            value, words = refused_value(option)
            status, _, err = run([tiny_csv, "--fs", "500", option["cli"], str(value)])
            wanted = "ecg-annotate: " + option["cli"] + words
        if status != 2 or wanted not in err:
            failures.append(f"CLI {option['cli']}: exit {status}, {err[:160]!r} lacks {wanted!r}")
    # An unknown flag: the usage text after the message lists every option the table has.
    status, _, err = run([tiny_csv, "--fs", "500", "--thresold", "0.5"])
    missing = [o["cli"] for o in TABLE if o["cli"] not in err]
    if status != 2 or "unknown option '--thresold'" not in err or missing:
        failures.append(f"CLI --thresold: exit {status}; the usage text lacks {missing}")
    status, out, _ = run(["--help"])
    flat = " ".join(out.split())  # the lines unwrapped
    for option in TABLE:  # each flag's line: its help and its values, from the table
        line = " ".join([option["cli"], option["metavar"], option["help"]]).replace("  ", " ")
        if option["values"]:
            line += f" ({option['values']})"
        if status != 0 or line not in flat:
            failures.append(f"--help lacks {line!r}")


def expect_raises(failures, what, kind, start, call):
    try:
        call()
    except kind as e:
        if not str(e).startswith(start):
            failures.append(f"{what}: {str(e)!r} does not start with {start!r}")
        return str(e)
    except Exception as e:  # noqa: BLE001
        failures.append(f"{what}: {type(e).__name__} ({e}) instead of {kind.__name__}")
        return ""
    failures.append(f"{what}: accepted")
    return ""


def check_python(failures):
    annotator = qrs_annotator.Annotator()
    t = np.arange(1000) / 500.0
    samples = np.sin(2 * np.pi * 1.2 * t).astype(np.float32)
    for option in TABLE:
        name = option["python"]
        try:
            annotator.annotate(samples, 500, **{name: accepted_value(option)})
        except Exception as e:  # noqa: BLE001
            failures.append(f"Python {name}={accepted_value(option)!r}: {type(e).__name__}: {e}")
        if option["kind"] != "switch":
            value, words = refused_value(option)
            expect_raises(failures, f"Python {name}={value!r}", ValueError, name + words,
                          lambda: qrs_annotator.check_options(**{name: value}))
        if option["kind"] == "number":
            expect_raises(failures, f"Python {name}='abc'", TypeError,
                          name + " must be a number (got 'abc')",
                          lambda: qrs_annotator.check_options(**{name: "abc"}))
    message = expect_raises(failures, "Python thresold", TypeError,
                            "annotate: unknown option 'thresold' (the options are ",
                            lambda: annotator.annotate(samples, 500, thresold=0.5))
    missing = [o["python"] for o in TABLE if o["python"] not in message]
    if missing:
        failures.append(f"Python's unknown-option message lacks {missing}")


def batch_error(argv):
    """qrs_batch's refusal of `argv` (stderr), which comes before any file is looked at."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            qrs_batch.main(argv)
        except SystemExit as e:
            return e.code, err.getvalue()
    return 0, err.getvalue()


def check_batch(failures):
    parser = argparse.ArgumentParser()
    dests = qrs_batch.add_event_flags(parser, TABLE)
    if sorted(dests) != sorted(o["cli"] for o in TABLE):
        failures.append(f"qrs_batch's flags {sorted(dests)} are not the table's")
    for option in TABLE:
        value = accepted_value(option)
        args = parser.parse_args(cli_args(option, value))
        got = qrs_batch.event_options(args, dests)
        if got != {option["python"]: value}:
            failures.append(f"qrs_batch {cli_args(option, value)}: annotate() would get {got}")
        if option["kind"] == "switch":
            continue
        bad, words = refused_value(option)
        status, err = batch_error(["in", "--out", "out", option["cli"], str(bad)])
        wanted = (option["cli"] + words if option["kind"] == "number"
                  else f"argument {option['cli']}: invalid choice: 'bogus'")
        if status != 2 or "error: " + wanted not in err:
            failures.append(f"qrs_batch {option['cli']} {bad}: exit {status}, {err[-200:]!r}")
    # The flags' own spelling in what a person reads, not Python's (the old message said
    # max_qrs_ms and min_qrs_ms).
    status, err = batch_error(["in", "--out", "out", "--max-qrs-ms", "600"])
    if status != 2 or "error: --max-qrs-ms must be > 0 and <= 500 (got 600)" not in err \
            or "max_qrs_ms" in err:
        failures.append(f"qrs_batch --max-qrs-ms 600: exit {status}, {err[-200:]!r}")
    status, err = batch_error(["in", "--out", "out", "--min-qrs-ms", "300"])
    if "error: --max-qrs-ms (250) must be above --min-qrs-ms (300)" not in err:
        failures.append(f"qrs_batch --min-qrs-ms 300: {err[-200:]!r}")


def check_docs(failures):
    for doc, key in (("docs/cli.md", "cli"), ("docs/python.md", "python"), ("docs/api.md", "js")):
        with open(os.path.join(SOURCE_DIR, doc)) as f:
            text = f.read()
        missing = [o[key] for o in TABLE if f"`{o[key]}" not in text]
        if missing:
            failures.append(f"{doc} does not list {missing}")


def main():
    failures = []
    if len({o["member"] for o in TABLE}) != len(TABLE) or len(TABLE) < 9:
        failures.append(f"the table: {[o['member'] for o in TABLE]}")
    with tempfile.TemporaryDirectory() as folder:
        tiny_csv = os.path.join(folder, "tiny.csv")
        t = np.arange(1000) / 500.0
        np.savetxt(tiny_csv, np.sin(2 * np.pi * 1.2 * t)[:, None], header="ii", comments="")
        check_cli(failures, tiny_csv)
    check_python(failures)
    check_batch(failures)
    check_docs(failures)
    return exit_status(failures, "ok: the CLI, Python and qrs_batch take every option of the "
                       "one table in their own spelling")


if __name__ == "__main__":
    sys.exit(main())
