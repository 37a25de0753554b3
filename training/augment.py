"""Augmentations on a raw lead in millivolts, applied before preprocessing.

They imitate what users drop into the page: any gain (and, when asked for, inverted polarity),
baseline wander, mains hum, muscle noise, pacemaker spikes, and recordings made at other
sampling rates. Every function takes and returns a float64 array at rate ``fs`` and draws from
the given numpy Generator, so a seed reproduces an example exactly. Labels never move: none of
these shifts the QRS (the time stretch, which does, lives in training/dataset.py with the labels).
"""
from dataclasses import dataclass

import numpy as np

from scipy.signal import butter, sosfilt

from training import recorder
from training.preprocess import resample


def scale_amplitude(x, rng, low=0.3, high=3.0, *, flip_probability):
    """Log-uniform gain; with flip_probability, inverted polarity (reversed electrodes)."""
    gain = np.exp(rng.uniform(np.log(low), np.log(high)))
    if rng.random() < flip_probability:
        gain = -gain
    return x * gain


def baseline_wander(x, fs, rng, max_mv=1.0):
    """A few slow sinusoids (breathing, electrode drift) plus a linear drift."""
    t = np.arange(x.size) / fs
    out = x.copy()
    for _ in range(rng.integers(1, 4)):
        out += rng.uniform(0, max_mv) * np.sin(2 * np.pi * rng.uniform(0.05, 0.8) * t
                                               + rng.uniform(0, 2 * np.pi))
    out += rng.uniform(-max_mv, max_mv) * t / max(t[-1], 1e-9) if x.size > 1 else 0.0
    return out


def mains_hum(x, fs, rng, max_mv=0.3):
    """50 or 60 Hz interference with a weaker third harmonic."""
    t = np.arange(x.size) / fs
    f0 = 50.0 if rng.random() < 0.5 else 60.0
    a = rng.uniform(0, max_mv)
    return (x + a * np.sin(2 * np.pi * f0 * t + rng.uniform(0, 2 * np.pi))
            + 0.3 * a * np.sin(2 * np.pi * 3 * f0 * t + rng.uniform(0, 2 * np.pi)))


def muscle_noise(x, rng, max_mv=0.1):
    """EMG-like noise: high-passed white noise under a slowly varying (bursty) envelope."""
    white = rng.standard_normal(x.size + 1)
    hp = np.diff(white) / np.sqrt(2.0)
    envelope = np.interp(np.arange(x.size), np.linspace(0, x.size, 6),
                         rng.uniform(0.2, 1.0, 6))
    return x + rng.uniform(0, max_mv) * envelope * hp


def pacing_spikes(x, fs, onsets, rng, max_mv=8.0):
    """Narrow pacemaker spikes 5-60 ms before some QRS onsets (ventricular pacing), plus
    occasional stray ones; each spike is ~1-2 ms of high amplitude with a small overshoot."""
    out = x.copy()
    sites = [o - rng.uniform(0.005, 0.060) * fs for o in onsets
             if np.isfinite(o) and rng.random() < 0.7]
    sites += list(rng.uniform(0, x.size, rng.integers(0, 3)))
    width = max(1, int(round(0.0015 * fs)))
    amp = rng.uniform(1.0, max_mv) * (1 if rng.random() < 0.5 else -1)
    for s in sites:
        i = int(round(s))
        if 0 <= i and i + 2 * width < x.size:
            out[i:i + width] += amp
            out[i + width:i + 2 * width] -= 0.2 * amp
    return out


def smeared_pacing_artefacts(x, fs, onsets, rng, max_mv=2.0):
    """Pacing artefacts the spike detector cannot see (training/pacing.py wants a jump over one or
    two samples): a stimulus through a recorder's low-pass (20-80 Hz, causal, as an analogue front
    end) with the pacer's opposite-sign recharge tail. Placed where atrial pacing puts them
    (120-300 ms before a QRS) or ventricular pacing (5-60 ms). A model trained with the detected
    spikes cut out never sees a spike otherwise, and then takes such an artefact for a QRS
    (LUDB record 45, MODEL_CARD "Smeared pacing artefacts"); labels do not move."""
    sites = []
    for o in onsets:
        if np.isfinite(o) and rng.random() < 0.7:
            before = rng.uniform(0.120, 0.300) if rng.random() < 0.5 else rng.uniform(0.005, 0.060)
            sites.append(o - before * fs)
    sites += list(rng.uniform(0, x.size, rng.integers(0, 2)))
    if not sites:
        return x
    pulse = np.zeros(x.size)
    width = max(1, int(round(rng.uniform(0.0005, 0.002) * fs)))
    amp = rng.uniform(0.2, max_mv) * (1 if rng.random() < 0.5 else -1)
    tail = rng.uniform(0.010, 0.050) * fs  # recharge time constant, samples
    for s in sites:
        i = int(round(s))
        if 0 <= i and i + width < x.size:
            pulse[i:i + width] += amp
            k = np.arange(x.size - i - width)
            pulse[i + width:] -= 0.1 * amp * np.exp(-k / tail)
    sos = butter(2, min(rng.uniform(20.0, 80.0), 0.45 * fs), fs=fs, output="sos")
    return x + sosfilt(sos, pulse)


def random_rate(rng, low=100.0, high=2000.0):
    """A sampling rate drawn log-uniformly (what a dropped file might use)."""
    return float(np.exp(rng.uniform(np.log(low), np.log(high))))


def to_rate(x, fs, fs_new):
    """The lead as a device recording at fs_new would have stored it."""
    return resample(x.astype(np.float32), fs, fs_new).astype(np.float64)


@dataclass(frozen=True)
class RecorderOptions:
    """What recorder_conditions() draws from: a crop gets it with `probability`; half of those
    crops get one of `noises` (recorder.NOISE_KINDS keys, drawn uniformly) at an SNR uniform in
    `snr_db`."""
    probability: float = 0.0
    noises: tuple = ("motion", "muscle")
    snr_db: tuple = (6.0, 24.0)


def recorder_conditions(x, fs, rng, options=RecorderOptions()):
    """What an ambulatory recorder makes of the lead (training/recorder.py), in the recorder's
    order: half of the time noise on the body's signal (one of options.noises at an SNR in
    options.snr_db; the lead's typical 1 s peak-to-peak standing in for the QRS's in the SNR),
    then the front end's band limits between 0.05-0.7 Hz and 35-100 Hz (log-uniform)."""
    if options.noises and rng.random() < 0.5:
        second = max(1, int(fs))
        ptp = np.median([np.ptp(x[i:i + second]) for i in range(0, max(1, x.size - second + 1),
                                                                 second)])
        kind = options.noises[int(rng.integers(0, len(options.noises)))]
        x = recorder.add_at_snr(x, recorder.NOISE_KINDS[kind](x.size, fs, rng),
                                rng.uniform(*options.snr_db), ptp * ptp / 8.0)
    return recorder.band_limit(x, fs, np.exp(rng.uniform(np.log(0.05), np.log(0.7))),
                               np.exp(rng.uniform(np.log(35.0), np.log(100.0))))


def augment_lead(x, fs, onsets, rng, strength=1.0, flip_probability=0.0,
                 recorder_options=RecorderOptions(), smeared_spike_probability=0.0):
    """All amplitude-domain augmentations with their usual probabilities (scaled by strength).
    recorder_options.probability > 0 adds recorder_conditions() that often, and
    smeared_spike_probability smeared_pacing_artefacts(); 0 draws no random number for either, so
    runs from before them replay exactly."""
    x = scale_amplitude(x, rng, flip_probability=flip_probability)
    if rng.random() < 0.5 * strength:
        x = baseline_wander(x, fs, rng)
    if rng.random() < 0.3 * strength:
        x = mains_hum(x, fs, rng)
    if rng.random() < 0.4 * strength:
        x = muscle_noise(x, rng)
    if rng.random() < 0.1 * strength:
        x = pacing_spikes(x, fs, onsets, rng)
    if recorder_options.probability > 0 and rng.random() < recorder_options.probability:
        x = recorder_conditions(x, fs, rng, recorder_options)
    if smeared_spike_probability > 0 and rng.random() < smeared_spike_probability:
        x = smeared_pacing_artefacts(x, fs, onsets, rng)
    return x
