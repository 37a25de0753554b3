// Portable conv1d_nwc kernel, 2 rows x 4 output channels in scalar registers. It is the fallback
// for WebAssembly without SIMD and the reference every other variant is tested against.
#include <algorithm>

#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

void f32_conv1d_nwc_2x4_scalar(const Conv1dNwcArgs& a) {
  constexpr std::size_t MR = 2, NR = 4;
  const std::size_t block = NR * (1 + a.taps * a.cin);
  for (std::size_t t = 0; t < a.rows; t += MR) {
    // Past the last row, recompute the last row again (same value, same place) instead of branching.
    const float* x0 = a.x + t * a.row_stride;
    const float* x1 = t + 1 < a.rows ? x0 + a.row_stride : x0;
    float* y0 = a.y + t * a.y_stride;
    float* y1 = t + 1 < a.rows ? y0 + a.y_stride : y0;
    for (std::size_t c0 = 0; c0 < a.cout; c0 += NR) {
      const float* w = a.packed + (c0 / NR) * block;
      float acc0[NR], acc1[NR];
      for (std::size_t j = 0; j < NR; ++j) acc0[j] = acc1[j] = w[j];
      w += NR;
      for (std::size_t m = 0; m < a.taps; ++m) {
        const float* p0 = x0 + m * a.tap_stride;
        const float* p1 = x1 + m * a.tap_stride;
        for (std::size_t ci = 0; ci < a.cin; ++ci, w += NR) {
          const float v0 = p0[ci], v1 = p1[ci];
          for (std::size_t j = 0; j < NR; ++j) {
            acc0[j] += v0 * w[j];
            acc1[j] += v1 * w[j];
          }
        }
      }
      const std::size_t n = std::min(NR, a.cout - c0);
      for (std::size_t j = 0; j < n; ++j) {
        y0[c0 + j] = std::min(std::max(acc0[j], a.out_min), a.out_max);
        y1[c0 + j] = std::min(std::max(acc1[j], a.out_min), a.out_max);
      }
    }
  }
}

}  // namespace qrs::nn::kernels
