"""What an ambulatory recorder does to an ECG: its band limits and the noise of a body in motion.

Shared by the training augmentation (training/augment.py) and the Holter-style regression suite
(training/holter_suite.py), so the conditions the net is trained on and those it is judged on are
made by one piece of code. No external noise database is available to the project, so the three
noise kinds of the usual stress tests are synthesised here; each generator returns noise of unit
RMS that ``add_at_snr`` scales:

- baseline wander: breathing (one sinusoid at 0.15-0.4 Hz), slower drift (0.03-0.1 Hz) and a
  random walk low-passed at 0.5 Hz: energy below about 1 Hz, like a chest that moves and an
  electrode-skin potential that drifts;
- electrode motion: what a tugged electrode records. Steps of the half-cell potential that relax
  with a time constant of 0.1-0.6 s, plus bursts of 1-12 Hz noise lasting 0.2-1.5 s: energy in
  the QRS band, which no filter can separate from the ECG. It is the hardest of the three;
- muscle (EMG): white noise band-passed to 20-150 Hz (capped below Nyquist) under a bursty
  envelope, as skeletal muscle under the electrodes gives.

SNR follows the convention of the usual noise stress tests: signal power S is the mean of the
squared QRS peak-to-peak amplitudes divided by 8 (the power of a sine of that peak-to-peak; a
pacemaker's spikes are not counted, see qrs_signal_power), noise power N the noise's mean
square, SNR = 10 log10(S / N) dB.

Band limits are zero-phase Butterworth filters (second order each side, run forward and back):
the references a recording's annotators make are marked on the stored, filtered signal, so a
filter's group delay moves reference and detection alike; zero phase keeps what filtering does to
a QRS's shape (smearing) without a delay that LUDB's unfiltered references would count as error.
"""
import numpy as np
from scipy.signal import butter, sosfiltfilt

from training import pacing


def band_limit(x, fs, low_hz, high_hz):
    """x band-passed to [low_hz, high_hz] (zero-phase; see the module docstring). A corner at or
    above 0.45 fs is left out: the recorder's own anti-aliasing stands in for it."""
    x = np.asarray(x, dtype=np.float64)
    out = x
    if low_hz and low_hz > 0:
        out = sosfiltfilt(butter(1, low_hz, "highpass", fs=fs, output="sos"), out, padtype="even")
    if high_hz and high_hz < 0.45 * fs:
        out = sosfiltfilt(butter(2, high_hz, "lowpass", fs=fs, output="sos"), out, padtype="even")
    return out


def _unit_rms(x):
    rms = np.sqrt(np.mean(np.square(x)))
    return x / rms if rms > 0 else x


def baseline_wander(n, fs, rng):
    """Unit-RMS baseline wander (breathing, drift, a slow random walk)."""
    t = np.arange(n) / fs
    breathing = np.sin(2 * np.pi * rng.uniform(0.15, 0.4) * t + rng.uniform(0, 2 * np.pi))
    drift = rng.uniform(0.5, 1.5) * np.sin(2 * np.pi * rng.uniform(0.03, 0.1) * t
                                           + rng.uniform(0, 2 * np.pi))
    walk = np.cumsum(rng.standard_normal(n)) / np.sqrt(fs)
    walk = sosfiltfilt(butter(1, 0.5, "lowpass", fs=fs, output="sos"), walk - walk.mean())
    return _unit_rms(breathing + drift + _unit_rms(walk))


def electrode_motion(n, fs, rng):
    """Unit-RMS electrode motion: relaxing potential steps plus 1-12 Hz bursts."""
    out = np.zeros(n)
    t = np.arange(n) / fs
    duration = n / fs
    for _ in range(max(1, rng.poisson(duration / 2.0))):  # about one step every 2 s
        at = rng.uniform(0, duration)
        tau = rng.uniform(0.1, 0.6)
        after = t >= at
        out[after] += rng.standard_normal() * np.exp(-(t[after] - at) / tau)
    band = sosfiltfilt(butter(2, [1.0, min(12.0, 0.45 * fs)], "bandpass", fs=fs, output="sos"),
                       rng.standard_normal(n))
    envelope = np.zeros(n)
    for _ in range(max(1, rng.poisson(duration / 2.5))):
        at, length = rng.uniform(0, duration), rng.uniform(0.2, 1.5)
        envelope += np.exp(-0.5 * ((t - at - length / 2) / (length / 4)) ** 2)
    return _unit_rms(_unit_rms(out) + 1.5 * _unit_rms(band * envelope))


def muscle(n, fs, rng):
    """Unit-RMS EMG-like noise: 20-150 Hz (below Nyquist) under a bursty envelope."""
    high = min(150.0, 0.45 * fs)
    noise = sosfiltfilt(butter(2, [20.0, high], "bandpass", fs=fs, output="sos"),
                        rng.standard_normal(n))
    knots = max(2, int(n / fs) + 1)
    envelope = np.interp(np.arange(n), np.linspace(0, n, knots), rng.uniform(0.3, 1.0, knots))
    return _unit_rms(noise * envelope)


NOISE_KINDS = {"wander": baseline_wander, "motion": electrode_motion, "muscle": muscle}


# What S is measured on; runs cached under another convention are not reused
# (training/cv_suite.py).
SNR_CONVENTION = "qrs peak-to-peak without pacing spikes"


def peak_to_peak_power(x, fs, peaks, half_width_s=0.06):
    """Mean of the squared peak-to-peak amplitudes of x within +-half_width_s of each peak
    sample, / 8 (the power of a sine of that peak-to-peak), whatever lies in those windows."""
    half = int(round(half_width_s * fs))
    ptp = [np.ptp(x[max(0, int(p) - half):int(p) + half + 1]) for p in peaks
           if np.isfinite(p) and 0 <= int(p) < x.size]
    if not ptp:
        raise ValueError("qrs_signal_power: no QRS peak inside the signal")
    return float(np.mean(np.square(ptp)) / 8.0)


def qrs_signal_power(x, fs, peaks, half_width_s=0.06):
    """S of the SNR convention: peak_to_peak_power of the QRS, with pacemaker spike candidates
    lined out first (training/pacing.py). A spike is the pacemaker's, not the QRS's: at LUDB's
    500 Hz it can be the tallest thing in the window, and a recorder's band limit takes most of
    it away, so counting it would bury a paced QRS up to 5 dB deeper than the stated SNR (LUDB's
    paced records 74, 34 and 104). On unpaced leads the rare candidate changes S by at most
    0.5 dB."""
    spikes = pacing.find_spike_candidates(np.asarray(x, np.float32), fs)
    if spikes:
        x = pacing.remove_spikes(x, spikes).astype(np.float64)
    return peak_to_peak_power(x, fs, peaks, half_width_s)


def add_at_snr(x, unit_noise, snr_db, signal_power):
    """x plus unit_noise scaled so that 10 log10(signal_power / noise power) = snr_db."""
    return x + unit_noise * np.sqrt(signal_power / 10.0 ** (snr_db / 10.0))
