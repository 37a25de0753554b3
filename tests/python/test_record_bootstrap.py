"""training/record_bootstrap.py on hand-made scores whose intervals are known without sampling.

Run: /usr/bin/python3 tests/python/test_record_bootstrap.py  (exits non-zero on failure)
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training.record_bootstrap import format_bootstrap, paired_change, record_bootstrap  # noqa: E402
from training.scoring import KindScore, LeadScore, summarise  # noqa: E402


def lead(onset_errors, fn=0, fp=0):
    return LeadScore(onset=KindScore(tp=len(onset_errors), fn=fn, fp=fp,
                                     errors_ms=list(onset_errors)),
                     offset=KindScore(tp=2, errors_ms=[1.0, -1.0]))


class RecordBootstrapTest(unittest.TestCase):
    def test_identical_records_leave_nothing_to_vary(self):
        # Every record alike: any draw of them gives the same figures as the whole set.
        scores = {(r, name): lead([-2.0, 0.0, 5.0]) for r in range(6) for name in ("ii", "v1")}
        whole = summarise(list(scores.values()))["onset"]
        b = record_bootstrap(scores, resamples=200)["onset"]
        for figure in ("se", "ppv", "mean_ms", "sd_ms"):
            low, high = b[figure]
            self.assertAlmostEqual(low, whole[figure])
            self.assertAlmostEqual(high, whole[figure])

    def test_one_unusual_record_widens_the_sd_interval(self):
        # Nineteen quiet records (errors +-1 ms) and one with +-20 ms errors. Draws without it
        # give an SD about 1; draws with it twice give much more: the interval spans both, and
        # it holds the SD of the whole set.
        scores = {(r, "ii"): lead([-1.0, 1.0] * 5) for r in range(19)}
        scores[(19, "ii")] = lead([-20.0, 20.0] * 5)
        whole = summarise(list(scores.values()))["onset"]["sd_ms"]
        low, high = record_bootstrap(scores)["onset"]["sd_ms"]
        self.assertAlmostEqual(low, 1.0, delta=0.03)           # the record left out
        self.assertGreater(high, whole + 2.0)
        self.assertLess(low, whole)

    def test_records_not_pairs_are_resampled(self):
        # The same 40 pairs, once as one record of 40 and once as 40 records of one: one record
        # cannot vary, forty can.
        errors = list(np.linspace(-10.0, 10.0, 40))
        one = record_bootstrap({("a", "ii"): lead(errors)})["onset"]["mean_ms"]
        many = record_bootstrap({(r, "ii"): lead([e]) for r, e in enumerate(errors)})
        many = many["onset"]["mean_ms"]
        self.assertAlmostEqual(one[0], one[1])
        self.assertLess(many[0], -1.0)
        self.assertGreater(many[1], 1.0)

    def test_misses_and_false_alarms_give_se_and_ppv_intervals(self):
        # Ten records with 10 matched beats each; one of them also missed 5 and another added 5.
        scores = {(r, "ii"): lead([0.0] * 10, fn=5 if r == 0 else 0, fp=5 if r == 1 else 0)
                  for r in range(10)}
        b = record_bootstrap(scores)["onset"]
        self.assertEqual(b["se"][1], 100.0)                    # draws without record 0
        self.assertLess(b["se"][0], 96.0)
        self.assertEqual(b["ppv"][1], 100.0)
        self.assertLess(b["ppv"][0], 96.0)

    def test_the_same_seed_gives_the_same_intervals(self):
        scores = {(r, "ii"): lead([float(r), -float(r)]) for r in range(12)}
        self.assertEqual(record_bootstrap(scores), record_bootstrap(scores))
        self.assertNotEqual(record_bootstrap(scores)["onset"]["sd_ms"],
                            record_bootstrap(scores, seed=1)["onset"]["sd_ms"])

    def test_the_table_has_a_row_per_kind(self):
        scores = {(r, "ii"): lead([float(r)]) for r in range(5)}
        text = format_bootstrap(record_bootstrap(scores, resamples=50))
        self.assertIn("| onset | 100.00 to 100.00 | 100.00 to 100.00 | +", text)
        self.assertIn("| offset |", text)


class PairedChangeTest(unittest.TestCase):
    def test_a_run_against_itself_changes_nothing(self):
        scores = {(r, "ii"): lead([float(r), -2.0 * r, 3.0]) for r in range(10)}
        for figure, (change, low, high) in paired_change(scores, scores)["onset"].items():
            self.assertEqual((change, low, high), (0.0, 0.0, 0.0), figure)

    def test_the_change_is_the_difference_of_the_pooled_figures(self):
        a = {(r, "ii"): lead([float(r), -float(r), 1.0], fn=r % 2) for r in range(8)}
        b = {(r, "ii"): lead([0.5 * r, -0.5 * r, 1.0], fp=r % 3 == 0) for r in range(8)}
        whole_a, whole_b = summarise(list(a.values())), summarise(list(b.values()))
        got = paired_change(a, b)
        for kind in ("onset", "offset"):
            for figure in ("se", "ppv", "mean_ms", "sd_ms"):
                change, low, high = got[kind][figure]
                self.assertAlmostEqual(change, whole_b[kind][figure] - whole_a[kind][figure])
                self.assertLessEqual(low, high)

    def test_a_shared_hard_record_cancels_in_the_pairs(self):
        # Both runs see the same hard record (+-20 ms) and nine easy ones; B is 0.5 ms tighter on
        # every easy record. Unpaired, the hard record's presence in a draw swamps that; paired,
        # every draw says B is better.
        def run(easy):
            scores = {(r, "ii"): lead([-easy, easy] * 5) for r in range(9)}
            scores[(9, "ii")] = lead([-20.0, 20.0] * 5)
            return scores
        change, low, high = paired_change(run(2.0), run(1.5))["onset"]["sd_ms"]
        self.assertLess(change, 0.0)
        self.assertLess(high, 0.0)
        self.assertLess(low, high)

    def test_runs_over_other_records_are_refused(self):
        a = {(r, "ii"): lead([1.0, -1.0]) for r in range(3)}
        b = {(r + 1, "ii"): lead([1.0, -1.0]) for r in range(3)}
        with self.assertRaises(ValueError):
            paired_change(a, b)


if __name__ == "__main__":
    unittest.main()
