#pragma once
// Where a lead has a say in the record's beats: wherever it is usable and not silenced, that is
// wherever it holds samples that look like ECG. A lead in a silenced stretch (samples without a
// value, a flat or loose electrode, a lead of noise: silence.h) neither votes for a beat nor
// against one: the beats there are found by the leads that record there (events.h find_beats,
// which also leaves a lead out within a QRS's length of such a stretch, where a complex running
// into it is not whole), a complex there is judged lone by them (lone_complexes.h), and the
// leads' agreement is counted over them (lead_agreement.h). So a stretch where only some leads
// record reads, in those leads, as the record of those leads alone would.
#include <algorithm>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Whether one of the lead's silenced stretches (in time order, disjoint) overlaps (onset, offset),
// by binary search: a day-long lead may have thousands of them.
inline bool silenced_over(const LeadAnnotation& lead, double onset, double offset) {
  const auto first_ending_after = std::upper_bound(
      lead.silenced.begin(), lead.silenced.end(), onset,
      [](double t, const SampleSpan& s) { return t < static_cast<double>(s.end); });
  return first_ending_after != lead.silenced.end() &&
         static_cast<double>(first_ending_after->begin) < offset;
}

}  // namespace qrs::annotate
