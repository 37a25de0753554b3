#pragma once
// Where tests find their inputs. LUDB is read in place (never copied into the repository); a test
// that needs it fails loudly when it is missing, so CI cannot pass by skipping.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace qrs::test {

inline std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

inline std::string source_dir() { return env_or("QRS_SOURCE_DIR", QRS_SOURCE_DIR); }

inline std::string ludb_dir() {
  return env_or("ECG_LUDB_DIR", source_dir() + "/../shared/data/ludb");
}

// Reads a whole file; fails the current test (fatal) if it cannot.
inline std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path
                  << " (LUDB missing? set ECG_LUDB_DIR or see ../shared/data/README.md)";
    return {};
  }
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

}  // namespace qrs::test
