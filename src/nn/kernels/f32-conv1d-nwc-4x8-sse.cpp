// conv1d_nwc, 4 rows x 8 output channels, SSE (baseline on every x86-64 CPU).
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <algorithm>

#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

void f32_conv1d_nwc_4x8_sse(const Conv1dNwcArgs& a) {
  constexpr std::size_t MR = 4, NR = 8;
  const std::size_t block = NR * (1 + a.taps * a.cin);
  const __m128 vmin = _mm_set1_ps(a.out_min), vmax = _mm_set1_ps(a.out_max);
  for (std::size_t t = 0; t < a.rows; t += MR) {
    const float* x[MR];
    float* y[MR];
    for (std::size_t r = 0; r < MR; ++r) {
      const std::size_t row = std::min(t + r, a.rows - 1);  // clamp: recompute the last row
      x[r] = a.x + row * a.row_stride;
      y[r] = a.y + row * a.y_stride;
    }
    for (std::size_t c0 = 0; c0 < a.cout; c0 += NR) {
      const float* w = a.packed + (c0 / NR) * block;
      __m128 acc[MR][2];
      const __m128 b0 = _mm_loadu_ps(w), b1 = _mm_loadu_ps(w + 4);
      for (std::size_t r = 0; r < MR; ++r) {
        acc[r][0] = b0;
        acc[r][1] = b1;
      }
      w += NR;
      for (std::size_t m = 0; m < a.taps; ++m) {
        const std::size_t off = m * a.tap_stride;
        for (std::size_t ci = 0; ci < a.cin; ++ci, w += NR) {
          const __m128 w0 = _mm_loadu_ps(w), w1 = _mm_loadu_ps(w + 4);
          for (std::size_t r = 0; r < MR; ++r) {
            const __m128 v = _mm_set1_ps(x[r][off + ci]);
            acc[r][0] = _mm_add_ps(acc[r][0], _mm_mul_ps(v, w0));
            acc[r][1] = _mm_add_ps(acc[r][1], _mm_mul_ps(v, w1));
          }
        }
      }
      const std::size_t n = std::min(NR, a.cout - c0);
      for (std::size_t r = 0; r < MR; ++r) {
        const __m128 o0 = _mm_min_ps(_mm_max_ps(acc[r][0], vmin), vmax);
        const __m128 o1 = _mm_min_ps(_mm_max_ps(acc[r][1], vmin), vmax);
        if (n == NR) {
          _mm_storeu_ps(y[r] + c0, o0);
          _mm_storeu_ps(y[r] + c0 + 4, o1);
        } else {
          float tmp[NR];
          _mm_storeu_ps(tmp, o0);
          _mm_storeu_ps(tmp + 4, o1);
          std::copy(tmp, tmp + n, y[r] + c0);
        }
      }
    }
  }
}

}  // namespace qrs::nn::kernels
#endif
