"""Pacemaker spikes in numpy: the twin of src/signal/pacing_spikes.cpp and
src/annotate/pacing.cpp (the rules and their reasons are in those headers).

    find_spike_candidates(x, fs) -> [SpikeCandidate]     one lead at its own rate
    remove_spikes(x, candidates) -> x without them      (a straight line over each)
    mark_pacing(beats, candidates, fs, paced_onset, raw_leads=...)
                                                        spikes across leads, paced beats, and
                                                        a paced record's second look
                                                        (src/annotate/paced_second_look.cpp)

training/postprocess.record_events uses mark_pacing to give the Python result the engine's
`pacingSpikes` and per-beat `paced`; tests/python/test_pacing_twin.py holds the two to the same
spikes and flags on LUDB's paced records and on synthetic ones.
"""
import bisect
import math
from dataclasses import dataclass

import numpy as np

from training.preprocess import lower_median

# src/signal/pacing_spikes.h
MIN_EDGE_TO_SLOPE = 4.0
MIN_EDGE_TO_CALM = 8.0
MIN_EDGE_TO_RANGE = 0.1
RETURN_MS = 6.0
BLANK_MS = 10.0
SLOPE_BLOCK_S = 10.0
RANGE_BLOCK_S = 1.0
SLOPE_PERCENTILE = 0.95
TWO_SAMPLE_EDGE_HZ = 1500.0
MIN_PULSE_TO_SLOPE = 8.0
MIN_PULSE_RATES_HZ = (200.0, 400.0)  # kMinPulseRateHz, kMaxPulseRateHz (the faint search's too)
MIN_FAINT_PULSE_TO_SLOPE = 4.0
MIN_FAINT_PULSE_TO_CALM = 4.0
# src/annotate/pacing.h
SAME_SPIKE_MS = 2.0
MAX_SPIKE_TO_RESPONSE_MS = 80.0
MAX_RESPONSE_BEFORE_SPIKE_MS = 20.0
MIN_PACED_BEATS = 2
MAX_PULSE_AFTER_RESPONSE_MS = 4.0
# src/annotate/paced_second_look.h
WINDOW_MS = 5.0
LIKENESS_MS = 100.0
MIN_LIKENESS = 0.8
LIKENESS_BEATS = 8


@dataclass
class SpikeCandidate:
    at: int        # first sample of the spike
    end: int       # first sample after it that removal keeps
    height: float  # the jump, signed
    pulse: bool = False  # found by the pulse test (200-400 Hz), not the edge test


def _samples_for(seconds, fs):
    return max(1, int(math.floor(seconds * fs + 0.5)))


def _block_bounds(count, block, total):
    return [(b * block, total if b + 1 == count else (b + 1) * block) for b in range(count)]


def _held(samples):
    """The lead in float64 (of its float32 values) with invalid samples holding the last valid
    value (0 before the first)."""
    x = np.asarray(samples, dtype=np.float32).astype(np.float64)
    n = x.size
    valid = np.isfinite(x)
    if not valid.all():
        last = np.maximum.accumulate(np.where(valid, np.arange(n), -1))
        x = np.where(last >= 0, x[np.maximum(last, 0)], 0.0)
    return x


def _scale(x, fs):
    """(slope block, [typical steep step per block], [typical 1 s range per block]) of the held
    lead x: src/signal/pacing_spikes.cpp spike_scale."""
    n = x.size
    d = np.diff(x)
    slope_block = _samples_for(SLOPE_BLOCK_S, fs)
    count = max(1, d.size // slope_block)
    slopes, ranges = [], []
    range_block = _samples_for(RANGE_BLOCK_S, fs)
    for lo, hi in _block_bounds(count, slope_block, d.size):
        magnitudes = np.sort(np.abs(d[lo:hi]))
        slopes.append(magnitudes[int(SLOPE_PERCENTILE * (hi - lo - 1))])
    for lo, hi in _block_bounds(count, slope_block, n):
        ranges.append(lower_median([float(np.ptp(x[s:min(hi, s + range_block)]))
                                    for s in range(lo, hi, range_block)]))
    return slope_block, slopes, ranges


def _window(fs):
    back_within = _samples_for(RETURN_MS / 1000, fs)
    return back_within, max(back_within, _samples_for(BLANK_MS / 1000, fs))


def find_spike_candidates(samples, fs):
    """Spike candidates in one lead of `samples` at fs Hz, in time order."""
    n = len(samples)
    if n < 8 or not fs > 0:
        return []
    x = _held(samples)
    d = np.diff(x)
    slope_block, slopes, ranges = _scale(x, fs)
    count = len(slopes)
    max_edge = 2 if fs > TWO_SAMPLE_EDGE_HZ else 1
    window = _window(fs)
    # The size tests at every sample at once; only the samples that pass one of them are walked
    # (the engine walks them all, with the same outcome).
    idx = np.arange(3, max(3, n - max_edge))
    block = np.minimum(count - 1, idx // slope_block)
    slope_at = np.asarray(slopes)[block]
    calm = np.maximum(np.abs(d[idx - 2]), np.abs(d[idx - 3]))
    base = x[idx - 1]
    passes = np.zeros(idx.size, dtype=bool)
    for edge in range(1, max_edge + 1):
        size = np.abs(x[idx - 1 + edge] - base)
        passes |= ((size > 0) & (size >= MIN_EDGE_TO_SLOPE * slope_at)
                   & (size >= MIN_EDGE_TO_CALM * calm)
                   & (size >= MIN_EDGE_TO_RANGE * np.asarray(ranges)[block])
                   & (np.abs(x[idx] - base) >= 0.25 * size))
    pulses = MIN_PULSE_RATES_HZ[0] <= fs < MIN_PULSE_RATES_HZ[1]
    if pulses:
        peak = np.minimum(idx + 1, n - 2)
        pulse = np.abs(x[peak - 1] - 2 * x[peak] + x[peak + 1])
        passes |= ((idx + 2 < n) & (pulse >= MIN_PULSE_TO_SLOPE * slope_at)
                   & (pulse >= MIN_EDGE_TO_CALM * calm))
    found = []
    next_free = 3
    for i in idx[passes]:
        i = int(i)
        if i < next_free:
            continue
        b = min(count - 1, i // slope_block)
        candidate = _edge_candidate(x, d, i, max_edge, slopes[b], ranges[b], window)
        if candidate is None and pulses:
            pulse = _pulse_candidate(x, d, i, slopes[b], ranges[b], window)
            candidate = pulse[0] if pulse else None
        if candidate is not None:
            found.append(candidate)
            next_free = candidate.end + 1
    return found


def _edge_candidate(x, d, i, max_edge, slope, range_, window):
    """The spike whose edge leaves the calm baseline x[i - 1] at i, or None."""
    base = x[i - 1]
    for edge in range(1, max_edge + 1):
        peak = i - 1 + edge
        jump = x[peak] - base
        size = abs(jump)
        if (not size > 0 or size < MIN_EDGE_TO_SLOPE * slope
                or size < MIN_EDGE_TO_CALM * max(abs(d[i - 2]), abs(d[i - 3]))
                or size < MIN_EDGE_TO_RANGE * range_ or abs(x[i] - base) < 0.25 * size):
            continue
        end = _removal_end(x, base, peak, jump, slope, window)
        if end is not None:
            return SpikeCandidate(i, end, jump)
    return None


def _pulse_candidate(x, d, i, slope, range_, window, to_slope=MIN_PULSE_TO_SLOPE,
                     to_calm=MIN_EDGE_TO_CALM):
    """(SpikeCandidate, its second difference at the peak) of the band-limited pulse that leaves
    the calm baseline x[i - 1] and peaks at i + 1, by the pulse test at to_slope and to_calm, or
    None."""
    n = x.size
    peak = i + 1
    if peak + 1 >= n:
        return None
    base = x[i - 1]
    jump = x[peak] - base
    sign = 1.0 if jump > 0 else -1.0
    pulse = -sign * (x[peak - 1] - 2 * x[peak] + x[peak + 1])
    size = abs(jump)
    if (not size > 0 or pulse < to_slope * slope
            or pulse < to_calm * max(abs(d[i - 2]), abs(d[i - 3]))
            or size < MIN_EDGE_TO_RANGE * range_
            or min(sign * (x[i] - base), sign * (x[peak + 1] - base)) > 0.5 * size):
        return None
    end = _removal_end(x, base, peak, jump, slope, window)
    if end is None:
        return None
    at = i if abs(x[i] - base) >= 0.25 * size else peak
    return SpikeCandidate(at, end, jump, True), pulse


def _removal_end(x, base, peak, jump, slope, window):
    """None unless the lead comes back at least half way from the peak within window[0] samples;
    else the first sample after it that removal keeps (see pacing_spikes.cpp)."""
    n = x.size
    back_within, blank_within = window
    size = abs(jump)
    sign = 1.0 if jump > 0 else -1.0
    returns = False
    end = min(n - 1, peak + 1)
    nearest = abs(x[end] - base)
    for s in range(peak + 1, min(n, peak + blank_within + 1)):
        if s <= peak + back_within and sign * (x[s] - base) <= 0.5 * size:
            returns = True
        residual = abs(x[s] - base)
        if residual < nearest:
            nearest, end = residual, s
        calm_again = s + 1 >= n or abs(x[s + 1] - x[s]) <= 2 * slope
        if residual <= 0.25 * size and calm_again:
            end = s
            break
    return end if returns else None


def remove_spikes(samples, candidates):
    """float32 copy of `samples` with each candidate's [at, end) on the line from at - 1 to end."""
    out = np.asarray(samples, dtype=np.float32).copy()
    n = out.size
    for c in candidates:
        if c.at == 0 or c.at >= n:
            continue
        end = min(c.end, n - 1)
        a, b = float(out[c.at - 1]), float(out[end])
        if not (math.isfinite(a) and math.isfinite(b)):
            continue
        span = end - (c.at - 1)
        for s in range(c.at, end):
            out[s] = a + (b - a) * (s - c.at + 1) / span
    return out


def merge_leads(candidates, fs):
    """[(sample, leads)]: the leads' candidates within SAME_SPIKE_MS of a group's first, at the
    group's lower-median sample."""
    return _merge_leads(candidates, fs)[0]


def _merge_leads(candidates, fs):
    """(merge_leads' spikes, per spike whether the pulse test alone found it)."""
    at = sorted((c.at, c.pulse) for lead in candidates for c in lead)
    tolerance = max(1.0, SAME_SPIKE_MS * fs / 1000.0)
    spikes, pulse_only, first = [], [], 0
    while first < len(at):
        end = first + 1
        while end < len(at) and at[end][0] - at[first][0] <= tolerance:
            end += 1
        spikes.append((at[first + (end - first - 1) // 2][0], end - first))
        pulse_only.append(all(p for _, p in at[first:end]))
        first = end
    return spikes, pulse_only


def _match_spikes(beat_onsets, spikes, pulse_only, leads, fs):
    """Per beat its spike's sample or None: the latest from MAX_SPIKE_TO_RESPONSE_MS before its
    response onset to MAX_RESPONSE_BEFORE_SPIKE_MS after it, passing over a notch (a spike the
    pulse test alone found, more than MAX_PULSE_AFTER_RESPONSE_MS after the response onset, in
    fewer than half of the `leads` searched), by binary search."""
    before = MAX_SPIKE_TO_RESPONSE_MS * fs / 1000.0
    after = MAX_RESPONSE_BEFORE_SPIKE_MS * fs / 1000.0
    pulse_after = max(1.0, MAX_PULSE_AFTER_RESPONSE_MS * fs / 1000.0)
    samples = [s for s, _ in spikes]
    spike_of = []
    for onset in beat_onsets:
        k = bisect.bisect_right(samples, onset + after)
        while (k > 0 and pulse_only[k - 1] and samples[k - 1] > onset + pulse_after
               and 2 * spikes[k - 1][1] < leads):
            k -= 1
        spike_of.append(samples[k - 1] if k > 0 and samples[k - 1] >= onset - before else None)
    return spike_of


def find_faint_spike(samples, fs, scale, lo, hi):
    """(SpikeCandidate, strength) of the strongest pulse peaking in samples [lo, hi] of the raw
    lead that passes the faint pulse test, or None (src/signal/pacing_spikes.cpp
    find_faint_spike); scale: _scale of the held lead."""
    n = len(samples)
    block, slopes, ranges = scale
    if not slopes or not MIN_PULSE_RATES_HZ[0] <= fs < MIN_PULSE_RATES_HZ[1] or lo > hi or hi >= n:
        return None
    window = _window(fs)
    lo = max(lo, 4)
    first = lo - 4
    last = min(n - 1, hi + 1 + window[1] + 1)
    if lo > hi:
        return None
    x = np.asarray(samples[first:last + 1], dtype=np.float32).astype(np.float64)
    if not np.isfinite(x).all():
        return None
    d = np.diff(x)
    best = None
    for peak in range(lo, hi + 1):
        b = min(len(slopes) - 1, peak // block)
        slope = slopes[b]
        if not slope > 0:
            continue
        found = _pulse_candidate(x, d, peak - 1 - first, slope, ranges[b], window,
                                 MIN_FAINT_PULSE_TO_SLOPE, MIN_FAINT_PULSE_TO_CALM)
        if found is None:
            continue
        strength = found[1] / slope
        if best is not None and strength <= best[1]:
            continue
        c = found[0]
        best = (SpikeCandidate(c.at + first, c.end + first, c.height, True), strength)
    return best


def _round(v):
    """std::lround of a non-negative value."""
    return int(math.floor(v + 0.5))


def _segment(x, start, length):
    """x[start, start + length) (start rounded), or None when that leaves the lead or holds an
    invalid sample."""
    if not start >= 0:
        return None
    first = _round(start)
    if first + length > x.size:
        return None
    out = x[first:first + length]
    return out if np.isfinite(out).all() else None


def _correlation(a, b):
    a = a - a.mean()
    b = b - b.mean()
    aa, bb = float(np.dot(a, a)), float(np.dot(b, b))
    return float(np.dot(a, b)) / math.sqrt(aa * bb) if aa > 0 and bb > 0 else math.nan


def search_paced_beats_again(beat_onsets, raw_leads, fs, interval, spikes, spike_of):
    """(spikes, spike_of) with a paced record's beats that look like its paced beats searched
    again for faint spikes near their response onset minus `interval` (the twin of
    src/annotate/paced_second_look.cpp). raw_leads: per lead its raw samples at fs, or None."""
    paced = [b for b, s in enumerate(spike_of) if s is not None]
    if (not paced or len(paced) == len(beat_onsets)
            or not MIN_PULSE_RATES_HZ[0] <= fs < MIN_PULSE_RATES_HZ[1]):
        return spikes, spike_of
    n = min(len(x) for x in raw_leads if x is not None)
    leads = [None if x is None else np.asarray(x, dtype=np.float32).astype(np.float64)
             for x in raw_leads]
    scales = [None if x is None else _scale(_held(x), fs) for x in leads]
    length = max(2, _samples_for(LIKENESS_MS / 1000, fs))
    half = max(1.0, float(_round(WINDOW_MS * fs / 1000.0)))
    same = max(1.0, SAME_SPIKE_MS * fs / 1000.0)
    pulse_after = max(1.0, MAX_PULSE_AFTER_RESPONSE_MS * fs / 1000.0)
    blank = BLANK_MS * fs / 1000.0

    def likeness(b):
        nxt = bisect.bisect_left(paced, b)
        count = min(LIKENESS_BEATS, len(paced))
        first = min(nxt - min(nxt, count // 2), len(paced) - count)
        total, used_leads = 0.0, 0
        for x in leads:
            if x is None:
                continue
            mine = _segment(x, max(beat_onsets[b], beat_onsets[b] - interval + blank), length)
            if mine is None:
                continue
            mean, used = np.zeros(length), 0
            for p in paced[first:first + count]:
                theirs = _segment(x, max(beat_onsets[p], spike_of[p] + blank), length)
                if theirs is not None:
                    mean += theirs
                    used += 1
            if not used:
                continue
            r = _correlation(mine, mean)
            if not math.isnan(r):
                total += r
                used_leads += 1
        return total / used_leads if used_leads else 0.0

    spike_of = list(spike_of)
    known = [s for s, _ in spikes]
    found = []
    for b, onset in enumerate(beat_onsets):
        if spike_of[b] is not None:
            continue
        centre = onset - interval
        if centre - half < 0 or centre + half > n - 1 or likeness(b) < MIN_LIKENESS:
            continue
        per_lead = []
        for x, scale in zip(leads, scales):
            if x is None:
                continue
            spike = find_faint_spike(x, fs, scale, _round(centre - half), _round(centre + half))
            if spike is not None and spike[0].at <= onset + pulse_after:
                per_lead.append(spike)
        if not per_lead:
            continue
        at = max(per_lead, key=lambda s: s[1])[0].at  # the first of equals, as max_element
        k = bisect.bisect_left(known, at - same)
        if k < len(known) and known[k] <= at + same:
            continue
        found.append((at, sum(1 for s in per_lead if abs(s[0].at - at) <= same)))
        spike_of[b] = at
    return sorted(spikes + found), spike_of


def mark_pacing(beat_onsets, candidates, fs, paced_onset="spike", detect_pacing=True,
                raw_leads=None):
    """(spikes [(sample, leads)], paced [bool per beat], spike sample per paced beat or None):
    which beats the leads' `candidates` pace, by their response onsets `beat_onsets` (samples);
    no spikes unless the record is paced. With paced_onset 'spike' a paced beat's onset and
    first onset are its spike (the caller moves them). raw_leads: per lead its raw samples at
    fs (None for a lead not searched) for the second look at a paced record's other beats;
    None: no second look."""
    paced = [False] * len(beat_onsets)
    none = [], paced, [None] * len(beat_onsets)
    if not detect_pacing:
        return none
    spikes, pulse_only = _merge_leads(candidates, fs)
    if not spikes:
        return none
    # The leads searched: those with samples when given, else all.
    leads = (len(candidates) if raw_leads is None
             else sum(1 for x in raw_leads if x is not None))
    spike_of = _match_spikes(beat_onsets, spikes, pulse_only, leads, fs)
    count = sum(s is not None for s in spike_of)
    if not (count >= MIN_PACED_BEATS or (count == 1 and len(beat_onsets) == 1)):
        return none
    if raw_leads is not None and any(x is not None for x in raw_leads):
        interval = lower_median([on - s for on, s in zip(beat_onsets, spike_of) if s is not None])
        spikes, spike_of = search_paced_beats_again(beat_onsets, raw_leads, fs, interval, spikes,
                                                    spike_of)
    return spikes, [s is not None for s in spike_of], spike_of
