// Pacemaker spike candidates and their removal (see pacing_spikes.h).
#include "signal/pacing_spikes.h"

#include <algorithm>
#include <cmath>

#include "signal/preprocess.h"
#include "util/median.h"

namespace qrs::signal {
namespace {

constexpr double kSlopeBlockS = 10.0;
constexpr double kRangeBlockS = 1.0;
constexpr double kSlopePercentile = 0.95;
// Above this rate a spike's edge may spread over two samples.
constexpr double kTwoSampleEdgeHz = 1500.0;

// x[i + 1] - x[i] in double (exact for float samples, as the numpy twin computes it).
double step(const std::vector<float>& x, std::size_t i) {
  return static_cast<double>(x[i + 1]) - static_cast<double>(x[i]);
}

// Per block of block_samples steps (the remainder joins the last block): the 95th percentile of
// |step|. One block's magnitudes at a time, so an hours-long lead needs no second copy.
std::vector<double> steep_slopes(const std::vector<float>& x, std::size_t block_samples) {
  const std::size_t steps = x.size() - 1;
  const std::size_t count = std::max<std::size_t>(1, steps / block_samples);
  std::vector<double> out(count);
  std::vector<double> magnitudes;
  for (std::size_t b = 0; b < count; ++b) {
    const std::size_t from = b * block_samples;
    const std::size_t to = b + 1 == count ? steps : from + block_samples;
    magnitudes.clear();
    for (std::size_t i = from; i < to; ++i) magnitudes.push_back(std::abs(step(x, i)));
    const auto at = magnitudes.begin() + static_cast<std::ptrdiff_t>(
                                             kSlopePercentile * static_cast<double>(to - from - 1));
    std::nth_element(magnitudes.begin(), at, magnitudes.end());
    out[b] = *at;
  }
  return out;
}

// Per block of slope_block samples: the lower median of the ranges of its range_block pieces.
std::vector<double> typical_ranges(const std::vector<float>& x, std::size_t slope_block,
                                   std::size_t range_block, std::size_t blocks) {
  std::vector<double> out(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    const std::size_t from = b * slope_block;
    const std::size_t to = b + 1 == blocks ? x.size() : from + slope_block;
    std::vector<double> ranges;
    for (std::size_t s = from; s < to; s += range_block) {
      const auto first = x.begin() + static_cast<std::ptrdiff_t>(s);
      const auto last = x.begin() + static_cast<std::ptrdiff_t>(std::min(to, s + range_block));
      const auto [lo, hi] = std::minmax_element(first, last);
      ranges.push_back(static_cast<double>(*hi) - static_cast<double>(*lo));
    }
    out[b] = lower_median(ranges);
  }
  return out;
}

}  // namespace

std::size_t slope_block_samples(double fs) {
  return samples_for(kSlopeBlockS, fs);
}

std::vector<SpikeCandidate> find_spike_candidates(const float* samples, std::size_t n, double fs) {
  std::vector<SpikeCandidate> found;
  if (n < 8 || !(fs > 0)) return found;
  // Invalid samples hold the last valid value, so a gap is never a jump. Kept as float (the
  // lead's own precision): one copy of the lead is all the search holds.
  std::vector<float> x(n);
  float last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(samples[i])) last = samples[i];
    x[i] = last;
  }
  const std::size_t slope_block = slope_block_samples(fs);
  const std::vector<double> slopes = steep_slopes(x, slope_block);
  const std::vector<double> ranges =
      typical_ranges(x, slope_block, samples_for(kRangeBlockS, fs), slopes.size());
  const std::size_t max_edge = fs > kTwoSampleEdgeHz ? 2 : 1;
  const std::size_t back_within = samples_for(kReturnMs / 1000, fs);
  const std::size_t blank_within = std::max(back_within, samples_for(kBlankMs / 1000, fs));

  for (std::size_t i = 3; i + max_edge < n;) {
    const std::size_t block = std::min(slopes.size() - 1, i / slope_block);
    const double calm = std::max(std::abs(step(x, i - 2)), std::abs(step(x, i - 3)));
    const double base = x[i - 1];
    bool accepted = false;
    for (std::size_t edge = 1; edge <= max_edge && !accepted; ++edge) {
      const std::size_t peak = i - 1 + edge;
      const double jump = static_cast<double>(x[peak]) - base;
      const double size = std::abs(jump);
      // The spike starts at i: an edge over two samples has moved a good part of the way at i.
      if (!(size > 0) || size < kMinEdgeToSlope * slopes[block] || size < kMinEdgeToCalm * calm ||
          size < kMinEdgeToRange * ranges[block] ||
          std::abs(static_cast<double>(x[i]) - base) < 0.25 * size)
        continue;
      // Narrow: back at least half way soon after the peak (an overshoot past the base counts).
      // Then the end of what removal replaces: the first sample within a quarter of the jump
      // of the base on either side from which the lead moves at a physiological pace again (a
      // fast-decaying overshoot is taken along), else the one nearest to the base.
      const double sign = jump > 0 ? 1.0 : -1.0;
      bool returns = false;
      std::size_t end = std::min(n - 1, peak + 1);
      double nearest = std::abs(static_cast<double>(x[end]) - base);
      for (std::size_t s = peak + 1; s <= peak + blank_within && s < n; ++s) {
        if (s <= peak + back_within && sign * (static_cast<double>(x[s]) - base) <= 0.5 * size)
          returns = true;
        const double residual = std::abs(static_cast<double>(x[s]) - base);
        if (residual < nearest) {
          nearest = residual;
          end = s;
        }
        const bool calm_again = s + 1 >= n || std::abs(step(x, s)) <= 2 * slopes[block];
        if (residual <= 0.25 * size && calm_again) {
          end = s;
          break;
        }
      }
      if (!returns) continue;
      found.push_back({i, end, jump});
      i = end + 1;
      accepted = true;
    }
    if (!accepted) ++i;
  }
  return found;
}

std::vector<float> remove_spikes(const float* x, std::size_t n,
                                 const std::vector<SpikeCandidate>& spikes) {
  std::vector<float> out(x, x + n);
  for (const SpikeCandidate& spike : spikes) {
    if (spike.at == 0 || spike.at >= n) continue;
    const std::size_t end = std::min(spike.end, n - 1);
    const double from = out[spike.at - 1];
    const double to = out[end];
    if (!std::isfinite(from) || !std::isfinite(to)) continue;
    const double span = static_cast<double>(end - (spike.at - 1));
    for (std::size_t s = spike.at; s < end; ++s)
      out[s] =
          static_cast<float>(from + (to - from) * static_cast<double>(s - spike.at + 1) / span);
  }
  return out;
}

}  // namespace qrs::signal
