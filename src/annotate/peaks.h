#pragma once
// Peak picking on one probability curve: local maxima at or above a threshold, thinned so that no
// two kept peaks are closer than a refractory distance (the stronger wins), each refined to a
// fractional position by fitting a parabola through the maximum and its two neighbours. Used by
// events.cpp for onset and offset curves; exposed for tests.
#include <cstddef>
#include <vector>

namespace qrs::annotate {

struct Peak {
  double position = 0;  // fractional sample index
  float value = 0;      // interpolated peak height, clamped to the curve's sample maximum
};

// Peaks sorted by position. refractory_samples <= 0 keeps every local maximum.
std::vector<Peak> find_peaks(const float* curve, std::size_t n, float threshold,
                             double refractory_samples);

}  // namespace qrs::annotate
