#pragma once
// Reading a CSV test fixture (text the test builds) and looking at what came back, for the CSV
// reader's tests.
#include <string>
#include <vector>

#include "formats/readers.h"
#include "npy_test_writer.h"
#include "read_at_rate.h"
#include "util/error.h"

namespace qrs::test {

inline std::vector<Record> read_csv_text(const std::string& name, const std::string& text,
                                         double fs = 0,
                                         std::vector<std::string>* warnings_out = nullptr) {
  return read_at_rate(formats::read_csv, named(name, text), fs, warnings_out);
}

// The reader's error for `text` read as "bad.csv", or "(no error)".
inline std::string csv_error_of(const std::string& text, double fs = 0) {
  try {
    read_csv_text("bad.csv", text, fs);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

inline bool any_contains(const std::vector<std::string>& list, const std::string& part) {
  for (const auto& s : list)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace qrs::test
