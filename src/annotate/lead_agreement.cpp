// The leads' agreement on the beats (see lead_agreement.h).
#include "annotate/lead_agreement.h"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace qrs::annotate {

double lead_agreement(const Annotation& result) {
  return lead_agreement(result, -std::numeric_limits<double>::infinity(),
                        std::numeric_limits<double>::infinity());
}

double lead_agreement(const Annotation& result, double begin, double end) {
  const auto in = [&](double onset) { return onset >= begin && onset < end; };
  std::size_t pairs = 0, marked = 0, marks = 0;
  for (const LeadAnnotation& lead : result.leads) {
    marks += static_cast<std::size_t>(std::count_if(
        lead.qrs.begin(), lead.qrs.end(), [&](const QrsEvent& q) { return in(q.onset); }));
    for (const Beat& beat : result.beats) {
      if (!in(beat.onset)) continue;
      // Where the lead was silenced (flat, loose, noise: annotate/silence.h) it has no say.
      if (std::any_of(lead.silenced.begin(), lead.silenced.end(), [&](const SampleSpan& s) {
            return static_cast<double>(s.begin) < beat.offset &&
                   static_cast<double>(s.end) > beat.onset;
          }))
        continue;
      ++pairs;
      marked += std::any_of(lead.qrs.begin(), lead.qrs.end(), [&](const QrsEvent& q) {
        return q.onset < beat.offset && q.offset > beat.onset;
      });
    }
  }
  if (pairs == 0 || marks == 0) return 1.0;
  return std::min(static_cast<double>(marked) / static_cast<double>(pairs),
                  static_cast<double>(marked) / static_cast<double>(marks));
}

}  // namespace qrs::annotate
