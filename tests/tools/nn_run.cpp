// qrs-nn-run: runs a .qrsm model on raw float32 input for the Python parity tests.
//   qrs-nn-run MODEL IN.f32 OUT.f32 [--backend auto|builtin|xnnpack] [--window N] [--single]
//              [--threads N]
//   qrs-nn-run MODEL --info
// IN holds length x channels_in floats (channels last); OUT receives length x channels_out.
// --single runs one pass (run_window; length must be a multiple of length_multiple). --threads N
// splits every layer over N threads (XNNPACK's pool; the built-in backend ignores it).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "nn/network.h"
#include "util/error.h"

namespace {

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw qrs::Error(path + ": cannot open");
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

int run(int argc, char** argv) {
  std::vector<std::string> pos;
  std::string backend = "auto";
  std::size_t window = 0;
  int threads = 1;
  bool single = false, info = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--backend" && i + 1 < argc) backend = argv[++i];
    else if (a == "--window" && i + 1 < argc) window = std::stoul(argv[++i]);
    else if (a == "--threads" && i + 1 < argc) threads = std::stoi(argv[++i]);
    else if (a == "--single") single = true;
    else if (a == "--info") info = true;
    else pos.push_back(a);
  }
  if (pos.empty() || (!info && pos.size() != 3)) {
    std::cerr << "usage: qrs-nn-run MODEL IN.f32 OUT.f32 [--backend B] [--window N] [--single]"
                 " [--threads N]\n"
                 "       qrs-nn-run MODEL --info\n";
    return 2;
  }
  std::vector<std::uint8_t> model = read_file(pos[0]);
  auto net =
      qrs::nn::Network::load(model.data(), model.size(), qrs::nn::parse_backend(backend), threads);
  const qrs::nn::ModelInfo& mi = net->info();
  if (info) {
    std::printf("{\"name\": \"%s\", \"backend\": \"%s\", \"channels_in\": %d, \"channels_out\": %d, "
                "\"length_multiple\": %d, \"receptive_radius\": %d, \"parameter_count\": %zu, "
                "\"flops_per_sample\": %.1f}\n",
                mi.name.c_str(), qrs::nn::backend_name(net->backend()), mi.channels_in,
                mi.channels_out, mi.length_multiple, mi.receptive_radius, mi.parameter_count,
                mi.flops_per_sample);
    return 0;
  }
  std::vector<std::uint8_t> raw = read_file(pos[1]);
  const std::size_t cin = std::size_t(mi.channels_in);
  if (raw.size() % (4 * cin)) throw qrs::Error(pos[1] + ": size is not a whole number of samples");
  std::vector<float> x(raw.size() / 4);
  std::memcpy(x.data(), raw.data(), raw.size());
  if (window) net->set_window(window);
  const std::size_t length = x.size() / cin;
  std::vector<float> y = single ? net->run_window(x.data(), length) : net->run(x.data(), length);
  std::ofstream out(pos[2], std::ios::binary);
  out.write(reinterpret_cast<const char*>(y.data()), std::streamsize(y.size() * 4));
  if (!out) throw qrs::Error(pos[2] + ": cannot write");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "qrs-nn-run: " << e.what() << "\n";
    return 1;
  }
}
