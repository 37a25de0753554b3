// libFuzzer target for read_npz (zip of .npy members, stored or deflated): the whole input is the file, read with
// a given rate of 500 Hz so that inputs without one still reach the sample parsing. Any
// qrs::Error is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not. Also
// checks the Record invariants the rest of the pipeline relies on.
#include <cstdlib>

#include "formats/readers.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qrs::NamedBuffer file{"f.npz", std::vector<std::uint8_t>(data, data + size)};
  qrs::ReadOptions options;
  options.fs = 500;
  std::vector<std::string> warnings;
  try {
    for (const qrs::Record& r : qrs::formats::read_npz(file, options, warnings)) {
      if (!(r.fs > 0) || r.leads.empty() || r.length() == 0) std::abort();
      for (const qrs::Lead& lead : r.leads)
        if (lead.samples.size() != r.length()) std::abort();
    }
  } catch (const qrs::Error&) {
  }
  return 0;
}
