#pragma once
// What every reader's fuzz target does: hand the input to the reader and check the Record
// invariants the rest of the pipeline relies on (fs > 0, at least one lead, all leads the same
// length; `allow_empty` for formats where a zero-length record is legal, e.g. WFDB and EDF).
// qrs::Error is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not.
#include <cstdlib>
#include <string>
#include <vector>

#include "formats/record.h"
#include "util/error.h"

namespace qrs::fuzz {

inline void check_records(const std::vector<Record>& records, bool allow_empty) {
  for (const Record& r : records) {
    if (!(r.fs > 0) || r.leads.empty()) std::abort();
    if (!allow_empty && r.length() == 0) std::abort();
    for (const Lead& lead : r.leads)
      if (lead.samples.size() != r.length()) std::abort();
  }
}

// read(warnings) -> std::vector<Record>
template <typename Read>
int fuzz_reader(Read read, bool allow_empty = false) {
  std::vector<std::string> warnings;
  try {
    check_records(read(warnings), allow_empty);
  } catch (const Error&) {
  }
  return 0;
}

inline NamedBuffer whole_input(const char* name, const std::uint8_t* data, std::size_t size) {
  return NamedBuffer{name, std::vector<std::uint8_t>(data, data + size)};
}

}  // namespace qrs::fuzz
