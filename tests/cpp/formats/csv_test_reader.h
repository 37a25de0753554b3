#pragma once
// Reading a CSV test fixture (text the test builds) and looking at what came back, for the CSV
// reader's tests.
#include <cmath>
#include <cstdio>
#include <functional>
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

// An ECG-like lead in mV: a 1 mV spike every 0.8 s on a small wave.
inline double ecg_mv(std::size_t i, double fs) {
  const double t = double(i) / fs;
  const double phase = std::fmod(t, 0.8);
  return 0.1 * std::sin(2 * 3.14159265358979 * t) + (phase < 0.02 ? 1.0 - phase * 50 : 0.0);
}

inline std::string format(const char* spec, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

// `rows` lines, each made by `row(i)`, after `head`.
inline std::string table(const std::string& head, std::size_t rows,
                         const std::function<std::string(std::size_t)>& row) {
  std::string text = head;
  for (std::size_t i = 0; i < rows; ++i) text += row(i) + "\n";
  return text;
}

}  // namespace qrs::test
