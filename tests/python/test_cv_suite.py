"""training/cv_suite.py: recipes compared on the records their folds held out, LUDB and Holter
conditions alike, with paired changes against the first recipe, and the CLI's output cached.

Two tiny recipes (two steps each, lead II only, two seeds) on folds 3 and 7: seconds. Their figures
mean nothing; what is checked is that each record is scored by the model that held it out (the
pooled figures equal cross_validate's own), that a recipe against itself changes nothing, that
another recipe's change is the difference of the two rows, and that a second call re-scores from
the cache. Needs LUDB (ECG_LUDB_DIR) and the native CLI (build/native).
Run: /usr/bin/python3 tests/python/test_cv_suite.py
"""
import contextlib
import io
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training import cross_validate, cv_suite  # noqa: E402
from training.evaluate_engine import default_cli  # noqa: E402

TINY_RECIPE = ["--max-steps", "2", "--val-steps", "1", "--leads", "ii", "--batch", "2"]
CONDITION = "2-lead 250 Hz 0.05-100 motion 6 dB"


def run(module, argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = module.main(argv)
    return status, out.getvalue()


def rows(text, *firsts):
    """The table rows that start with one of `firsts`, in order, split into cells."""
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if any(line.startswith(f"| {first} |") for first in firsts)]


def first_table(text):
    """{kind: cells} of the first onset and offset rows of a scoring.format_table in `text`."""
    out = {}
    for kind, *cells in rows(text, "onset", "offset"):
        out.setdefault(kind, cells)
    return out


def sd_of(cell):
    """The SD of a "mean ± SD" cell."""
    return float(cell.split("±")[1])


class CvSuiteTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.runs = [os.path.join(cls.tmp.name, name) for name in ("seed5", "seed6")]
        cls.cv_text = {}
        for run_dir, seed in zip(cls.runs, ("5", "6")):
            status, text = run(cross_validate, ["--run-dir", run_dir, "--folds", "3,7", "--",
                                                *TINY_RECIPE, "--seed", seed])
            assert status == 0, text
            cls.cv_text[run_dir] = text
        cls.argv = [*cls.runs, "--folds", "3,7", "--conditions", CONDITION]
        cls.status, cls.text = run(cv_suite, cls.argv)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_each_record_is_scored_by_the_model_that_held_it_out(self):
        self.assertEqual(self.status, 0, self.text)
        # cross_validate's pooled table: | onset | TP | FN | FP | Se | PPV | mean | SD |
        for run_dir, (recipe, _, onset, offset, *_) in zip(self.runs, self._ludb_rows()):
            self.assertEqual(recipe, os.path.basename(run_dir))
            table = first_table(self.cv_text[run_dir])
            for kind, ours in (("onset", onset), ("offset", offset)):
                mean, sd = table[kind][5], table[kind][6]
                self.assertEqual(ours, f"{mean} ± {sd}", kind)

    def _ludb_rows(self):
        """The first table's two rows (the paced records' table follows with the same shape)."""
        return rows(self.text, "seed5", "seed6")[:2]

    def test_the_changes_are_against_the_first_recipe(self):
        first, second = self._ludb_rows()
        self.assertEqual(first[4], "(reference)")
        change = float(second[4].split(" ")[0])
        self.assertAlmostEqual(change, sd_of(second[2]) - sd_of(first[2]), delta=0.011)
        low, high = (float(v) for v in re.findall(r"[+-]\d+\.\d+", second[4])[1:])
        self.assertLessEqual(low, high)
        # The Holter condition: one row per recipe, each with its own shift from clean.
        holter = rows(self.text, CONDITION)
        self.assertEqual([r[1] for r in holter], ["seed5", "seed6"])
        self.assertEqual(holter[0][6], "(reference)")
        self.assertRegex(holter[1][6], r"^[+-]\d+\.\d+ \([+-]\d+\.\d+ to [+-]\d+\.\d+\)$")
        self.assertIn("Conditions meeting the targets: seed5 ", self.text)

    def test_a_recipe_against_itself_changes_nothing(self):
        status, text = run(cv_suite, [self.runs[0], self.runs[0], "--folds", "3,7",
                                      "--conditions", "none"])
        self.assertEqual(status, 0, text)
        for table in (rows(text, "seed5")[0:2], rows(text, "seed5")[2:4]):  # LUDB, paced
            self.assertEqual(table[0][4], "(reference)")
            self.assertEqual(table[1][4:6], ["+0.00 (+0.00 to +0.00)"] * 2)

    def test_a_noise_reader_adds_the_engine_s_reading_of_the_two(self):
        # The first recipe with the second as its noise reader: one more row per table, each
        # record taken from one of the two (so its Se lies between theirs or equals one).
        status, text = run(cv_suite, [*self.argv, "--noise-reader", self.runs[1]])
        self.assertEqual(status, 0, text)
        ludb_rows = rows(text, "seed5", "seed6", "seed5+seed6 reader")
        self.assertEqual([r[0] for r in ludb_rows[:3]], ["seed5", "seed6", "seed5+seed6 reader"])
        self.assertRegex(ludb_rows[2][4], r"^[+-]\d+\.\d+ \(")
        self.assertEqual([r[1] for r in rows(text, CONDITION)],
                         ["seed5", "seed6", "seed5+seed6 reader"])
        self.assertIn("seed5+seed6 reader ", text.splitlines()[-1])

    def test_an_engine_change_is_judged_against_the_baseline_cli(self):
        # The same CLI as baseline: each recipe's row follows its baseline row and changes
        # nothing against it; the baseline's runs are cached apart.
        status, text = run(cv_suite, [*self.runs, "--folds", "3,7", "--conditions", "none",
                                      "--baseline-cli", default_cli(), "--breakdown"])
        self.assertEqual(status, 0, text)
        self.assertIn("Changes: the same recipe read by the baseline CLI", text)
        ludb_rows = rows(text, "seed5 (baseline CLI)", "seed5", "seed6 (baseline CLI)", "seed6")
        self.assertEqual([r[0] for r in ludb_rows[:4]], ["seed5 (baseline CLI)", "seed5",
                                                         "seed6 (baseline CLI)", "seed6"])
        for baseline, changed in (ludb_rows[0:2], ludb_rows[2:4]):
            self.assertEqual(baseline[4], "(reference)")
            self.assertEqual(changed[1:4], baseline[1:4])
            self.assertEqual(changed[4:6], ["+0.00 (+0.00 to +0.00)"] * 2)
        self.assertTrue(os.path.exists(os.path.join(self.runs[0], "fold3", "annotations",
                                                    "baseline", "clean.json")))
        # --breakdown: where the paced records' error sits, record 93 (fold 3) among them.
        self.assertIn("Where the paced records' error sits", text)
        self.assertIn("pairs > 50 ms from their lead's median", text)
        self.assertEqual(len(rows(text, "93")), 4)

    def test_a_second_call_rescores_from_the_cache(self):
        cache = os.path.join(self.runs[1], "fold7", "annotations",
                             CONDITION.replace(" ", "_") + ".json")
        self.assertTrue(os.path.exists(cache))
        stamp = os.path.getmtime(cache)
        status, again = run(cv_suite, self.argv)
        self.assertEqual(status, 0, again)
        self.assertEqual(again, self.text)
        self.assertEqual(os.path.getmtime(cache), stamp)


if __name__ == "__main__":
    unittest.main()
