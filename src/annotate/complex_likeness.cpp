// How alike a lead's complexes are (see complex_likeness.h).
#include "annotate/complex_likeness.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "annotate/silence.h"
#include "util/correlation.h"
#include "util/median.h"

namespace qrs::annotate {
namespace {

constexpr double kBeforeOnsetS = 0.030;
constexpr double kWindowS = 0.150;

}  // namespace

double complex_likeness(const float* signal, std::size_t n, double fs_signal,
                        const std::vector<QrsEvent>& qrs, double fs_events) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto length = static_cast<std::size_t>(std::lround(kWindowS * fs_signal));
  const auto before = static_cast<long>(std::lround(kBeforeOnsetS * fs_signal));
  if (qrs.size() < kMinComplexesToCompare || length < 2 || !(fs_events > 0)) return nan;
  // Each window centred and scaled to unit length once (util/correlation.h), so a dot product is
  // the correlation.
  std::vector<std::vector<double>> windows;
  const std::size_t taken = std::min(qrs.size(), kMaxComplexesCompared);
  for (std::size_t k = 0; k < taken; ++k) {
    const QrsEvent& q = qrs[k * qrs.size() / taken];
    const long start = std::lround(q.onset * fs_signal / fs_events) - before;
    if (start < 0 || static_cast<std::size_t>(start) + length > n) continue;
    std::vector<double> w(signal + start, signal + start + static_cast<long>(length));
    centre_to_unit_length(w);  // a flat window stays all zeros: correlation 0 with any other
    windows.push_back(std::move(w));
  }
  if (windows.size() < kMinComplexesToCompare) return nan;
  std::vector<double> correlations;
  for (std::size_t a = 0; a < windows.size(); ++a) {
    for (std::size_t b = a + 1; b < windows.size(); ++b)
      correlations.push_back(dot(windows[a], windows[b]));
  }
  return lower_median(std::move(correlations));
}

void warn_unlike_complexes(Annotation& result, const std::vector<double>& likeness) {
  if (result.leads.size() >= kMinLeadsToCompare) return;
  for (std::size_t i = 0; i < result.leads.size() && i < likeness.size(); ++i) {
    if (!(likeness[i] < kUnlikeComplexes)) continue;  // NaN: too few complexes to tell
    char value[32];
    std::snprintf(value, sizeof value, "%.2f", likeness[i]);
    const LeadAnnotation& lead = result.leads[i];
    result.warnings.push_back(
        result.record + ": lead '" + lead.name + "': its " + std::to_string(lead.qrs.size()) +
        " complexes do not look alike (median correlation " + value +
        " between them): noise rather than ECG (a loose electrode?), or beats of several shapes "
        "(pacing, ectopic beats); check it before trusting its marks");
  }
}

}  // namespace qrs::annotate
