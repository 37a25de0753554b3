"""Train the single-lead QRS onset/offset U-Net on LUDB and export the best model.

    /usr/bin/python3 -m training.train --max-steps 4000 --seed 5 --out model_weights/qrs_unet.qrsm

Protocol (DESIGN.md): test records 5, 10, ..., 200 are never loaded here; model selection and
the post-processing threshold use the fixed validation list of training/dataset.py only.
Runs on one CPU thread (shared machine). With --max-steps the learning rate follows a cosine over
the steps and validation comes every --val-steps, so a run does the same work on any machine;
without it, both follow the wall clock (--minutes, --val-minutes). Every validation writes
<run>/last.pt; each improvement writes <run>/best.pt and, when --out is given, re-exports the
model there atomically (temp file + rename).
"""
import argparse
import copy
import datetime
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from training import augment, dataset, ludb, postprocess, recorder
from training.model import EVENT_OUTPUTS, EventNet, UNet1d, flops_per_lead_second, parameter_count
from training.validate import ValidationSet

# What training feeds the preprocessing: LUDB's leads as stored (each spans 1 mV peak-to-peak,
# a typical 2 s block 0.51-0.96 mV) times the augmentation's gain of 0.3-3.
TRAINING_PREPROCESS = {"baseline_window_s": 1.0, "scale": 1.0, "clip": 10.0}
# The median over the 1,680 training leads of docs/signal.md's typical peak-to-peak (2 s blocks).
LUDB_TYPICAL_PEAK_TO_PEAK = 0.86
# Each part of a long recording is sized by the blocks within 10 s of it (an electrode that comes
# loose for an hour must not set the scale of the rest); a lead of up to 12 s (LUDB's 10 s
# records, every training crop) is sized as a whole.
AMPLITUDE_CONTEXT_S = 10.0


def engine_preprocess(args):
    """The header's "preprocess": what the engine does to a lead, and what validation does.

    With --amplitude-window > 0 the engine divides each lead by its typical peak-to-peak and
    multiplies by LUDB's, so a lead in any unit or at any gain reaches the net the size of a
    typical training lead: the middle of what the gain augmentation showed it. Training itself
    keeps millivolts and the gain augmentation: normalising the training crops too cost
    0.5-1 ms of onset SD on validation (MODEL_CARD, "Amplitude"). With --remove-spikes the header
    says so (pacing_spikes_removed), and the engine then cuts pacemaker spikes out as training did.
    """
    spikes = {"pacing_spikes_removed": 1.0} if getattr(args, "remove_spikes", False) else {}
    if args.amplitude_window <= 0:
        return dict(TRAINING_PREPROCESS, **spikes)
    return dict(TRAINING_PREPROCESS, amplitude_window_s=args.amplitude_window,
                amplitude_floor=0.05, amplitude_context_s=AMPLITUDE_CONTEXT_S,
                scale=LUDB_TYPICAL_PEAK_TO_PEAK, **spikes)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--minutes", type=float, default=60.0, help="wall-clock training budget")
    p.add_argument("--max-steps", type=int, default=0,
                   help="stop after this many steps; the schedule then follows steps, not the "
                        "clock (0: no limit)")
    p.add_argument("--out", default="", help="export the best model here (.qrsm)")
    p.add_argument("--run-dir", default="training/runs/latest")
    p.add_argument("--name", default="qrs-unet-small")
    p.add_argument("--channels", default="12,16,24,32,48")
    p.add_argument("--kernel", type=int, default=7)
    p.add_argument("--convs", type=int, default=2)
    p.add_argument("--batch", type=int, default=24)
    p.add_argument("--length", type=int, default=1024)
    p.add_argument("--lr", type=float, default=3e-3)
    # 1e-2 since 26 Nov: against 1e-4 it gave fewer false positives and a smaller spread
    # between seeds (MODEL_CARD, "Weight decay"); --weight-decay 1e-4 replays the older rows.
    p.add_argument("--weight-decay", type=float, default=1e-2, help="AdamW's decoupled decay")
    # 2 s since 26 Nov: the engine scales each lead to LUDB's size, so files in real millivolts,
    # microvolts or ADC counts are annotated like LUDB's leads (MODEL_CARD, "Amplitude"); 0 writes
    # and validates the older header, which fed millivolts as they are.
    p.add_argument("--amplitude-window", type=float, default=2.0,
                   help="block length (s) of the engine's per-lead amplitude normalisation (0: off)")
    p.add_argument("--seg-weight", type=float, default=0.3)
    p.add_argument("--wave-weight", type=float, default=0.0,
                   help="weight of auxiliary P-inside / T-inside segmentation heads (0: no heads)")
    p.add_argument("--pos-weight", type=float, default=4.0, help="extra weight on heat-map mass")
    p.add_argument("--ema", type=float, default=0.999,
                   help="decay of the weight average that is validated and shipped (0: off)")
    p.add_argument("--val-minutes", type=float, default=4.0, help="without --max-steps")
    p.add_argument("--val-steps", type=int, default=500, help="with --max-steps")
    p.add_argument("--train-records", default="", help="comma list (default: all training records)")
    p.add_argument("--oversample-rhythms", type=int, default=1,
                   help="draw the training records whose header mentions pacing or extrasystoles "
                        "this many times as often as the others (dataset.rhythm_records; 1: as "
                        "often)")
    p.add_argument("--val-records", default="", help="comma list (default: the fixed validation list)")
    p.add_argument("--thresholds", default=str(postprocess.EventOptions.threshold),
                   help="detection thresholds validation tries (comma list); the best one is "
                        "written to the model header. Default: only the engine's default "
                        "(EventOptions), so the checkpoint is chosen as the engine will run it")
    p.add_argument("--leads", default=",".join(ludb.LEADS))
    p.add_argument("--resume", default="", help="checkpoint to start from (weights only)")
    p.add_argument("--export-from", default="",
                   help="only export this checkpoint (best.pt) to --out, then exit")
    p.add_argument("--model-rate", type=float, default=250.0,
                   help="the network's input rate, Hz (written to the model header)")
    p.add_argument("--sigma", type=float, default=1.5, help="heat-map width, model samples")
    p.add_argument("--stretch", type=float, default=0.0,
                   help="time-stretch augmentation: up to this relative change of QRS width and "
                        "heart rate, labels moved with the signal (0: off)")
    p.add_argument("--flip-probability", type=float, default=0.0,
                   help="share of training leads with inverted polarity (runs before 26 Nov: "
                        "0.15; 0 annotates upright leads better, see MODEL_CARD.md)")
    p.add_argument("--recorder-probability", type=float, default=0.0,
                   help="share of training crops given an ambulatory recorder's band limits and, "
                        "half of those, its noise (augment.recorder_conditions; 0: off)")
    p.add_argument("--recorder-noises", default="motion,muscle",
                   help="the noise kinds those crops draw from (training/recorder.py's "
                        "NOISE_KINDS, comma list)")
    p.add_argument("--recorder-snr", default="6,24",
                   help="the SNR range of that noise, dB (low,high)")
    p.add_argument("--remove-spikes", action="store_true",
                   help="cut pacemaker spikes out of training crops and validation leads as the "
                        "engine does before the network (training/pacing.py; off by default so "
                        "older runs replay exactly)")
    p.add_argument("--smeared-spike-probability", type=float, default=0.0,
                   help="share of training crops given pacing artefacts too smeared for the spike "
                        "detector (augment.smeared_pacing_artefacts; 0: off)")
    p.add_argument("--augment-strength", type=float, default=1.0,
                   help="scales the probabilities of the amplitude-domain augmentations")
    p.add_argument("--position-weight", type=float, default=0.0,
                   help="weight of the mass-centre position loss (0: off)")
    p.add_argument("--position-radius", type=int, default=8, help="its window, model samples")
    p.add_argument("--teacher", default="",
                   help="checkpoint(s) (.pt, comma-separated: an ensemble, probabilities averaged) "
                        "whose probabilities are blended into the targets (knowledge distillation)")
    p.add_argument("--distill-weight", type=float, default=0.5,
                   help="share of the teacher's probabilities in each target, 0..1")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args(argv)


def masked_loss(out, target, mask, seg_weight, pos_weight, wave_weight=0.0):
    """BCE on the onset/offset heat-maps (weighted up where the target has mass) + QRS mask
    (+ the P and T masks when the model has those heads)."""
    t_ev, m_ev = target[:, :2], mask[:, :2]
    w = m_ev * (1.0 + pos_weight * t_ev)
    ev = F.binary_cross_entropy_with_logits(out["events"], t_ev, weight=w, reduction="sum")
    ev = ev / w.sum().clamp(min=1.0)
    seg = F.binary_cross_entropy_with_logits(out["qrs"], target[:, 2:3], weight=mask[:, 2:3],
                                             reduction="sum") / mask[:, 2:3].sum().clamp(min=1.0)
    loss = ev + seg_weight * seg
    if "waves" in out:
        waves = F.binary_cross_entropy_with_logits(out["waves"], target[:, 3:5],
                                                   weight=mask[:, 3:5], reduction="sum")
        loss = loss + wave_weight * waves / mask[:, 3:5].sum().clamp(min=1.0)
    return loss


def position_loss(event_logits, points, radius, delta):
    """Huber loss between each scored boundary and the probability mass centre of its heat-map
    within +-radius samples (weights: p - 0.1 max(p), floored at 0), which is how the engine
    places a boundary (src/annotate/peaks.h, move_to_mass_centre). The metric is a squared
    error, so this trains the quantity that is scored; the per-sample BCE keeps the curves
    calibrated probabilities."""
    valid = torch.isfinite(points)
    b, k, j = valid.nonzero(as_tuple=True)
    if b.numel() == 0:
        return event_logits.sum() * 0.0
    length = event_logits.shape[2]
    p = points[b, k, j]
    idx = torch.round(p).long()[:, None] + torch.arange(-radius, radius + 1)[None, :]
    inside = ((idx >= 0) & (idx < length)).float()
    prob = torch.sigmoid(event_logits[b[:, None], k[:, None], idx.clamp(0, length - 1)]) * inside
    w = torch.relu(prob - 0.1 * prob.max(dim=1, keepdim=True).values)
    centre = (w * idx.float()).sum(1) / w.sum(1).clamp(min=1e-6)
    return F.huber_loss(centre, p, delta=delta)


def load_teacher(paths):
    """Frozen models from training checkpoints (comma-separated paths), for distillation."""
    teachers = []
    for path in paths.split(","):
        state = torch.load(path)
        teacher = UNet1d(**state["config"])
        teacher.load_state_dict(state["model"])
        teachers.append(teacher.eval())
    return teachers


def distilled_target(teachers, x, target, weight):
    """Blend the teacher's probabilities into the heat-map and QRS targets.

    The reference marks are noisy (leads of one beat disagree by ~9 ms), and a larger model's
    probabilities carry where that noise puts a boundary on similar beats; the small model learns
    from both. Several teachers (an ensemble) contribute the mean of their probabilities.
    """
    with torch.no_grad():
        soft = sum(torch.sigmoid(torch.cat([out["events"], out["qrs"]], dim=1))
                   for out in (teacher(x) for teacher in teachers)) / len(teachers)
    blended = target.clone()
    blended[:, :3] = (1.0 - weight) * target[:, :3] + weight * soft
    return blended


def json_safe(value):
    """NaN (e.g. the mean error when nothing matched) -> None: the model header is strict JSON."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def update_ema(ema, model, decay):
    """Exponential moving average of weights and BN statistics (smoother than the last step)."""
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            if e.dtype.is_floating_point:
                e.mul_(decay).add_(m, alpha=1.0 - decay)
            else:
                e.copy_(m)


def export(model, path, args, info, preprocess=None):
    """Writes the .qrsm; `preprocess` is the header's (default: this command's options')."""
    from training.export import export_model  # written by the nn engineer; imported late
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    export_model(EventNet(model).eval(), tmp, name=args.name, sample_rate_hz=dataset.FS_MODEL,
                 outputs=EVENT_OUTPUTS,
                 preprocess=engine_preprocess(args) if preprocess is None else preprocess,
                 training_info=info)
    os.replace(tmp, path)


def export_checkpoint(args):
    """Re-export a saved checkpoint (best.pt, last.pt) with the header info it was saved with."""
    state = torch.load(args.export_from)
    cfg = state["config"]
    model = UNet1d(**cfg)
    model.load_state_dict(state["model"])
    if not args.out:
        sys.exit("--export-from needs --out")
    if "export_info" not in state:
        sys.exit(f"{args.export_from}: no export_info (checkpoints from before 26 Nov have it only "
                 "in best.pt, and only when trained with --out)")
    # The header's preprocess is the training run's (--remove-spikes, --amplitude-window), not
    # this export command's: a fold exported by cross_validate must tell the engine to cut the
    # spikes its network never saw. Checkpoints from before 1 Dec do not carry it and take this
    # command's options instead (pass the training run's --remove-spikes here for those).
    export(model.eval(), args.out, args, state["export_info"], state.get("preprocess"))
    print(f"exported {args.export_from} -> {args.out}")


def recorder_options(args):
    noises = tuple(n for n in args.recorder_noises.split(",") if n)
    unknown = [n for n in noises if n not in recorder.NOISE_KINDS]
    if unknown:
        sys.exit(f"--recorder-noises: unknown kind {unknown[0]!r}; known: "
                 f"{', '.join(recorder.NOISE_KINDS)}")
    snr = tuple(float(v) for v in args.recorder_snr.split(","))
    if len(snr) != 2 or snr[0] > snr[1]:
        sys.exit(f"--recorder-snr: expected low,high in dB, got {args.recorder_snr!r}")
    return augment.RecorderOptions(args.recorder_probability, noises, snr)


def records_arg(text, default):
    return [int(r) for r in text.split(",") if r.strip()] if text else default


def main(argv=None):
    args = parse_args(argv)
    # dataset.py, validate.py and the export read the model rate from here at call time.
    dataset.FS_MODEL = args.model_rate
    if args.export_from:
        return export_checkpoint(args)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.run_dir, exist_ok=True)
    leads = args.leads.split(",")
    train_records = records_arg(args.train_records, dataset.TRAIN_RECORDS)
    val_records = records_arg(args.val_records, dataset.VALIDATION_RECORDS)
    if set(train_records) & set(val_records):
        sys.exit("train and validation records overlap")
    if args.oversample_rhythms < 1:
        sys.exit("--oversample-rhythms: must be 1 or more")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    channels = [int(c) for c in args.channels.split(",")]
    model = UNet1d(channels, args.kernel, args.convs, wave_heads=args.wave_weight > 0)
    if args.length % model.length_multiple:
        sys.exit(f"--length must be a multiple of {model.length_multiple}")
    if args.resume:
        model.load_state_dict(torch.load(args.resume)["model"])
    teachers = load_teacher(args.teacher) if args.teacher else None
    flops = flops_per_lead_second(channels, args.kernel, args.convs, dataset.FS_MODEL)
    log = open(os.path.join(args.run_dir, "log.txt"), "a")

    def say(msg):
        line = f"{datetime.datetime.utcnow():%H:%M:%S} {msg}"
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    say(f"model {model.config} params {parameter_count(model)} "
        f"MFLOP/lead-s {flops / 1e6:.2f}; train {len(train_records)} records, val {len(val_records)}")
    rhythms = []
    if args.oversample_rhythms > 1:
        rhythms = dataset.rhythm_records(train_records, ludb.ludb_dir())
        say(f"{len(rhythms)} records with pacing or extrasystoles drawn {args.oversample_rhythms} "
            f"times as often: {','.join(map(str, rhythms))}")
    items = dataset.load_items(train_records + rhythms * (args.oversample_rhythms - 1), leads)
    val = ValidationSet(dataset.load_items(val_records, leads), engine_preprocess(args),
                        model.length_multiple, args.remove_spikes)
    cfg = dataset.ExampleConfig(length=args.length, sigma=args.sigma,
                                preprocess=TRAINING_PREPROCESS,
                                augment_strength=args.augment_strength, stretch=args.stretch,
                                flip_probability=args.flip_probability,
                                recorder=recorder_options(args),
                                remove_spikes=args.remove_spikes,
                                smeared_spike_probability=args.smeared_spike_probability)
    ema = copy.deepcopy(model).eval() if args.ema > 0 else model
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    budget = args.minutes * 60.0
    t0 = time.time()
    last_val, last_val_step = t0, 0
    best = None
    step = 0
    running = []
    while True:
        elapsed = time.time() - t0
        done = elapsed >= budget or (args.max_steps and step >= args.max_steps)
        if args.max_steps:
            progress = step / args.max_steps
            validate_now = step - last_val_step >= args.val_steps
        else:
            progress = elapsed / budget
            validate_now = time.time() - last_val >= args.val_minutes * 60.0
        if done or validate_now:
            model.eval()
            result = val.evaluate(EventNet(ema), thresholds)
            model.train()
            last_val, last_val_step = time.time(), step
            say(f"step {step} val cost {result['cost']:.3f} thr {result['threshold']} "
                f"{json.dumps(result['summary_short'])}")
            # Every checkpoint carries what its export writes to the model header, so any
            # of them (best.pt, or last.pt for a fixed step: training/cross_validate.py) can
            # be exported later with --export-from.
            info = {
                "data": "LUDB v1.0.1 (PhysioNet), 12 leads each scored on its own annotation",
                "train_records": train_records, "validation_records": val_records,
                "test_records_excluded": ludb.TEST_RECORDS,
                "architecture": {"type": "unet1d", **model.config},
                "parameters": parameter_count(model),
                "mflop_per_lead_second": round(flops / 1e6, 3),
                "steps": step, "batch": args.batch, "window": args.length,
                "minutes": round((time.time() - t0) / 60, 1),
                # The post-processing validation ran with (postprocess.py's defaults, the
                # twins of the engine's), at the chosen threshold.
                "event_options": dict(vars(postprocess.EventOptions()),
                                      threshold=result["threshold"]),
                "validation": json_safe(result["summary"]),
            }
            if teachers is not None:
                info["distilled_from"] = {"configs": [t.config for t in teachers],
                                          "weight": args.distill_weight}
            state = {"model": ema.state_dict(), "config": model.config, "step": step,
                     "val": result, "export_info": info, "preprocess": engine_preprocess(args)}
            torch.save(state, os.path.join(args.run_dir, "last.pt"))
            if best is None or result["cost"] < best["cost"]:
                best = result
                torch.save(state, os.path.join(args.run_dir, "best.pt"))
                if args.out:
                    try:
                        export(ema, args.out, args, info)
                        say(f"exported {args.out}")
                    except ImportError as e:  # exporter not there yet: best.pt keeps the info
                        say(f"export skipped ({e}); use --export-from {args.run_dir}/best.pt")
            if done:
                break
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, target, mask, points = (torch.from_numpy(a) for a in
                                   dataset.make_batch(items, rng, args.batch, cfg))
        if teachers is not None:
            target = distilled_target(teachers, x, target, args.distill_weight)
        out = model(x)
        loss = masked_loss(out, target, mask, args.seg_weight, args.pos_weight, args.wave_weight)
        if args.position_weight > 0:
            loss = loss + args.position_weight * position_loss(out["events"], points,
                                                               args.position_radius, 2.0)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if ema is not model:
            # Early on the average would be dominated by the random start: warm it up.
            update_ema(ema, model, min(args.ema, (1.0 + step) / (10.0 + step)))
        running.append(loss.item())
        step += 1
        if step % 50 == 0:
            say(f"step {step} loss {np.mean(running):.4f} lr {lr:.2e} "
                f"{(time.time() - t0) / step:.2f} s/step")
            running = []
    say(f"done: best val cost {best['cost']:.3f}")
    log.close()
    return best


if __name__ == "__main__":
    main()
