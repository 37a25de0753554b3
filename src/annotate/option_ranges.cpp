#include "annotate/option_ranges.h"

#include <sstream>

namespace qrs::annotate {

std::string out_of_range_message(const std::string& name, const ValueRange& range, double got) {
  std::ostringstream message;
  message << name << " must be " << (range.low_included ? ">= " : "> ") << range.low << " and "
          << (range.high_included ? "<= " : "< ") << range.high << " (got " << got << ")";
  return message.str();
}

}  // namespace qrs::annotate
