// libFuzzer target for read_wfdb: the input is a header plus companion files (fuzz_input.h).
// Any qrs::Error is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not.
// Also checks the Record invariants the rest of the pipeline relies on.
#include <cstdlib>

#include "formats/readers.h"
#include "fuzz_input.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qrs::fuzz::Files files = qrs::fuzz::decode_files(data, size, "r.hea");
  std::vector<std::string> warnings;
  try {
    for (const qrs::Record& r :
         qrs::formats::read_wfdb(files.primary, files.companions, warnings)) {
      if (!(r.fs > 0) || r.leads.empty()) std::abort();
      for (const qrs::Lead& lead : r.leads) {
        if (lead.samples.size() != r.length()) std::abort();
      }
    }
  } catch (const qrs::Error&) {
  }
  return 0;
}
