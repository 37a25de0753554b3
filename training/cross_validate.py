"""A training recipe's accuracy on all 160 records outside the test split, through the engine.

The fixed validation split (records 2, 12, ..., 192) is 20 records: a 95 % interval over
another draw of 20 records spans about 3 ms of SD (training/record_bootstrap.py), and its
records are easier than most. This trains the recipe eight times, each time holding out the
records whose number ends in one digit (1, 2, 3, 4, 6, 7, 8 or 9: 20 records each; 0 and 5 are
the test split, which stays out of every fold), and annotates each held-out fold with its own
fold's model through the real CLI. Every non-test record is then scored once, by a model that
never saw it, and evaluate_engine's report (Se, PPV, mean, SD, intervals, where the error sits,
worst records and leads) covers 160 records instead of 20. Fold 2 is the fixed validation
split: with the rebuild recipe its run is the shipped model's.

    /usr/bin/python3 -m training.cross_validate [--run-dir training/runs/cv] [--jobs 2]
        [--folds 1,2,3,4,6,7,8,9] [--checkpoint last|best] [--evaluate-only]
        [--convention-weight W] [--resume-run DIR] [-- TRAIN.PY OPTIONS]

Train.py options after `--` set the recipe (default: the rebuild command's, --max-steps 4000
--seed 5). Each fold takes what one training run takes (about 5 minutes here); --jobs 2 runs
two at once, one thread each. Folds whose run directory already holds last.pt are not trained
again, so a second call only re-scores. --checkpoint last (the default) scores every fold at
the recipe's final step, which nothing was chosen on; best scores the checkpoint each fold's
own validation picked, which flatters the figures a little (the fold chose it).
"""
import argparse
import os
import subprocess
import sys

from training import ludb
from training.evaluate_engine import default_cli, report, run_cli, score_records
from training.global_qrs import format_global, score_global

FOLD_DIGITS = [1, 2, 3, 4, 6, 7, 8, 9]
REBUILD_RECIPE = ["--max-steps", "4000", "--seed", "5"]


def fold_records(digit):
    """The non-test records whose number ends in `digit`."""
    if digit in (0, 5):
        raise ValueError("records ending in 0 or 5 are the test split")
    return [r for r in ludb.ALL_RECORDS if r % 10 == digit]


def training_records(digit):
    """Every non-test record outside fold `digit`."""
    held_out = set(fold_records(digit))
    return [r for r in ludb.ALL_RECORDS if r not in ludb.TEST_RECORDS and r not in held_out]


def _comma_list(records):
    return ",".join(str(r) for r in records)


def train_command(digit, run_dir, recipe, resume_run=""):
    """resume_run: a cross-validation run directory whose fold `digit` this fold's training
    starts from (its last.pt), so a fine-tuning recipe is cross-validated the way it ships: on
    top of the weights that never saw the fold."""
    resume = ["--resume", os.path.join(resume_run, f"fold{digit}", "last.pt")] if resume_run else []
    return [sys.executable, "-m", "training.train", *recipe, *resume,
            "--train-records", _comma_list(training_records(digit)),
            "--val-records", _comma_list(fold_records(digit)),
            "--run-dir", os.path.join(run_dir, f"fold{digit}"), "--threads", "1"]


def train_folds(digits, run_dir, recipe, jobs, resume_run=""):
    """Trains the folds that have no last.pt yet, `jobs` at a time; stops at the first failure."""
    pending = [d for d in digits
               if not os.path.exists(os.path.join(run_dir, f"fold{d}", "last.pt"))]
    running = []
    while pending or running:
        while pending and len(running) < jobs:
            d = pending.pop(0)
            os.makedirs(os.path.join(run_dir, f"fold{d}"), exist_ok=True)
            log = open(os.path.join(run_dir, f"fold{d}", "train.out"), "w")
            print(f"fold {d}: training (log {log.name})", flush=True)
            running.append((d, subprocess.Popen(train_command(d, run_dir, recipe, resume_run),
                                                stdout=log,
                                                stderr=subprocess.STDOUT), log))
        d, proc, log = running.pop(0)
        if proc.wait() != 0:
            for _, other, _ in running:
                other.terminate()
            raise RuntimeError(f"fold {d}: training failed, see {log.name}")
        log.close()


def export_fold(digit, run_dir, checkpoint):
    """The fold's checkpoint as a .qrsm next to it (once)."""
    fold_dir = os.path.join(run_dir, f"fold{digit}")
    model = os.path.join(fold_dir, f"{checkpoint}.qrsm")
    if not os.path.exists(os.path.join(fold_dir, f"{checkpoint}.pt")):
        raise RuntimeError(f"fold {digit}: no {checkpoint}.pt in {fold_dir}; train the fold "
                           "first (without --evaluate-only)")
    if not os.path.exists(model):
        subprocess.run([sys.executable, "-m", "training.train", "--export-from",
                        os.path.join(fold_dir, f"{checkpoint}.pt"), "--out", model],
                       check=True, stdout=subprocess.DEVNULL)
    return model


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    recipe = argv[argv.index("--") + 1:] if "--" in argv else REBUILD_RECIPE
    own = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run-dir", default="training/runs/cv")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folds", default=",".join(str(d) for d in FOLD_DIGITS),
                        help="last digits of the held-out folds")
    parser.add_argument("--checkpoint", choices=["last", "best"], default="last")
    parser.add_argument("--evaluate-only", action="store_true",
                        help="score the folds already trained; train none")
    parser.add_argument("--convention-weight", type=float,
                        help="the CLI's --convention-weight (default: the model header's)")
    parser.add_argument("--resume-run", default="",
                        help="fine-tune: each fold starts from this run directory's fold (last.pt)")
    parser.add_argument("--cli", default=default_cli())
    args = parser.parse_args(own)
    try:
        digits = [int(d) for d in args.folds.split(",")]
        for d in digits:
            fold_records(d)
    except ValueError as e:
        parser.error(f"--folds: {e}")
    directory = ludb.ludb_dir()
    try:
        if not args.evaluate_only:
            if args.resume_run:
                missing = [d for d in digits if not os.path.exists(
                    os.path.join(args.resume_run, f"fold{d}", "last.pt"))]
                if missing:
                    raise RuntimeError(f"--resume-run: {args.resume_run} has no last.pt for "
                                       f"fold(s) {', '.join(map(str, missing))}")
            train_folds(digits, args.run_dir, recipe, args.jobs, args.resume_run)
        annotations, records = {}, []
        for d in digits:
            model = export_fold(d, args.run_dir, args.checkpoint)
            annotations.update(run_cli(args.cli, fold_records(d), directory, model=model,
                                       convention_weight=args.convention_weight))
            records += fold_records(d)
        scores = score_records(annotations, records, directory)
        global_qrs = score_global(annotations, records, directory)
    except (RuntimeError, ValueError, OSError, subprocess.CalledProcessError) as e:
        print(f"cross_validate: {e}", file=sys.stderr)
        return 1
    print(f"Cross-validation of {' '.join(recipe)}: {len(digits)} folds, each scored by the "
          f"{args.checkpoint} checkpoint of the run that held it out ({args.run_dir})")
    which = f"non-test records ending in {', '.join(str(d) for d in digits)}"
    print(report(scores, records, which=which)[1])
    print("\nEach beat's QRS across the leads against LUDB's (training/global_qrs.py):")
    print(format_global(global_qrs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
