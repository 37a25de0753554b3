#pragma once
// The command line of the benchmarks that run on one LUDB record, and reading its files:
//   --ludb DIR (default $ECG_LUDB_DIR, else ../shared/data/ludb) --record NAME --model PATH
//   --repeats N
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs::bench {

struct LudbArgs {
  std::string ludb;
  std::string record;
  std::string model;
  int repeats;
};

inline LudbArgs parse_ludb_args(int argc, char** argv, std::string record, int repeats) {
  const char* env_ludb = std::getenv("ECG_LUDB_DIR");
  LudbArgs args{env_ludb ? env_ludb : std::string(QRS_SOURCE_DIR) + "/../shared/data/ludb",
                std::move(record), std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm",
                repeats};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--ludb")
      args.ludb = argv[i + 1];
    else if (a == "--record")
      args.record = argv[i + 1];
    else if (a == "--model")
      args.model = argv[i + 1];
    else if (a == "--repeats")
      args.repeats = std::atoi(argv[i + 1]);
  }
  return args;
}

// The file's bytes; exits with a message naming it when it cannot be read.
inline std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s (set --ludb or ECG_LUDB_DIR)\n", path.c_str());
    std::exit(1);
  }
  return {std::istreambuf_iterator<char>(in), {}};
}

// The record's header and signal file, named as a drop would name them.
struct LudbFiles {
  NamedBuffer hea;
  NamedBuffer dat;
};

inline LudbFiles read_ludb_files(const LudbArgs& args) {
  const std::string base = args.ludb + "/" + args.record;
  return {{args.record + ".hea", read_bytes(base + ".hea")},
          {args.record + ".dat", read_bytes(base + ".dat")}};
}

}  // namespace qrs::bench
