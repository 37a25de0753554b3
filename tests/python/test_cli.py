"""ecg-annotate end to end (docs/cli.md): table output, --json shape, --probabilities, --backend,
--fs for CSV, --dump, --threshold, --model, and errors that name the file with a non-zero exit
while the other files are still processed. Runs the real binary on LUDB records read in place and
on fixtures this script writes to a temporary directory.
"""
import json
import os
import shutil
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import ludb_dir, model_path, run, run_json  # noqa: E402
from failures import run_test_functions  # noqa: E402
from ludb_io import copy_with_a_wrong_checksum, read_ludb  # noqa: E402
from required_parts import promised  # noqa: E402

LUDB = ludb_dir()
HEA5 = os.path.join(LUDB, "5.hea")
LEADS = ["i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6"]
TMP = tempfile.mkdtemp(prefix="qrs_cli_test_")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def check_record_shape(doc, record, fs, n_leads, with_probabilities=False, length=None):
    check(doc["record"] == record, "record name %r != %r" % (doc["record"], record))
    check(abs(doc["fs"] - fs) < 1e-9, "fs %r != %r" % (doc["fs"], fs))
    check(len(doc["leads"]) == n_leads, "%d leads, expected %d" % (len(doc["leads"]), n_leads))
    for lead in doc["leads"]:
        check(isinstance(lead["name"], str) and lead["name"], "lead without a name")
        for q in lead["qrs"]:
            check(set(q) == {"onset", "offset", "onsetProb", "offsetProb"}, "qrs keys %s" % set(q))
            check(0 <= q["onset"] < q["offset"], "onset %r !< offset %r" % (q["onset"], q["offset"]))
            dur_ms = (q["offset"] - q["onset"]) * 1000 / fs
            check(30 <= dur_ms <= 250, "QRS duration %.1f ms outside [30, 250]" % dur_ms)
            check(0 < q["onsetProb"] <= 1 and 0 < q["offsetProb"] <= 1, "peak probs %s" % q)
        if with_probabilities:
            for key in ("onsetProb", "offsetProb"):
                curve = np.asarray(lead[key], dtype=float)
                check(curve.size == (length or curve.size), "%s has %d samples, expected %s"
                      % (key, curve.size, length))
                check(curve.min() >= 0 and curve.max() <= 1, "%s outside [0, 1]" % key)
        else:
            check("onsetProb" not in lead and "offsetProb" not in lead,
                  "probability arrays present without --probabilities")
    beats = doc["beats"]
    check(len(beats) > 0, "no beats")
    for a, b in zip(beats, beats[1:]):
        check(a["onset"] < a["offset"] <= b["onset"], "beats overlap or unordered: %s %s" % (a, b))


def test_json_shape_on_ludb_record():
    doc = run_json([HEA5])
    check_record_shape(doc, "5", 500, 12)
    check([l["name"].lower() for l in doc["leads"]] == LEADS, "lead names %s" % doc["leads"])
    # Record 5 is 10 s of sinus rhythm: roughly 8-16 beats, each lead sees nearly all of them.
    n_beats = len(doc["beats"])
    check(8 <= n_beats <= 16, "%d beats in record 5" % n_beats)
    ii = next(l for l in doc["leads"] if l["name"].lower() == "ii")
    check(abs(len(ii["qrs"]) - n_beats) <= 1, "lead ii %d QRS vs %d beats" % (len(ii["qrs"]), n_beats))


def test_record_named_without_extension_and_by_dat_only():
    # The CLI loads the .dat files a header names; a bare record path finds its .hea.
    by_hea = run_json([HEA5])
    by_base = run_json([os.path.join(LUDB, "5")])
    check(by_base == by_hea, "record path without extension gives a different result")
    copy_dir = os.path.join(TMP, "wfdb")
    os.makedirs(copy_dir, exist_ok=True)
    for name in ("5.hea", "5.dat"):
        shutil.copy(os.path.join(LUDB, name), copy_dir)
    by_dat = run_json([os.path.join(copy_dir, "5.dat")])
    check(by_dat["beats"] == by_hea["beats"], "naming only the .dat gives different beats")


def test_probabilities_arrays():
    doc = run_json([HEA5, "--probabilities"])
    check_record_shape(doc, "5", 500, 12, with_probabilities=True, length=5000)
    ii = next(l for l in doc["leads"] if l["name"].lower() == "ii")
    on = np.asarray(ii["onsetProb"])
    for q in ii["qrs"]:  # the reported peak probability is the curve's height there
        i = int(round(q["onset"]))
        check(abs(on[max(i - 1, 0):i + 2].max() - q["onsetProb"]) < 0.02,
              "onsetProb %.3f vs curve %.3f" % (q["onsetProb"], on[i]))


def test_several_records_make_an_array():
    docs = run_json([HEA5, os.path.join(LUDB, "10.hea")])
    check(isinstance(docs, list) and [d["record"] for d in docs] == ["5", "10"],
          "expected an array of records 5 and 10")
    for d in docs:
        check_record_shape(d, d["record"], 500, 12)


def test_json_shape_follows_the_files_asked_for_not_the_failures():
    """--json is an array whenever several files are named, whichever of them fail (a script reads
    one shape), an object for one file holding one record (as it always was); a header's data file
    named beside it is part of its one file."""
    missing = os.path.join(TMP, "missing.hea")
    ten = os.path.join(LUDB, "10.hea")
    for args, expected in (([HEA5, ten], ["5", "10"]), ([HEA5, missing], ["5"]),
                           ([missing, HEA5], ["5"]), ([missing, missing + "2"], [])):
        _, out, _ = run(args + ["--json"])
        try:
            docs = json.loads(out)
        except ValueError:
            docs = out
        check(isinstance(docs, list) and [d["record"] for d in docs] == expected,
              "%s --json: %r (an array of %s expected)"
              % (" ".join(os.path.basename(a) for a in args), out[:120], expected))
    for args in ([HEA5], [HEA5, os.path.join(LUDB, "5.dat")]):
        doc = json.loads(run(args + ["--json"], check_status=0)[1])
        check(isinstance(doc, dict) and doc["record"] == "5",
              "%s --json: not one object" % " ".join(os.path.basename(a) for a in args))
    status, out, _ = run([missing, "--json"])
    check(status == 1 and out == "", "one missing file: exit %d, stdout %r" % (status, out))


def test_table_output():
    _, out, _ = run([HEA5], check_status=0)
    doc = run_json([HEA5])
    lines = out.splitlines()
    check(lines[0].startswith("record 5 (5.hea, wfdb): 12 leads, 500 Hz, 5000 samples"),
          "first line: %r" % lines[0])
    beat_rows = [l for l in lines if l.strip() and l.split()[0].isdigit()]
    check(len(beat_rows) == len(doc["beats"]), "%d table rows vs %d JSON beats"
          % (len(beat_rows), len(doc["beats"])))
    # A beat row is the beat's QRS across the leads: earliest lead onset to latest lead offset.
    first = beat_rows[0].split()
    b0 = doc["beats"][0]
    check(abs(float(first[1]) - b0["firstOnset"]) <= 0.051
          and abs(float(first[3]) - b0["lastOffset"]) <= 0.051,
          "table row %s disagrees with JSON beat %s" % (first, b0))
    check(abs(float(first[2]) - b0["firstOnset"] / 500) < 0.0006, "onset seconds column wrong")
    check(abs(float(first[5]) - b0["durationMs"]) < 0.06
          and abs(b0["durationMs"] - (b0["lastOffset"] - b0["firstOnset"]) * 2) < 0.06,
          "QRS ms column wrong")
    in_beat = [q for l in doc["leads"] for q in l["qrs"]
               if q["onset"] < b0["offset"] and q["offset"] > b0["onset"]]
    check(len(in_beat) == 12 and abs(min(q["onset"] for q in in_beat) - b0["firstOnset"]) < 0.002
          and abs(max(q["offset"] for q in in_beat) - b0["lastOffset"]) < 0.002,
          "beat 1's span is not its leads' earliest onset and latest offset: %s" % b0)
    check(any(l.strip().startswith("QRS complexes per lead:") and "ii=" in l for l in lines),
          "no per-lead counts line")


def test_backends_agree():
    # XNNPACK is a required part of the native build: --backend xnnpack must run, not be skipped.
    builtin = run_json([HEA5, "--backend", "builtin"])
    for name in ("xnnpack", "auto"):
        other = run_json([HEA5, "--backend", name])
        check(len(builtin["beats"]) == len(other["beats"]),
              "builtin and %s find different beat counts" % name)
        for a, b in zip(builtin["beats"], other["beats"]):
            check(abs(a["onset"] - b["onset"]) < 0.05 and abs(a["offset"] - b["offset"]) < 0.05,
                  "builtin and %s disagree: %s vs %s" % (name, a, b))


def write_csv(path, columns, names, fs=None, time_column=False, fmt="%.5f"):
    with open(path, "w") as f:
        header = (["time"] if time_column else []) + names
        f.write(",".join(header) + "\n")
        for i in range(len(columns[0])):
            row = (["%.6f" % (i / fs)] if time_column else []) + [fmt % c[i] for c in columns]
            f.write(",".join(row) + "\n")


def test_csv_needs_fs_and_gives_the_same_beats():
    fs, leads = read_ludb(5)
    path = os.path.join(TMP, "five.csv")
    write_csv(path, [leads["ii"], leads["v5"]], ["ii", "v5"])
    status, _, err = run([path, "--json"])
    check(status == 1 and "five.csv" in err and "--fs on the command line" in err,
          "CSV without rate: exit %d, stderr %r" % (status, err))
    # A lead's own marks depend on that lead alone; the blend with the beats (on by default)
    # would mix in the other leads, which differ between the two files.
    doc = run_json([path, "--fs", "500", "--convention-weight", "0"])
    check_record_shape(doc, doc["record"], 500, 2)
    ref = run_json([HEA5, "--convention-weight", "0"])
    ref_ii = next(l for l in ref["leads"] if l["name"].lower() == "ii")
    got_ii = next(l for l in doc["leads"] if l["name"].lower() == "ii")
    check(len(got_ii["qrs"]) == len(ref_ii["qrs"]), "CSV lead ii finds a different QRS count")
    for a, b in zip(got_ii["qrs"], ref_ii["qrs"]):
        check(abs(a["onset"] - b["onset"]) < 0.5 and abs(a["offset"] - b["offset"]) < 0.5,
              "CSV vs WFDB lead ii: %s vs %s" % (a, b))


def test_an_invalid_sample_near_the_start_makes_no_beat():
    # Record 1's lead ii alone, its 6th sample an empty cell (NaN), as pandas writes after .diff()
    # or a WFDB invalid-sample code gives: the same beats as without the hole. Before invalid
    # samples were bridged (docs/signal.md section 0) the lead's level against the 0 put there
    # made a beat at sample 4-25.
    fs, leads = read_ludb(1)
    clean_path, holed_path = os.path.join(TMP, "one_ii.csv"), os.path.join(TMP, "one_ii_nan.csv")
    write_csv(clean_path, [leads["ii"]], ["ii"], fs=fs, time_column=True)
    holed = np.array(leads["ii"], dtype=np.float64)
    holed[5] = np.nan
    write_csv(holed_path, [holed], ["ii"], fs=fs, time_column=True)
    clean, with_hole = run_json([clean_path]), run_json([holed_path])
    onsets = lambda doc: [round(b["firstOnset"]) for b in doc["beats"]]
    check(len(clean["beats"]) >= 6, "record 1 lead ii: %d beats" % len(clean["beats"]))
    check(onsets(with_hole) == onsets(clean), "one NaN at sample 5 changed the beats: %s vs %s"
          % (onsets(with_hole), onsets(clean)))


def test_a_file_in_volts_gets_a_warning():
    # Record 5 in volts: every lead under the amplitude floor. The CLI says so and what to do;
    # the same leads in millivolts get no warning.
    fs, leads = read_ludb(5)
    names = ["ii", "v5", "v1"]
    for unit, factor, expect_warning in [("volts", 0.001, True), ("millivolts", 1.0, False)]:
        path = os.path.join(TMP, "five_%s.csv" % unit)
        # Seven decimals: volts need them to keep the QRS shape.
        write_csv(path, [leads[n] * factor for n in names], names, fs, time_column=True,
                  fmt="%.7f")
        doc = run_json([path])
        warned = any("the leads are tiny" in w and "give it in millivolts" in w for w in doc["warnings"])
        check(warned == expect_warning, "%s: warnings %r" % (unit, doc["warnings"]))


def test_other_rates_report_samples_at_the_input_rate():
    # Lead ii resampled to 360 Hz (time column gives the rate): events must land at the same
    # times, in samples of 360 Hz.
    from scipy.signal import resample_poly
    fs, leads = read_ludb(5)
    x360 = resample_poly(leads["ii"].astype(float), 18, 25)
    path = os.path.join(TMP, "five360.csv")
    write_csv(path, [x360], ["ii"], fs=360, time_column=True)
    doc = run_json([path])
    check(abs(doc["fs"] - 360) < 1e-6, "fs read from the time column: %r" % doc["fs"])
    ref = run_json([HEA5])
    ref_ii = next(l for l in ref["leads"] if l["name"].lower() == "ii")["qrs"]
    got = doc["leads"][0]["qrs"]
    check(abs(len(got) - len(ref_ii)) <= 1, "360 Hz: %d QRS vs %d at 500 Hz" % (len(got), len(ref_ii)))
    for q in got:
        t = q["onset"] / 360
        nearest = min(abs(t - r["onset"] / 500) for r in ref_ii)
        check(nearest < 0.012, "360 Hz onset at %.3f s is %.1f ms from any 500 Hz onset"
              % (t, nearest * 1000))


def test_threshold_option():
    loose = run_json([HEA5, "--threshold", "0.1"])
    strict = run_json([HEA5, "--threshold", "0.95"])
    n_loose = sum(len(l["qrs"]) for l in loose["leads"])
    n_strict = sum(len(l["qrs"]) for l in strict["leads"])
    check(n_strict <= n_loose, "a stricter threshold found more QRS (%d > %d)" % (n_strict, n_loose))
    for lead in strict["leads"]:
        for q in lead["qrs"]:
            check(q["onsetProb"] >= 0.95 and q["offsetProb"] >= 0.95, "peak below --threshold: %s" % q)



def test_centroid_option():
    # Same events, other positions: the mass centre moves boundaries by a fraction of the window.
    peak = run_json([HEA5, "--centroid-ms", "0"])
    centre = run_json([HEA5])
    a = [q["onset"] for l in peak["leads"] for q in l["qrs"]]
    b = [q["onset"] for l in centre["leads"] for q in l["qrs"]]
    check(len(a) == len(b) and len(a) > 100, "--centroid-ms 0 changed the event count (%d vs %d)" % (len(a), len(b)))
    moved = max(abs(x - y) for x, y in zip(a, b))
    check(0 < moved < 15, "mass centre moved onsets by up to %.3f samples (expected 0 < d < 15 at 500 Hz)" % moved)
    status, _, err = run([HEA5, "--centroid-ms", "200"])
    check(status == 2 and "--centroid-ms" in err, "--centroid-ms 200 accepted or unclear: %r" % err)

def test_qrs_length_and_refractory_options():
    # Each lead's own marks (both convention weights 0: no blending moves them afterwards, by
    # either reader; leads that disagree under a narrow QRS range hand the record over) obey the
    # QRS length and refractory distance asked for, and asking for more drops events.
    def marks(extra):
        doc = run_json([HEA5, "--convention-weight", "0", "--noise-convention-weight", "0"] + extra)
        return [q for l in doc["leads"] for q in l["qrs"]], doc["leads"]

    usual, _ = marks([])
    ms = lambda samples: samples * 1000.0 / 500
    longest = max(ms(q["offset"] - q["onset"]) for q in usual)
    shortest = min(ms(q["offset"] - q["onset"]) for q in usual)
    check(shortest < 90 < longest, "record 5's QRS should span 90 ms (%.1f-%.1f)" % (shortest, longest))
    wide, _ = marks(["--min-qrs-ms", "90"])
    check(0 < len(wide) < len(usual), "--min-qrs-ms 90 kept %d of %d" % (len(wide), len(usual)))
    check(all(ms(q["offset"] - q["onset"]) >= 90 - 1e-6 for q in wide), "a QRS under --min-qrs-ms 90")
    narrow, _ = marks(["--max-qrs-ms=90"])
    check(0 < len(narrow) < len(usual), "--max-qrs-ms 90 kept %d of %d" % (len(narrow), len(usual)))
    check(all(ms(q["offset"] - q["onset"]) <= 90 + 1e-6 for q in narrow), "a QRS over --max-qrs-ms 90")
    # Record 5's beats are about 0.8 s apart: a 1.5 s refractory distance keeps about every other.
    sparse, leads = marks(["--refractory-ms", "1500"])
    check(0 < len(sparse) < 0.75 * len(usual), "--refractory-ms 1500 kept %d of %d" % (len(sparse), len(usual)))
    for lead in leads:
        onsets = [q["onset"] for q in lead["qrs"]]
        check(all(b - a >= 750 for a, b in zip(onsets, onsets[1:])),
              "lead %s: onsets closer than 1.5 s: %s" % (lead["name"], onsets))
    for args, words in ((["--min-qrs-ms", "300"], "--max-qrs-ms (250) must be above --min-qrs-ms (300)"),
                        (["--min-qrs-ms", "80", "--max-qrs-ms", "60"], "--max-qrs-ms (60) must be above"),
                        (["--max-qrs-ms", "600"], "--max-qrs-ms must be > 0 and <= 500 (got 600)"),
                        (["--refractory-ms", "-1"], "--refractory-ms must be >= 0")):
        status, _, err = run([HEA5] + args)
        check(status == 2 and words in err, "%s: exit %d, %r" % (args, status, err))


def test_convention_weight_option():
    # Weight 0 keeps every lead's own marks; the default moves each boundary halfway to the beat's
    # boundary plus the lead's usual distance from it (src/annotate/lead_conventions.h), so each
    # lead's distances from the beats spread about half as much, and the beats stay as they are.
    own = run_json([HEA5, "--convention-weight", "0"])
    blended = run_json([HEA5])
    centre = lambda doc: [(b["onset"], b["offset"]) for b in doc["beats"]]
    check(centre(own) == centre(blended), "--convention-weight changed the global beats")

    def spread(doc):
        total, count = 0.0, 0
        for lead in doc["leads"]:
            gaps = [q["onset"] - min(doc["beats"], key=lambda b: abs(b["onset"] - q["onset"]))["onset"]
                    for q in lead["qrs"]]
            total += sum((g - sorted(gaps)[(len(gaps) - 1) // 2]) ** 2 for g in gaps)
            count += len(gaps)
        return (total / count) ** 0.5

    a, b = spread(own), spread(blended)
    n_own = sum(len(l["qrs"]) for l in own["leads"])
    n_blended = sum(len(l["qrs"]) for l in blended["leads"])
    check(n_own == n_blended and n_own > 100, "the blend changed the event count (%d vs %d)" % (n_own, n_blended))
    check(a > 0.2 and abs(b / a - 0.5) < 0.05,
          "onset spread around each lead's habit: %.3f samples own, %.3f blended (expected half)" % (a, b))
    status, _, err = run([HEA5, "--convention-weight", "1.5"])
    check(status == 2 and "--convention-weight" in err, "--convention-weight 1.5 accepted or unclear: %r" % err)


def test_dump_writes_physical_units():
    status, out, err = run([HEA5, "--dump"])
    check(status == 0, "--dump failed: %s" % err)
    lines = [l for l in out.splitlines() if l.strip()]
    comments = [l for l in lines if l.startswith("#")]
    check(any("fs=500" in l.replace(" ", "") for l in comments), "no '# fs=500' line: %s" % comments)
    rows = [l for l in lines if not l.startswith("#")]
    header = [h.strip().lower() for h in rows[0].split(",")]
    check(header[-12:] == LEADS, "header row %s" % header)
    data = np.array([[float(v) for v in r.split(",")] for r in rows[1:]])
    check(data.shape[0] == 5000, "%d data rows, expected 5000" % data.shape[0])
    _, leads = read_ludb(5)
    for k, name in enumerate(LEADS):
        col = data[:, data.shape[1] - 12 + k]
        err_max = np.max(np.abs(col - leads[name]))
        check(err_max < 1e-3, "dumped lead %s differs from the file by %.3g mV" % (name, err_max))


def test_the_files_own_warnings_reach_the_json():
    folder = os.path.join(TMP, "damaged")
    os.makedirs(folder, exist_ok=True)
    header = copy_with_a_wrong_checksum(5, folder)
    status, out, err = run([header, "--json"])
    check(status == 0, "exit %d: %s" % (status, err))
    warnings = json.loads(out)["warnings"]
    check(any("checksum mismatch" in w and "5.hea" in w for w in warnings),
          "the checksum warning is not in the JSON: %s" % warnings)
    check(err.count("checksum mismatch") == 1 and "5.hea: warning: 5.hea" not in err,
          "stderr: %r" % err)


def test_upper_case_wfdb_names():
    # Records copied from old PhysioNet CD-ROMs: FIVE.HEA naming FIVE.DAT, and a header that names
    # its signal file in another case than the disk has it. Named by header, signal file or stem.
    reference = [(b["onset"], b["offset"]) for b in run_json([HEA5])["beats"]]
    with open(HEA5) as f:
        lines = f.read().splitlines()
    for folder_name, named in (("upper", "FIVE.DAT"), ("mixed", "five.dat")):
        folder = os.path.join(TMP, folder_name)
        os.makedirs(folder, exist_ok=True)
        shutil.copy(os.path.join(LUDB, "5.dat"), os.path.join(folder, "FIVE.DAT"))
        with open(os.path.join(folder, "FIVE.HEA"), "w") as f:
            f.write("\n".join(["FIVE" + lines[0][1:]] +
                              [named + line[len("5.dat"):] for line in lines[1:13]]) + "\n")
        for given in ("FIVE.HEA", "FIVE.DAT", "FIVE"):
            status, out, err = run([os.path.join(folder, given), "--json"])
            check(status == 0, "%s/%s: exit %d, %s" % (folder_name, given, status, err))
            beats = [(b["onset"], b["offset"]) for b in json.loads(out)["beats"]]
            check(beats == reference, "%s/%s: other beats than 5.hea" % (folder_name, given))
    # Two files that differ from the header's name only in case: neither is taken for it.
    shutil.copy(os.path.join(LUDB, "5.dat"), os.path.join(TMP, "mixed", "Five.Dat"))
    status, _, err = run([os.path.join(TMP, "mixed", "FIVE.HEA")])
    check(status == 1 and "FIVE.HEA: five.dat could be FIVE.DAT or Five.Dat (the names differ only "
          "in case); keep only the one meant" in err, "exit %d, stderr %r" % (status, err))


def test_errors_name_the_file_and_the_rest_is_processed():
    missing = os.path.join(TMP, "no_such_record.csv")
    status, out, err = run([missing, HEA5, "--json"])
    check(status == 1, "missing file: exit %d, expected 1" % status)
    check("no_such_record.csv" in err, "stderr does not name the missing file: %r" % err)
    docs = json.loads(out)  # two files asked for: an array, of the one that could be read
    check(isinstance(docs, list) and [d["record"] for d in docs] == ["5"],
          "the readable file was not processed, or not as an array of one: %r" % out[:200])

    garbage = os.path.join(TMP, "garbage.npy")
    with open(garbage, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00\xff\xff{not a header")
    status, _, err = run([garbage])
    check(status == 1 and "garbage.npy" in err, "damaged .npy: exit %d, stderr %r" % (status, err))

    status, _, err = run([HEA5, "--model", os.path.join(TMP, "missing.qrsm")])
    check(status == 1 and "missing.qrsm" in err, "missing model: exit %d, stderr %r" % (status, err))
    damaged = os.path.join(TMP, "damaged.qrsm")
    with open(model_path(), "rb") as f:
        data = bytearray(f.read())
    data[len(data) // 2] ^= 0xFF
    with open(damaged, "wb") as f:
        f.write(data)
    status, _, err = run([HEA5, "--model", damaged])
    check(status == 1 and "damaged.qrsm" in err, "damaged model: exit %d, stderr %r" % (status, err))


def test_version_lists_every_promised_part():
    status, out, err = run(["--version"])
    check(status == 0, "--version: exit %d, stderr %r" % (status, err))
    listed = {}
    for line in out.splitlines():
        kind, _, names = line.partition(":")
        listed[kind.strip()] = names.split()
    for kind, names in promised().items():
        for name in names:
            check(name in listed.get(kind, []), "--version does not list %s '%s' (README promises "
                  "it; was it found at configure time?):\n%s" % (kind[:-1], name, out))


def test_usage_errors_exit_2():
    for args in ([], ["--json"], [HEA5, "--bogus"], [HEA5, "--threshold", "1.5"],
                 [HEA5, "--backend", "gpu"], [HEA5, "--fs", "abc"], [HEA5, "--probabilities"],
                 [HEA5, "--fs"]):
        status, _, err = run(args)
        check(status == 2, "%s: exit %d, expected 2" % (args, status))
        check("usage:" in err, "%s: no usage text on stderr" % (args,))
    status, out, _ = run(["--help"])
    check(status == 0 and "usage:" in out, "--help should print usage and exit 0")


def test_a_wrong_sampling_rate_is_named():
    # LUDB record 5 (500 Hz) with a header that claims 50 or 1000 Hz: every wave is stretched or
    # squeezed ten- or twofold, the leads no longer agree on the beats, and the warning says so
    # naming the rate. At its own rate there is no warning.
    with open(HEA5) as f:
        header = f.read().split("\n")
    for fs in (50, 1000):
        fields = header[0].split()
        fields[0], fields[2] = "wrongrate%d" % fs, str(fs)
        lines = [" ".join(fields)] + [l.replace("5.dat", "wrongrate%d.dat" % fs, 1)
                                      for l in header[1:]]
        path = os.path.join(TMP, "wrongrate%d.hea" % fs)
        with open(path, "w") as f:
            f.write("\n".join(lines))
        shutil.copy(os.path.join(LUDB, "5.dat"), os.path.join(TMP, "wrongrate%d.dat" % fs))
        doc = run_json([path])
        check(any("do not agree on where the beats are" in w and "if %d Hz is not" % fs in w
                  for w in doc["warnings"]), "%d Hz header: warnings %s" % (fs, doc["warnings"]))
    check(run_json([HEA5])["warnings"] == [], "record 5 at its own rate has warnings")


def test_lone_complexes_are_dropped():
    # LUDB record 45 (atrial and ventricular pacing): the net took atrial pacing spikes in V1, I
    # and aVR for QRS complexes, about 250 ms before the paced beats, where no other lead and no
    # beat is (src/annotate/lone_complexes.h). They carry no mark now; every beat keeps its marks.
    doc = run_json([os.path.join(LUDB, "45.hea")])
    beats = doc["beats"]
    edge = 0.25 * doc["fs"]
    overlaps = lambda q, b: q["onset"] < b["offset"] and q["offset"] > b["onset"]
    for lead in doc["leads"]:
        lone = [q for q in lead["qrs"] if not any(overlaps(q, b) for b in beats)
                and edge <= q["onset"] and q["offset"] <= doc["length"] - 1 - edge]
        check(not lone, "%s keeps complexes on no beat: %s" % (lead["name"], lone))
    v1 = next(l for l in doc["leads"] if l["name"].lower() == "v1")
    spikes = [q for q in v1["qrs"] if any(s - 40 <= q["onset"] <= s + 40 for s in (1408, 2417, 2920))]
    check(not spikes, "V1 still marks the pacing spikes: %s" % spikes)
    check(len(beats) >= 8 and all(sum(overlaps(q, b) for l in doc["leads"] for q in l["qrs"]) >= 10
                                  for b in beats),
          "record 45 lost marks on its beats: %s" % [sum(overlaps(q, b) for l in doc["leads"]
                                                          for q in l["qrs"]) for b in beats])


def main():
    model_path()  # fail loudly before anything else when there is no model
    status = run_test_functions(globals(), "CLI tests")
    shutil.rmtree(TMP, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
