// Baseline removal, amplitude normalisation, scaling and clipping at the model rate
// (docs/signal.md section 2), plus the composition preprocess_lead() that turns raw millivolts
// into the network's input.
#include <algorithm>
#include <cmath>
#include <string>

#include "signal/preprocess.h"
#include "util/error.h"

namespace qrs::signal {

LeadSize normalise(std::vector<float>& x, double fs, const PreprocessSpec& spec) {
  if (!(fs > 0) || !std::isfinite(fs))
    throw Error("normalise: sampling rate must be positive and finite (got " + std::to_string(fs) +
                " Hz)");
  const std::size_t n = x.size();
  if (n == 0) return {};
  // Prefix sums in double: the moving average of any window is then two lookups, and summing
  // thousands of float samples in double keeps the result within rounding of the numpy twin.
  std::vector<double> prefix(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = std::isfinite(x[i]) ? static_cast<double>(x[i]) : 0.0;
    prefix[i + 1] = prefix[i] + v;
  }
  const auto width =
      2 * static_cast<std::size_t>(std::floor(spec.baseline_window_s * fs / 2.0)) + 1;
  const std::size_t half = width / 2;
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t lo = i >= half ? i - half : 0;
    const std::size_t hi = std::min(i + half + 1, n);
    const double baseline = (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
    const double v = std::isfinite(x[i]) ? static_cast<double>(x[i]) : 0.0;
    y[i] = v - baseline;
  }
  const LeadSize size =
      spec.amplitude_window_s > 0
          ? normalise_amplitude(y, fs, spec)
          : lead_size(y, fs, kAmplitudeWindowS, spec.amplitude_context_s);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = static_cast<float>(std::clamp(y[i] * spec.scale, -spec.clip, spec.clip));
  return size;
}

std::vector<float> preprocess_lead(const float* mv, std::size_t n, double fs_in, double fs_model,
                                   const PreprocessSpec& spec, LeadSize* size) {
  const bool all_valid = std::all_of(mv, mv + n, [](float v) { return std::isfinite(v); });
  std::vector<float> y =
      all_valid ? resample(mv, n, fs_in, fs_model)
                : resample(fill_gaps(mv, n).data(), n, fs_in, fs_model);
  const LeadSize measured = normalise(y, fs_model, spec);
  if (size) *size = measured;
  return y;
}

std::vector<float> to_input_rate(const float* y, std::size_t n_model, double fs_model,
                                 std::size_t n_out, double fs_out) {
  std::vector<float> out(n_out, 0.0f);
  if (n_model == 0 || n_out == 0) return out;
  const double last = static_cast<double>(n_model - 1);
  for (std::size_t j = 0; j < n_out; ++j) {
    const double pos = std::min(static_cast<double>(j) * fs_model / fs_out, last);
    const auto i0 = static_cast<std::size_t>(std::floor(pos));
    const std::size_t i1 = std::min(i0 + 1, n_model - 1);
    const double frac = pos - static_cast<double>(i0);
    out[j] = static_cast<float>(static_cast<double>(y[i0]) * (1.0 - frac) +
                                static_cast<double>(y[i1]) * frac);
  }
  return out;
}

}  // namespace qrs::signal
