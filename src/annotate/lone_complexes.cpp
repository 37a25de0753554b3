#include "annotate/lone_complexes.h"

#include <algorithm>
#include <utility>

#include "annotate/beat_overlap.h"
#include "annotate/silence.h"
#include "annotate/stray_leads.h"

namespace qrs::annotate {
namespace {

// Whether one of `lead`'s complexes overlaps q.
bool marks_overlapping(const LeadAnnotation& lead, const QrsEvent& q) {
  const auto it = first_ending_after(lead.qrs, q.onset);
  return it != lead.qrs.end() && it->onset < q.offset;
}

}  // namespace

std::size_t drop_lone_complexes(Annotation& result, const std::vector<bool>& usable) {
  const auto voters = static_cast<std::size_t>(std::count(usable.begin(), usable.end(), true));
  if (voters < kMinLeadsToCompare) return 0;
  const double edge = kLoneEdgeMs * result.fs / 1000.0;
  const double last = static_cast<double>(result.length) - 1.0;
  // Decided on the marks as found, before any lead loses one.
  std::vector<std::vector<bool>> lone(result.leads.size());
  for (std::size_t l = 0; l < result.leads.size(); ++l) {
    const std::vector<QrsEvent>& qrs = result.leads[l].qrs;
    lone[l].assign(qrs.size(), false);
    std::vector<bool> on_beat(qrs.size());
    for (std::size_t k = 0; k < qrs.size(); ++k)
      on_beat[k] = most_overlapping_beat(result.beats, qrs[k]) != kNoBeat;
    const auto on_beats = static_cast<double>(std::count(on_beat.begin(), on_beat.end(), true));
    if (qrs.empty() || on_beats < kMinShareOnBeats * static_cast<double>(qrs.size())) continue;
    for (std::size_t k = 0; k < qrs.size(); ++k) {
      const QrsEvent& q = qrs[k];
      if (on_beat[k] || q.onset < edge || q.offset > last - edge) continue;
      // Only the leads with a say over the complex judge it (silence.h): a lead without samples
      // there marks nothing, which is no vote against it.
      std::size_t marking = 0, judges = 0;
      for (std::size_t other = 0; other < result.leads.size(); ++other) {
        if (!usable[other] || overlaps_silenced(result.leads[other], q.onset, q.offset)) continue;
        ++judges;
        if (marks_overlapping(result.leads[other], q)) ++marking;
      }
      lone[l][k] = judges >= kMinLeadsToCompare && 2 * marking < judges;
    }
  }
  std::size_t dropped = 0;
  for (std::size_t l = 0; l < result.leads.size(); ++l) {
    std::vector<QrsEvent>& qrs = result.leads[l].qrs;
    std::vector<QrsEvent> kept;
    kept.reserve(qrs.size());
    for (std::size_t k = 0; k < qrs.size(); ++k)
      if (!lone[l][k]) kept.push_back(qrs[k]);
    dropped += qrs.size() - kept.size();
    qrs = std::move(kept);
  }
  return dropped;
}

}  // namespace qrs::annotate
