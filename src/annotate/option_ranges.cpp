#include "annotate/option_ranges.h"

#include <sstream>

namespace qrs::annotate {

std::string out_of_range_message(const std::string& name, const ValueRange& range, double got) {
  std::ostringstream message;
  message << name << " must be " << (range.low_included ? ">= " : "> ") << range.low << " and "
          << (range.high_included ? "<= " : "< ") << range.high << " (got " << got << ")";
  return message.str();
}

std::string qrs_span_problem(const std::string& min_name, double min_ms,
                             const std::string& max_name, double max_ms) {
  if (max_ms > min_ms && kQrsMsRange.contains(max_ms)) return "";
  std::ostringstream message;
  message << max_name << " (" << max_ms << ") must be above " << min_name << " (" << min_ms
          << ") and at most " << kQrsMsRange.high;
  return message.str();
}

}  // namespace qrs::annotate
