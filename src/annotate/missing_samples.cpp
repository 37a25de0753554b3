// Stretches of a lead without samples (see missing_samples.h).
#include "annotate/missing_samples.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace qrs::annotate {

std::vector<SampleSpan> missing_stretches(const float* samples, std::size_t n) {
  std::vector<SampleSpan> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(samples[i])) continue;
    if (!out.empty() && out.back().end == i)
      out.back().end = i + 1;
    else
      out.push_back({i, i + 1});
  }
  return out;
}

void silence_missing(Annotation& result, const std::vector<std::vector<SampleSpan>>& missing) {
  const auto by_begin = [](const SampleSpan& a, const SampleSpan& b) { return a.begin < b.begin; };
  for (std::size_t i = 0; i < result.leads.size() && i < missing.size(); ++i) {
    const std::vector<SampleSpan>& spans = missing[i];
    if (spans.empty()) continue;
    LeadAnnotation& lead = result.leads[i];
    // A complex starting where the lead has no samples is the bridge's, not the heart's.
    const auto starts_inside = [&](const QrsEvent& q) {
      const auto after = std::upper_bound(
          spans.begin(), spans.end(), q.onset,
          [](double t, const SampleSpan& s) { return t < static_cast<double>(s.begin); });
      return after != spans.begin() && q.onset < static_cast<double>(std::prev(after)->end);
    };
    lead.qrs.erase(std::remove_if(lead.qrs.begin(), lead.qrs.end(), starts_inside), lead.qrs.end());
    for (std::vector<float>* curve : {&lead.onset_prob, &lead.offset_prob})
      for (const SampleSpan& s : spans)
        std::fill(curve->begin() + static_cast<std::ptrdiff_t>(std::min(s.begin, curve->size())),
                  curve->begin() + static_cast<std::ptrdiff_t>(std::min(s.end, curve->size())),
                  0.0f);
    std::vector<SampleSpan> all = lead.silenced;
    all.insert(all.end(), spans.begin(), spans.end());
    std::sort(all.begin(), all.end(), by_begin);
    std::vector<SampleSpan> merged;
    for (const SampleSpan& s : all) {
      if (!merged.empty() && s.begin <= merged.back().end)
        merged.back().end = std::max(merged.back().end, s.end);
      else
        merged.push_back(s);
    }
    lead.silenced = std::move(merged);
  }
}

}  // namespace qrs::annotate
