"""Pacemaker spikes in numpy: the twin of src/signal/pacing_spikes.cpp and
src/annotate/pacing.cpp (the rules and their reasons are in those headers).

    find_spike_candidates(x, fs) -> [SpikeCandidate]     one lead at its own rate
    remove_spikes(x, candidates) -> x without them      (a straight line over each)
    mark_pacing(beats, candidates, fs, paced_onset)     spikes across leads, paced beats

training/postprocess.record_events uses mark_pacing to give the Python result the engine's
`pacingSpikes` and per-beat `paced`; tests/python/test_pacing_twin.py holds the two to the same
spikes and flags on LUDB's paced records and on synthetic ones.
"""
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
MIN_PULSE_RATES_HZ = (200.0, 400.0)  # kMinPulseRateHz, kMaxPulseRateHz
# src/annotate/pacing.h
SAME_SPIKE_MS = 2.0
MAX_SPIKE_TO_RESPONSE_MS = 80.0
MAX_RESPONSE_BEFORE_SPIKE_MS = 20.0
MIN_PACED_BEATS = 2


@dataclass
class SpikeCandidate:
    at: int        # first sample of the spike
    end: int       # first sample after it that removal keeps
    height: float  # the jump, signed


def _samples_for(seconds, fs):
    return max(1, int(math.floor(seconds * fs + 0.5)))


def _block_bounds(count, block, total):
    return [(b * block, total if b + 1 == count else (b + 1) * block) for b in range(count)]


def find_spike_candidates(samples, fs):
    """Spike candidates in one lead of `samples` at fs Hz, in time order."""
    n = len(samples)
    if n < 8 or not fs > 0:
        return []
    x = np.asarray(samples, dtype=np.float32).astype(np.float64)
    valid = np.isfinite(x)
    if not valid.all():  # invalid samples hold the last valid value (0 before the first)
        last = np.maximum.accumulate(np.where(valid, np.arange(n), -1))
        x = np.where(last >= 0, x[np.maximum(last, 0)], 0.0)
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
    max_edge = 2 if fs > TWO_SAMPLE_EDGE_HZ else 1
    back_within = _samples_for(RETURN_MS / 1000, fs)
    blank_within = max(back_within, _samples_for(BLANK_MS / 1000, fs))
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
        window = (back_within, blank_within)
        candidate = _edge_candidate(x, d, i, max_edge, slopes[b], ranges[b], window)
        if candidate is None and pulses:
            candidate = _pulse_candidate(x, d, i, slopes[b], ranges[b], window)
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


def _pulse_candidate(x, d, i, slope, range_, window):
    """The band-limited pulse that leaves the calm baseline x[i - 1] and peaks at i + 1, or
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
    if (not size > 0 or pulse < MIN_PULSE_TO_SLOPE * slope
            or pulse < MIN_EDGE_TO_CALM * max(abs(d[i - 2]), abs(d[i - 3]))
            or size < MIN_EDGE_TO_RANGE * range_
            or min(sign * (x[i] - base), sign * (x[peak + 1] - base)) > 0.5 * size):
        return None
    end = _removal_end(x, base, peak, jump, slope, window)
    if end is None:
        return None
    at = i if abs(x[i] - base) >= 0.25 * size else peak
    return SpikeCandidate(at, end, jump)


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
    at = sorted(c.at for lead in candidates for c in lead)
    tolerance = max(1.0, SAME_SPIKE_MS * fs / 1000.0)
    spikes, first = [], 0
    while first < len(at):
        end = first + 1
        while end < len(at) and at[end] - at[first] <= tolerance:
            end += 1
        spikes.append((at[first + (end - first - 1) // 2], end - first))
        first = end
    return spikes


def mark_pacing(beat_onsets, candidates, fs, paced_onset="spike", detect_pacing=True):
    """(spikes [(sample, leads)], paced [bool per beat], spike sample per paced beat or None):
    which beats the leads' `candidates` pace, by their response onsets `beat_onsets` (samples);
    no spikes unless the record is paced. With paced_onset 'spike' a paced beat's onset and
    first onset are its spike (the caller moves them)."""
    paced = [False] * len(beat_onsets)
    if not detect_pacing:
        return [], paced, [None] * len(beat_onsets)
    spikes = merge_leads(candidates, fs)
    before = MAX_SPIKE_TO_RESPONSE_MS * fs / 1000.0
    after = MAX_RESPONSE_BEFORE_SPIKE_MS * fs / 1000.0
    spike_of = []
    for onset in beat_onsets:
        matches = [s for s, _ in spikes if onset - before <= s <= onset + after]
        spike_of.append(matches[-1] if matches else None)
    count = sum(s is not None for s in spike_of)
    if not (count >= MIN_PACED_BEATS or (count == 1 and len(beat_onsets) == 1)):
        return [], paced, [None] * len(beat_onsets)
    return spikes, [s is not None for s in spike_of], spike_of
