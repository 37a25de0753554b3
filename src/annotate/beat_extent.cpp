#include "annotate/beat_extent.h"

#include <algorithm>
#include <vector>

#include "annotate/beat_overlap.h"

namespace qrs::annotate {

void mark_beat_extents(Annotation& result) {
  std::vector<bool> marked(result.beats.size(), false);
  for (const LeadAnnotation& lead : result.leads) {
    for (const QrsEvent& q : lead.qrs) {
      const std::size_t b = most_overlapping_beat(result.beats, q);
      if (b == kNoBeat) continue;
      Beat& beat = result.beats[b];
      beat.first_onset = marked[b] ? std::min(beat.first_onset, q.onset) : q.onset;
      beat.last_offset = marked[b] ? std::max(beat.last_offset, q.offset) : q.offset;
      marked[b] = true;
    }
  }
  for (std::size_t b = 0; b < result.beats.size(); ++b) {
    if (marked[b]) continue;
    result.beats[b].first_onset = result.beats[b].onset;
    result.beats[b].last_offset = result.beats[b].offset;
  }
}

}  // namespace qrs::annotate
