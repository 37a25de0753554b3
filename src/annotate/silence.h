#pragma once
// Taking a stretch of a lead out of the annotation: what the flat-stretch and stray-lead checks
// (flat_parts.h, stray_leads.h) do where a lead holds no ECG.
#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Judging a lead against the record's others (stray leads; flat stretches by the median lead)
// needs a majority for the others to stand for: three leads or more. With fewer, a lead is judged
// on its own (complex_likeness.h), and a flat stretch against the larger lead (flat_parts.h).
constexpr std::size_t kMinLeadsToCompare = 3;

// Drops the lead's complexes whose onset lies in input samples [begin, end), zeroes both
// probability curves there (end <= the curves' length) and adds the stretch to lead.silenced,
// merged with any stretch there already that it overlaps or touches.
inline void silence_stretch(LeadAnnotation& lead, std::size_t begin, std::size_t end) {
  std::vector<SampleSpan> merged;
  for (const SampleSpan& s : lead.silenced) {
    if (s.end < begin || s.begin > end) {
      merged.push_back(s);
    } else {
      begin = std::min(begin, s.begin);
      end = std::max(end, s.end);
    }
  }
  merged.push_back(SampleSpan{begin, end});
  std::sort(merged.begin(), merged.end(),
            [](const SampleSpan& a, const SampleSpan& b) { return a.begin < b.begin; });
  lead.silenced = std::move(merged);
  const auto inside = [&](const QrsEvent& q) {
    return q.onset >= static_cast<double>(begin) && q.onset < static_cast<double>(end);
  };
  lead.qrs.erase(std::remove_if(lead.qrs.begin(), lead.qrs.end(), inside), lead.qrs.end());
  for (std::vector<float>* curve : {&lead.onset_prob, &lead.offset_prob})
    std::fill(curve->begin() + static_cast<std::ptrdiff_t>(begin),
              curve->begin() + static_cast<std::ptrdiff_t>(end), 0.0f);
}

}  // namespace qrs::annotate
