// Each lead's boundaries blended with the beat's boundary plus the lead's convention (see
// lead_conventions.h).
#include "annotate/lead_conventions.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "util/error.h"
#include "util/median.h"

namespace qrs::annotate {
namespace {

constexpr std::size_t kNoBeat = static_cast<std::size_t>(-1);

// The beat that overlaps q the most, or kNoBeat. Beats are in time order and do not overlap each
// other, so the search starts at the first beat that ends after q's onset.
std::size_t most_overlapping_beat(const std::vector<Beat>& beats, const QrsEvent& q) {
  auto it = std::upper_bound(beats.begin(), beats.end(), q.onset,
                             [](double onset, const Beat& b) { return onset < b.offset; });
  std::size_t best = kNoBeat;
  double best_overlap = 0;
  for (; it != beats.end() && it->onset < q.offset; ++it) {
    const double overlap = std::min(q.offset, it->offset) - std::max(q.onset, it->onset);
    if (overlap > best_overlap) {
      best_overlap = overlap;
      best = static_cast<std::size_t>(it - beats.begin());
    }
  }
  return best;
}

}  // namespace

void blend_with_lead_conventions(Annotation& result, double weight) {
  if (!(weight >= 0 && weight <= 1))
    throw Error("convention weight must be between 0 and 1 (got " + std::to_string(weight) + ")");
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
    std::vector<double> onset_gaps, offset_gaps;
    for (std::size_t i = 0; i < lead.qrs.size(); ++i) {
      if (beat_of[i] == kNoBeat || claims[beat_of[i]] != 1) continue;
      matched.push_back(i);
      onset_gaps.push_back(lead.qrs[i].onset - beats[beat_of[i]].onset);
      offset_gaps.push_back(lead.qrs[i].offset - beats[beat_of[i]].offset);
    }
    // Each complex's habit from the matched complexes within the context of it (onsets in time
    // order, so the window slides).
    const double context = kConventionContextS * result.fs;
    std::vector<double> onset_habit(matched.size()), offset_habit(matched.size());
    std::vector<bool> judged(matched.size(), false);
    std::size_t first = 0, end = 0;
    for (std::size_t k = 0; k < matched.size(); ++k) {
      const double at = lead.qrs[matched[k]].onset;
      while (lead.qrs[matched[first]].onset < at - context) ++first;
      while (end < matched.size() && lead.qrs[matched[end]].onset <= at + context) ++end;
      if (end - first < kMinBeatsForConvention) continue;
      const auto from = static_cast<std::ptrdiff_t>(first), to = static_cast<std::ptrdiff_t>(end);
      onset_habit[k] = lower_median({onset_gaps.begin() + from, onset_gaps.begin() + to});
      offset_habit[k] = lower_median({offset_gaps.begin() + from, offset_gaps.begin() + to});
      judged[k] = true;
    }
    for (std::size_t k = 0; k < matched.size(); ++k) {
      if (!judged[k]) continue;
      QrsEvent& q = lead.qrs[matched[k]];
      const Beat& beat = beats[beat_of[matched[k]]];
      const double onset_convention = onset_habit[k];
      const double offset_convention = offset_habit[k];
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
