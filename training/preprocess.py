"""Signal preprocessing exactly as docs/signal.md specifies it (numpy twin of src/signal/).

The C++ engine and the training code must feed the network the same numbers, so this module
follows the spec step by step in double precision and stores float32 where the C++ does;
tests/python/test_preprocess_parity.py checks the two agree within 1e-4 on real LUDB leads.

Public API:
    resample(x, fs_in, fs_out)              windowed-sinc resampling (float32 out)
    normalise(x, fs, spec)                  non-finite -> 0, baseline removal, amplitude, scale, clip
    normalise_amplitude(y, fs, spec)        step 3: divide each block by its neighbourhood's measure
    preprocess_lead(mv, fs_in, fs_model, spec)  resample + normalise
    to_input_rate(y, fs_model, n_out, fs_out)   model-rate curve -> input sample grid
    model_position_to_input(t_model, fs_model, fs_in)
    DEFAULT_SPEC                            the engine's defaults (amplitude normalisation off)
A spec is a dict with the keys of DEFAULT_SPEC (missing keys take the defaults), the same object
that the model file header stores under "preprocess".
"""
import math

import numpy as np

DEFAULT_SPEC = {"baseline_window_s": 1.0, "amplitude_window_s": 0.0, "amplitude_floor": 0.05,
                "amplitude_context_s": 0.0, "scale": 1.0, "clip": 10.0}

# Output samples handled per vectorised block: bounds the (block x taps) temporary arrays.
_BLOCK = 4096


def _spec_value(spec, key):
    if spec is None:
        return DEFAULT_SPEC[key]
    return float(spec.get(key, DEFAULT_SPEC[key]))


def output_length(n, fs_in, fs_out):
    """Number of output samples for n input samples (docs/signal.md section 1)."""
    if n <= 0:
        return 0
    return int(math.floor((n - 1) * fs_out / fs_in + 1e-9)) + 1


def resample(x, fs_in, fs_out):
    """Windowed-sinc resampling of a 1-D signal from fs_in to fs_out; returns float32."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 1:
        raise ValueError("resample: expected a 1-D signal, got shape %s" % (x.shape,))
    if fs_in <= 0 or fs_out <= 0:
        raise ValueError("resample: sampling rates must be > 0 (got %r -> %r)" % (fs_in, fs_out))
    if fs_in == fs_out:
        return x.copy()
    n = x.shape[0]
    m_total = output_length(n, fs_in, fs_out)
    if m_total == 0:
        return np.zeros(0, dtype=np.float32)
    xd = x.astype(np.float64)
    c = 0.9 * min(1.0, fs_out / fs_in)
    half_width = 8.0 / c
    # Candidate taps k = floor(p - W) + j; the |p - k| < W mask keeps exactly the spec's set.
    n_taps = int(math.ceil(2.0 * half_width)) + 2
    offsets = np.arange(n_taps, dtype=np.int64)
    out = np.empty(m_total, dtype=np.float32)
    for start in range(0, m_total, _BLOCK):
        m = np.arange(start, min(start + _BLOCK, m_total), dtype=np.float64)
        p = m * fs_in / fs_out
        k = np.floor(p - half_width).astype(np.int64)[:, None] + offsets[None, :]
        d = p[:, None] - k
        inside = np.abs(d) < half_width
        u = d / half_width
        h = np.sinc(c * d) * (0.42 + 0.5 * np.cos(np.pi * u) + 0.08 * np.cos(2.0 * np.pi * u))
        h = np.where(inside, h, 0.0)
        samples = xd[np.clip(k, 0, n - 1)]
        out[start:start + m.shape[0]] = (samples * h).sum(axis=1) / h.sum(axis=1)
    return out


def baseline_width(fs, baseline_window_s):
    """Odd moving-average width in samples (docs/signal.md section 2)."""
    return 2 * int(math.floor(baseline_window_s * fs / 2.0)) + 1


def _block_edges(n, fs, window_s):
    """Block boundaries: blocks of B = max(1, round(window_s * fs)) samples from the start, the
    remainder joining the last of k = max(1, n // B) blocks."""
    block = max(1, int(math.floor(window_s * fs + 0.5)))
    count = max(1, n // block)
    return [i * block for i in range(count)] + [n]


def _block_ranges(y, edges):
    return [float(y[a:b].max() - y[a:b].min()) for a, b in zip(edges[:-1], edges[1:])]


def lower_median(values):
    """The value at sorted index (n - 1) // 2, as src/util/median.h."""
    return sorted(values)[(len(values) - 1) // 2]


def normalise_amplitude(y, fs, spec):
    """Step 3 in place (docs/signal.md section 2): each block divided by max(the lower median of
    the ranges of the blocks within amplitude_context_s of it (0: all blocks) that reach
    amplitude_floor, amplitude_floor).
    A pacing spike or an artefact touches few blocks, so it does not set the size the way the
    lead's whole range would."""
    window_s = _spec_value(spec, "amplitude_window_s")
    edges = _block_edges(y.shape[0], fs, window_s)
    ranges = _block_ranges(y, edges)
    count = len(ranges)
    context_s = _spec_value(spec, "amplitude_context_s")
    reach = count if context_s <= 0 else int(math.floor(context_s / window_s + 0.5))
    floor = _spec_value(spec, "amplitude_floor")
    for b in range(count):
        # Blocks under the floor (a detached electrode) take no part (src/signal/amplitude.cpp).
        sized = [r for r in ranges[max(0, b - reach):b + reach + 1] if r >= floor]
        local = lower_median(sized) if sized else 0.0
        y[edges[b]:edges[b + 1]] /= max(local, floor)


def normalise(x, fs, spec=None):
    """Non-finite -> 0, subtract a centred moving average, divide by the lead's typical
    peak-to-peak when the spec asks for it, scale, clip. Returns float32."""
    x = np.asarray(x, dtype=np.float32).astype(np.float64)
    x[~np.isfinite(x)] = 0.0
    n = x.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    half = baseline_width(fs, _spec_value(spec, "baseline_window_s")) // 2
    prefix = np.concatenate(([0.0], np.cumsum(x)))
    idx = np.arange(n)
    lo = np.maximum(idx - half, 0)
    hi = np.minimum(idx + half + 1, n)
    baseline = (prefix[hi] - prefix[lo]) / (hi - lo)
    y = x - baseline
    if _spec_value(spec, "amplitude_window_s") > 0:
        normalise_amplitude(y, fs, spec)
    clip = _spec_value(spec, "clip")
    y = np.clip(y * _spec_value(spec, "scale"), -clip, clip)
    return y.astype(np.float32)


def fill_gaps(x):
    """Non-finite samples replaced by the straight line between the valid samples either side,
    the nearest valid sample held at the ends; a lead with none is 0 (docs/signal.md section 0,
    src/signal/fill_gaps.cpp). float32."""
    x = np.asarray(x, dtype=np.float32)
    valid = np.isfinite(x)
    if valid.all():
        return x.copy()
    if not valid.any():
        return np.zeros(x.shape[0], dtype=np.float32)
    at = np.flatnonzero(valid)
    filled = np.interp(np.arange(x.shape[0]), at, x[at].astype(np.float64))
    out = x.copy()
    out[~valid] = filled[~valid].astype(np.float32)
    return out


def preprocess_lead(mv, fs_in, fs_model, spec=None):
    """Raw millivolts at fs_in -> model input at fs_model (float32)."""
    return normalise(resample(fill_gaps(mv), fs_in, fs_model), fs_model, spec)


def to_input_rate(y, fs_model, n_out, fs_out):
    """Linear interpolation of a model-rate curve onto n_out samples at fs_out (clamped)."""
    y = np.asarray(y, dtype=np.float32)
    if n_out <= 0 or y.shape[0] == 0:
        return np.zeros(max(n_out, 0), dtype=np.float32)
    last = y.shape[0] - 1
    pos = np.minimum(np.arange(n_out, dtype=np.float64) * fs_model / fs_out, float(last))
    i0 = np.floor(pos).astype(np.int64)
    i1 = np.minimum(i0 + 1, last)
    frac = pos - i0
    yd = y.astype(np.float64)
    return (yd[i0] * (1.0 - frac) + yd[i1] * frac).astype(np.float32)


def model_position_to_input(t_model, fs_model, fs_in):
    """Fractional model-sample position(s) -> fractional input-sample position(s)."""
    return np.asarray(t_model, dtype=np.float64) * fs_in / fs_model
