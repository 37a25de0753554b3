#pragma once
// Peak picking on one probability curve: local maxima at or above a threshold, thinned so that no
// two kept peaks are closer than a refractory distance (the stronger wins), each refined to a
// fractional position by fitting a parabola through the maximum and its two neighbours (and
// optionally to the mass centre around it, move_to_mass_centre below). Used by
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

// Moves each peak to the centre of probability mass around it: the mean of sample positions i
// weighted by max(curve[i] - kCentroidFloor * value, 0) times the window's
// clamp(radius_samples + 0.5 - |i - position|, 0, 1). The window's edge fades over the sample
// either side of the radius, so the result moves smoothly with the peak's sub-sample position:
// with a hard edge, a peak nudged across a whole sample (by a curve rounded to four decimals, or
// a backend's summation order) let a sample in or out and moved the mark by up to a quarter of a
// sample.
// The scores are squared errors, and where the network hesitates between two nearby positions
// the mass centre (the posterior mean) lands between them, while the highest point picks one.
// Radius <= 0 leaves the peaks as they are; so does a window without mass.
constexpr float kCentroidFloor = 0.1f;
void move_to_mass_centre(const float* curve, std::size_t n, double radius_samples,
                         std::vector<Peak>& peaks);

}  // namespace qrs::annotate
