// libFuzzer target for read_ishne (ISHNE Holter .ecg): the whole input is the file. Any qrs::Error
// is an accepted outcome; crashes, sanitizer reports, leaks and timeouts are not. Also checks the
// Record invariants the rest of the pipeline relies on, and that the size check from the header
// alone never crashes either.
#include "formats/readers.h"
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const qrs::NamedBuffer file = qrs::fuzz::whole_input("f.ecg", data, size);
  qrs::formats::ishne_size_problem(file, size);
  return qrs::fuzz::fuzz_reader(
      [&](std::vector<std::string>& warnings) { return qrs::formats::read_ishne(file, warnings); });
}
