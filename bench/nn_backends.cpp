// Built-in vs XNNPACK backend on one model, one window, same input, same process.
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

  // Both backends (XNNPACK is a required part of the native build), alternating over three
  // rounds, the best round's median kept: a burst of other work on a shared machine then hits both
  // alike instead of deciding the comparison.
  const qrs::nn::BackendKind kinds[] = {qrs::nn::BackendKind::Builtin,
                                        qrs::nn::BackendKind::Xnnpack};
  std::vector<std::unique_ptr<qrs::nn::Network>> nets;
  for (auto kind : kinds) nets.push_back(qrs::nn::Network::load(bytes.data(), bytes.size(), kind));
  const std::size_t m = std::size_t(nets[0]->info().length_multiple);
  const std::size_t T = (length + m - 1) / m * m;
  x.resize(T, 0.0f);
  double best[2] = {1e30, 1e30};
  for (int round = 0; round < 3; ++round)
    for (std::size_t k = 0; k < 2; ++k)
      best[k] = std::min(best[k],
                         qrs::bench::median_ms(repeats, [&] { nets[k]->run_window(x.data(), T); }));
  for (std::size_t k = 0; k < 2; ++k)
    std::printf("%-8s %s T=%zu: %.3f ms  (%.2f GFLOP/s)  builtin/this = %.2f\n",
                qrs::nn::backend_name(kinds[k]), nets[k]->info().name.c_str(), T, best[k],
                nets[k]->info().flops_per_sample * double(T) / (best[k] * 1e6), best[0] / best[k]);
  return 0;
}
