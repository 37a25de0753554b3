#pragma once
// Runs a reader that takes ReadOptions (CSV, NumPy) with a given rate and hands back its
// warnings, so each reader's tests need no copy of this.
#include <string>
#include <vector>

#include "formats/readers.h"

namespace qrs::test {

template <typename Reader>
std::vector<Record> read_at_rate(Reader reader, const NamedBuffer& file, double fs,
                                 std::vector<std::string>* warnings_out = nullptr) {
  std::vector<std::string> warnings;
  ReadOptions options;
  options.fs = fs;
  auto records = reader(file, options, warnings);
  if (warnings_out) *warnings_out = warnings;
  return records;
}

}  // namespace qrs::test
