// The leads' agreement on the beats (see lead_agreement.h).
#include "annotate/lead_agreement.h"

#include <algorithm>
#include <cstddef>

namespace qrs::annotate {

double lead_agreement(const Annotation& result) {
  std::size_t pairs = 0, marked = 0, marks = 0;
  for (const LeadAnnotation& lead : result.leads) {
    marks += lead.qrs.size();
    for (const Beat& beat : result.beats) {
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
