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
  double scale = 1.0;              // multiply after baseline removal (mV -> model units)
  double clip = 10.0;              // clamp to [-clip, clip] after scaling
};

// Windowed-sinc resampling from fs_in to fs_out (docs/signal.md). Identity when equal.
// Output length = floor((n - 1) * fs_out / fs_in + 1e-9) + 1 for n >= 1; empty for n == 0.
std::vector<float> resample(const float* x, std::size_t n, double fs_in, double fs_out);

// Baseline removal, scale and clip, in place, at the model rate. Non-finite samples become 0.
void normalise(std::vector<float>& x, double fs, const PreprocessSpec& spec);

// resample + normalise: raw mV at fs_in -> model input at fs_model.
std::vector<float> preprocess_lead(const float* mv, std::size_t n, double fs_in, double fs_model,
                                   const PreprocessSpec& spec);

// Linear interpolation of a model-rate curve back onto n_out samples at fs_out (sample j sits at
// time j / fs_out; model sample i at i / fs_model; clamped at the ends).
std::vector<float> to_input_rate(const float* y, std::size_t n_model, double fs_model,
                                 std::size_t n_out, double fs_out);

}  // namespace qrs::signal
