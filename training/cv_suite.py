"""Training recipes side by side on the 160 records outside the test split, each record annotated
by the fold model that never saw it (training/cross_validate.py's folds): LUDB's 12 leads, the
paced records, and the Holter-style conditions of training/holter_suite.py. Every change against
the first recipe comes with its 95 % interval over draws of whole records, paired (the same draw
for both recipes: training/record_bootstrap.paired_change).

    /usr/bin/python3 -m training.cv_suite RUN_DIR [RUN_DIR ...] [--conditions NAME,...]
        [--folds 1,2,3,4,6,7,8,9] [--checkpoint last|best] [--seed 17] [--cli PATH] [--json-out FILE]
        [--noise-reader RUN_DIR [--noise-convention-weight W]] [--paced-onset spike|response]
        [--baseline-cli PATH] [--breakdown]

--noise-reader adds the first recipe as the engine reads it with a noise reader trained by
RUN_DIR's recipe: each record from the first recipe's fold model, or from RUN_DIR's where the
first one's leads agree on under 97 % of the beats (postprocess.lead_agreement, the engine's
rule; model_weights/MODEL_CARD.md, "A second reader for noisy records"). RUN_DIR's models are run
with the lead-habit blend the engine gives a reading handed over for noise
(--noise-convention-weight, default postprocess.NOISY_CONVENTION_WEIGHT).

Each RUN_DIR is a cross_validate --run-dir whose eight folds are trained. The CLI's output for
every (fold, condition) is kept in RUN_DIR/fold<d>/annotations/, keyed by the model file's and
the CLI's bytes (and for a noisy condition by recorder.SNR_CONVENTION), so a second call
re-scores without running the CLI again. Issue 17's Holter targets (onset SD within 2 ms, offset
SD within 3 ms of the clean 12-lead result on the same leads) are judged per recipe against its
own clean run, as holter_suite does on the test split.
--paced-onset passes the CLI's option of that name to every run (where a paced beat's QRS starts);
the cache then keeps those runs apart from the default ones.
--baseline-cli judges an engine change rather than a recipe: every recipe is also read by that CLI
(cached apart, in annotations/baseline/), its row comes first, and each row of --cli is changed
against the same recipe's baseline row, paired over the same records.
--breakdown adds where the paced records' error sits: per recipe, the record / lead / beat SDs
and the pairs more than 50 ms off (training/error_breakdown.py), and each record's share.

The test split is never touched here: this is what chooses between recipes.
"""
import argparse
import hashlib
import json
import os
import sys

from training import holter_suite, ludb, postprocess, recorder, scoring
from training.cross_validate import FOLD_DIGITS, export_fold, fold_records
from training.error_breakdown import (error_breakdown, format_breakdown, format_record_breakdown,
                                      record_breakdown)
from training.evaluate_engine import default_cli, run_cli, score_records
from training.global_qrs import score_global
from training.record_bootstrap import paired_change

# A pair this far off is a gross error in the paced records' breakdown (--breakdown).
GROSS_MS = 50.0


def _digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class FoldAnnotations:
    """The CLI's annotations of one fold's held-out records with that fold's model, cached."""

    def __init__(self, run_dir, digit, checkpoint, cli, directory, seed, cli_args=(),
                 cache_name="annotations"):
        self.records = fold_records(digit)
        self.model = export_fold(digit, run_dir, checkpoint)
        self.cli, self.directory, self.seed = cli, directory, seed
        self.cli_args = list(cli_args)
        self.cache_dir = os.path.join(run_dir, f"fold{digit}", cache_name)
        self.key = {"model": _digest(self.model), "cli": _digest(cli), "seed": seed}
        if self.cli_args:  # only then, so that caches written before the option stay valid
            self.key["cli_args"] = self.cli_args

    def get(self, condition=None):
        """{record name: CLI document}; condition None is the clean 12-lead run."""
        name = "clean" if condition is None else condition.name
        name += "".join("_" + a.lstrip("-") for a in self.cli_args)
        path = os.path.join(self.cache_dir, name.replace(" ", "_") + ".json")
        key = dict(self.key)
        if condition is not None and condition.noise:  # the noise's scale depends on it
            key["snr"] = recorder.SNR_CONVENTION
        if os.path.exists(path):
            with open(path) as f:
                cached = json.load(f)
            if cached["key"] == key:
                return cached["annotations"]
        extra = ["--model", self.model] + self.cli_args
        if condition is None:
            annotations = run_cli(self.cli, self.records, self.directory, extra_args=extra)
        else:
            annotations = holter_suite.run_condition(condition, self.records, self.directory,
                                                     self.cli, self.seed, extra)
        os.makedirs(self.cache_dir, exist_ok=True)
        with open(path + ".tmp", "w") as f:
            json.dump({"key": key, "annotations": annotations}, f)
        os.replace(path + ".tmp", path)
        return annotations


class Recipe:
    """One cross-validated recipe: its folds' annotations pooled over the 160 records."""

    def __init__(self, run_dir, digits, checkpoint, cli, directory, seed, cli_args=(),
                 cache_name="annotations"):
        self.run_dir = run_dir
        self.label = os.path.basename(os.path.normpath(run_dir))
        self.folds = [FoldAnnotations(run_dir, d, checkpoint, cli, directory, seed, cli_args,
                                      cache_name) for d in digits]
        self.records = [r for fold in self.folds for r in fold.records]

    def annotations(self, condition=None):
        out = {}
        for fold in self.folds:
            out.update(fold.get(condition))
        return out


class WithNoiseReader:
    """A recipe read as the engine reads with a noise reader: each record's annotation from
    `first`, or from `noise` where first's leads agree on under postprocess.NOISY_AGREEMENT of
    the beats, or with one lead the two readings do (postprocess.hand_over,
    src/annotate/lead_agreement.h). Both recipes' fold models never saw the record."""

    def __init__(self, first, noise):
        self.first, self.noise = first, noise
        self.label = f"{first.label}+{noise.label} reader"
        self.records = first.records
        self.handed_over = {}

    def annotations(self, condition=None):
        first, noise = self.first.annotations(condition), self.noise.annotations(condition)
        out = {k: noise[k] if postprocess.hand_over(doc, noise[k]) else doc
               for k, doc in first.items()}
        self.handed_over[None if condition is None else condition.name] = sum(
            out[k] is not first[k] for k in first)
        return out


def _mean_sd(k):
    return f"{k['mean_ms']:+.2f} ± {k['sd_ms']:.2f}"


def _change(c, figure="sd_ms"):
    value, low, high = c[figure]
    return f"{value:+.2f} ({low:+.2f} to {high:+.2f})"


def _detections(summary):
    return " / ".join(f"{summary[kind]['se']:.2f}, {summary[kind]['ppv']:.2f}"
                      for kind in scoring.KINDS)


def _references(count, references):
    """Each row's reference row (None: the row is one): the first row's by default."""
    return references if references is not None else [None] + [0] * (count - 1)


def ludb_table(recipes, directory, records, title, leads=ludb.LEADS, references=None):
    """Per recipe: Se, PPV, mean ± SD of both kinds and each beat's QRS across the leads; the
    SD change against its reference row (references[i], the first row by default) with its
    interval. Returns (text, figures, {recipe: scores})."""
    lines = [f"{title}", "", "| recipe | Se, PPV % onset / offset | onset mean ± SD ms | offset "
             "mean ± SD ms | onset SD change | offset SD change | beat firstOnset | beat "
             "lastOffset |", "|" + "---|" * 8]
    references = _references(len(recipes), references)
    figures, all_scores = [], []
    for (recipe, annotations), reference in zip(recipes, references):
        scores = score_records(annotations, records, directory, leads)
        summary = scoring.summarise(list(scores.values()))
        beats = score_global(annotations, records, directory, leads,
                             min(len(leads), 10))["summary"]
        change = paired_change(all_scores[reference], scores) if reference is not None else None
        all_scores.append(scores)
        figures.append({"recipe": recipe, "summary": summary, "beats": beats, "change": change})
        lines.append(
            f"| {recipe} | {_detections(summary)} | {_mean_sd(summary['onset'])} | "
            f"{_mean_sd(summary['offset'])} | "
            f"{_change(change['onset']) if change else '(reference)'} | "
            f"{_change(change['offset']) if change else ''} | {_mean_sd(beats['onset'])} | "
            f"{_mean_sd(beats['offset'])} |")
    return "\n".join(lines), figures, dict(zip((r for r, _ in recipes), all_scores))


def breakdown_text(scores_by_recipe, tail_ms=GROSS_MS):
    """Where each recipe's error sits (training/error_breakdown.py), with each record's share."""
    parts = []
    for recipe, scores in scores_by_recipe.items():
        parts += [f"{recipe}: SD in ms of the records' means, of each lead's mean within its "
                  f"record, of the beats within a lead; pairs more than {tail_ms:.0f} ms off:", "",
                  format_breakdown(error_breakdown(scores, tail_ms), tail_ms), "",
                  format_record_breakdown(record_breakdown(scores, "onset"), "onset"), ""]
    return "\n".join(parts)


def holter_table(recipes, conditions, directory, records, references=None):
    """Per condition and recipe: holter_suite's figures against the recipe's own clean run, and
    the SD change against its reference row (references[i], the first recipe by default) on the
    same condition."""
    unpaced = set(records) - holter_suite.paced_records(directory)
    lines = ["| condition | recipe | Se / PPV % (worst) | onset mean ± SD | offset mean ± SD | "
             "SD shift from clean, onset / offset | onset SD change | offset SD change | beat "
             "firstOnset | beat lastOffset | targets |", "|" + "---|" * 11]
    references = _references(len(recipes), references)
    results = []
    for condition in conditions:
        all_scores = []
        for recipe, reference in zip(recipes, references):
            annotations = recipe.annotations(condition)
            r = holter_suite.evaluate(condition, annotations, recipe.annotations(), records,
                                      directory, unpaced)
            scores = score_records(annotations, records, directory, list(condition.leads))
            change = (paired_change(all_scores[reference], scores) if reference is not None
                      else None)
            all_scores.append(scores)
            r.update(recipe=recipe.label, change=change)
            results.append(r)
            worst = min(r[k][m] for k in scoring.KINDS for m in ("se", "ppv"))
            lines.append(
                f"| {condition.name} | {recipe.label} | {worst:.2f} | {_mean_sd(r['onset'])} | "
                f"{_mean_sd(r['offset'])} | {r['onset_sd_shift_ms']:+.2f} / "
                f"{r['offset_sd_shift_ms']:+.2f} | "
                f"{_change(change['onset']) if change else '(reference)'} | "
                f"{_change(change['offset']) if change else ''} | {_mean_sd(r['beat_onset'])} | "
                f"{_mean_sd(r['beat_offset'])} | {'met' if r['meets_targets'] else 'NOT met'} |")
    met = [sum(r["meets_targets"] for r in results[i::len(recipes)]) for i in range(len(recipes))]
    lines.append("")
    lines.append("Conditions meeting the targets: " + ", ".join(
        f"{recipe.label} {n} of {len(conditions)}" for recipe, n in zip(recipes, met)))
    return "\n".join(lines), results


def read_recipes(args, digits, directory, cli, cli_args, cache_name="annotations"):
    """The recipes of args.run_dirs read by `cli`, and the first with its noise reader
    (WithNoiseReader) when args.noise_reader names one."""
    recipes = [Recipe(d, digits, args.checkpoint, cli, directory, args.seed, cli_args, cache_name)
               for d in args.run_dirs]
    if args.noise_reader:
        # The reader's runs stand for what it reads when handed a record, so they are
        # blended as the engine blends a reading handed over for noise.
        reader_args = cli_args + ["--convention-weight", str(args.noise_convention_weight)]
        recipes.append(WithNoiseReader(recipes[0], Recipe(
            args.noise_reader, digits, args.checkpoint, cli, directory, args.seed, reader_args,
            cache_name)))
    return recipes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dirs", nargs="+", help="cross_validate run directories; the first "
                                                    "is the reference for every change")
    parser.add_argument("--conditions", default="",
                        help="holter_suite condition names, comma list (default: all of "
                             "CONDITIONS; 'none': LUDB and the paced records only; 'one-lead': "
                             "ONE_LEAD_CONDITIONS)")
    parser.add_argument("--folds", default=",".join(str(d) for d in FOLD_DIGITS),
                        help="last digits of the folds to pool (default: all eight)")
    parser.add_argument("--checkpoint", choices=["last", "best"], default="last")
    parser.add_argument("--seed", type=int, default=17, help="holter_suite's noise seed")
    parser.add_argument("--cli", default=default_cli())
    parser.add_argument("--noise-reader", metavar="RUN_DIR",
                        help="also the first recipe with this cross_validate run as its noise "
                             "reader (WithNoiseReader): one more row per table")
    parser.add_argument("--paced-onset", choices=["spike", "response"],
                        help="the CLI's --paced-onset for every run (default: the CLI's own)")
    parser.add_argument("--noise-convention-weight", type=float,
                        default=postprocess.NOISY_CONVENTION_WEIGHT,
                        help="the lead-habit blend of the noise reader's readings, which are "
                             "the ones handed over (the CLI's --noise-convention-weight; "
                             "default: the engine's, postprocess.NOISY_CONVENTION_WEIGHT)")
    parser.add_argument("--baseline-cli", metavar="PATH",
                        help="judge an engine change: every recipe also read by this CLI, each "
                             "--cli row changed against it")
    parser.add_argument("--breakdown", action="store_true",
                        help="also where the paced records' error sits (error_breakdown)")
    parser.add_argument("--json-out")
    args = parser.parse_args(argv)
    try:
        if args.conditions == "none":
            conditions = []
        elif args.conditions == "one-lead":
            conditions = holter_suite.ONE_LEAD_CONDITIONS
        elif args.conditions:
            conditions = [holter_suite.BY_NAME[n.strip()] for n in args.conditions.split(",")]
        else:
            conditions = holter_suite.CONDITIONS
    except KeyError as e:
        parser.error(f"--conditions: unknown condition {e}")
    directory = ludb.ludb_dir()
    try:
        digits = [int(d) for d in args.folds.split(",")]
        cli_args = ["--paced-onset", args.paced_onset] if args.paced_onset else []
        recipes = read_recipes(args, digits, directory, args.cli, cli_args)
        references = None
        if args.baseline_cli:
            baseline = read_recipes(args, digits, directory, args.baseline_cli, cli_args,
                                    os.path.join("annotations", "baseline"))
            for recipe in baseline:
                recipe.label += " (baseline CLI)"
            recipes = [r for pair in zip(baseline, recipes) for r in pair]
            references = [None if i % 2 == 0 else i - 1 for i in range(len(recipes))]
        records = recipes[0].records
        clean = [(r.label, r.annotations()) for r in recipes]
        paced = sorted(set(records) & holter_suite.paced_records(directory))
        ludb_text, ludb_figures, _ = ludb_table(
            clean, directory, records, f"LUDB, 12 leads, the {len(records)} non-test records "
            f"(each by the {args.checkpoint} checkpoint of the fold that held it out):",
            references=references)
        paced_text, paced_figures, paced_scores = ludb_table(
            clean, directory, paced, f"The paced records among them ({', '.join(map(str, paced))}; "
            "header mentions pacing):", references=references)
        holter_text, holter_results = holter_table(recipes, conditions, directory, records,
                                                   references)
    except (RuntimeError, ValueError, OSError) as e:
        print(f"cv_suite: {e}", file=sys.stderr)
        return 1
    against = ("the same recipe read by the baseline CLI" if args.baseline_cli
               else "recipe minus the first")
    print(f"Changes: {against}, with the 95 % interval over 2,000 paired draws of "
          "whole records (ms; SD changes)\n")
    print(ludb_text + "\n\n" + paced_text)
    if args.breakdown:
        print("\nWhere the paced records' error sits:\n")
        print(breakdown_text(paced_scores))
    if conditions:
        print(f"\nHolter-style conditions (training/holter_suite.py, seed {args.seed}) on the same "
              "records; shifts against each recipe's own clean 12-lead run on the same leads:\n")
        print(holter_text)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"ludb": ludb_figures, "paced": paced_figures, "holter": holter_results},
                      f, indent=2, default=float)
    return 0


if __name__ == "__main__":
    sys.exit(main())
