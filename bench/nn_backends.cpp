// Built-in vs XNNPACK backend on one model, one window, same input, same process.
//   bench_nn_backends [MODEL.qrsm] [--length 2048] [--repeats 30]
// Default model: model_weights/qrs_unet.qrsm under the source tree.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "nn/network.h"
#include "timing.h"

int main(int argc, char** argv) {
  std::string path = std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm";
  std::size_t length = 2048;
  int repeats = 30;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--length" && i + 1 < argc) length = std::stoul(argv[++i]);
    else if (a == "--repeats" && i + 1 < argc) repeats = std::stoi(argv[++i]);
    else path = a;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    return 1;
  }
  std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
  std::mt19937 rng(1);
  std::normal_distribution<float> dist;
  std::vector<float> x(length);
  for (float& v : x) v = dist(rng);

  std::vector<qrs::nn::BackendKind> kinds = {qrs::nn::BackendKind::Builtin};
  if (qrs::nn::xnnpack_available()) kinds.push_back(qrs::nn::BackendKind::Xnnpack);
  double builtin_ms = 0;
  for (auto kind : kinds) {
    auto net = qrs::nn::Network::load(bytes.data(), bytes.size(), kind);
    const std::size_t T = (length + net->info().length_multiple - 1) / net->info().length_multiple *
                          net->info().length_multiple;
    x.resize(T, 0.0f);
    double ms = qrs::bench::median_ms(repeats, [&] { net->run_window(x.data(), T); });
    double gflops = net->info().flops_per_sample * double(T) / (ms * 1e6);
    if (kind == qrs::nn::BackendKind::Builtin) builtin_ms = ms;
    std::printf("%-8s %s T=%zu: %.3f ms  (%.2f GFLOP/s)  builtin/this = %.2f\n",
                qrs::nn::backend_name(kind), net->info().name.c_str(), T, ms, gflops,
                builtin_ms / ms);
  }
  return 0;
}
