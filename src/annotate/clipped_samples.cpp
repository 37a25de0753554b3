// Stretches of a lead held at its recorder's limit (see clipped_samples.h).
#include "annotate/clipped_samples.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "annotate/missing_samples.h"
#include "util/median.h"

namespace qrs::annotate {
namespace {

// The runs of at least `shortest` finite samples within `tolerance` of `level`, in time order.
std::vector<SampleSpan> runs_at(const float* samples, std::size_t n, double level, double tolerance,
                                std::size_t shortest) {
  std::vector<SampleSpan> out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    const bool at = i < n && std::isfinite(samples[i]) &&
                    std::abs(static_cast<double>(samples[i]) - level) <= tolerance;
    if (at) continue;
    if (i - begin >= shortest) out.push_back({begin, i});
    begin = i + 1;
  }
  return out;
}

// The lower median of the lead's finite samples outside `spans` (in time order), and how many
// there are.
double median_outside(const float* samples, std::size_t n, const std::vector<SampleSpan>& spans,
                      std::size_t& count) {
  std::vector<double> rest;
  std::size_t next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    while (next < spans.size() && spans[next].end <= i) ++next;
    if (next < spans.size() && spans[next].begin <= i) continue;
    if (std::isfinite(samples[i])) rest.push_back(samples[i]);
  }
  count = rest.size();
  return rest.empty() ? 0.0 : lower_median(std::move(rest));
}

}  // namespace

std::vector<SampleSpan> clipped_stretches(const float* samples, std::size_t n, double fs) {
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(samples[i])) continue;
    lo = std::min(lo, static_cast<double>(samples[i]));
    hi = std::max(hi, static_cast<double>(samples[i]));
  }
  const double range = hi - lo;
  if (!(range > 0)) return {};  // flat throughout, or nothing but missing samples
  const auto shortest = static_cast<std::size_t>(std::ceil(kMinClippedS * fs));
  const double tolerance = kClippedTolerance * range;
  std::vector<SampleSpan> at_hi = runs_at(samples, n, hi, tolerance, shortest);
  std::vector<SampleSpan> at_lo = runs_at(samples, n, lo, tolerance, shortest);
  if (at_hi.empty() && at_lo.empty()) return {};  // the common case: nothing held at a limit
  std::vector<SampleSpan> held = both_stretches(at_hi, at_lo);
  std::size_t rest_count = 0;
  const double rest = median_outside(samples, n, held, rest_count);
  if (static_cast<double>(rest_count) < kMinRestS * fs) return {};
  // A limit the rest of the lead lies at (a quantised baseline that is its lowest value) is no
  // rail.
  if (std::abs(hi - rest) < kClippedDistance * range) at_hi.clear();
  if (std::abs(rest - lo) < kClippedDistance * range) at_lo.clear();
  return both_stretches(at_hi, at_lo);
}

void silence_clipped(Annotation& result, const std::vector<std::vector<SampleSpan>>& clipped,
                     const PlaceInRecording& place) {
  silence_and_tell(result, clipped, place,
                   {"at the recorder's limit (held flat at the lead's highest or lowest value: an "
                    "amplifier or ADC saturated)",
                    "every sample at the recorder's limit (saturated)"});
}

}  // namespace qrs::annotate
