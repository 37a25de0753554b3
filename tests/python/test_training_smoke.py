"""Smoke run of the training code: 2 LUDB records, 2 optimiser steps, export, read back.

Checks that the pieces fit together (reader -> examples -> model -> loss -> validation ->
exporter) in seconds; it says nothing about accuracy. Needs LUDB (ECG_LUDB_DIR) and fails
loudly without it. Run: /usr/bin/python3 tests/python/test_training_smoke.py
"""
import os
import sys
import tempfile
import unittest

import numpy as np

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
import torch  # noqa: E402

from training import augment, cross_validate, dataset, ludb, pacing, train  # noqa: E402
from training.export import read_qrsm  # noqa: E402
from training.model import UNet1d  # noqa: E402


# One training record, one validation record, one lead, batch 2: a run of seconds.
TINY_RUN = ["--train-records", "1", "--val-records", "2", "--leads", "ii", "--batch", "2"]


class TrainingSmokeTest(unittest.TestCase):
    def test_examples_are_labelled_where_the_reference_is(self):
        items = dataset.load_items([1], ["ii"])
        cfg = dataset.ExampleConfig(length=2048, short_probability=0.0, rate_probability=0.0,
                                    augment_strength=0.0)
        x, target, mask, points = dataset.make_example(items[0], np.random.default_rng(0), cfg)
        self.assertEqual(x.shape, (2048,))
        self.assertTrue(np.all(np.isfinite(x)))
        # Every annotated onset inside the window carries a heat-map peak at its model position.
        self.assertGreater(target[0].max(), 0.95)
        peaks = np.nonzero((target[0] > 0.8))[0]
        self.assertGreater(peaks.size, 0)
        self.assertTrue(set(np.unique(mask)) <= {0.0, 1.0})
        # The position loss gets exactly the scored onsets: each one sits on a heat-map peak.
        onsets = points[0][np.isfinite(points[0])]
        self.assertGreater(onsets.size, 0)
        for p in onsets:
            self.assertGreater(target[0, int(round(p))], 0.7)

    def test_time_stretch_moves_the_labels_with_the_signal(self):
        # Record 1, lead II: tall R waves. After a stretch of up to 30 % the R peak (largest
        # |x| near a labelled QRS) must still lie inside that QRS label; labels left at the
        # unstretched positions would drift by up to ~1 s across the window and miss them.
        items = dataset.load_items([1], ["ii"])
        cfg = dataset.ExampleConfig(length=1024, short_probability=0.0, rate_probability=0.0,
                                    augment_strength=0.0, stretch=0.3)
        rng = np.random.default_rng(3)
        checked = 0
        for _ in range(6):
            x, target, mask, _ = dataset.make_example(items[0], rng, cfg)
            qrs = np.flatnonzero(np.diff(np.concatenate(([0], target[2] > 0.5, [0])).astype(int)))
            for a, b in zip(qrs[::2], qrs[1::2]):
                if a == 0 or b >= x.size or mask[2, a:b].min() == 0:
                    continue  # cut by the window edge or outside the annotated span
                centre = (a + b) // 2
                lo, hi = max(0, centre - 30), min(x.size, centre + 30)
                r_peak = lo + int(np.argmax(np.abs(x[lo:hi])))
                self.assertTrue(a - 1 <= r_peak <= b, (a, b, r_peak))
                checked += 1
        self.assertGreater(checked, 10)

    def test_flip_probability_inverts_the_lead_and_nothing_else(self):
        items = dataset.load_items([1], ["ii"])
        examples = []
        for flip in (0.0, 1.0):
            cfg = dataset.ExampleConfig(length=1024, augment_strength=0.0, flip_probability=flip)
            examples.append(dataset.make_example(items[0], np.random.default_rng(4), cfg))
        (x0, t0, m0, _), (x1, t1, m1, _) = examples
        self.assertGreater(np.abs(x0).max(), 0.1)
        np.testing.assert_allclose(x1, -x0, atol=1e-6)
        np.testing.assert_array_equal(t1, t0)
        np.testing.assert_array_equal(m1, m0)

    def test_recorder_conditions_and_spike_removal_keep_the_labels(self):
        # Record 74 (paced, training split): with the spikes cut out as the engine does, the crop
        # differs from the one with spikes only near them; with the recorder's band limits and
        # electrode motion the labels and masks stay where they were.
        items = dataset.load_items([74], ["i"])
        made = {}
        for key, options in (("plain", {}), ("cut", {"remove_spikes": True}),
                             ("recorder", {"recorder": augment.RecorderOptions(1.0)})):
            cfg = dataset.ExampleConfig(length=1024, augment_strength=0.0, short_probability=0.0,
                                        rate_probability=0.0, **options)
            made[key] = dataset.make_example(items[0], np.random.default_rng(2), cfg)
        (x0, t0, m0, _), (x1, t1, m1, _), (x2, t2, m2, _) = made["plain"], made["cut"], made["recorder"]
        np.testing.assert_array_equal(t1, t0)
        np.testing.assert_array_equal(t2, t0)
        np.testing.assert_array_equal(m2, m0)
        self.assertGreater(np.abs(x0).max(), 2 * np.abs(x1).max())  # the spikes were the peaks
        self.assertGreater(np.abs(x2 - x0).max(), 0.01)
        # A short run with both options trains and validates.
        with tempfile.TemporaryDirectory() as run:
            train.main(TINY_RUN + ["--channels", "4,8", "--length", "256", "--max-steps", "1",
                                   "--recorder-probability", "0.5", "--remove-spikes",
                                   "--run-dir", run])
            self.assertTrue(os.path.exists(os.path.join(run, "best.pt")))

    def test_recorder_noise_is_of_the_kind_asked_for(self):
        # The recorder's noise at -20 dB (so that it dwarfs the lead) on one 1 mV spike a second:
        # muscle noise lies mostly above 15 Hz, electrode motion below 12 Hz (training/recorder.py, the
        # noise of the Holter suite's conditions).
        fs, lead = 500.0, np.zeros(4000)
        lead[::500] = 1.0  # sets the SNR's reference size
        for kind, low_band in (("muscle", False), ("motion", True)):
            options = augment.RecorderOptions(1.0, (kind,), (-20.0, -20.0))
            crops = [augment.recorder_conditions(lead, fs, np.random.default_rng(seed), options)
                     for seed in range(8)]
            noisy = [x for x in crops if x.std() > 0.5]  # half of the crops get noise
            self.assertTrue(0 < len(noisy) < len(crops), kind)
            for x in noisy:
                power = np.abs(np.fft.rfft(x - x.mean())) ** 2
                below_15_hz = power[np.fft.rfftfreq(x.size, 1.0 / fs) < 15].sum() / power.sum()
                if low_band:
                    self.assertGreater(below_15_hz, 0.8, kind)
                else:
                    self.assertLess(below_15_hz, 0.5, kind)  # the low-pass cuts its top

    def test_p_and_t_waves_are_labelled_between_the_qrs_complexes(self):
        items = dataset.load_items([1], ["ii"])
        cfg = dataset.ExampleConfig(length=2048, short_probability=0.0, rate_probability=0.0,
                                    augment_strength=0.0)
        _, target, _, _ = dataset.make_example(items[0], np.random.default_rng(0), cfg)
        qrs, p_wave, t_wave = target[2] > 0.5, target[3] > 0.5, target[4] > 0.5
        self.assertGreater(p_wave.sum(), 0)
        self.assertGreater(t_wave.sum(), 0)
        # Normal sinus record: P, QRS and T never overlap.
        self.assertFalse(np.any(qrs & p_wave) or np.any(qrs & t_wave) or np.any(p_wave & t_wave))

    def test_wave_heads_train_and_stay_out_of_the_export(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "waves.qrsm")
            run = os.path.join(tmp, "run")
            train.main(TINY_RUN + ["--channels", "4,8", "--length", "256", "--max-steps", "1",
                                   "--wave-weight", "0.3", "--run-dir", run, "--out", out])
            state = torch.load(os.path.join(run, "best.pt"))
            self.assertTrue(state["config"]["wave_heads"])
            self.assertIn("waves.weight", state["model"])
            header, tensors = read_qrsm(out)
            self.assertEqual(header["outputs"], ["onset", "offset"])
            out2 = os.path.join(tmp, "again.qrsm")  # --export-from rebuilds the heads it saved
            train.main(["--export-from", os.path.join(run, "best.pt"), "--out", out2])
            self.assertEqual(read_qrsm(out2)[0]["outputs"], ["onset", "offset"])

    def test_position_loss_is_zero_only_when_the_mass_centre_is_on_the_point(self):
        logits = torch.full((1, 2, 64), -8.0)
        logits[0, 0, 30] = 4.0
        points = torch.full((1, 2, 3), float("nan"))
        points[0, 0, 0] = 30.0
        self.assertLess(float(train.position_loss(logits, points, 8, 2.0)), 1e-6)
        points[0, 0, 0] = 33.0  # three samples off: Huber(3, delta 2) = 2 * (3 - 1)
        self.assertAlmostEqual(float(train.position_loss(logits, points, 8, 2.0)), 4.0, places=3)

    def test_test_records_are_refused(self):
        with self.assertRaises(ValueError):
            dataset.load_items([ludb.TEST_RECORDS[0]], ["ii"])

    def test_records_with_pacing_or_extrasystoles_can_be_drawn_more_often(self):
        # Headers name the rhythm: 7 (extrasystoles) and 8 (pacing) are picked, 1 and 9 are not;
        # --oversample-rhythms 3 then loads their leads three times, the others once.
        self.assertEqual(dataset.rhythm_records([1, 7, 8, 9], ludb.ludb_dir()), [7, 8])
        with tempfile.TemporaryDirectory() as tmp:
            run = os.path.join(tmp, "run")
            loaded = []
            original = dataset.load_items
            dataset.load_items = lambda records, leads: loaded.append(list(records)) or original(
                records, leads)
            try:
                train.main(["--train-records", "1,7", "--val-records", "2", "--leads", "ii",
                            "--channels", "4,8", "--length", "256", "--max-steps", "1",
                            "--oversample-rhythms", "3", "--run-dir", run])
            finally:
                dataset.load_items = original
            self.assertEqual(sorted(loaded[0]), [1, 7, 7, 7])
            with open(os.path.join(run, "log.txt")) as f:
                self.assertIn("1 records with pacing or extrasystoles drawn 3 times", f.read())

    def test_a_step_budget_validates_every_val_steps(self):
        # --max-steps makes the run machine-independent: validation at fixed steps, not minutes.
        with tempfile.TemporaryDirectory() as tmp:
            run = os.path.join(tmp, "run")
            train.main(TINY_RUN + ["--channels", "4,8", "--length", "256",
                                   "--max-steps", "4", "--val-steps", "2", "--run-dir", run])
            with open(os.path.join(run, "log.txt")) as f:
                validated = [int(line.split()[2]) for line in f
                             if " step " in line and " val cost " in line]
            self.assertEqual(validated, [2, 4])
            self.assertEqual(torch.load(os.path.join(run, "last.pt"))["step"], 4)

    def test_the_checkpoint_is_chosen_at_the_given_thresholds(self):
        # Default: only the engine's threshold, so the header records what the engine will use.
        with tempfile.TemporaryDirectory() as tmp:
            common = TINY_RUN + ["--channels", "4,8", "--length", "256", "--max-steps", "1"]
            out = os.path.join(tmp, "m.qrsm")
            best = train.main(common + ["--run-dir", os.path.join(tmp, "a"), "--out", out])
            self.assertEqual(best["threshold"], 0.4)
            header, _ = read_qrsm(out)
            self.assertEqual(header["training"]["event_options"]["threshold"], 0.4)
            self.assertEqual(header["training"]["event_options"]["convention_weight"], 0.5)
            best = train.main(common + ["--thresholds", "0.15,0.25",
                                        "--run-dir", os.path.join(tmp, "b")])
            self.assertIn(best["threshold"], (0.15, 0.25))

    def test_model_rate_reaches_the_exported_header(self):
        self.addCleanup(setattr, dataset, "FS_MODEL", dataset.FS_MODEL)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "m500.qrsm")
            train.main(TINY_RUN + ["--channels", "4,8", "--length", "512", "--sigma", "3",
                                   "--model-rate", "500", "--max-steps", "1",
                                   "--run-dir", os.path.join(tmp, "run"), "--out", out])
            header, _ = read_qrsm(out)
            self.assertEqual(header["sample_rate_hz"], 500)

    def test_smeared_pacing_artefacts_survive_the_spike_cut_and_keep_the_labels(self):
        # The artefacts a model trained with --remove-spikes must still learn are not QRS: on a
        # flat lead most of them are too smeared for the spike detector (which cuts the rest),
        # they sit before the onsets they pace, and the labels do not move.
        fs, onsets = 500.0, np.array([1000.0, 2000.0, 3000.0, 4000.0])
        kept = 0
        for seed in range(20):
            x = augment.smeared_pacing_artefacts(np.zeros(5000), fs, onsets,
                                                 np.random.default_rng(seed))
            left = pacing.remove_spikes(x, pacing.find_spike_candidates(x, fs))
            kept += np.abs(left).max() > 0.1
        self.assertGreaterEqual(kept, 15)
        items = dataset.load_items([1], ["ii"])
        made = [dataset.make_example(items[0], np.random.default_rng(5), dataset.ExampleConfig(
            length=1024, augment_strength=0.0, short_probability=0.0, rate_probability=0.0,
            remove_spikes=True, smeared_spike_probability=p)) for p in (0.0, 1.0)]
        (x0, t0, m0, _), (x1, t1, m1, _) = made
        np.testing.assert_array_equal(t1, t0)
        np.testing.assert_array_equal(m1, m0)
        self.assertGreater(np.abs(x1 - x0).max(), 0.05)

    def test_cross_validation_fine_tunes_each_fold_from_its_own_base(self):
        command = cross_validate.train_command(3, "runs/ft", ["--max-steps", "10"], "runs/base")
        self.assertEqual(command[command.index("--resume") + 1],
                         os.path.join("runs/base", "fold3", "last.pt"))
        self.assertIn("--val-records", command)
        self.assertNotIn("--resume", cross_validate.train_command(3, "runs/ft", []))

    def test_a_checkpoint_exports_with_its_own_runs_preprocess(self):
        # cross_validate exports each fold with `--export-from last.pt --out ...` and nothing
        # else: the header must still say what the run did (--remove-spikes, --amplitude-window),
        # or the engine feeds a model trained without spikes leads that still hold them.
        with tempfile.TemporaryDirectory() as tmp:
            run = os.path.join(tmp, "run")
            train.main(TINY_RUN + ["--channels", "4,8", "--length", "256", "--max-steps", "1",
                                   "--remove-spikes", "--amplitude-window", "3",
                                   "--run-dir", run])
            out = os.path.join(tmp, "fold.qrsm")
            train.main(["--export-from", os.path.join(run, "last.pt"), "--out", out])
            header, _ = read_qrsm(out)
            self.assertEqual(header["preprocess"]["pacing_spikes_removed"], 1.0)
            self.assertEqual(header["preprocess"]["amplitude_window_s"], 3.0)

    def test_two_steps_export_and_read_back(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "smoke.qrsm")
            best = train.main([
                "--train-records", "1", "--val-records", "2", "--leads", "ii,v1",
                "--channels", "4,8", "--batch", "2", "--length", "256", "--max-steps", "2",
                "--minutes", "5", "--position-weight", "0.05",
                "--run-dir", os.path.join(tmp, "run"), "--out", out])
            self.assertIn("onset", best["summary"])
            header, tensors = read_qrsm(out)
            self.assertEqual(header["outputs"], ["onset", "offset"])
            self.assertEqual(header["sample_rate_hz"], 250)
            self.assertEqual(header["channels_in"], 1)
            self.assertEqual(header["preprocess"],
                             train.engine_preprocess(train.parse_args([])))
            self.assertGreater(header["preprocess"]["amplitude_window_s"], 0)
            self.assertEqual(header["training"]["validation_records"], [2])
            state = torch.load(os.path.join(tmp, "run", "best.pt"))
            model = UNet1d(state["config"]["channels"], state["config"]["kernel"],
                           state["config"]["convs_per_level"])
            model.load_state_dict(state["model"])
            n_weights = sum(int(np.prod(t.shape)) for t in tensors.values())
            self.assertGreater(n_weights, 0)

    def test_distilled_target_blends_the_teachers_probabilities(self):
        torch.manual_seed(0)
        teachers = [UNet1d([4, 8], 3, 1).eval(), UNet1d([4, 8], 5, 1).eval()]
        x = torch.randn(2, 1, 64)
        target = torch.zeros(2, 3, 64)
        target[:, 0, 20] = 1.0
        with torch.no_grad():
            soft = [torch.sigmoid(torch.cat([o["events"], o["qrs"]], dim=1))
                    for o in (t(x) for t in teachers)]
        self.assertTrue(torch.equal(train.distilled_target(teachers[:1], x, target, 0.0), target))
        one = train.distilled_target(teachers[:1], x, target, 0.25)
        self.assertTrue(torch.allclose(one, 0.75 * target + 0.25 * soft[0]))
        # An ensemble teaches the mean of its members' probabilities.
        both = train.distilled_target(teachers, x, target, 0.25)
        self.assertTrue(torch.allclose(both, 0.75 * target + 0.25 * (soft[0] + soft[1]) / 2))
        self.assertFalse(torch.allclose(both, one))

    def test_a_student_trains_from_an_ensemble_of_teacher_checkpoints(self):
        with tempfile.TemporaryDirectory() as tmp:
            common = TINY_RUN + ["--length", "256", "--max-steps", "1", "--minutes", "5"]
            train.main(common + ["--channels", "4,8,16", "--run-dir", os.path.join(tmp, "t1")])
            train.main(common + ["--channels", "4,8", "--kernel", "5",
                                 "--run-dir", os.path.join(tmp, "t2")])
            out = os.path.join(tmp, "student.qrsm")
            teachers = ",".join(os.path.join(tmp, t, "best.pt") for t in ("t1", "t2"))
            train.main(common + ["--channels", "4,8", "--run-dir", os.path.join(tmp, "s"),
                                 "--teacher", teachers, "--distill-weight", "0.4", "--out", out])
            header, _ = read_qrsm(out)
            self.assertEqual(header["training"]["distilled_from"], {
                "configs": [{"channels": [4, 8, 16], "kernel": 7, "convs_per_level": 2},
                            {"channels": [4, 8], "kernel": 5, "convs_per_level": 2}],
                "weight": 0.4})


if __name__ == "__main__":
    unittest.main()
