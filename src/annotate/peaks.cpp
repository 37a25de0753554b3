// Peak picking (see peaks.h). A plateau (equal neighbouring samples, common when a sigmoid
// saturates) counts as one maximum located at its centre, so a flat top does not yield a run of
// peaks or a position biased towards its first sample.
#include "annotate/peaks.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

namespace qrs::annotate {
namespace {

// Vertex of the parabola through (-1, a), (0, b), (1, c), as an offset in [-0.5, 0.5] and height.
void parabolic_vertex(double a, double b, double c, double& offset, double& height) {
  const double curvature = a - 2.0 * b + c;
  offset = 0.0;
  height = b;
  if (curvature >= 0.0) return;  // not a strict maximum: keep the sample itself
  offset = std::clamp(0.5 * (a - c) / curvature, -0.5, 0.5);
  height = b - 0.25 * (a - c) * offset;
}

}  // namespace

std::vector<Peak> find_peaks(const float* curve, std::size_t n, float threshold,
                             double refractory_samples) {
  std::vector<Peak> candidates;
  std::size_t i = 0;
  while (i < n) {
    if (!(curve[i] >= threshold)) {
      ++i;
      continue;
    }
    // Extent of the plateau starting at i.
    std::size_t end = i;
    while (end + 1 < n && curve[end + 1] == curve[i]) ++end;
    const bool rises_into = i == 0 || curve[i - 1] < curve[i];
    const bool falls_after = end + 1 == n || curve[end + 1] < curve[i];
    if (rises_into && falls_after) {
      Peak peak;
      if (i == end && i > 0 && end + 1 < n) {
        double offset = 0, height = 0;
        parabolic_vertex(curve[i - 1], curve[i], curve[i + 1], offset, height);
        peak.position = static_cast<double>(i) + offset;
        peak.value = static_cast<float>(std::max<double>(height, curve[i]));
      } else {
        peak.position = 0.5 * static_cast<double>(i + end);
        peak.value = curve[i];
      }
      candidates.push_back(peak);
    }
    i = end + 1;
  }
  if (refractory_samples <= 0 || candidates.size() < 2) return candidates;

  // Strongest first; a candidate survives when no stronger kept peak lies within the distance.
  std::vector<std::size_t> order(candidates.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return candidates[a].value > candidates[b].value;
  });
  // Kept peaks indexed by position, so each check looks only at its two neighbours (long Holter
  // records have hundreds of thousands of peaks).
  std::map<double, Peak> kept;
  for (std::size_t k : order) {
    const Peak& c = candidates[k];
    const auto after = kept.lower_bound(c.position);
    if (after != kept.end() && after->first - c.position < refractory_samples) continue;
    if (after != kept.begin() && c.position - std::prev(after)->first < refractory_samples)
      continue;
    kept.emplace(c.position, c);
  }
  std::vector<Peak> result;
  result.reserve(kept.size());
  for (const auto& entry : kept) result.push_back(entry.second);
  return result;
}

void move_to_mass_centre(const float* curve, std::size_t n, double radius_samples,
                         std::vector<Peak>& peaks) {
  if (!(radius_samples > 0) || n == 0) return;
  for (Peak& peak : peaks) {
    // The edge fades over the sample either side of the radius, so the weights add up to 2 x
    // radius wherever the peak sits: on average the window the hard edge had.
    const double reach = radius_samples + 0.5;
    const double lo = std::max(0.0, std::ceil(peak.position - reach));
    const double hi = std::min(static_cast<double>(n - 1), std::floor(peak.position + reach));
    const double floor_value = static_cast<double>(kCentroidFloor) * peak.value;
    double mass = 0, moment = 0;
    for (auto i = static_cast<std::size_t>(lo); static_cast<double>(i) <= hi; ++i) {
      const double window =
          std::clamp(reach - std::abs(static_cast<double>(i) - peak.position), 0.0, 1.0);
      const double w = window * std::max(0.0, static_cast<double>(curve[i]) - floor_value);
      mass += w;
      moment += w * static_cast<double>(i);
    }
    if (mass > 0) peak.position = moment / mass;
  }
  // Windows may overlap when the refractory distance is shorter than two radii: keep the order.
  std::stable_sort(peaks.begin(), peaks.end(),
                   [](const Peak& a, const Peak& b) { return a.position < b.position; });
}

}  // namespace qrs::annotate
