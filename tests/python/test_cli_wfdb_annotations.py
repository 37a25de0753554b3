"""ecg-annotate --wfdb-annotations: each lead's marks and the beats as WFDB annotation files.

Reads them back with training/ludb.py's MIT-format parser (written apart from the C++ writer) and
checks them against the --json output of the same run: '(' 'N' ')' per complex at the rounded
onset and offset, the 'N' inside; one file per lead named like LUDB's and <record>.qrs for the
beats across the leads. Also: the input's own folder is refused (LUDB keeps its reference there
under the same names), and the files' bytes are left untouched.
"""
import hashlib
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from cli_run import run as run_cli  # noqa: E402
from training.ludb import LEADS, ludb_dir, read_annotation  # noqa: E402


def check_complexes(marks, complexes, what):
    assert [s for _, s in marks] == ["(", "N", ")"] * len(complexes), what
    for k, (onset, offset) in enumerate(complexes):
        (on, _), (peak, _), (off, _) = marks[3 * k:3 * k + 3]
        # The sample nearest each mark; the JSON prints marks to 3 decimals, so one printed as
        # x.5 may have been written either side (the engine rounds the unprinted value).
        nearest = lambda sample, mark: abs(sample - mark) <= 0.5 + 1e-3
        assert nearest(on, onset) and nearest(off, offset), \
            f"{what} complex {k}: {on}-{off} vs {onset}-{offset}"
        assert on < peak < off, f"{what} complex {k}: N at {peak} outside {on}-{off}"


def main():
    hea = os.path.join(ludb_dir(), "5.hea")
    with tempfile.TemporaryDirectory() as out:
        code, stdout, stderr = run_cli([hea, "--json", "--wfdb-annotations", out])
        assert code == 0, stderr
        result = json.loads(stdout)
        assert sorted(os.listdir(out)) == sorted([f"5.{lead}" for lead in LEADS] + ["5.qrs"]), os.listdir(out)
        for lead in result["leads"]:
            check_complexes(read_annotation(os.path.join(out, f"5.{lead['name']}")),
                            [(q["onset"], q["offset"]) for q in lead["qrs"]], lead["name"])
        check_complexes(read_annotation(os.path.join(out, "5.qrs")),
                        [(b["firstOnset"], b["lastOffset"]) for b in result["beats"]], "5.qrs")
        print(f"5.qrs: {len(result['beats'])} beats; 12 lead files with "
              f"{sum(len(lead['qrs']) for lead in result['leads'])} complexes")

    ludb_ii = os.path.join(ludb_dir(), "5.ii")
    before = hashlib.sha256(open(ludb_ii, "rb").read()).hexdigest()
    code, _, stderr = run_cli([hea, "--wfdb-annotations", ludb_dir()])
    assert code == 1 and "could be overwritten" in stderr, (code, stderr)
    assert hashlib.sha256(open(ludb_ii, "rb").read()).hexdigest() == before
    code, _, stderr = run_cli([hea, "--dump", "--wfdb-annotations", "x"])
    assert code == 2 and "writes no annotation files" in stderr, (code, stderr)
    print("ok")


if __name__ == "__main__":
    main()
