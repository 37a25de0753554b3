"""training/error_breakdown.py on hand-made errors whose breakdown is worked out by hand.

Run: /usr/bin/python3 tests/python/test_error_breakdown.py  (exits non-zero on failure)
"""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training.error_breakdown import (error_breakdown, format_breakdown,  # noqa: E402
                                      format_record_breakdown, record_breakdown)
from training.scoring import KindScore, LeadScore  # noqa: E402


def lead(onset_errors, offset_errors=(0.0, 0.0)):
    return LeadScore(onset=KindScore(tp=len(onset_errors), errors_ms=list(onset_errors)),
                     offset=KindScore(tp=len(offset_errors), errors_ms=list(offset_errors)))


class ErrorBreakdownTest(unittest.TestCase):
    def test_the_three_levels_split_the_variance(self):
        # Record A: leads with means 1 and 5 (record mean 3); record B: all -3. Overall mean 0.
        # Record SD = 3; lead SD = sqrt(mean of (+-2)^2 over A's 4 pairs, 0 over B's) = sqrt(2);
        # beat SD = sqrt(4 / 8); 9 + 2 + 0.5 = 11.5 = the pooled population variance.
        scores = {("A", "x"): lead([0, 2]), ("A", "y"): lead([4, 6]),
                  ("B", "x"): lead([-3, -3]), ("B", "y"): lead([-3, -3])}
        b = error_breakdown(scores)["onset"]
        self.assertEqual(b["pairs"], 8)
        self.assertAlmostEqual(b["record_sd_ms"], 3.0)
        self.assertAlmostEqual(b["lead_sd_ms"], math.sqrt(2.0))
        self.assertAlmostEqual(b["beat_sd_ms"], math.sqrt(0.5))
        self.assertEqual(b["tail_pair_percent"], 0.0)
        self.assertAlmostEqual(b["sd_without_tail_ms"], math.sqrt(11.5))

    def test_the_tail_share_counts_pairs_far_from_the_mean(self):
        # Nine pairs at 0 and one at 30: mean 3, deviations -3 (x9) and 27. Squares 9 x 9 = 81
        # and 729, so the one tail pair (10 % of pairs) carries 90 % of the squared error;
        # without it the SD is 0. Beat SD = sqrt(810 / 10) = 9.
        b = error_breakdown({(1, "ii"): lead([0.0] * 9 + [30.0])})["onset"]
        self.assertAlmostEqual(b["tail_pair_percent"], 10.0)
        self.assertAlmostEqual(b["tail_square_percent"], 90.0)
        self.assertAlmostEqual(b["sd_without_tail_ms"], 0.0)
        self.assertAlmostEqual(b["record_sd_ms"], 0.0)
        self.assertAlmostEqual(b["beat_sd_ms"], 9.0)

    def test_a_lead_s_convention_is_no_isolated_miss(self):
        # Lead x sits 60 ms off at every beat, lead y is at 0 bar one beat 45 ms off. Mean 225/7:
        # with a 20 ms tail, the six 0 and 60 pairs are tail pairs; only the 45 is more than
        # 20 ms from its own lead's median (0). Without it: [60] * 3 + [0] * 3, SD 30.
        b = error_breakdown({(1, "x"): lead([60.0] * 3), (1, "y"): lead([0.0] * 3 + [45.0])},
                            tail_ms=20.0)["onset"]
        self.assertAlmostEqual(b["tail_pair_percent"], 600.0 / 7)
        self.assertEqual(b["isolated_pairs"], 1)
        self.assertAlmostEqual(b["sd_without_isolated_ms"], 30.0)
        self.assertIn("pairs > 20 ms from their lead's median", format_breakdown(
            {"onset": b, "offset": b}, 20.0))

    def test_each_record_s_share_of_the_squared_error(self):
        # Pooled [1, 3, -2, -2], mean 0: squares 10 (record A) and 8 (B) of 18.
        by_record = record_breakdown({("A", "x"): lead([1.0]), ("A", "y"): lead([3.0]),
                                      ("B", "x"): lead([-2.0, -2.0])}, "onset")
        self.assertEqual(list(by_record), ["A", "B"])
        self.assertEqual(by_record["A"]["pairs"], 2)
        self.assertAlmostEqual(by_record["A"]["mean_ms"], 2.0)
        self.assertAlmostEqual(by_record["A"]["sd_ms"], math.sqrt(2.0))
        self.assertAlmostEqual(by_record["A"]["square_percent"], 1000.0 / 18)
        self.assertAlmostEqual(by_record["B"]["square_percent"], 800.0 / 18)
        self.assertEqual(by_record["A"]["lead_means_ms"], [1.0, 3.0])
        self.assertIn("| A | 2 | +2.00 ± 1.41 | 55.6 % | +1 +3 |",
                      format_record_breakdown(by_record, "onset"))

    def test_no_matched_pairs_gives_nan_not_an_error(self):
        b = error_breakdown({(1, "ii"): lead([], [])})
        self.assertEqual(b["offset"]["pairs"], 0)
        self.assertTrue(math.isnan(b["onset"]["beat_sd_ms"]))
        self.assertIn("| onset |", format_breakdown(b))
        self.assertEqual(record_breakdown({(1, "ii"): lead([], [])}, "onset"), {})


if __name__ == "__main__":
    unittest.main()
