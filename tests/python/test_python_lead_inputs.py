"""What annotate() takes as leads beyond plain arrays (src/python/lead_arrays.cpp, docs/python.md):
a numpy masked array's masked samples are missing, as NaN is (a recorder's fill value under the
mask is not annotated as signal); leads of no samples are the documented AnnotationError "no
samples", not an IndexError; a pandas DataFrame (rows are leads) names its leads by its row labels
and a Series by its name, unless lead_names is given; a frame's missing values (pd.NA) are
missing samples.

Run: /usr/bin/python3 tests/python/test_python_lead_inputs.py (a few seconds)
"""
import os
import sys

import numpy as np
import pandas as pd  # python3-pandas (scripts/setup.sh); the module itself never imports it

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_module  # noqa: E402,F401  (puts the built module on sys.path)
from failures import exit_status  # noqa: E402
from ludb_io import read_ludb  # noqa: E402

import qrs_annotator  # noqa: E402


def marks(doc):
    return [(b["firstOnset"], b["lastOffset"]) for b in doc["beats"]]


def check_masked(failures, annotator, leads, fs):
    """4 s of every lead masked over a fill value of 1e4: the document of the same samples as NaN
    (beats outside the stretch, the stretch named as missing), for a 2-D masked array and for a
    list of masked leads."""
    masked = np.ma.masked_array(leads.copy(), mask=np.zeros(leads.shape, bool))
    masked.data[:, 1000:3000] = 1e4
    masked.mask[:, 1000:3000] = True
    as_nan = annotator.annotate(masked.filled(np.nan), fs)
    if not as_nan["beats"] or not any("missing" in w for w in as_nan["warnings"]):
        failures.append(f"the NaN stretch itself: {len(as_nan['beats'])} beats, {as_nan['warnings']}")
    for what, given in (("a masked array", masked), ("a list of masked leads", list(masked))):
        doc = annotator.annotate(given, fs)
        if marks(doc) != marks(as_nan) or doc["warnings"] != as_nan["warnings"]:
            failures.append(f"{what}: {len(doc['beats'])} beats, warnings {doc['warnings']} "
                            f"({len(as_nan['beats'])} beats and {as_nan['warnings']} as NaN)")
    doc = annotator.annotate(masked.astype(np.float64), fs)  # any float type, as arrays
    if marks(doc) != marks(as_nan):
        failures.append(f"a float64 masked array: {len(doc['beats'])} beats")


def check_no_samples(failures, annotator):
    for what, given in (("zeros((12, 0))", np.zeros((12, 0))), ("[[]]", [[]]),
                        ("zeros(0)", np.zeros(0))):
        try:
            annotator.annotate(given, 500)
            failures.append(f"annotate({what}) accepted")
        except qrs_annotator.AnnotationError as e:
            if "no samples" not in str(e):
                failures.append(f"annotate({what}): {e}")
        except Exception as e:  # noqa: BLE001
            failures.append(f"annotate({what}): {type(e).__name__} {e} (AnnotationError expected)")


def check_pandas(failures, annotator, names, leads, fs):
    frame = pd.DataFrame(leads.T, columns=names)  # a column per lead, as pd.read_csv gives it
    plain = annotator.annotate(leads, fs, lead_names=names)
    doc = annotator.annotate(frame.T, fs)
    if [l["name"] for l in doc["leads"]] != names:
        failures.append(f"DataFrame.T: leads named {[l['name'] for l in doc['leads']]}")
    if marks(doc) != marks(plain):
        failures.append("DataFrame.T: other marks than the same array's")
    given = [f"x{k}" for k in range(len(names))]
    doc = annotator.annotate(frame.T, fs, lead_names=given)
    if [l["name"] for l in doc["leads"]] != given:
        failures.append(f"DataFrame.T with lead_names: {[l['name'] for l in doc['leads']]}")
    # default labels (0, 1, ...) name nothing: lead0, lead1, ... as for an array
    doc = annotator.annotate(pd.DataFrame(leads[:2]), fs)
    if [l["name"] for l in doc["leads"]] != ["lead0", "lead1"]:
        failures.append(f"a frame of numbered rows: {[l['name'] for l in doc['leads']]}")
    doc = annotator.annotate(frame["ii"], fs)
    if [l["name"] for l in doc["leads"]] != ["ii"]:
        failures.append(f"a Series: {[l['name'] for l in doc['leads']]}")
    doc = annotator.annotate([frame["v1"], frame["ii"]], fs)
    if [l["name"] for l in doc["leads"]] != ["v1", "ii"]:
        failures.append(f"a list of Series: {[l['name'] for l in doc['leads']]}")
    # missing values in a nullable column (pd.NA) are missing samples
    nullable = frame[["ii"]].astype("Float32")
    nullable.iloc[1000:3000, 0] = pd.NA
    doc = annotator.annotate(nullable.T, fs)
    with_nan = frame["ii"].to_numpy().copy()
    with_nan[1000:3000] = np.nan
    expected = annotator.annotate(with_nan, fs, lead_names=["ii"])
    if marks(doc) != marks(expected) or doc["warnings"] != expected["warnings"]:
        failures.append(f"pd.NA: {len(doc['beats'])} beats, {doc['warnings']}")


def main():
    failures = []
    annotator = qrs_annotator.Annotator()
    fs, by_name = read_ludb(5)
    names = list(by_name)
    leads = np.stack([by_name[n] for n in names])
    for check, args in ((check_masked, (leads, fs)), (check_no_samples, ()),
                        (check_pandas, (names, leads, fs))):
        try:
            check(failures, annotator, *args)
        except Exception as e:  # noqa: BLE001  (the rest still run)
            failures.append(f"{check.__name__}: {type(e).__name__} {e}")
    return exit_status(failures, "ok: masked arrays, empty leads and pandas frames as leads")


if __name__ == "__main__":
    sys.exit(main())
