// make_fuzz_seeds OUT_DIR: writes every registered seed corpus (seeds_*.cpp) to OUT_DIR/<target>/.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "seed_registry.h"

namespace {

class DirectorySink : public qrs::fuzz::SeedSink {
 public:
  explicit DirectorySink(std::filesystem::path dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_);
  }
  void add(const std::string& name, const std::vector<std::uint8_t>& bytes) override {
    std::ofstream out(dir_ / name, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::fprintf(stderr, "make_fuzz_seeds: cannot write %s\n", (dir_ / name).c_str());
      std::exit(1);
    }
    ++count_;
  }
  int count() const { return count_; }

 private:
  std::filesystem::path dir_;
  int count_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_seeds OUT_DIR\n");
    return 2;
  }
  for (const qrs::fuzz::SeedEntry& entry : qrs::fuzz::seed_registry()) {
    DirectorySink sink(std::filesystem::path(argv[1]) / entry.target);
    entry.write(sink);
    std::printf("make_fuzz_seeds: %s: %d seeds\n", entry.target, sink.count());
  }
  return 0;
}
