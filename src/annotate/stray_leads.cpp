// Leads whose marks miss the record's beats (see stray_leads.h).
#include "annotate/stray_leads.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "annotate/beat_overlap.h"
#include "annotate/silence.h"

namespace qrs::annotate {

// The leads do not line up on the record's beats. Nothing is silenced (no majority to trust),
// but the record is not what it claims: most often a wrong sampling rate, which stretches or
// squeezes every wave (MODEL_CARD.md, "Known failure modes"), or leads that do not all come from
// one recording.
void warn_leads_disagree(Annotation& result, std::size_t disagreeing) {
  char text[400];
  std::snprintf(text, sizeof text,
                ": the leads do not agree on where the beats are (%zu of %zu leads mark "
                "complexes mostly away from the beats found across the leads): if %g Hz is not "
                "the recording's sampling rate, give the right one; otherwise the leads may not "
                "all come from one recording",
                disagreeing, result.leads.size(), result.fs);
  result.warnings.push_back(result.record + text);
  result.leads_disagreeing = disagreeing;
}

std::vector<bool> silence_stray_leads(Annotation& result) {
  const std::size_t lead_count = result.leads.size();
  std::vector<bool> off_the_beats(lead_count, false);
  if (lead_count < kMinLeadsToCompare) return off_the_beats;
  if (result.beats.size() < kMinMarksToJudge) {
    // Too few beats to judge a lead by; but leads that each mark several complexes where the
    // leads together find (almost) none disagree with one another.
    const auto marking = static_cast<std::size_t>(
        std::count_if(result.leads.begin(), result.leads.end(),
                      [](const LeadAnnotation& l) { return l.qrs.size() >= kMinMarksToJudge; }));
    if (2 * marking > lead_count) warn_leads_disagree(result, marking);
    return off_the_beats;
  }
  std::vector<std::size_t> agreeing(lead_count);
  std::size_t strays = 0;
  for (std::size_t i = 0; i < lead_count; ++i) {
    const std::vector<QrsEvent>& qrs = result.leads[i].qrs;
    agreeing[i] = complexes_on_beats(result.beats, qrs);
    off_the_beats[i] =
        qrs.size() >= kMinMarksToJudge &&
        static_cast<double>(agreeing[i]) < kMinShareOnBeats * static_cast<double>(qrs.size());
    strays += off_the_beats[i] ? 1 : 0;
  }
  // When the strays are not a minority it is the beats that failed, not the leads.
  if (2 * strays >= lead_count) {
    warn_leads_disagree(result, strays);
    return std::vector<bool>(lead_count, false);
  }
  for (std::size_t i = 0; i < lead_count; ++i) {
    if (!off_the_beats[i]) continue;
    LeadAnnotation& lead = result.leads[i];
    const std::size_t marks = lead.qrs.size();
    silence_stretch(lead, 0, result.length);
    result.warnings.push_back(result.record + ": lead '" + lead.name +
                              "': " + std::to_string(marks - agreeing[i]) + " of its " +
                              std::to_string(marks) +
                              " complexes fall between the record's beats, so it looks like " +
                              "noise rather than ECG: no QRS marked in it");
  }
  return off_the_beats;
}

}  // namespace qrs::annotate
