#pragma once
// Synthetic probability curves for the annotate/ tests: Gaussian bumps at known (fractional)
// positions, optionally on top of low-level noise.
#include <cmath>
#include <cstdint>
#include <vector>

namespace qrs::test {

struct Bump {
  double position;  // samples, fractional
  double height;
  double sigma = 3.0;  // samples
};

inline std::vector<float> bump_curve(std::size_t n, const std::vector<Bump>& bumps,
                                     double noise = 0.0, std::uint32_t seed = 1) {
  std::vector<float> curve(n, 0.0f);
  std::uint32_t state = seed;
  for (std::size_t i = 0; i < n; ++i) {
    double v = 0;
    for (const Bump& b : bumps) {
      const double d = (static_cast<double>(i) - b.position) / b.sigma;
      v += b.height * std::exp(-0.5 * d * d);
    }
    if (noise > 0) {
      state = state * 1664525u + 1013904223u;  // LCG: reproducible without <random> engines
      v += noise * (static_cast<double>(state >> 8) / double(1u << 24));
    }
    curve[i] = static_cast<float>(v);
  }
  return curve;
}

}  // namespace qrs::test
