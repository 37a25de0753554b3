#pragma once
// What every reader's fuzz target does: hand the input to the reader and check the Record
// invariants the rest of the pipeline relies on (fs > 0, at least one lead, all leads the same
// length; `allow_empty` for formats where a zero-length record is legal, e.g. WFDB and EDF).
// qrs::Error is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not.
#include <cstdlib>
#include <string>
#include <vector>

#include "formats/readers.h"
#include "formats/record.h"
#include "util/error.h"

namespace qrs::fuzz {

// scripts/fuzz.sh runs each target under libFuzzer's -rss_limit_mb=2048, and a small multi-segment
// header can fill the whole sample limit with NaN gaps: the fuzz builds keep the WebAssembly
// module's limit (QRS_FUZZ_LIMITS, tests/fuzz/CMakeLists.txt), not the native one.
static_assert(formats::kMaxTotalSamples * sizeof(float) < 2'000'000'000ull,
              "the fuzz builds' sample limit must fit under libFuzzer's 2 GB RSS limit");

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
