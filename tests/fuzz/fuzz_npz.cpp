// libFuzzer target for read_npz (zip of .npy members, stored or deflated): the whole input is the
// file, read with a given rate of 500 Hz so that inputs without one still reach the sample parsing.
// Any qrs::Error is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not.
// Also checks the Record invariants the rest of the pipeline relies on.
#include "formats/readers.h"
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qrs::NamedBuffer file = qrs::fuzz::whole_input("f.npz", data, size);
  qrs::ReadOptions options;
  options.fs = 500;
  return qrs::fuzz::fuzz_reader([&](std::vector<std::string>& warnings) {
    return qrs::formats::read_npz(file, options, warnings);
  });
}
