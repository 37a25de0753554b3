"""Training examples from LUDB leads: crop, augment, preprocess exactly like the engine, label.

Each example is one lead window of ``length`` model samples at 250 Hz:
  x      [length]      preprocess_lead(...) of an augmented raw crop, zero-padded like the
                       engine pads short inputs (and sometimes with zeros in front)
  target [5, length]   Gaussian heat-maps at onsets and offsets, QRS-inside segmentation, and
                       P-inside and T-inside segmentations (auxiliary, used with --wave-weight)
  mask   [5, length]   1 where the loss counts: inside the lead's annotated span or in the
                       padding; 0 near beats whose annotator left that boundary out.
  points [2, MAX_POINTS] the scored onset and offset positions (model samples, NaN-padded) that
                       the position loss of training/train.py compares with the heat-maps'
                       mass centres.
"""
from dataclasses import dataclass, field
from typing import List, Sequence

import numpy as np

from training import augment, ludb, pacing
from training.preprocess import preprocess_lead
from training.scoring import QrsReference

MAX_POINTS = 24  # boundaries of one kind in one window (4.1 s at up to ~300 bpm)
FS_RAW = 500.0
FS_MODEL = 250.0
# Records 2, 12, ..., 192: fixed validation list (none is a test record; see MODEL_CARD.md).
VALIDATION_RECORDS = list(range(2, 200, 10))
TRAIN_RECORDS = [r for r in ludb.ALL_RECORDS
                 if r not in ludb.TEST_RECORDS and r not in VALIDATION_RECORDS]


@dataclass
class LeadItem:
    record: int
    lead: str
    mv: np.ndarray          # raw lead, float64 mV at FS_RAW
    ref: QrsReference       # positions in raw samples
    # [k, 2] P and T wave (onset, offset) in raw samples: auxiliary targets (--wave-weight)
    p_spans: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    t_spans: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))


def rhythm_records(records: Sequence[int], directory: str) -> List[int]:
    """Those of `records` whose header comments mention pacing or extrasystoles: the beats a
    model fine-tuned on noise loses first (MODEL_CARD.md, "The noise reader keeps ectopic
    beats")."""
    return [r for r in records
            if ludb.header_mentions(r, directory, ludb.PACING_WORDS + ("extrasystol",))]


def load_items(records: Sequence[int], leads: Sequence[str] = tuple(ludb.LEADS)) -> List[LeadItem]:
    items = []
    for r in records:
        if r in ludb.TEST_RECORDS:
            raise ValueError(f"record {r} is in the test split and must not be used here")
        rec = ludb.read_record(r)
        if rec.fs != FS_RAW:
            raise ValueError(f"LUDB record {r}: expected {FS_RAW} Hz, header says {rec.fs}")
        for lead in leads:
            marks, path = ludb.lead_marks(r, lead)  # one read for the QRS, P and T marks
            items.append(LeadItem(r, lead, rec.signals_mv[rec.leads.index(lead)],
                                  ludb.reference_from_marks(marks, path),
                                  ludb.wave_spans(marks, "p"), ludb.wave_spans(marks, "t")))
    return items


@dataclass
class ExampleConfig:
    length: int = 1024              # model samples per window (multiple of length_multiple)
    sigma: float = 1.5              # heat-map width, model samples
    short_probability: float = 0.3  # crop down to 0.4 s .. window, engine-style zero padding
    front_pad_probability: float = 0.5
    rate_probability: float = 0.35  # pass through a random device rate 100-2000 Hz
    augment_strength: float = 1.0
    # Time stretch: the recording is read as if sampled at FS_RAW * s, s log-uniform in
    # [1/(1+stretch), 1+stretch], so QRS widths and heart rates change and the labels move with
    # them. 0: off (no random draw, so older runs replay exactly).
    stretch: float = 0.0
    # Inverted polarity (reversed electrodes). Off by default: LUDB's annotators place a
    # boundary differently for a q-R and an r-S start, and inverted copies blur that.
    flip_probability: float = 0.0
    # Ambulatory recorder noise and band limits (augment.recorder_conditions); probability 0: off.
    recorder: augment.RecorderOptions = augment.RecorderOptions()
    # Cut pacemaker spikes out of each crop at its own rate as the engine does before the network
    # (training/pacing.py); off: the net sees them, as every model before issue 17 was trained.
    remove_spikes: bool = False
    # Pacing artefacts too smeared for the spike detector (augment.smeared_pacing_artefacts), so a
    # net that never sees a detected spike still learns that an artefact is not a QRS. 0: off.
    smeared_spike_probability: float = 0.0
    preprocess: dict = None


def _gaussians(positions, length, sigma):
    grid = np.arange(length, dtype=np.float64)
    out = np.zeros(length)
    for p in positions:
        lo, hi = max(0, int(p - 4 * sigma)), min(length, int(p + 4 * sigma) + 2)
        if lo < hi:
            out[lo:hi] = np.maximum(out[lo:hi], np.exp(-0.5 * ((grid[lo:hi] - p) / sigma) ** 2))
    return out


def _crop(n_raw, fs_src, rng, cfg):
    """(start, n_crop) of a training window in raw samples read at fs_src: usually a full
    window, sometimes a short crop down to 0.4 s (what a snippet array holds)."""
    full = int(cfg.length * fs_src / FS_MODEL)
    if rng.random() < cfg.short_probability:
        n_crop = int(rng.uniform(0.4, cfg.length / FS_MODEL) * fs_src)
    else:
        n_crop = full
    n_crop = min(n_crop, n_raw)
    return int(rng.integers(0, n_raw - n_crop + 1)), n_crop


def _front_pad(m, rng, cfg):
    """Where content of m model samples starts in the window (engine-style zeros in front)."""
    if m < cfg.length and rng.random() < cfg.front_pad_probability:
        return int(rng.integers(0, cfg.length - m + 1))
    return 0


def _place(content, offset, length):
    x = np.zeros(length, dtype=np.float32)
    x[offset:offset + content.size] = content
    return x


def _labels(item: LeadItem, start, fs_src, offset, m, cfg):
    """target, mask and points of one lead whose raw crop (read at fs_src) begins at ``start``
    and whose m model samples of content begin at window position ``offset``."""
    L = cfg.length

    def to_model(t):  # raw sample -> window position
        return (np.asarray(t, dtype=np.float64) - start) * FS_MODEL / fs_src + offset

    content_lo, content_hi = offset, offset + m  # [lo, hi)
    target = np.zeros((5, L), dtype=np.float32)
    mask = np.ones((5, L), dtype=np.float32)
    visible = lambda p: np.isfinite(p) & (p >= content_lo - 0.5) & (p <= content_hi - 0.5)
    ref = item.ref
    on, off, pk = to_model(ref.onsets), to_model(ref.offsets), to_model(ref.peaks)
    target[0] = _gaussians(on[visible(on)], L, cfg.sigma)
    target[1] = _gaussians(off[visible(off)], L, cfg.sigma)
    grid = np.arange(L)
    for a, b in zip(on, off):
        if np.isfinite(a) and np.isfinite(b):
            target[2, (grid >= a) & (grid <= b)] = 1.0
    for row, spans in ((3, item.p_spans), (4, item.t_spans)):
        for a, b in to_model(spans):
            target[row, (grid >= a) & (grid <= b)] = 1.0
    # Outside the annotated span the lead has unlabelled beats: no loss there (padding keeps it).
    margin = 4 * cfg.sigma
    span_lo, span_hi = to_model(ref.span[0]) - margin, to_model(ref.span[1]) + margin
    unlabelled = ((grid < span_lo) | (grid > span_hi)) & (grid >= content_lo) & (grid < content_hi)
    mask[:, unlabelled] = 0.0
    radius = 0.150 * FS_MODEL
    for peak, a, b in zip(pk, on, off):
        near = np.abs(grid - peak) <= radius
        if not np.isfinite(a):
            mask[0, near] = 0.0
            mask[2, near] = 0.0
        if not np.isfinite(b):
            mask[1, near] = 0.0
            mask[2, near] = 0.0
    target[:, :content_lo] = 0.0
    target[:, content_hi:] = 0.0
    points = np.full((2, MAX_POINTS), np.nan, dtype=np.float32)
    for k, pos in enumerate((on, off)):
        pos = pos[visible(pos) & (pos >= span_lo) & (pos <= span_hi)][:MAX_POINTS]
        points[k, :pos.size] = pos
    return target, mask, points


def make_example(item: LeadItem, rng: np.random.Generator, cfg: ExampleConfig):
    fs_src = FS_RAW
    if cfg.stretch > 0:
        fs_src *= float(np.exp(rng.uniform(-1.0, 1.0) * np.log1p(cfg.stretch)))
    start, n_crop = _crop(item.mv.size, fs_src, rng, cfg)
    raw = item.mv[start:start + n_crop].astype(np.float64)
    raw = augment.augment_lead(raw, fs_src, item.ref.onsets - start, rng, cfg.augment_strength,
                               cfg.flip_probability, cfg.recorder, cfg.smeared_spike_probability)
    fs_in = fs_src
    if rng.random() < cfg.rate_probability:
        fs_in = augment.random_rate(rng)
        raw = augment.to_rate(raw, fs_src, fs_in)
    if cfg.remove_spikes:
        raw = pacing.remove_spikes(raw, pacing.find_spike_candidates(raw, fs_in)).astype(np.float64)
    x_content = preprocess_lead(raw.astype(np.float32), fs_in, FS_MODEL, cfg.preprocess)[:cfg.length]
    offset = _front_pad(x_content.size, rng, cfg)
    return (_place(x_content, offset, cfg.length),
            *_labels(item, start, fs_src, offset, x_content.size, cfg))


def make_batch(items: Sequence[LeadItem], rng: np.random.Generator, batch: int, cfg: ExampleConfig):
    picks = rng.integers(0, len(items), batch)
    xs, ts, ms, ps = zip(*(make_example(items[i], rng, cfg) for i in picks))
    return np.stack(xs)[:, None, :], np.stack(ts), np.stack(ms), np.stack(ps)
