#pragma once
// Seed corpora made by code. Each tests/fuzz/seeds_<target>.cpp registers a function that writes
// seeds for fuzz_<target> through a SeedSink; make_fuzz_seeds (built from make_fuzz_seeds.cpp and
// every seeds_*.cpp) runs them all into <out>/<target>/. Add a seeds file next to a new target.
#include <cstdint>
#include <string>
#include <vector>

namespace qrs::fuzz {

class SeedSink {
 public:
  virtual ~SeedSink() = default;
  virtual void add(const std::string& name, const std::vector<std::uint8_t>& bytes) = 0;
};

using SeedFunction = void (*)(SeedSink&);

struct SeedEntry {
  const char* target;  // "wfdb" for fuzz_wfdb
  SeedFunction write;
};

inline std::vector<SeedEntry>& seed_registry() {
  static std::vector<SeedEntry> entries;
  return entries;
}

struct RegisterSeeds {
  RegisterSeeds(const char* target, SeedFunction write) {
    seed_registry().push_back({target, write});
  }
};

}  // namespace qrs::fuzz
