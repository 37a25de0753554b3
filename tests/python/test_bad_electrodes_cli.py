"""Bad electrodes in real recordings, through the shipped CLI and model.

A. A long recording with a loose electrode: LUDB record 5 repeated nine times (90 s, 12 leads,
   CSV); lead ii at 1 % plus 5 uV of noise from 20 s to 80 s. What a person needs from the
   annotator (docs/signal.md section 2, step 3, and src/annotate/flat_parts.h):
   1. a warning names lead ii and a stretch that lies within the loose one, covering most of it;
   2. no lead ii marks inside that stretch;
   3. outside the loose stretch lead ii is marked beat for beat, with the QRS durations of record 5
      as it is (within 3 ms): the amplitude context sizes the good parts by themselves. Sizing the
      whole lead as one (the context off) let the loose majority blow the good parts up to the
      clip, and the durations grew by up to 18 ms;
   4. the global beats are all there (9 per copy).
B. A detached electrode picking up noise: record 5 with v6 replaced by white noise of SD 0.1 mV.
   The amplitude normalisation brings it to QRS size and the net marks "complexes" in it; they
   fall between the beats, so v6 is silenced with a warning (src/annotate/stray_leads.h), while
   the other eleven leads and the 9 beats are as in record 5.
C. A file of one or two leads has no other leads to check against: a lead of white noise
   (SD 0.1 mV, 20 s) alone, and next to record 5's lead ii, gets a warning that its complexes do
   not look alike (src/annotate/complex_likeness.h); record 5's ii and v1, alone or together, get
   none.
"""
import os
import re
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import ludb_dir, run_json  # noqa: E402
from failures import exit_status  # noqa: E402
from ludb_io import SOURCE_DIR, read_ludb  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training.evaluate_engine import write_csv  # noqa: E402

LOOSE_S = (20.0, 80.0)
COPIES = 9


def record5(copies=1):
    """(fs, lead names, samples [n, leads] in mV) of LUDB record 5, repeated `copies` times."""
    fs, leads = read_ludb(5)
    names = list(leads)
    return fs, names, np.tile(np.stack([leads[n] for n in names], axis=1), (copies, 1))


def annotate_csv(name, fs, names, x):
    """The CLI's JSON for the leads x written as CSV (evaluate_engine.write_csv)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, name + ".csv")
        write_csv(path, fs, names, x)
        return run_json([path])


def lead(doc, name):
    return next(l for l in doc["leads"] if l["name"].lower() == name)


def loose_stretch():
    failures = []
    fs, names, x = record5(COPIES)
    lo, hi = (int(t * fs) for t in LOOSE_S)
    ii = names.index("ii")
    x[lo:hi, ii] = x[lo:hi, ii] * 0.01 + np.random.default_rng(1).normal(0, 0.005, hi - lo)
    doc = annotate_csv("loose", fs, names, x)
    plain = run_json([os.path.join(ludb_dir(), "5.hea")])
    period = x.shape[0] / COPIES / fs

    warning = " ".join(w for w in doc["warnings"] if "lead 'ii'" in w)
    stretch = re.search(r"from ([0-9.]+) s to ([0-9.]+) s", warning)
    if not stretch:
        failures.append("no warning names lead ii's loose stretch: %s" % doc["warnings"])
        silent = LOOSE_S
    else:
        silent = (float(stretch.group(1)), float(stretch.group(2)))
        if not (LOOSE_S[0] <= silent[0] <= LOOSE_S[0] + 4
                and LOOSE_S[1] - 4 <= silent[1] <= LOOSE_S[1]):
            failures.append("silenced %s s, the loose stretch is %s s" % (silent, LOOSE_S))
    # The same stretch, machine-readable: lead ii's "silenced" spans (input samples).
    spans = [(sp["start"] / fs, sp["end"] / fs) for sp in lead(doc, "ii")["silenced"]]
    if len(spans) != 1 or max(abs(spans[0][0] - silent[0]), abs(spans[0][1] - silent[1])) > 0.051:
        failures.append("lead ii's silenced spans %s s, the warning says %s s" % (spans, silent))
    others = [l["name"] for l in doc["leads"] if l["name"] != "ii" and l["silenced"]]
    if others:
        failures.append("leads %s have silenced spans, only ii is loose" % others)
    ii = lead(doc, "ii")["qrs"]
    inside = [q for q in ii if silent[0] <= q["onset"] / fs < silent[1]]
    if inside:
        failures.append("%d lead ii marks inside the silenced stretch" % len(inside))
    # Outside the loose stretch: each copy's beats, durations as in record 5 itself.
    plain_ms = [(q["offset"] - q["onset"]) * 1000 / fs for q in lead(plain, "ii")["qrs"]]
    checked = 0
    for q in ii:
        t = q["onset"] / fs
        if LOOSE_S[0] - 1 <= t < LOOSE_S[1] + 1:
            continue
        within = t - period * int(t // period)
        k = int(np.argmin([abs(p["onset"] / fs - within) for p in lead(plain, "ii")["qrs"]]))
        ms = (q["offset"] - q["onset"]) * 1000 / fs
        checked += 1
        if abs(ms - plain_ms[k]) > 3.0:
            failures.append("lead ii at %.2f s: QRS %.1f ms, record 5 itself %.1f ms"
                            % (t, ms, plain_ms[k]))
    outside_beats = sum(1 for b in doc["beats"]
                        if not LOOSE_S[0] - 1 <= b["onset"] / fs < LOOSE_S[1] + 1)
    if checked != outside_beats:
        failures.append("lead ii marks %d beats outside the loose stretch, the record has %d there"
                        % (checked, outside_beats))
    if len(doc["beats"]) != COPIES * len(plain["beats"]):
        failures.append("%d beats, expected %d" % (len(doc["beats"]), COPIES * len(plain["beats"])))
    print("loose lead ii: silenced %.1f-%.1f s, %d marks outside checked against record 5, %d beats"
          % (silent[0], silent[1], checked, len(doc["beats"])))
    return failures


def noise_lead():
    fs, names, x = record5()
    x[:, names.index("v6")] = np.random.default_rng(0).normal(0, 0.1, x.shape[0])
    doc = annotate_csv("noise", fs, names, x)
    plain = run_json([os.path.join(ludb_dir(), "5.hea")])
    failures = []
    if lead(doc, "v6")["qrs"]:
        failures.append("noise lead v6 keeps %d marks" % len(lead(doc, "v6")["qrs"]))
    if not any("lead 'v6'" in w and "between the record's beats" in w for w in doc["warnings"]):
        failures.append("no warning names the noise lead v6: %s" % doc["warnings"])
    if lead(doc, "v6")["silenced"] != [{"start": 0, "end": x.shape[0]}]:
        failures.append("noise lead v6: silenced %s, expected the whole lead [0, %d)"
                        % (lead(doc, "v6")["silenced"], x.shape[0]))
    for name in names[:-1]:
        if len(lead(doc, name)["qrs"]) != len(lead(plain, name)["qrs"]):
            failures.append("lead %s: %d marks next to the noise lead, %d in record 5"
                            % (name, len(lead(doc, name)["qrs"]), len(lead(plain, name)["qrs"])))
    if len(doc["beats"]) != len(plain["beats"]):
        failures.append("%d beats next to the noise lead, %d in record 5"
                        % (len(doc["beats"]), len(plain["beats"])))
    print("noise lead v6: %d marks, %d beats; warnings %s"
          % (len(lead(doc, "v6")["qrs"]), len(doc["beats"]), doc["warnings"]))
    return failures


def noise_alone():
    fs, names, x = record5(2)
    ii, v1 = x[:, names.index("ii")], x[:, names.index("v1")]
    hiss = np.random.default_rng(2).normal(0, 0.1, x.shape[0])
    failures = []
    for label, columns, noisy in [("noise alone", [hiss], {"x0"}),
                                  ("noise next to ii", [ii, hiss], {"x1"}),
                                  ("ii alone", [ii], set()), ("ii and v1", [ii, v1], set())]:
        doc = annotate_csv(label.replace(" ", "_"), fs, ["x%d" % k for k in range(len(columns))],
                           np.stack(columns, axis=1))
        warned = {l["name"] for l in doc["leads"]
                  if any("lead '%s': its" % l["name"] in w and "do not look alike" in w
                         for w in doc["warnings"])}
        if warned != noisy:
            failures.append("%s: warned about %s, expected %s; warnings %s"
                            % (label, sorted(warned), sorted(noisy), doc["warnings"]))
        print("%s: %s complexes; warned about %s"
              % (label, [len(l["qrs"]) for l in doc["leads"]], sorted(warned)))
    return failures


def main():
    return exit_status(loose_stretch() + noise_lead() + noise_alone())


if __name__ == "__main__":
    sys.exit(main())
