// Built-in vs XNNPACK backend (on one thread and split over two) on one model, one window, same
// input, same process.
//   bench_nn_backends [MODEL.qrsm] [--length 2048] [--repeats 30]
// Default model: model_weights/qrs_unet.qrsm under the source tree.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "model_args.h"
#include "nn/network.h"
#include "timing.h"

int main(int argc, char** argv) {
  const qrs::bench::ModelArgs args = qrs::bench::parse_model_args(argc, argv, 2048, 30);
  const std::vector<std::uint8_t>& bytes = args.model;
  std::size_t length = args.length;
  const int repeats = args.repeats;
  std::mt19937 rng(1);
  std::normal_distribution<float> dist;
  std::vector<float> x(length);
  for (float& v : x) v = dist(rng);

  // Both backends (XNNPACK is a required part of the native build), and XNNPACK with every layer
  // split over 2 threads (its pthreadpool, as one-lead records get with --threads 2), alternating
  // over three rounds, the best round's median kept: a burst of other work on a shared machine
  // then hits them all alike instead of deciding the comparison.
  struct Config {
    const char* label;
    qrs::nn::BackendKind kind;
    int threads;
  };
  const Config configs[] = {{"builtin", qrs::nn::BackendKind::Builtin, 1},
                            {"xnnpack", qrs::nn::BackendKind::Xnnpack, 1},
                            {"xnnpack, layers over 2 threads", qrs::nn::BackendKind::Xnnpack, 2}};
  std::vector<std::unique_ptr<qrs::nn::Network>> nets;
  for (const Config& c : configs)
    nets.push_back(qrs::nn::Network::load(bytes.data(), bytes.size(), c.kind, c.threads));
  const std::size_t m = std::size_t(nets[0]->info().length_multiple);
  const std::size_t T = (length + m - 1) / m * m;
  x.resize(T, 0.0f);
  std::vector<double> best(nets.size(), 1e30);
  for (int round = 0; round < 3; ++round)
    for (std::size_t k = 0; k < nets.size(); ++k)
      best[k] = std::min(best[k],
                         qrs::bench::median_ms(repeats, [&] { nets[k]->run_window(x.data(), T); }));
  for (std::size_t k = 0; k < nets.size(); ++k)
    std::printf("%-30s %s T=%zu: %.3f ms  (%.2f GFLOP/s)  builtin/this = %.2f\n", configs[k].label,
                nets[k]->info().name.c_str(), T, best[k],
                nets[k]->info().flops_per_sample * double(T) / (best[k] * 1e6), best[0] / best[k]);
  return 0;
}
