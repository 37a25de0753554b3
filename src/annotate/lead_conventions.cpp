// Each lead's boundaries blended with the beat's boundary plus the lead's convention (see
// lead_conventions.h).
#include "annotate/lead_conventions.h"

#include <cstddef>
#include <string>
#include <vector>

#include "annotate/beat_overlap.h"
#include "annotate/option_ranges.h"
#include "util/error.h"
#include "util/median.h"

namespace qrs::annotate {

void blend_with_lead_conventions(Annotation& result, double weight) {
  if (!kWeightRange.contains(weight))
    throw Error(out_of_range_message("convention weight", kWeightRange, weight));
  if (weight == 0 || result.beats.empty()) return;
  const std::vector<Beat>& beats = result.beats;
  for (LeadAnnotation& lead : result.leads) {
    std::vector<std::size_t> beat_of(lead.qrs.size());
    std::vector<int> claims(beats.size(), 0);
    for (std::size_t i = 0; i < lead.qrs.size(); ++i) {
      beat_of[i] = most_overlapping_beat(beats, lead.qrs[i]);
      if (beat_of[i] != kNoBeat) ++claims[beat_of[i]];
    }
    std::vector<std::size_t> matched;
    std::vector<double> at, onset_gaps, offset_gaps;  // per matched complex, in time order
    for (std::size_t i = 0; i < lead.qrs.size(); ++i) {
      if (beat_of[i] == kNoBeat || claims[beat_of[i]] != 1) continue;
      matched.push_back(i);
      at.push_back(lead.qrs[i].onset);
      onset_gaps.push_back(lead.qrs[i].onset - beats[beat_of[i]].onset);
      offset_gaps.push_back(lead.qrs[i].offset - beats[beat_of[i]].offset);
    }
    // Each complex's habit from the matched complexes within the context of it: the window
    // slides along the onsets as they were found, before any is moved.
    const double context = kConventionContextS * result.fs;
    std::size_t first = 0, end = 0;
    for (std::size_t k = 0; k < matched.size(); ++k) {
      while (at[first] < at[k] - context) ++first;
      while (end < at.size() && at[end] <= at[k] + context) ++end;
      if (end - first < kMinBeatsForConvention) continue;
      const auto from = static_cast<std::ptrdiff_t>(first), to = static_cast<std::ptrdiff_t>(end);
      const double onset_convention =
          lower_median({onset_gaps.begin() + from, onset_gaps.begin() + to});
      const double offset_convention =
          lower_median({offset_gaps.begin() + from, offset_gaps.begin() + to});
      QrsEvent& q = lead.qrs[matched[k]];
      const Beat& beat = beats[beat_of[matched[k]]];
      const double onset = q.onset + weight * (beat.onset + onset_convention - q.onset);
      const double offset = q.offset + weight * (beat.offset + offset_convention - q.offset);
      // A complex never turns inside out: where the two estimates disagree that much, the lead's
      // own marks stand.
      if (offset > onset) {
        q.onset = onset;
        q.offset = offset;
      }
    }
  }
}

}  // namespace qrs::annotate
