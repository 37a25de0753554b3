"""Self-test of training/scoring.py on hand-made cases whose right answer is worked out by hand.

Run: /usr/bin/python3 tests/python/test_scoring.py  (exits non-zero on failure)
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training.scoring import (QrsReference, format_table, match_nearest_first,  # noqa: E402
                              score_lead, summarise)
from training.ludb import reference_from_marks  # noqa: E402

FS = 500.0  # 150 ms = 75 samples


def ref(peaks, onsets, offsets, span=None):
    peaks = np.asarray(peaks, float)
    span = span or (float(np.nanmin(onsets)) if np.isfinite(onsets).any() else peaks[0],
                    float(np.nanmax(offsets)))
    return QrsReference(peaks, np.asarray(onsets, float), np.asarray(offsets, float), span)


class MatchingTest(unittest.TestCase):
    def test_nearest_pair_wins_even_if_listed_later(self):
        # Reference 100 could take 160 (d=60) but 102 is nearer; 160 then goes to 200 (d=40).
        pairs, ref_left, det_left = match_nearest_first([100, 200], [160, 102], 75)
        self.assertEqual(sorted(pairs), [(0, 1), (1, 0)])
        self.assertEqual(len(ref_left), 0)
        self.assertEqual(len(det_left), 0)

    def test_one_to_one(self):
        pairs, ref_left, det_left = match_nearest_first([100], [98, 103], 75)
        self.assertEqual(pairs, [(0, 0)])
        self.assertEqual(list(det_left), [1])

    def test_tolerance_is_inclusive(self):
        pairs, _, _ = match_nearest_first([100], [175], 75)
        self.assertEqual(pairs, [(0, 0)])
        pairs, _, _ = match_nearest_first([100], [175.5], 75)
        self.assertEqual(pairs, [])


class ScoreLeadTest(unittest.TestCase):
    def test_perfect_detection(self):
        r = ref([500, 1000], [480, 980], [530, 1030])
        s = score_lead(r, [480, 980], [530, 1030], FS)
        self.assertEqual((s.onset.tp, s.onset.fn, s.onset.fp), (2, 0, 0))
        self.assertEqual(s.offset.errors_ms, [0.0, 0.0])

    def test_errors_in_ms_and_sign(self):
        r = ref([500, 1000], [480, 980], [530, 1030])
        s = score_lead(r, [482, 975], [530, 1030], FS)  # +2 samples, -5 samples at 500 Hz
        self.assertEqual(s.onset.errors_ms, [4.0, -10.0])
        summary = summarise([s])
        self.assertAlmostEqual(summary["onset"]["mean_ms"], -3.0)
        self.assertAlmostEqual(summary["onset"]["sd_ms"], float(np.std([4.0, -10.0], ddof=1)))

    def test_miss_and_false_positive(self):
        r = ref([500, 1000], [480, 980], [530, 1030])
        # 980 missed (nearest detection 1200 is 220 samples away); 700 is an FP inside span.
        s = score_lead(r, [480, 700], [530, 1030], FS)
        self.assertEqual((s.onset.tp, s.onset.fn, s.onset.fp), (1, 1, 0 + 1))
        summary = summarise([s])
        self.assertAlmostEqual(summary["onset"]["se"], 50.0)
        self.assertAlmostEqual(summary["onset"]["ppv"], 50.0)

    def test_detections_outside_span_are_ignored(self):
        r = ref([500, 1000], [480, 980], [530, 1030])  # span 480..1030, scored 405..1105
        s = score_lead(r, [100, 404, 480, 980, 1106, 2000], [530, 1030, 1105], FS)
        self.assertEqual(s.onset.fp, 0)
        self.assertEqual(s.offset.fp, 1)  # 1105 is on the span's edge, so it counts

    def test_missing_boundary_is_not_scored(self):
        # Paced beat at 1000 has no onset mark (like LUDB record 95): its onset detection at
        # 975 is neither TP nor FP; one 200 samples away from any peak is an FP.
        r = ref([500, 1000], [480, np.nan], [530, 1030], span=(480, 1030))
        s = score_lead(r, [480, 975], [530, 1030], FS)
        self.assertEqual((s.onset.tp, s.onset.fn, s.onset.fp), (1, 0, 0))
        s = score_lead(r, [480, 975, 760], [530, 1030], FS)
        self.assertEqual(s.onset.fp, 1)

    def test_summarise_pools_leads(self):
        r = ref([500], [480], [530])
        a = score_lead(r, [480], [530], FS)
        b = score_lead(r, [], [530, 600], FS)  # 600: inside span + 150 ms
        summary = summarise([a, b])
        self.assertEqual((summary["onset"]["tp"], summary["onset"]["fn"]), (1, 1))
        self.assertEqual(summary["offset"]["fp"], 1)
        self.assertIn("| onset | 1 | 1 | 0 |", format_table(summary))


class ReferenceFromMarksTest(unittest.TestCase):
    def test_onset_only_when_bracket_is_adjacent(self):
        marks = [(90, "("), (100, "p"), (110, ")"), (200, "("), (210, "N"), (230, ")"),
                 (400, "N"), (420, ")"), (500, "("), (520, "t"), (560, ")")]
        r = reference_from_marks(marks, "hand-made")
        self.assertEqual(list(r.peaks), [210, 400])
        np.testing.assert_array_equal(r.onsets, [200, np.nan])
        np.testing.assert_array_equal(r.offsets, [230, 420])
        self.assertEqual(r.span, (90, 560))


if __name__ == "__main__":
    unittest.main()
