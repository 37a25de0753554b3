// Every conv1d_nwc kernel variant on the shipped model's layer shapes (U-Net qrs-unet-small:
// 12-16-24-32-48 channels, kernel 7, a 10 s lead at 250 Hz = 2512 rows at level 0, halved per
// level; decoder convs see the concatenated skip channels), GFLOP/s per variant. Each variant's
// output is also compared with the scalar reference, so a wasm build (bench/wasm/build_phases.sh)
// checks the wasm-only kernels that the native GoogleTest suite cannot run.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "nn/kernels/conv1d_nwc.h"
#include "timing.h"

int main() {
  using namespace qrs::nn::kernels;
  struct Shape { std::size_t rows, cin, cout, taps; };
  const Shape shapes[] = {{2512, 1, 12, 7},   {2512, 12, 12, 7}, {1256, 12, 16, 7},
                          {1256, 16, 16, 7},  {628, 16, 24, 7},  {628, 24, 24, 7},
                          {314, 24, 32, 7},   {314, 32, 32, 7},  {157, 32, 48, 7},
                          {157, 48, 48, 7},   {314, 80, 32, 7},  {628, 56, 24, 7},
                          {1256, 40, 16, 7},  {2512, 28, 12, 7}, {2512, 12, 2, 1}};
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::printf("%-6s %-5s %-5s %-4s", "rows", "cin", "cout", "taps");
  for (const auto& v : conv1d_nwc_variants())
    if (v.supported()) std::printf(" %30s", v.name);
  std::printf("   (GFLOP/s)\n");
  double worst = 0;
  for (const Shape& s : shapes) {
    std::vector<float> x((s.rows + s.taps) * s.cin), w(s.cout * s.cin * s.taps), b(s.cout);
    std::vector<float> y(s.rows * s.cout), reference(s.rows * s.cout);
    for (float& f : x) f = dist(rng);
    for (float& f : w) f = dist(rng);
    for (float& f : b) f = dist(rng);
    std::printf("%-6zu %-5zu %-5zu %-4zu", s.rows, s.cin, s.cout, s.taps);
    // Three rounds with the variants interleaved, best round kept: on a shared machine another
    // process's burst then hits every variant alike instead of deciding the comparison.
    std::vector<double> best_ms;
    for (int round = 0; round < 3; ++round) {
      std::size_t k = 0;
      for (const auto& v : conv1d_nwc_variants()) {
        if (!v.supported()) continue;
        std::vector<float> packed(packed_conv1d_nwc_size(v.nr, s.cout, s.cin, s.taps));
        pack_conv1d_nwc(v.nr, s.cout, s.cin, s.taps, w.data(), b.data(), packed.data());
        Conv1dNwcArgs a;
        a.rows = s.rows; a.cout = s.cout; a.cin = s.cin; a.taps = s.taps; a.x = x.data();
        a.row_stride = s.cin; a.tap_stride = s.cin; a.packed = packed.data(); a.y = y.data();
        a.y_stride = s.cout;
        const double ms = qrs::bench::median_ms(7, [&] { v.run(a); });
        if (k == 0) reference = y;  // the scalar variant is listed first
        for (std::size_t i = 0; i < y.size(); ++i)
          worst = std::max(worst, double(std::fabs(y[i] - reference[i])));
        if (best_ms.size() <= k) best_ms.push_back(ms);
        best_ms[k] = std::min(best_ms[k], ms);
        ++k;
      }
    }
    for (double ms : best_ms) std::printf(" %30.2f", 2.0 * s.rows * s.cin * s.cout * s.taps / (ms * 1e6));
    std::printf("\n");
  }
  std::printf("largest difference from the scalar reference: %.3g\n", worst);
  return worst < 1e-3 ? 0 : 1;
}
