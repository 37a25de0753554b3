// Every conv1d_nwc kernel variant on the real model's layer shapes (U-Net levels 16-32-64-128
// channels, kernel 9, 2048 samples at level 0, halved per level), GFLOP/s per variant.
#include <cstdio>
#include <random>
#include <vector>

#include "nn/kernels/conv1d_nwc.h"
#include "timing.h"

int main() {
  using namespace qrs::nn::kernels;
  struct Shape { std::size_t rows, cin, cout, taps; };
  const Shape shapes[] = {{2048, 1, 16, 9},   {2048, 16, 16, 9},  {1024, 16, 32, 9},
                          {1024, 32, 32, 9},  {512, 32, 64, 9},   {512, 64, 64, 9},
                          {256, 64, 128, 9},  {256, 128, 128, 9}, {512, 192, 64, 9},
                          {1024, 96, 32, 9},  {2048, 48, 16, 9},  {2048, 16, 2, 1}};
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  std::printf("%-8s %-6s %-6s %-5s", "rows", "cin", "cout", "taps");
  for (const auto& v : conv1d_nwc_variants())
    if (v.supported()) std::printf(" %28s", v.name);
  std::printf("   (GFLOP/s)\n");
  for (const Shape& s : shapes) {
    std::vector<float> x((s.rows + s.taps) * s.cin), w(s.cout * s.cin * s.taps), y(s.rows * s.cout);
    for (float& f : x) f = dist(rng);
    for (float& f : w) f = dist(rng);
    std::printf("%-8zu %-6zu %-6zu %-5zu", s.rows, s.cin, s.cout, s.taps);
    for (const auto& v : conv1d_nwc_variants()) {
      if (!v.supported()) continue;
      std::vector<float> packed(packed_conv1d_nwc_size(v.nr, s.cout, s.cin, s.taps));
      pack_conv1d_nwc(v.nr, s.cout, s.cin, s.taps, w.data(), nullptr, packed.data());
      Conv1dNwcArgs a;
      a.rows = s.rows; a.cout = s.cout; a.cin = s.cin; a.taps = s.taps; a.x = x.data();
      a.row_stride = s.cin; a.tap_stride = s.cin; a.packed = packed.data(); a.y = y.data();
      a.y_stride = s.cout;
      double ms = qrs::bench::median_ms(15, [&] { v.run(a); });
      std::printf(" %28.2f", 2.0 * s.rows * s.cin * s.cout * s.taps / (ms * 1e6));
    }
    std::printf("\n");
  }
  return 0;
}
