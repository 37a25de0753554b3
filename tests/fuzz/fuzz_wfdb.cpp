// libFuzzer target for read_wfdb: the input is a header plus companion files (fuzz_input.h).
// Any qrs::Error is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not.
// Also checks the Record invariants the rest of the pipeline relies on.
#include "formats/readers.h"
#include "fuzz_input.h"
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qrs::fuzz::Files files = qrs::fuzz::decode_files(data, size, "r.hea");
  return qrs::fuzz::fuzz_reader(
      [&](std::vector<std::string>& warnings) {
        return qrs::formats::read_wfdb(files.primary, files.companions, warnings);
      },
      true);
}
