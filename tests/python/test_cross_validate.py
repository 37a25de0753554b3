"""training/cross_validate.py: the folds partition the non-test records, and a tiny run trains,
exports and scores each fold with the model that held it out.

Two folds of a two-step recipe on lead II only: seconds. The figures of such a model mean
nothing; what is checked is which model scored which records. Needs LUDB (ECG_LUDB_DIR) and the
native CLI (build/native). Run: /usr/bin/python3 tests/python/test_cross_validate.py
"""
import contextlib
import io
import os
import re
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training import cross_validate, dataset, ludb  # noqa: E402
from training.export import read_qrsm  # noqa: E402

TINY_RECIPE = ["--max-steps", "2", "--val-steps", "1", "--leads", "ii", "--batch", "2"]


def run(argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cross_validate.main(argv)
    return status, out.getvalue()


class FoldsTest(unittest.TestCase):
    def test_the_folds_partition_the_records_outside_the_test_split(self):
        folds = [cross_validate.fold_records(d) for d in cross_validate.FOLD_DIGITS]
        every = [r for fold in folds for r in fold]
        self.assertEqual(len(every), 160)
        self.assertEqual(sorted(every), sorted(set(ludb.ALL_RECORDS) - set(ludb.TEST_RECORDS)))
        for d, fold in zip(cross_validate.FOLD_DIGITS, folds):
            self.assertEqual(len(fold), 20)
            train = cross_validate.training_records(d)
            self.assertEqual(len(train), 140)
            self.assertFalse(set(train) & set(fold))
            self.assertFalse(set(train) & set(ludb.TEST_RECORDS))
        # Fold 2 is the fixed validation split, so its run with the rebuild recipe is the
        # shipped model's.
        self.assertEqual(cross_validate.fold_records(2), dataset.VALIDATION_RECORDS)
        self.assertEqual(cross_validate.training_records(2), dataset.TRAIN_RECORDS)

    def test_a_test_split_digit_is_refused(self):
        for digit in (0, 5):
            with self.assertRaises(ValueError):
                cross_validate.fold_records(digit)
        with contextlib.redirect_stderr(io.StringIO()), self.assertRaises(SystemExit):
            cross_validate.main(["--folds", "1,5", "--evaluate-only"])


class TinyRunTest(unittest.TestCase):
    def test_each_fold_is_scored_by_the_model_that_held_it_out(self):
        with tempfile.TemporaryDirectory() as run_dir:
            status, text = run(["--run-dir", run_dir, "--folds", "3,7", "--", *TINY_RECIPE])
            self.assertEqual(status, 0, text)
            # 40 records x 12 leads scored, one table for both folds.
            self.assertIn("non-test records ending in 3, 7: 40 records, 480 leads scored", text)
            self.assertRegex(text, r"\| onset \| \d+ \| \d+ \| \d+ \|")
            for digit in (3, 7):
                header, _ = read_qrsm(os.path.join(run_dir, f"fold{digit}", "last.qrsm"))
                info = header["training"]
                self.assertEqual(info["steps"], 2)
                self.assertEqual(sorted(info["validation_records"]),
                                 cross_validate.fold_records(digit))
                held_out = set(cross_validate.fold_records(digit))
                self.assertFalse(set(info["train_records"]) & held_out)
                self.assertFalse(set(info["train_records"]) & set(ludb.TEST_RECORDS))

            # A second call scores the trained folds again without training them.
            last = os.path.join(run_dir, "fold3", "last.pt")
            stamp = os.path.getmtime(last)
            status, again = run(["--run-dir", run_dir, "--folds", "3,7", "--", *TINY_RECIPE])
            self.assertEqual(status, 0, again)
            self.assertNotIn("training (log", again)
            self.assertEqual(os.path.getmtime(last), stamp)
            table = re.compile(r"\| (?:onset|offset) \|[^\n]*")
            self.assertEqual(table.findall(again), table.findall(text))

    def test_evaluating_folds_that_were_never_trained_names_what_is_missing(self):
        with tempfile.TemporaryDirectory() as run_dir:
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                status, _ = run(["--run-dir", run_dir, "--folds", "4", "--evaluate-only"])
            self.assertEqual(status, 1)
            self.assertIn("fold 4", err.getvalue())


if __name__ == "__main__":
    unittest.main()
