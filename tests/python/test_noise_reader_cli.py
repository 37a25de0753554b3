"""The noise reader (Annotator::set_noise_reader, the CLI's --noise-model): a record whose leads
agree on under 97 % of the beats is read again by the model trained on recorder noise.

LUDB record 5 (test split) as a two-lead Holter recorder with muscle noise at 0 dB
(training/holter_suite.py's condition, seed 17): the shipped model alone marks bursts of noise as
beats; the noise reader finds LUDB's beats and no others, and says so in a warning and in readBy.
The clean record is read by the first model alone. The Python twin of the rule
(training/postprocess.lead_agreement) decides both the same way. Options: --no-noise-model,
--noise-model PATH, and a custom --model gets no noise reader unless one is named. A three-minute
record with one noisy minute is handed over for that minute only (annotate/noise_handover.h); in
a ten-minute one the noise reader reads only that minute with its context, and its marks there
are those of its whole reading (annotate/stretch_reading.h).
What the noise reader reads is blended with the leads' habits at --noise-convention-weight
(default postprocess.NOISY_CONVENTION_WEIGHT), the rest at --convention-weight. Record 105's
PVCs, on which its leads part so that it is handed over, keep their marks in every lead.
"""
import os
import sys
import tempfile

import numpy as np
from scipy.signal import resample_poly

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import SOURCE_DIR, ludb_dir, run, run_json  # noqa: E402
from failures import exit_status  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training import holter_suite, ludb, postprocess, recorder  # noqa: E402
from training.evaluate_engine import write_csv  # noqa: E402

NOISE_MODEL = os.path.join(SOURCE_DIR, "model_weights", "qrs_unet_noisy.qrsm")
MODEL = os.path.join(SOURCE_DIR, "model_weights", "qrs_unet.qrsm")
CONDITION = holter_suite.BY_NAME["2-lead 250 Hz 0.05-100 muscle 0 dB"]


def beats_found(doc, reference_s):
    """(reference beats with a beat within 150 ms, beats matching none). LUDB marks the beats
    of the middle stretch only, so beats outside it are not counted."""
    lo, hi = min(reference_s) - 0.5, max(reference_s) + 0.5
    found = [b["onset"] / doc["fs"] for b in doc["beats"] if lo <= b["onset"] / doc["fs"] <= hi]
    hit = sum(any(abs(f - r) <= 0.15 for f in found) for r in reference_s)
    extra = sum(not any(abs(f - r) <= 0.15 for r in reference_s) for f in found)
    return hit, extra


def long_record(tmp, noisy_s, leads=("ii", "v5"), record=5, rate=None, copies=18):
    """LUDB `record`'s `leads` repeated `copies` times (18: 180 s), muscle noise at 0 dB over
    `noisy_s`, resampled to `rate` Hz (None: the record's 500 Hz)."""
    rec = ludb.read_record(record, ludb_dir())
    leads = list(leads)
    x = np.stack([np.tile(rec.signals_mv[rec.leads.index(name)].astype(np.float64), copies)
                  for name in leads], axis=1)
    if noisy_s:
        lo, hi = (int(t * rec.fs) for t in noisy_s)
        rng = np.random.default_rng(3)
        for j, name in enumerate(leads):
            peaks = ludb.lead_reference(record, name).peaks
            power = recorder.qrs_signal_power(x[:5000, j], rec.fs, peaks)
            x[lo:hi, j] = recorder.add_at_snr(x[lo:hi, j], recorder.NOISE_KINDS["muscle"](
                hi - lo, rec.fs, rng), 0.0, power)
    fs = rec.fs
    if rate is not None and rate != fs:
        x = resample_poly(x, int(rate), int(fs), axis=0)
        fs = rate
    # tests/browser/page.test.mjs drops record 5's two-lead file by this name.
    other_leads = "" if leads == ["ii", "v5"] else "_" + "_".join(leads)
    other_record = "" if record == 5 else str(record)
    other_length = "" if copies == 18 else "_%ds" % (copies * 10)
    path = os.path.join(tmp, "long%s%s%s%s.csv" % (other_record, other_length,
                                                    "_noisy" if noisy_s else "", other_leads))
    write_csv(path, fs, leads, x)
    return path, fs


def long_record_is_handed_over_where_it_is_noisy(tmp, failures, leads=("ii", "v5")):
    # Three minutes with one noisy minute: only that minute is read by the noise reader, its
    # edges between beats; elsewhere the marks are the first model's own, there the noise
    # reader's own, and no beat is lost or read twice where the two meet. With one lead the
    # minutes are judged by the two readers' agreement (test_one_lead_noise_cli.py).
    path, fs = long_record(tmp, (60.0, 120.0), leads)
    spliced = run_json([path])
    first = run_json([path, "--no-noise-model"])
    noise = run_json([path, "--model", NOISE_MODEL])
    spans = [(s["start"] / fs, s["end"] / fs) for s in spliced["noiseReaderSpans"]]
    if len(spans) != 1 or not (58 <= spans[0][0] <= 61 and 119 <= spans[0][1] <= 122):
        failures.append("long record: noise reader spans %s s, the noise is at 60-120 s" % spans)
        return
    if spliced["readBy"] != "qrs-unet-small" or "1 stretch (" not in spliced["warnings"][0]:
        failures.append("long record: read by %s, warnings %s"
                        % (spliced["readBy"], spliced["warnings"][:1]))
    inside = lambda b: spans[0][0] <= b["onset"] / fs < spans[0][1]
    for label, want in (("outside", [b for b in first["beats"] if not inside(b)]),
                        ("inside", [b for b in noise["beats"] if inside(b)])):
        got = [b for b in spliced["beats"] if inside(b) == (label == "inside")]
        if [b["onset"] for b in got] != [b["onset"] for b in want]:
            failures.append("long record: beats %s the noise reader's stretch are not the %s "
                            "reading's" % (label, "first" if label == "outside" else "noise"))
    onsets = [b["onset"] / fs for b in spliced["beats"]]
    if any(b - a < 0.2 for a, b in zip(onsets, onsets[1:])):
        failures.append("long record: two beats within 200 ms where the readings meet")
    for lead in spliced["leads"]:
        starts = [q["onset"] / fs for q in lead["qrs"]]
        if any(b - a < 0.2 for a, b in zip(starts, starts[1:])):
            failures.append("long record: lead %s marks a complex twice" % lead["name"])
    clean = run_json([long_record(tmp, None, leads)[0]])
    if clean["noiseReaderSpans"] or clean["readBy"] != "qrs-unet-small":
        failures.append("clean long record handed over: %s" % clean["noiseReaderSpans"])


def long_record_reads_only_its_noisy_minute(tmp, failures, rate=None):
    # Ten minutes with one noisy minute: the stretches with their context cover under half the
    # record, so the noise reader reads only them (src/annotator.cpp, read_stretches), starting
    # where its preprocessing restarts as in a whole reading. Inside the stretch its beats and
    # lead marks are exactly those of the reader run on the whole record at the noisy weight,
    # at the file's 500 Hz and resampled to 360 Hz (a Holter rate, resampled for the network).
    path, fs = long_record(tmp, (240.0, 300.0), copies=60, rate=rate)
    spliced = run_json([path])
    alone = run_json([path, "--model", NOISE_MODEL, "--convention-weight",
                      str(postprocess.NOISY_CONVENTION_WEIGHT)])
    spans = [(s["start"], s["end"]) for s in spliced["noiseReaderSpans"]]
    if len(spans) != 1 or not (238 * fs <= spans[0][0] <= 241 * fs
                               and 299 * fs <= spans[0][1] <= 302 * fs):
        failures.append("ten-minute record at %g Hz: noise reader spans %s samples, the noise "
                        "is at 240-300 s" % (fs, spans))
        return
    begin, end = spans[0]
    inside = lambda at: begin <= at < end
    beat = lambda b: (b["onset"], b["offset"], b["firstOnset"], b["lastOffset"], b.get("paced"))
    got = [beat(b) for b in spliced["beats"] if inside(b["onset"])]
    if not got or got != [beat(b) for b in alone["beats"] if inside(b["onset"])]:
        failures.append("ten-minute record at %g Hz: the %d beats of the noisy minute are not "
                        "the noise reader's whole reading's" % (fs, len(got)))
    for mine, its in zip(spliced["leads"], alone["leads"]):
        marks = lambda lead: [(q["onset"], q["offset"]) for q in lead["qrs"]
                              if inside(q["onset"])]
        if marks(mine) != marks(its):
            failures.append("ten-minute record at %g Hz: lead %s's marks in the noisy minute are "
                            "not the noise reader's whole reading's" % (fs, mine["name"]))


def lead_marks(doc):
    return [[(q["onset"], q["offset"]) for q in lead["qrs"]] for lead in doc["leads"]]


def handed_over_reading_is_blended_as_noisy(noisy, default, failures):
    # The handed-over document is the noise reader's reading at the noisy weight: its marks are
    # those of the reader run on its own with that --convention-weight, for the default and for
    # --noise-convention-weight 0 (each lead's own marks), and the two differ here. A record that
    # is not handed over keeps --convention-weight, whatever --noise-convention-weight says.
    weight = postprocess.NOISY_CONVENTION_WEIGHT
    for option, expected_weight, got in (
            ([], weight, default),
            (["--noise-convention-weight", "0"], 0.0,
             run_json([noisy, "--noise-convention-weight", "0"]))):
        alone = run_json([noisy, "--model", NOISE_MODEL, "--convention-weight",
                          str(expected_weight)])
        if lead_marks(got) != lead_marks(alone):
            failures.append("%s: the handed-over marks are not the noise reader's own at "
                            "--convention-weight %g" % (option or "default", expected_weight))
        if option and lead_marks(got) == lead_marks(default):
            failures.append("--noise-convention-weight 0 changes no mark of the noisy record")
    record5 = os.path.join(ludb_dir(), "5.hea")
    if lead_marks(run_json([record5, "--noise-convention-weight", "0"])) != lead_marks(
            run_json([record5])):
        failures.append("--noise-convention-weight moved the marks of clean record 5, which the "
                        "first model reads")
    status, _, err = run([noisy, "--noise-convention-weight", "1.5"])
    if status == 0 or "--noise-convention-weight" not in err:
        failures.append("--noise-convention-weight 1.5: exit %d, stderr %r" % (status, err))


def ectopic_beats_keep_their_marks(tmp, failures):
    # LUDB record 105 (clean; a PVC every 5 s, which the first model misses in V5, so the leads
    # agree on 96 % of the beats and the record goes to the noise reader) as leads II and V5 at
    # 250 Hz, repeated to 3 minutes. The noise reader, trained with such records drawn three times
    # as often, marks every beat in both leads (the reader trained without that: 220 and 198 of
    # 234; the first model 234 and 216).
    path, _ = long_record(tmp, None, record=105, rate=250)
    default = run_json([path])
    first = run_json([path, "--no-noise-model"])
    if not default["noiseReaderSpans"]:
        failures.append("record 105 x18 is no longer handed over: the test shows nothing")
    marks = [len(lead["qrs"]) for lead in default["leads"]]
    if len(default["beats"]) != len(first["beats"]) or marks != [len(default["beats"])] * 2:
        failures.append("record 105 x18: %d beats (first model %d), lead marks %s"
                        % (len(default["beats"]), len(first["beats"]), marks))


def main():
    failures = []
    tmp = tempfile.TemporaryDirectory()
    rec = ludb.read_record(5, ludb_dir())
    noisy = os.path.join(tmp.name, "noisy5.csv")
    write_csv(noisy, CONDITION.rate, list(CONDITION.leads),
              holter_suite.recorded_leads(rec, CONDITION, 17))
    reference = [on / rec.fs for on in ludb.lead_reference(5, "ii").onsets]

    default = run_json([noisy])
    alone = run_json([noisy, "--no-noise-model"])
    hit, extra = beats_found(default, reference)
    hit_alone, extra_alone = beats_found(alone, reference)
    if default["readBy"] != "qrs-unet-wide-noisy":
        failures.append("noisy record read by %s" % default["readBy"])
    if not any("agree on" in w and "qrs-unet-wide-noisy" in w for w in default["warnings"]):
        failures.append("no warning names the noise reader: %s" % default["warnings"])
    if alone["readBy"] != "qrs-unet-small":
        failures.append("--no-noise-model: read by %s" % alone["readBy"])
    if not (hit >= len(reference) - 1 and extra <= 1):
        failures.append("noise reader: %d of %d beats, %d extra" % (hit, len(reference), extra))
    if not extra_alone > extra + 3:
        failures.append("the first model alone is not worse here (%d extra against %d): the test "
                        "no longer shows what the noise reader is for" % (extra_alone, extra))
    named = run_json([noisy, "--model", MODEL, "--noise-model", NOISE_MODEL])
    if named["readBy"] != "qrs-unet-wide-noisy":
        failures.append("--noise-model PATH: read by %s" % named["readBy"])
    custom = run_json([noisy, "--model", MODEL])
    if custom["readBy"] != "qrs-unet-small":
        failures.append("--model alone should load no noise reader: read by %s" % custom["readBy"])

    # The Python twin of the engine's rule (what training/cv_suite.py --noise-reader applies)
    # decides as the engine did: the first model's reading of the noisy record is under the
    # threshold, that of the clean record is not.
    if not postprocess.lead_agreement(alone) < postprocess.NOISY_AGREEMENT:
        failures.append("twin: the first reading agrees on %.3f of the beats, yet the engine "
                        "handed it over" % postprocess.lead_agreement(alone))
    clean_alone = run_json([os.path.join(ludb_dir(), "5.hea"), "--no-noise-model"])
    if postprocess.lead_agreement(clean_alone) < postprocess.NOISY_AGREEMENT:
        failures.append("twin: clean record 5 agrees on only %.3f of the beats"
                        % postprocess.lead_agreement(clean_alone))

    clean = run_json([os.path.join(ludb_dir(), "5.hea")])
    if clean["readBy"] != "qrs-unet-small" or any("agree on" in w for w in clean["warnings"]):
        failures.append("clean record 5: read by %s, warnings %s"
                        % (clean["readBy"], clean["warnings"]))

    long_record_is_handed_over_where_it_is_noisy(tmp.name, failures)
    for rate in (None, 360):
        long_record_reads_only_its_noisy_minute(tmp.name, failures, rate)
    handed_over_reading_is_blended_as_noisy(noisy, default, failures)
    ectopic_beats_keep_their_marks(tmp.name, failures)

    status, _, err = run([noisy, "--noise-model", os.path.join(tmp.name, "missing.qrsm")])
    if status == 0 or "missing.qrsm" not in err:
        failures.append("a missing --noise-model: exit %d, stderr %r" % (status, err))
    status, _, err = run([noisy, "--noise-model", NOISE_MODEL, "--no-noise-model"])
    if status == 0 or "contradict" not in err:
        failures.append("--noise-model with --no-noise-model: exit %d, stderr %r" % (status, err))
    tmp.cleanup()
    print("noise reader: noisy record 5 %d of %d beats, %d extra (first model alone: %d, %d extra)"
          % (hit, len(reference), extra, hit_alone, extra_alone))
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
