"""training/lead_tracking.py on hand-made beats whose split is worked out by hand.

Run: /usr/bin/python3 tests/python/test_lead_tracking.py  (exits non-zero on failure)
"""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training.lead_tracking import MIN_LEADS, format_tracking, lead_tracking  # noqa: E402
from training.scoring import KindScore, LeadScore  # noqa: E402

LEADS = [f"l{i}" for i in range(MIN_LEADS)]
BEATS_MS = [1000.0, 2000.0]


def record(reference_offsets, detected_offsets, beat_jitter=((0.0,), (0.0,))):
    """One record: lead i's reference mark at beat + reference_offsets[i] (+ per-beat jitter),
    its detection at beat + detected_offsets[i]. Offsets (the second kind) mirror the onsets."""
    scores = {}
    for i, lead in enumerate(LEADS):
        refs, errs = [], []
        for b, beat in enumerate(BEATS_MS):
            jitter = beat_jitter[b][i % len(beat_jitter[b])]
            ref = beat + reference_offsets[i] + jitter
            refs.append(ref)
            errs.append(beat + detected_offsets[i] - ref)
        kind = KindScore(tp=len(refs), errors_ms=errs, reference_ms=refs)
        scores[("r", lead)] = LeadScore(onset=kind, offset=kind)
    return scores


class LeadTrackingTest(unittest.TestCase):
    def test_detections_that_copy_the_conventions_follow_with_slope_one(self):
        offsets = [-8.0, -4.0, 0.0, 0.0, 0.0, 0.0, 4.0, 8.0]
        t = lead_tracking(record(offsets, offsets))["onset"]
        self.assertEqual(t["beats"], 2)
        self.assertAlmostEqual(t["median_gap_sd_ms"], 0.0)
        self.assertAlmostEqual(t["lead"]["slope"], 1.0)
        self.assertAlmostEqual(t["lead"]["correlation"], 1.0)
        self.assertAlmostEqual(t["lead"]["reference_sd_ms"], math.sqrt(160.0 / 8))

    def test_detections_at_half_the_convention_have_slope_one_half(self):
        offsets = [-8.0, -4.0, 0.0, 0.0, 0.0, 0.0, 4.0, 8.0]
        t = lead_tracking(record(offsets, [o / 2 for o in offsets]))["onset"]
        self.assertAlmostEqual(t["lead"]["slope"], 0.5)
        self.assertAlmostEqual(t["lead"]["detected_sd_ms"], math.sqrt(40.0 / 8))

    def test_reference_jitter_lands_in_the_beat_part_not_the_lead_part(self):
        # Beat 1: even leads +2, odd leads -2 (median 0); beat 2: the opposite. Each lead's mean
        # over the two beats is 0, so the lead part is empty and the jitter (+-2) is all beat part;
        # the detections ignore it (correlation undefined: they do not vary).
        zeros = [0.0] * len(LEADS)
        t = lead_tracking(record(zeros, zeros, beat_jitter=((2.0, -2.0), (-2.0, 2.0))))["onset"]
        self.assertAlmostEqual(t["lead"]["reference_sd_ms"], 0.0)
        self.assertAlmostEqual(t["beat"]["reference_sd_ms"], 2.0)
        self.assertAlmostEqual(t["beat"]["detected_sd_ms"], 0.0)
        self.assertTrue(math.isnan(t["beat"]["correlation"]))

    def test_a_late_beat_shows_in_the_median_gap(self):
        offsets = [0.0] * len(LEADS)
        scores = record(offsets, offsets)
        for score in scores.values():  # every lead's second detection 6 ms late
            score.onset.errors_ms[1] += 6.0
        t = lead_tracking(scores)["onset"]
        self.assertAlmostEqual(t["median_gap_sd_ms"], 3.0)

    def test_beats_marked_in_too_few_leads_are_left_out(self):
        scores = record([0.0] * len(LEADS), [0.0] * len(LEADS))
        del scores[("r", LEADS[0])]
        self.assertEqual(lead_tracking(scores)["onset"]["beats"], 0)
        self.assertIn("| onset | 0 |", format_tracking(lead_tracking(scores)))


if __name__ == "__main__":
    unittest.main()
