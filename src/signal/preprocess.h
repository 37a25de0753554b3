#pragma once
// Turns a lead in physical units (mV) at any sampling rate into the model's input, and maps the
// model's per-sample outputs back to the input's own sample grid. The exact arithmetic is
// specified in docs/signal.md; training/preprocess.py implements the same spec in numpy and a test
// checks that the two agree, so the network sees at inference what it saw in training.
#include <cstddef>
#include <string>
#include <vector>

namespace qrs::signal {

struct PreprocessSpec {
  double baseline_window_s = 1.0;  // centred moving-average width subtracted as baseline wander
  // When > 0, each lead is divided by its typical peak-to-peak (the median range over blocks of
  // this many seconds), so a file in real millivolts, microvolts or ADC counts reaches the net at
  // the scale it was trained on. 0 (off) keeps model files written before the key existed exact.
  double amplitude_window_s = 0.0;
  double amplitude_floor = 0.05;   // smallest divisor: a flat or noise-only lead is not blown up
  double scale = 1.0;              // multiply after baseline removal (mV -> model units)
  double clip = 10.0;              // clamp to [-clip, clip] after scaling
};

// Windowed-sinc resampling from fs_in to fs_out (docs/signal.md). Identity when equal.
// Output length = floor((n - 1) * fs_out / fs_in + 1e-9) + 1 for n >= 1; empty for n == 0.
std::vector<float> resample(const float* x, std::size_t n, double fs_in, double fs_out);

// Baseline removal, amplitude normalisation, scale and clip, in place, at the model rate.
// Non-finite samples become 0. Returns the lead's typical peak-to-peak after baseline removal
// (blocks of spec.amplitude_window_s, or of kAmplitudeWindowS when the spec has no amplitude
// step), in the input's units: the Annotator compares leads with it.
double normalise(std::vector<float>& x, double fs, const PreprocessSpec& spec);
constexpr double kAmplitudeWindowS = 2.0;

// The lower median of the ranges (max - min) of consecutive blocks of round(window_s * fs)
// samples (at least 1), the remainder joining the last block (docs/signal.md section 2, step 3).
// A pacing spike or an artefact touches few blocks, so it does not set the lead's scale.
double typical_peak_to_peak(const std::vector<double>& y, double fs, double window_s);

// resample + normalise: raw mV at fs_in -> model input at fs_model. When typical_peak_to_peak
// is given it receives what normalise() returned.
std::vector<float> preprocess_lead(const float* mv, std::size_t n, double fs_in, double fs_model,
                                   const PreprocessSpec& spec,
                                   double* typical_peak_to_peak = nullptr);

// Linear interpolation of a model-rate curve back onto n_out samples at fs_out (sample j sits at
// time j / fs_out; model sample i at i / fs_model; clamped at the ends).
std::vector<float> to_input_rate(const float* y, std::size_t n_model, double fs_model,
                                 std::size_t n_out, double fs_out);

}  // namespace qrs::signal
