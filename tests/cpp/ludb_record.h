#pragma once
// An LUDB record read in place by the WFDB reader (tests that run the engine on real leads).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/readers.h"
#include "test_paths.h"

namespace qrs::test {

inline Record read_ludb(int record) {
  const std::string dir = ludb_dir();
  const std::string base = std::to_string(record);
  std::vector<std::string> warnings;
  const std::vector<Record> records =
      formats::read_wfdb({base + ".hea", read_bytes(dir + "/" + base + ".hea")},
                         {{base + ".dat", read_bytes(dir + "/" + base + ".dat")}}, warnings);
  EXPECT_EQ(records.size(), 1u) << "LUDB record " << record;
  return records.empty() ? Record{} : records.front();
}

}  // namespace qrs::test
