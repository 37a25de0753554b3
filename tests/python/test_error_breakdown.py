"""training/error_breakdown.py on hand-made errors whose breakdown is worked out by hand.

Run: /usr/bin/python3 tests/python/test_error_breakdown.py  (exits non-zero on failure)
"""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training.error_breakdown import error_breakdown, format_breakdown  # noqa: E402
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

    def test_no_matched_pairs_gives_nan_not_an_error(self):
        b = error_breakdown({(1, "ii"): lead([], [])})
        self.assertEqual(b["offset"]["pairs"], 0)
        self.assertTrue(math.isnan(b["onset"]["beat_sd_ms"]))
        self.assertIn("| onset |", format_breakdown(b))


if __name__ == "__main__":
    unittest.main()
