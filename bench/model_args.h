#pragma once
// The command line the network benchmarks share: [MODEL.qrsm] [--length N] [--repeats N], the
// model defaulting to the shipped one; the model file's bytes are read here.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace qrs::bench {

struct ModelArgs {
  std::vector<std::uint8_t> model;
  std::size_t length;
  int repeats;
};

inline ModelArgs parse_model_args(int argc, char** argv, std::size_t length, int repeats) {
  std::string path = std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--length" && i + 1 < argc)
      length = std::stoul(argv[++i]);
    else if (a == "--repeats" && i + 1 < argc)
      repeats = std::stoi(argv[++i]);
    else
      path = a;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  return {std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {}), length, repeats};
}

}  // namespace qrs::bench
