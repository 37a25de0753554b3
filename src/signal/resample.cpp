// Windowed-sinc resampling exactly as docs/signal.md section 1 specifies. The kernel depends only
// on the fractional input position of an output sample, and for rational rate ratios (every real
// ECG rate pair: 500 -> 250, 360 -> 250, 128 -> 250, even 360.5 -> 250) that fraction cycles
// through a few phases; the taps of each phase are computed once and reused, so the inner loop is a
// plain dot product instead of three trigonometric calls per tap.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

#include "signal/preprocess.h"
#include "util/error.h"

namespace qrs::signal {
namespace {

constexpr double kPi = 3.14159265358979323846;
// Beyond this many phases the table costs more than it saves; fall back to direct evaluation.
constexpr std::int64_t kMaxPhases = 4096;

struct Kernel {
  double cutoff;      // c: fraction of the input Nyquist frequency
  double half_width;  // W: in input samples
};

double kernel_tap(const Kernel& kernel, double d) {
  const double x = kernel.cutoff * d;
  const double sinc = x == 0.0 ? 1.0 : std::sin(kPi * x) / (kPi * x);
  const double u = d / kernel.half_width;
  return sinc * (0.42 + 0.5 * std::cos(kPi * u) + 0.08 * std::cos(2.0 * kPi * u));
}

// Taps for input position p, normalised to sum 1; first_k receives the index of the first tap.
// The set is exactly the integers k with |p - k| < W.
void taps_at(const Kernel& kernel, double p, std::int64_t& first_k, std::vector<double>& taps) {
  std::int64_t k = static_cast<std::int64_t>(std::floor(p - kernel.half_width));
  if (std::abs(p - static_cast<double>(k)) >= kernel.half_width) ++k;
  first_k = k;
  taps.clear();
  double sum = 0.0;
  for (; std::abs(p - static_cast<double>(k)) < kernel.half_width; ++k) {
    const double h = kernel_tap(kernel, p - static_cast<double>(k));
    taps.push_back(h);
    sum += h;
  }
  for (double& h : taps) h /= sum;
}

double dot_clamped(const float* x, std::int64_t n, std::int64_t first_k,
                   const std::vector<double>& taps) {
  const std::int64_t count = static_cast<std::int64_t>(taps.size());
  double acc = 0.0;
  if (first_k >= 0 && first_k + count <= n) {  // the common case: no edge repetition needed
    const float* xs = x + first_k;
    for (std::int64_t j = 0; j < count; ++j) acc += static_cast<double>(xs[j]) * taps[j];
    return acc;
  }
  for (std::int64_t j = 0; j < count; ++j) {
    const std::int64_t k = std::clamp<std::int64_t>(first_k + j, 0, n - 1);
    acc += static_cast<double>(x[k]) * taps[j];
  }
  return acc;
}

// When both rates are whole multiples of 1, 0.1, 0.01 or 0.001 Hz, returns the number of phases
// (the output rate's share of their common divisor) and the input step per full cycle; zero
// phases when the ratio needs more than kMaxPhases (or the rates are not such decimals).
void rational_ratio(double fs_in, double fs_out, std::int64_t& phases, std::int64_t& step) {
  phases = 0;
  step = 0;
  for (const double unit : {1.0, 10.0, 100.0, 1000.0}) {
    const double a = std::round(fs_in * unit), b = std::round(fs_out * unit);
    if (std::abs(a - fs_in * unit) > 1e-6 || std::abs(b - fs_out * unit) > 1e-6) continue;
    if (a < 1 || b < 1 || a > 1e12 || b > 1e12) return;
    const auto ia = static_cast<std::int64_t>(a), ib = static_cast<std::int64_t>(b);
    const std::int64_t g = std::gcd(ia, ib);
    if (ib / g > kMaxPhases) return;
    phases = ib / g;
    step = ia / g;
    return;
  }
}

}  // namespace

std::vector<float> resample(const float* x, std::size_t n, double fs_in, double fs_out) {
  if (!(fs_in > 0) || !(fs_out > 0) || !std::isfinite(fs_in) || !std::isfinite(fs_out))
    throw Error("resample: sampling rates must be positive and finite (got " +
                std::to_string(fs_in) + " Hz -> " + std::to_string(fs_out) + " Hz)");
  if (n == 0) return {};
  if (fs_in == fs_out) return std::vector<float>(x, x + n);

  const std::size_t m_total =
      static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1) * fs_out / fs_in + 1e-9)) +
      1;
  const double cutoff = 0.9 * std::min(1.0, fs_out / fs_in);
  const Kernel kernel{cutoff, 8.0 / cutoff};
  const auto n_in = static_cast<std::int64_t>(n);
  std::vector<float> y(m_total);

  std::int64_t phases = 0, step = 0;
  rational_ratio(fs_in, fs_out, phases, step);
  if (phases > 0) {
    // Output m = q * phases + r sits at input position q * step + r * fs_in / fs_out, so its taps
    // are those of phase r shifted by q * step samples.
    const auto table_size = static_cast<std::size_t>(phases);
    std::vector<std::vector<double>> phase_taps(table_size);
    std::vector<std::int64_t> phase_first(table_size);
    for (std::size_t r = 0; r < table_size; ++r)
      taps_at(kernel, static_cast<double>(r) * fs_in / fs_out, phase_first[r], phase_taps[r]);
    for (std::size_t m = 0; m < m_total; ++m) {
      const std::size_t r = m % table_size;
      const auto q = static_cast<std::int64_t>(m / table_size);
      y[m] = static_cast<float>(dot_clamped(x, n_in, q * step + phase_first[r], phase_taps[r]));
    }
    return y;
  }

  std::vector<double> taps;
  for (std::size_t m = 0; m < m_total; ++m) {
    std::int64_t first_k = 0;
    taps_at(kernel, static_cast<double>(m) * fs_in / fs_out, first_k, taps);
    y[m] = static_cast<float>(dot_clamped(x, n_in, first_k, taps));
  }
  return y;
}

}  // namespace qrs::signal
