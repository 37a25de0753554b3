// Pacemaker spike candidates and their removal (see pacing_spikes.h).
#include "signal/pacing_spikes.h"

#include <algorithm>
#include <cmath>
#include <optional>

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

// How far after a peak the lead must come back, and how far removal may reach.
struct Window {
  std::size_t back_within;   // samples after the peak within which it comes back half way
  std::size_t blank_within;  // samples after the peak that removal may take
  double slope;              // the lead's typical steep step there
};

// Narrow: back at least half way within window.back_within samples of the peak (an overshoot
// past the base counts). Then the end of what removal replaces: the first sample within a
// quarter of the jump of the base on either side from which the lead moves at a physiological
// pace again (a fast-decaying overshoot is taken along), else the one nearest to the base.
// Nothing when the lead does not come back.
std::optional<std::size_t> removal_end(const std::vector<float>& x, double base, std::size_t peak,
                                       double jump, const Window& window) {
  const std::size_t n = x.size();
  const double size = std::abs(jump);
  const double sign = jump > 0 ? 1.0 : -1.0;
  bool returns = false;
  std::size_t end = std::min(n - 1, peak + 1);
  double nearest = std::abs(static_cast<double>(x[end]) - base);
  for (std::size_t s = peak + 1; s <= peak + window.blank_within && s < n; ++s) {
    if (s <= peak + window.back_within && sign * (static_cast<double>(x[s]) - base) <= 0.5 * size)
      returns = true;
    const double residual = std::abs(static_cast<double>(x[s]) - base);
    if (residual < nearest) {
      nearest = residual;
      end = s;
    }
    const bool calm_again = s + 1 >= n || std::abs(step(x, s)) <= 2 * window.slope;
    if (residual <= 0.25 * size && calm_again) {
      end = s;
      break;
    }
  }
  if (!returns) return std::nullopt;
  return end;
}

// The steepest of the two steps before the sample before i (the baseline a spike leaves).
double calm_before(const std::vector<float>& x, std::size_t i) {
  return std::max(std::abs(step(x, i - 2)), std::abs(step(x, i - 3)));
}

// The spike whose edge (one sample, or two up to max_edge) leaves the calm baseline x[i - 1]
// at i.
std::optional<SpikeCandidate> edge_candidate(const std::vector<float>& x, std::size_t i,
                                             std::size_t max_edge, double slope, double range,
                                             const Window& window) {
  const double base = x[i - 1];
  for (std::size_t edge = 1; edge <= max_edge; ++edge) {
    const std::size_t peak = i - 1 + edge;
    const double jump = static_cast<double>(x[peak]) - base;
    const double size = std::abs(jump);
    // The spike starts at i: an edge over two samples has moved a good part of the way at i.
    if (!(size > 0) || size < kMinEdgeToSlope * slope ||
        size < kMinEdgeToCalm * calm_before(x, i) || size < kMinEdgeToRange * range ||
        std::abs(static_cast<double>(x[i]) - base) < 0.25 * size)
      continue;
    if (const auto end = removal_end(x, base, peak, jump, window))
      return SpikeCandidate{i, *end, jump};
  }
  return std::nullopt;
}

// The pulse test's thresholds on the peak's second difference: against the lead's typical steep
// step and against the steps before the pulse.
struct PulseThresholds {
  double to_slope;
  double to_calm;
};
constexpr PulseThresholds kStrictPulse{kMinPulseToSlope, kMinEdgeToCalm};
constexpr PulseThresholds kFaintPulse{kMinFaintPulseToSlope, kMinFaintPulseToCalm};

// A pulse and its second difference at the peak, in the lead's units.
struct Pulse {
  SpikeCandidate spike;
  double second_difference;
};

// The band-limited pulse (see the header) that leaves the calm baseline x[i - 1] and peaks at
// i + 1: its second difference there, against the direction of its jump, is at least
// thresholds.to_slope times the lead's typical steep step and thresholds.to_calm times the steps
// before it, and it is narrow. It starts at i when x[i] has moved a quarter of the way, else at
// its peak.
std::optional<Pulse> pulse_candidate(const std::vector<float>& x, std::size_t i, double slope,
                                     double range, const Window& window,
                                     const PulseThresholds& thresholds) {
  const std::size_t peak = i + 1;
  if (peak + 1 >= x.size()) return std::nullopt;
  const double base = x[i - 1];
  const double jump = static_cast<double>(x[peak]) - base;
  const double size = std::abs(jump);
  const double sign = jump > 0 ? 1.0 : -1.0;
  const double pulse = -sign * (static_cast<double>(x[i]) - 2 * static_cast<double>(x[peak]) +
                                static_cast<double>(x[peak + 1]));
  // At most two samples above half its height (the anti-alias filter's main lobe): a QRS's narrow
  // deflection is wider (LUDB record 1's aVF at 250 Hz, three samples).
  const double narrower_side = std::min(sign * (static_cast<double>(x[i]) - base),
                                        sign * (static_cast<double>(x[peak + 1]) - base));
  if (!(size > 0) || pulse < thresholds.to_slope * slope ||
      pulse < thresholds.to_calm * calm_before(x, i) || size < kMinEdgeToRange * range ||
      narrower_side > 0.5 * size)
    return std::nullopt;
  const auto end = removal_end(x, base, peak, jump, window);
  if (!end) return std::nullopt;
  const std::size_t at = std::abs(static_cast<double>(x[i]) - base) >= 0.25 * size ? i : peak;
  return Pulse{{at, *end, jump, true}, pulse};
}

// The lead with its invalid samples held at the last valid value, so a gap is never a jump. Kept
// as float (the lead's own precision).
std::vector<float> held(const float* samples, std::size_t n) {
  std::vector<float> x(n);
  float last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(samples[i])) last = samples[i];
    x[i] = last;
  }
  return x;
}

SpikeScale scale_of(const std::vector<float>& x, double fs) {
  SpikeScale scale;
  scale.block = slope_block_samples(fs);
  scale.slopes = steep_slopes(x, scale.block);
  scale.ranges = typical_ranges(x, scale.block, samples_for(kRangeBlockS, fs), scale.slopes.size());
  return scale;
}

Window window_at(double fs, double slope) {
  const std::size_t back_within = samples_for(kReturnMs / 1000, fs);
  return {back_within, std::max(back_within, samples_for(kBlankMs / 1000, fs)), slope};
}

}  // namespace

std::size_t slope_block_samples(double fs) {
  return samples_for(kSlopeBlockS, fs);
}

std::vector<SpikeCandidate> find_spike_candidates(const float* samples, std::size_t n, double fs) {
  std::vector<SpikeCandidate> found;
  if (n < 8 || !(fs > 0)) return found;
  // One copy of the lead is all the search holds.
  const std::vector<float> x = held(samples, n);
  const SpikeScale scale = scale_of(x, fs);
  const std::size_t max_edge = fs > kTwoSampleEdgeHz ? 2 : 1;
  const bool pulses = fs >= kMinPulseRateHz && fs < kMaxPulseRateHz;
  Window window = window_at(fs, 0);  // its reach depends on the rate alone; its slope on the block
  for (std::size_t i = 3; i + max_edge < n;) {
    const std::size_t block = std::min(scale.slopes.size() - 1, i / scale.block);
    window.slope = scale.slopes[block];
    std::optional<SpikeCandidate> spike =
        edge_candidate(x, i, max_edge, scale.slopes[block], scale.ranges[block], window);
    if (!spike && pulses)
      if (const auto pulse =
              pulse_candidate(x, i, scale.slopes[block], scale.ranges[block], window, kStrictPulse))
        spike = pulse->spike;
    if (spike) {
      found.push_back(*spike);
      i = spike->end + 1;
    } else {
      ++i;
    }
  }
  return found;
}

SpikeScale spike_scale(const float* samples, std::size_t n, double fs) {
  if (n < 8 || !(fs > 0)) return {};
  return scale_of(held(samples, n), fs);
}

std::optional<FaintSpike> find_faint_spike(const float* samples, std::size_t n, double fs,
                                           const SpikeScale& scale, std::size_t from,
                                           std::size_t to) {
  if (scale.slopes.empty() || fs < kMinFaintRateHz || fs >= kMaxFaintRateHz || from > to || to >= n)
    return std::nullopt;
  // The samples the tests reach (the calm steps before the pulse, the return after it) copied,
  // so a window touching an invalid sample is left alone and the lead is never copied whole.
  Window window = window_at(fs, 0);
  if (from < 4) from = 4;
  const std::size_t first = from - 4;
  const std::size_t last = std::min(n - 1, to + 1 + window.blank_within + 1);
  if (from > to) return std::nullopt;
  std::vector<float> x(samples + first, samples + last + 1);
  for (const float v : x)
    if (!std::isfinite(v)) return std::nullopt;
  std::optional<FaintSpike> best;
  for (std::size_t peak = from; peak <= to; ++peak) {
    const std::size_t block = std::min(scale.slopes.size() - 1, peak / scale.block);
    const double slope = scale.slopes[block];
    if (!(slope > 0)) continue;
    window.slope = slope;
    const auto pulse =
        pulse_candidate(x, peak - 1 - first, slope, scale.ranges[block], window, kFaintPulse);
    if (!pulse) continue;
    const double strength = pulse->second_difference / slope;
    if (best && strength <= best->strength) continue;
    SpikeCandidate spike = pulse->spike;
    spike.at += first;
    spike.end += first;
    best = FaintSpike{spike, strength};
  }
  return best;
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
