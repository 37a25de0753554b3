// GFLOP/s of every conv1d layer of a model on its real shape (one window of T model samples, so
// each level's rows, channels and taps are the network's own), built-in kernel against XNNPACK's
// convolution operator, in one process, the two alternating over three rounds (best round kept);
// in wasm SIMD builds also XNNPACK's GEMM micro-kernel over overlapping rows
// (xnnpack_fused_conv.h). Natively `bench_conv_layers [MODEL.qrsm] [--length 2512] [--repeats 15]`
// prints a table; under Emscripten the same measurement is the exported function
// bench_conv_layers_json(), which bench/wasm/page.mjs calls for each wasm variant in Chromium.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "model_args.h"
#include "nn/activation_plan.h"
#include "nn/graph.h"
#include "nn/kernels/kernel_table.h"
#include "nn/model_file.h"
#include "nn/ops/conv1d.h"
#include "nn/xnnpack/xnnpack_layers.h"
#include "timing.h"
#include "xnnpack_fused_conv.h"

#if defined(__EMSCRIPTEN__)
#include <emscripten/emscripten.h>
#endif

namespace {

using namespace qrs::nn;

struct LayerFigures {
  std::string name;
  std::size_t rows, cin, cout, taps;
  double builtin_gflops, xnnpack_gflops;
  double fused_gflops = 0;   // wasm SIMD only: xnnpack_fused_conv.h
  float fused_max_diff = 0;  // its largest difference from the built-in output
};

std::vector<LayerFigures> measure(const std::uint8_t* bytes, std::size_t size, std::size_t length,
                                  int repeats) {
  const Graph graph = build_graph(read_model_file(bytes, size));
  const std::size_t m = std::size_t(graph.info.length_multiple);
  ActivationPlan plan(graph, (length + m - 1) / m * m);
  std::mt19937 rng(1);
  std::normal_distribution<float> dist;
  std::vector<LayerFigures> out;
  std::vector<unsigned char> workspace;
  for (const Layer& l : graph.layers) {
    if (l.op != OpKind::Conv1d) continue;
    const int x = l.inputs[0];
    float* in = plan.rows(x);
    for (std::size_t i = 0; i < plan.length(x) * std::size_t(graph.value_channels[x]); ++i)
      in[i] = dist(rng);
    const std::size_t rows = plan.length(l.output);
    ops::Conv1dOp builtin(l, kernels::kernel_table().conv1d_nwc_for(std::size_t(l.cout)));
    auto xnn = xnn::make_xnn_layer(graph, l);
    workspace.resize(xnn->reshape(plan, nullptr) + 64);
    void* aligned =
        workspace.data() + (64 - reinterpret_cast<std::uintptr_t>(workspace.data()) % 64) % 64;
    xnn->setup(plan, aligned);
    double builtin_ms = 1e30, xnnpack_ms = 1e30;
    for (int round = 0; round < 3; ++round) {
      builtin_ms = std::min(builtin_ms, qrs::bench::median_ms(repeats, [&] {
                              builtin.run(in, rows, plan.rows(l.output));
                            }));
      xnnpack_ms = std::min(xnnpack_ms, qrs::bench::median_ms(repeats, [&] { xnn->run(nullptr); }));
    }
    const double flop = 2.0 * double(rows) * l.cin * l.cout * l.kernel;
    out.push_back({l.output_name, rows, std::size_t(l.cin), std::size_t(l.cout),
                   std::size_t(l.kernel), flop / (builtin_ms * 1e6), flop / (xnnpack_ms * 1e6)});
#if defined(__EMSCRIPTEN__) && defined(__wasm_simd128__)
    // Not the sigmoid head: the bare GEMM applies no sigmoid, so its output would not compare.
    if (l.dilation == 1 && l.stride == 1 && l.activation != Activation::Sigmoid) {
      const std::size_t n = rows * std::size_t(l.cout);
      std::vector<float> reference(plan.rows(l.output), plan.rows(l.output) + n);
      qrs::bench::XnnpackFusedConv fused(l);
      double fused_ms = 1e30;
      for (int round = 0; round < 3; ++round)
        fused_ms = std::min(fused_ms, qrs::bench::median_ms(repeats, [&] {
                              fused.run(in, rows, plan.rows(l.output));
                            }));
      out.back().fused_gflops = flop / (fused_ms * 1e6);
      for (std::size_t i = 0; i < n; ++i)
        out.back().fused_max_diff =
            std::max(out.back().fused_max_diff, std::abs(plan.rows(l.output)[i] - reference[i]));
    }
#endif
  }
  return out;
}

}  // namespace

#if defined(__EMSCRIPTEN__)
// For the Chromium benchmark page: a JSON array of the figures (the string lives until the next
// call).
extern "C" EMSCRIPTEN_KEEPALIVE const char* bench_conv_layers_json(const std::uint8_t* bytes,
                                                                   std::size_t size, int length,
                                                                   int repeats) {
  static std::string json;
  json = "[";
  for (const LayerFigures& f : measure(bytes, size, std::size_t(length), repeats)) {
    char row[384];
    std::snprintf(row, sizeof row,
                  "%s{\"layer\":\"%s\",\"rows\":%zu,\"cin\":%zu,\"cout\":%zu,\"taps\":%zu,"
                  "\"builtin\":%.3f,\"xnnpack\":%.3f,\"xnnpackFused\":%.3f,\"fusedMaxDiff\":%.2e}",
                  json.size() > 1 ? "," : "", f.name.c_str(), f.rows, f.cin, f.cout, f.taps,
                  f.builtin_gflops, f.xnnpack_gflops, f.fused_gflops, double(f.fused_max_diff));
    json += row;
  }
  json += "]";
  return json.c_str();
}
#else
int main(int argc, char** argv) {
  const qrs::bench::ModelArgs args = qrs::bench::parse_model_args(argc, argv, 2512, 15);
  std::printf("%-22s %6s %4s %4s %4s %12s %12s %8s\n", "conv1d layer", "rows", "cin", "cout",
              "taps", "builtin", "xnnpack", "x/b");
  for (const LayerFigures& f :
       measure(args.model.data(), args.model.size(), args.length, args.repeats))
    std::printf("%-22s %6zu %4zu %4zu %4zu %12.2f %12.2f %8.2f\n", f.name.c_str(), f.rows, f.cin,
                f.cout, f.taps, f.builtin_gflops, f.xnnpack_gflops,
                f.xnnpack_gflops / f.builtin_gflops);
  std::printf("(GFLOP/s, one thread; x/b = XNNPACK / built-in)\n");
  return 0;
}
#endif
