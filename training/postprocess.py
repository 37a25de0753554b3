"""Probability curves -> QRS onsets/offsets, in Python, for validation and threshold choice.

Mirrors src/annotate/peaks.cpp and events.cpp (the engine's rules) so thresholds picked here
carry over: curves are first mapped to the input rate (linear interpolation), then local maxima
at or above a threshold are kept strongest-first outside a refractory distance, refined by a
parabola through the maximum and its neighbours (plateaus -> their centre) and then moved to the
probability mass centre within +-centroid_ms (weights: curve - 0.1 x peak value, floored at 0,
the window's edge fading over the sample either side of the radius; peaks.h
move_to_mass_centre), and each onset is paired with the strongest unused offset in
[onset + min_qrs, onset + max_qrs] that does not lie past the next onset. Unpaired points are
dropped. Across a record's leads: the global beats on the mean curves (find_beats), the
complexes no beat and few leads share dropped (drop_lone_complexes), then each lead's
boundaries blended with the beat's plus the lead's convention (blend_with_lead_conventions),
each beat's QRS across the leads (beat_extents) and the paced beats (training/pacing.py).
annotate_record returns all of it in the shape of the CLI's JSON (`leads[].qrs`, `beats` with
`firstOnset`, `lastOffset` and `paced`, `pacingSpikes`): the Python result.
"""
import math
from dataclasses import dataclass
from typing import List, Tuple

import numpy as np

from training import pacing
from training.preprocess import lower_median


@dataclass
class EventOptions:
    threshold: float = 0.4  # the engine's default (src/annotate/events.h)
    refractory_ms: float = 200.0
    min_qrs_ms: float = 30.0
    max_qrs_ms: float = 250.0
    centroid_ms: float = 30.0
    convention_weight: float = 0.5
    paced_onset: str = "spike"   # or "response" (src/annotate/events.h PacedOnset)
    detect_pacing: bool = True


def find_peaks(curve: np.ndarray, threshold: float, refractory: float) -> List[Tuple[float, float]]:
    """[(position, value)] sorted by position (see module docstring)."""
    c = np.asarray(curve, dtype=np.float32)
    n = c.size
    cand = []
    above = np.nonzero(c >= threshold)[0]
    i_iter = iter(above)
    skip_to = -1
    for i in i_iter:
        if i <= skip_to:
            continue
        end = i
        while end + 1 < n and c[end + 1] == c[i]:
            end += 1
        skip_to = end
        rises = i == 0 or c[i - 1] < c[i]
        falls = end + 1 == n or c[end + 1] < c[i]
        if not (rises and falls):
            continue
        if i == end and 0 < i < n - 1:
            a, b, d = float(c[i - 1]), float(c[i]), float(c[i + 1])
            curv = a - 2 * b + d
            off, h = 0.0, b
            if curv < 0:
                off = min(0.5, max(-0.5, 0.5 * (a - d) / curv))
                h = b - 0.25 * (a - d) * off
            cand.append((i + off, max(h, b)))
        else:
            cand.append((0.5 * (i + end), float(c[i])))
    if refractory <= 0 or len(cand) < 2:
        return cand
    order = sorted(range(len(cand)), key=lambda k: -cand[k][1])  # stable: ties keep position order
    kept_pos = []
    kept = []
    for k in order:
        p = cand[k][0]
        j = np.searchsorted(kept_pos, p)
        if j < len(kept_pos) and kept_pos[j] - p < refractory:
            continue
        if j > 0 and p - kept_pos[j - 1] < refractory:
            continue
        kept_pos.insert(j, p)
        kept.insert(j, cand[k])
    return kept


CENTROID_FLOOR = np.float32(0.1)


def move_to_mass_centre(curve, peaks, radius):
    """[(position, value)] -> the same, each at its mass centre (see the module docstring)."""
    c = np.asarray(curve, dtype=np.float32)
    if radius <= 0 or c.size == 0:
        return peaks
    out = []
    for p, v in peaks:
        reach = radius + 0.5  # the window fades out over the sample either side (peaks.h)
        lo = int(max(0.0, math.ceil(p - reach)))
        hi = int(min(c.size - 1.0, math.floor(p + reach)))
        floor_value = float(CENTROID_FLOOR) * float(np.float32(v))
        window = np.clip(reach - np.abs(np.arange(lo, hi + 1) - p), 0.0, 1.0)
        w = window * np.maximum(c[lo:hi + 1].astype(np.float64) - floor_value, 0.0)
        mass = w.sum()
        out.append(((np.arange(lo, hi + 1) * w).sum() / mass if mass > 0 else p, v))
    return sorted(out, key=lambda pv: pv[0])


def find_qrs_events(onset_prob, offset_prob, fs: float, opts: EventOptions = EventOptions()):
    """Paired (onsets, offsets) as float arrays of positions in samples at fs."""
    ms = fs / 1000.0
    refractory, radius = opts.refractory_ms * ms, opts.centroid_ms * ms
    ons = find_peaks(onset_prob, opts.threshold, refractory)
    offs = find_peaks(offset_prob, opts.threshold, refractory)
    ons = move_to_mass_centre(onset_prob, ons, radius)
    offs = move_to_mass_centre(offset_prob, offs, radius)
    used = [False] * len(offs)
    out_on, out_off = [], []
    first = 0
    for i, (p, _) in enumerate(ons):
        nxt = ons[i + 1][0] if i + 1 < len(ons) else np.inf
        while first < len(offs) and offs[first][0] < p + opts.min_qrs_ms * ms:
            first += 1
        best = None
        for k in range(first, len(offs)):
            q, v = offs[k]
            if q > p + opts.max_qrs_ms * ms or q > nxt:
                break
            if not used[k] and (best is None or v > offs[best][1]):
                best = k
        if best is None:
            continue
        used[best] = True
        out_on.append(p)
        out_off.append(offs[best][0])
    return np.asarray(out_on), np.asarray(out_off)


# src/annotate/events.h kBeatThresholdShare: where leads disagree on a wide QRS the mean curve
# peaks lower than any lead's, so the global beats use 3/4 of the leads' threshold.
BEAT_THRESHOLD_SHARE = 0.75


def _say_mask(silenced, leads: int, n: int, margin: int):
    """[leads, n] bools: where each lead has a say: outside its silenced [(start, end)] spans (no
    samples there, or a flat stretch; src/annotate/silence.h) and `margin` samples either side
    of each (at most the span's length). silenced None: everywhere."""
    say = np.ones((leads, n), dtype=bool)
    for lead, spans in enumerate(silenced or []):
        for start, end in spans:
            reach = min(margin, int(end) - int(start))
            say[lead, max(0, int(start) - reach):int(end) + reach] = False
    return say


def find_beats(onset_curves, offset_curves, fs: float, opts: EventOptions = EventOptions(),
               silenced=None):
    """Global beats (onsets, offsets) from the mean of the leads' curves (float32, as the
    engine), found at BEAT_THRESHOLD_SHARE of opts.threshold. silenced: per lead its silenced
    [(start, end)] spans (the CLI's `silenced`), where it has no say, nor within opts.max_qrs_ms
    of them unless no lead has a say there but for that margin: each sample's mean is over the
    leads with a say there, 0 where none has (src/annotate/events.cpp find_beats)."""
    on = np.asarray(onset_curves, dtype=np.float64)
    margin = math.ceil(opts.max_qrs_ms * fs / 1000.0)
    say = _say_mask(silenced, on.shape[0], on.shape[1], margin)
    # Where no lead has a say but for the margins (a gap every lead shares), those with samples.
    say = np.where(say.any(axis=0), say, _say_mask(silenced, on.shape[0], on.shape[1], 0))
    scale = 1.0 / np.maximum(say.sum(axis=0), 1)  # no lead with a say: the sum is 0 anyway

    def mean(curves):
        return (np.where(say, np.asarray(curves, dtype=np.float64), 0.0).sum(axis=0)
                * scale).astype(np.float32)

    mean_on, mean_off = mean(onset_curves), mean(offset_curves)
    threshold = np.float32(opts.threshold) * np.float32(BEAT_THRESHOLD_SHARE)  # as the C++ float
    beat_opts = EventOptions(**{**opts.__dict__, "threshold": threshold})
    return find_qrs_events(mean_on, mean_off, fs, beat_opts)


# src/annotate/lead_conventions.h kMinBeatsForConvention, kConventionContextS.
MIN_BEATS_FOR_CONVENTION = 3
CONVENTION_CONTEXT_S = 10.0


def _most_overlapping_beat(beat_on, beat_off, onset, offset):
    """Index of the beat that overlaps [onset, offset] the most, or -1."""
    overlap = np.minimum(offset, beat_off) - np.maximum(onset, beat_on)
    if overlap.size == 0 or overlap.max() <= 0:
        return -1
    return int(np.argmax(overlap))


def blend_with_lead_conventions(lead_events, beats, fs: float,
                                weight: float = EventOptions.convention_weight):
    """Each lead's (onsets, offsets) moved `weight` of the way to the beat's boundary plus the
    lead's convention (lower median of its boundary - beat distances over the matched complexes
    within CONVENTION_CONTEXT_S); the twin of src/annotate/lead_conventions.cpp. lead_events:
    [(onsets, offsets)] per lead, samples at fs; beats: the (onsets, offsets) of find_beats.
    Returns new [(onsets, offsets)]."""
    beat_on, beat_off = (np.asarray(b, dtype=np.float64) for b in beats)
    out = []
    for ons, offs in lead_events:
        ons, offs = np.array(ons, dtype=np.float64), np.array(offs, dtype=np.float64)
        if weight == 0 or beat_on.size == 0:
            out.append((ons, offs))
            continue
        beat_of = np.array([_most_overlapping_beat(beat_on, beat_off, a, b)
                            for a, b in zip(ons, offs)], dtype=int)
        claims = np.bincount(beat_of[beat_of >= 0], minlength=beat_on.size)
        matched = [i for i, k in enumerate(beat_of) if k >= 0 and claims[k] == 1]
        on_gaps = np.array([ons[i] - beat_on[beat_of[i]] for i in matched])
        off_gaps = np.array([offs[i] - beat_off[beat_of[i]] for i in matched])
        at = ons[matched]
        context = CONVENTION_CONTEXT_S * fs
        new_on, new_off = ons.copy(), offs.copy()
        for m, i in enumerate(matched):
            near = np.abs(at - at[m]) <= context
            if near.sum() < MIN_BEATS_FOR_CONVENTION:
                continue
            k = beat_of[i]
            onset = ons[i] + weight * (beat_on[k] + lower_median(on_gaps[near]) - ons[i])
            offset = offs[i] + weight * (beat_off[k] + lower_median(off_gaps[near]) - offs[i])
            if offset > onset:
                new_on[i], new_off[i] = onset, offset
        ons, offs = new_on, new_off
        out.append((ons, offs))
    return out


# src/annotate/silence.h kMinLeadsToCompare, stray_leads.h kMinShareOnBeats,
# lone_complexes.h kLoneEdgeMs.
MIN_LEADS_TO_COMPARE = 3
MIN_SHARE_ON_BEATS = 0.5
LONE_EDGE_MS = 250.0


def drop_lone_complexes(lead_events, beats, fs: float, length: int, silenced=None):
    """Each lead's (onsets, offsets) without its lone complexes; the twin of
    src/annotate/lone_complexes.cpp, with every lead usable (as on LUDB). A complex is lone when
    it overlaps no beat, lies away from the record's edges, fewer than half of the leads with a
    say over it (not silenced there: silenced, per lead its [(start, end)] spans) mark a complex
    overlapping it, and most of its lead's complexes overlap a beat; nothing is dropped with
    fewer than MIN_LEADS_TO_COMPARE leads, nor where fewer have a say."""
    if len(lead_events) < MIN_LEADS_TO_COMPARE:
        return lead_events
    silenced = silenced or [[] for _ in lead_events]
    beat_on, beat_off = (np.asarray(b, dtype=np.float64) for b in beats)
    leads = [(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))
             for a, b in lead_events]
    edge = LONE_EDGE_MS * fs / 1000.0
    out = []
    for ons, offs in leads:
        on_beat = np.array([_most_overlapping_beat(beat_on, beat_off, a, b) >= 0
                            for a, b in zip(ons, offs)], dtype=bool).reshape(-1)
        keep = np.ones(ons.size, dtype=bool)
        if ons.size and on_beat.sum() >= MIN_SHARE_ON_BEATS * ons.size:
            for k in np.nonzero(~on_beat)[0]:
                if ons[k] < edge or offs[k] > length - 1 - edge:
                    continue
                judges = [(o, f) for (o, f), spans in zip(leads, silenced)
                          if not _overlaps_any(spans, ons[k], offs[k])]
                marking = sum(bool(np.any((o < offs[k]) & (f > ons[k]))) for o, f in judges)
                keep[k] = len(judges) < MIN_LEADS_TO_COMPARE or 2 * marking >= len(judges)
        out.append((ons[keep], offs[keep]))
    return out


def record_events(curves, fs: float, opts: EventOptions = EventOptions(), silenced=None):
    """The engine's post-processing of one record (src/annotator.cpp, bar the checks for leads
    without ECG, which never fire on LUDB: their outcome, the silenced spans, can be given):
    each lead's events, the global beats on the mean curves, the lone complexes dropped, then the
    blend with the leads' conventions. curves: [(onset_prob, offset_prob)] per lead at fs (zero
    where silenced, as the CLI gives them); silenced: per lead its [(start, end)] spans without
    a say (the CLI's `silenced`: no samples there, a flat stretch), None: none. Returns
    ([(onsets, offsets)] per lead, (beat onsets, beat offsets))."""
    events = [find_qrs_events(on, off, fs, opts) for on, off in curves]
    beats = find_beats([c[0] for c in curves], [c[1] for c in curves], fs, opts, silenced)
    events = drop_lone_complexes(events, beats, fs, len(curves[0][0]), silenced)
    return blend_with_lead_conventions(events, beats, fs, opts.convention_weight), beats


def beat_extents(lead_events, beats):
    """[(first onset, last offset)] per beat: the earliest onset and latest offset of the leads'
    complexes that overlap it most; the beat's own boundaries where none does (the twin of
    src/annotate/beat_extent.cpp)."""
    beat_on, beat_off = (np.asarray(b, dtype=np.float64) for b in beats)
    first, last = beat_on.copy(), beat_off.copy()
    marked = np.zeros(beat_on.size, dtype=bool)
    for ons, offs in lead_events:
        for a, b in zip(ons, offs):
            k = _most_overlapping_beat(beat_on, beat_off, a, b)
            if k < 0:
                continue
            first[k] = min(first[k], a) if marked[k] else a
            last[k] = max(last[k], b) if marked[k] else b
            marked[k] = True
    return list(zip(first, last))


def start_no_qrs_before_its_spike(lead_events, beats, spike_of):
    """lead_events with each complex of a paced beat (the beat it overlaps most) that starts before
    that beat's spike and ends after it starting at the spike, and the beats' (onsets, first
    onsets) no earlier than their spikes; beats: [(onset, offset, first onset)], spike_of: the
    spike sample per beat or None (the twin of start_no_qrs_before_its_spike in
    src/annotate/pacing.cpp)."""
    beat_on = np.asarray([b[0] for b in beats], dtype=np.float64)
    beat_off = np.asarray([b[1] for b in beats], dtype=np.float64)
    moved = []
    for ons, offs in lead_events:
        ons = np.array(ons, dtype=np.float64)
        for i, (a, b) in enumerate(zip(ons, offs)):
            k = _most_overlapping_beat(beat_on, beat_off, a, b)
            if k >= 0 and spike_of[k] is not None and a < spike_of[k] < b:
                ons[i] = spike_of[k]
        moved.append((ons, offs))
    starts = [(on, first) if s is None else (max(on, s), max(first, s))
              for (on, _, first), s in zip(beats, spike_of)]
    return moved, starts


def annotate_record(curves, fs: float, opts: EventOptions = EventOptions(), spike_candidates=(),
                    raw_leads=None):
    """The engine's result for one record in the shape of the CLI's JSON (bar the probability
    curves and warnings): record_events, then beat_extents and the paced beats. curves:
    [(onset_prob, offset_prob)] per lead at fs, computed on the leads without their spikes;
    spike_candidates: per lead, training/pacing.find_spike_candidates of the raw lead (empty:
    no lead has any); raw_leads: per lead its raw samples at fs, for the second look at a paced
    record's beats at 200-400 Hz (None: no second look)."""
    events, beats = record_events(curves, fs, opts)
    extents = beat_extents(events, beats)
    candidates = list(spike_candidates) or [[] for _ in curves]
    spikes, paced, spike_of = pacing.mark_pacing(beats[0], candidates, fs, opts.paced_onset,
                                                 opts.detect_pacing, raw_leads)
    events, starts = start_no_qrs_before_its_spike(
        events, [(on, off, first) for on, off, (first, _) in zip(*beats, extents)], spike_of)
    out_beats = []
    for k, off in enumerate(beats[1]):
        beat = {"onset": float(starts[k][0]), "offset": float(off),
                "firstOnset": float(starts[k][1]), "lastOffset": float(extents[k][1])}
        if paced[k]:
            beat["paced"] = True
            if opts.paced_onset == "spike":
                beat["onset"] = beat["firstOnset"] = float(spike_of[k])
        out_beats.append(beat)
    return {"fs": fs,
            "leads": [{"qrs": [{"onset": float(a), "offset": float(b)} for a, b in zip(on, off)]}
                      for on, off in events],
            "beats": out_beats,
            "pacingSpikes": [{"sample": int(s), "leads": int(n)} for s, n in spikes]}


# src/annotate/lead_agreement.h kNoisyAgreement: below it the engine's noise reader reads the
# record again (Annotator::set_noise_reader).
NOISY_AGREEMENT = 0.97
# src/annotate/events.h EventOptions::convention_weight_in_noise: the lead-habit blend of what the
# noise reader reads (blend_with_lead_conventions' weight there).
NOISY_CONVENTION_WEIGHT = 0.8


def _overlaps_any(spans, on, off):
    """Whether one of `spans` [(start, end)] overlaps (on, off)."""
    return any(a < off and b > on for a, b in spans)


def lead_agreement(doc):
    """How far a record's leads agree on its beats, from the CLI's JSON `doc`: the smaller of
    the share of (lead, beat) pairs where the lead marks a complex on the beat and the share of
    the leads' complexes on a beat (a beat inside a lead's silenced stretch is no pair); 1
    without beats or marks. The twin of src/annotate/lead_agreement.cpp."""
    beats = [(b["onset"], b["offset"]) for b in doc["beats"]]
    pairs = marked = marks = 0
    for lead in doc["leads"]:
        marks += len(lead["qrs"])
        silenced = [(s["start"], s["end"]) for s in lead.get("silenced", [])]
        complexes = [(q["onset"], q["offset"]) for q in lead["qrs"]]
        for on, off in beats:
            if _overlaps_any(silenced, on, off):
                continue  # the lead has no say where it was silenced
            pairs += 1
            marked += _overlaps_any(complexes, on, off)
    if pairs == 0 or marks == 0:
        return 1.0
    return min(marked / pairs, marked / marks)


def leads_with_a_say(doc):
    """Leads of the CLI's JSON `doc` that mark at least one complex; with fewer than two the
    readers' agreement judges the record (src/annotate/lead_agreement.h)."""
    return sum(bool(lead["qrs"]) for lead in doc["leads"])


def reader_agreement(a, b):
    """How far two readings (CLI JSON documents) of one record agree on its beats: the smaller of
    the share of a's beats overlapping one of b's and the reverse; 1 where neither has a beat, 0
    where only one has. The twin of src/annotate/lead_agreement.cpp's reader_agreement."""
    spans_a = [(x["onset"], x["offset"]) for x in a["beats"]]
    spans_b = [(x["onset"], x["offset"]) for x in b["beats"]]
    if not spans_a and not spans_b:
        return 1.0
    if not spans_a or not spans_b:
        return 0.0

    def share_on(these, those):
        return sum(_overlaps_any(those, on, off) for on, off in these) / len(these)

    return min(share_on(spans_a, spans_b), share_on(spans_b, spans_a))


def hand_over(first, second):
    """Whether the engine hands a short record (under two minutes) read as `first` to its noise
    reader, whose reading is `second` (CLI JSON documents): by the leads' agreement, or by the
    readers' where fewer than two leads have a say (src/annotator.cpp)."""
    if leads_with_a_say(first) < 2:
        return reader_agreement(first, second) < NOISY_AGREEMENT
    return lead_agreement(first) < NOISY_AGREEMENT
