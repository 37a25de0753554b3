// Leads whose marks miss the record's beats (see stray_leads.h).
#include "annotate/stray_leads.h"

#include <algorithm>
#include <string>

#include "annotate/beat_overlap.h"
#include "annotate/silence.h"

namespace qrs::annotate {

std::vector<bool> silence_stray_leads(Annotation& result) {
  const std::size_t lead_count = result.leads.size();
  std::vector<bool> off_the_beats(lead_count, false);
  if (lead_count < kMinLeadsToCompare || result.beats.size() < kMinMarksToJudge) return off_the_beats;
  std::vector<std::size_t> agreeing(lead_count);
  std::size_t strays = 0;
  for (std::size_t i = 0; i < lead_count; ++i) {
    const std::vector<QrsEvent>& qrs = result.leads[i].qrs;
    agreeing[i] = complexes_on_beats(result.beats, qrs);
    off_the_beats[i] = qrs.size() >= kMinMarksToJudge &&
                       static_cast<double>(agreeing[i]) <
                           kMinShareOnBeats * static_cast<double>(qrs.size());
    strays += off_the_beats[i] ? 1 : 0;
  }
  // When the strays are not a minority it is the beats that failed, not the leads.
  if (2 * strays >= lead_count) return std::vector<bool>(lead_count, false);
  for (std::size_t i = 0; i < lead_count; ++i) {
    if (!off_the_beats[i]) continue;
    LeadAnnotation& lead = result.leads[i];
    const std::size_t marks = lead.qrs.size();
    silence_stretch(lead, 0, result.length);
    result.warnings.push_back(result.record + ": lead '" + lead.name + "': " +
                              std::to_string(marks - agreeing[i]) + " of its " +
                              std::to_string(marks) +
                              " complexes fall between the record's beats, so it looks like " +
                              "noise rather than ECG: no QRS marked in it");
  }
  return off_the_beats;
}

}  // namespace qrs::annotate
