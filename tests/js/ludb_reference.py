"""The project's Python side of the WFDB annotation and scoring tests (run by the node tests).

    ludb_reference.py read FILE...      -> {"FILE": [[sample, symbol], ...], ...}
    ludb_reference.py score < JSON      -> per lead scores and the pooled summary

Reading uses training/ludb.py's own MIT-format parser, written apart from src/formats/
wfdb_annotation.cpp, so it checks the C++ reader and writer independently. Scoring uses
training/scoring.py, the reference implementation of the DESIGN.md protocol. The score input is
{"fs": F, "leads": [{"file": annotation path, "onsets": [...], "offsets": [...]}]}; the output is
{"leads": [{"onset": {"tp", "fn", "fp", "errors_ms"}, "offset": {...}}], "summary": summarise()}.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from training.ludb import read_annotation, reference_from_marks  # noqa: E402
from training.scoring import score_lead, summarise  # noqa: E402


def finite(value):
    return None if isinstance(value, float) and not math.isfinite(value) else value


def main(argv):
    if argv[:1] == ["read"]:
        json.dump({path: [[int(t), s] for t, s in read_annotation(path)] for path in argv[1:]}, sys.stdout)
        return 0
    if argv[:1] == ["score"]:
        job = json.load(sys.stdin)
        scores = [score_lead(reference_from_marks(read_annotation(lead["file"]), lead["file"]),
                             lead["onsets"], lead["offsets"], job["fs"]) for lead in job["leads"]]
        out = {
            "leads": [{kind: {"tp": s.kind(kind).tp, "fn": s.kind(kind).fn, "fp": s.kind(kind).fp,
                              "errors_ms": s.kind(kind).errors_ms} for kind in ("onset", "offset")}
                      for s in scores],
            "summary": {kind: {k: finite(v) for k, v in values.items()}
                        for kind, values in summarise(scores).items()},
        }
        json.dump(out, sys.stdout)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
