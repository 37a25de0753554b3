// The leads' agreement on the beats (see lead_agreement.h).
#include "annotate/lead_agreement.h"

#include <algorithm>
#include <cstddef>
#include <limits>

#include "annotate/beat_overlap.h"
#include "annotate/lead_say.h"

namespace qrs::annotate {

double lead_agreement(const Annotation& result) {
  return lead_agreement(result, -std::numeric_limits<double>::infinity(),
                        std::numeric_limits<double>::infinity());
}

// Binary searches throughout (beat_overlap.h), so a day-long recording judged minute by minute
// (annotate/noise_handover.h) costs a few passes over its beats, not beats x complexes.
double lead_agreement(const Annotation& result, double begin, double end) {
  const auto [first_beat, last_beat] = starting_in(result.beats, begin, end);
  std::size_t pairs = 0, marked = 0, marks = 0;
  for (const LeadAnnotation& lead : result.leads) {
    const auto [first_mark, last_mark] = starting_in(lead.qrs, begin, end);
    marks += static_cast<std::size_t>(last_mark - first_mark);
    for (auto beat = first_beat; beat != last_beat; ++beat) {
      // Where the lead was silenced (no samples, flat, loose, noise: lead_say.h) it has no say.
      if (silenced_over(lead, beat->onset, beat->offset)) continue;
      ++pairs;
      marked += any_overlaps(lead.qrs, beat->onset, beat->offset);
    }
  }
  if (pairs == 0 || marks == 0) return 1.0;
  return std::min(static_cast<double>(marked) / static_cast<double>(pairs),
                  static_cast<double>(marked) / static_cast<double>(marks));
}

std::size_t leads_with_a_say(const Annotation& result) {
  return static_cast<std::size_t>(
      std::count_if(result.leads.begin(), result.leads.end(),
                    [](const LeadAnnotation& lead) { return !lead.qrs.empty(); }));
}

namespace {

// The share of a's beats starting in [begin, end) that overlap one of b's; 1 when a has none.
double share_on(const std::vector<Beat>& a, const std::vector<Beat>& b, double begin, double end) {
  const auto [first, last] = starting_in(a, begin, end);
  if (first == last) return 1.0;
  std::size_t on = 0;
  for (auto beat = first; beat != last; ++beat) on += any_overlaps(b, beat->onset, beat->offset);
  return static_cast<double>(on) / static_cast<double>(last - first);
}

}  // namespace

double reader_agreement(const Annotation& a, const Annotation& b, double begin, double end) {
  const auto [a_first, a_last] = starting_in(a.beats, begin, end);
  const auto [b_first, b_last] = starting_in(b.beats, begin, end);
  if ((a_first == a_last) != (b_first == b_last)) return 0.0;
  return std::min(share_on(a.beats, b.beats, begin, end), share_on(b.beats, a.beats, begin, end));
}

}  // namespace qrs::annotate
