"""A record with one lead with a say is judged by the two models' agreement (src/annotator.cpp,
annotate/lead_agreement.h's reader_agreement): one lead always agrees with itself, so the leads'
agreement alone would never hand a noisy wearable or one-channel recording to the noise reader.

LUDB record 5's lead II (test split), as one channel of a recorder with muscle noise at 0 dB
(training/holter_suite.py's band and noise, seed 17): the engine reads it with both models,
hands it to the noise reader with a warning naming both, and finds LUDB's beats with no more
extra beats than the noise reader alone. The clean lead stays with the first model. A two-lead
record whose second lead is flat (silenced, so it has no say) is judged the same way, and so is
a three-minute lead II with one noisy minute, minute by minute. The Python twin (training/postprocess.hand_over, used by training/cv_suite.py) decides each as the engine
does.
"""
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import SOURCE_DIR, ludb_dir, run_json  # noqa: E402
from failures import exit_status  # noqa: E402
from test_noise_reader_cli import (NOISE_MODEL, beats_found,  # noqa: E402
                                   long_record_is_handed_over_where_it_is_noisy)

sys.path.insert(0, SOURCE_DIR)
from training import holter_suite, ludb, postprocess  # noqa: E402
from training.evaluate_engine import write_csv  # noqa: E402

NOISY = holter_suite.BY_NAME["1-lead 250 Hz 0.05-100 muscle 0 dB"]
CLEAN = holter_suite.BY_NAME["1-lead 250 Hz 0.05-100"]


def readings(path, extra=()):
    """(the engine's default reading, the first model alone, the noise reader alone)."""
    return (run_json([path, *extra]), run_json([path, "--no-noise-model", *extra]),
            run_json([path, "--model", NOISE_MODEL, *extra]))


def judged_by_the_readers(name, path, handed_over, failures, reference=None,
                          who="on its one lead"):
    """`who`: how the warning names the one lead with a say (a record of more leads is named as
    such, never "its one lead")."""
    default, alone, noise = readings(path)
    if postprocess.leads_with_a_say(alone) != 1:
        failures.append("%s: %d leads with a say, expected 1"
                        % (name, postprocess.leads_with_a_say(alone)))
    expected = "qrs-unet-wide-noisy" if handed_over else "qrs-unet-small"
    if default["readBy"] != expected:
        failures.append("%s: read by %s, expected %s" % (name, default["readBy"], expected))
    warned = [w for w in default["warnings"] if who + ", the two models" in w]
    if bool(warned) != handed_over or (warned and "qrs-unet-wide-noisy" not in warned[0]):
        failures.append("%s: warnings %s" % (name, default["warnings"]))
    if postprocess.hand_over(alone, noise) != handed_over:
        failures.append("%s: the twin decides %s (readers agree on %.3f)"
                        % (name, postprocess.hand_over(alone, noise),
                           postprocess.reader_agreement(alone, noise)))
    if reference is not None:
        hit, extra = beats_found(default, reference)
        hit_alone, extra_alone = beats_found(alone, reference)
        print("%s: %d of %d beats, %d extra (first model alone: %d, %d extra); readers agree on "
              "%.3f" % (name, hit, len(reference), extra, hit_alone, extra_alone,
                        postprocess.reader_agreement(alone, noise)))
        if not (hit >= len(reference) - 1 and extra <= 1):
            failures.append("%s: %d of %d beats, %d extra" % (name, hit, len(reference), extra))
        if not extra_alone + (len(reference) - hit_alone) > extra + (len(reference) - hit):
            failures.append("%s: the first model alone is no worse (%d found, %d extra): the test "
                            "no longer shows what the hand-over is for" % (name, hit_alone,
                                                                           extra_alone))


def main():
    failures = []
    tmp = tempfile.TemporaryDirectory()
    rec = ludb.read_record(5, ludb_dir())
    reference = [on / rec.fs for on in ludb.lead_reference(5, "ii").onsets]
    paths = {}
    for name, condition in (("noisy", NOISY), ("clean", CLEAN)):
        paths[name] = os.path.join(tmp.name, "%s_ii.csv" % name)
        write_csv(paths[name], condition.rate, list(condition.leads),
                  holter_suite.recorded_leads(rec, condition, 17))
    judged_by_the_readers("noisy lead II", paths["noisy"], True, failures, reference)
    judged_by_the_readers("clean lead II", paths["clean"], False, failures)

    # The noisy lead beside a flat one: the flat lead is silenced and has no say.
    x = holter_suite.recorded_leads(rec, NOISY, 17)
    flat = os.path.join(tmp.name, "noisy_with_flat.csv")
    write_csv(flat, NOISY.rate, ["ii", "v5"], np.stack([x[:, 0], np.zeros(len(x))], axis=1))
    judged_by_the_readers("noisy lead II and a flat lead", flat, True, failures, reference,
                          who="on lead 'ii', the only one of its 2 leads with QRS marks")

    # Three minutes of lead II with muscle noise at 0 dB over the middle one: that minute alone
    # is handed over, spliced between beats (the readers' agreement judged minute by minute).
    long_record_is_handed_over_where_it_is_noisy(tmp.name, failures, leads=("ii",))
    tmp.cleanup()
    return exit_status(failures)


if __name__ == "__main__":
    sys.exit(main())
