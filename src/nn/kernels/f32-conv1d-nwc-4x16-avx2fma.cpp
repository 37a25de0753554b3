// conv1d_nwc, 4 rows x 16 output channels, AVX2 + FMA. Compiled with a function-level target so
// the rest of the build stays baseline x86-64; chosen at run time only when the CPU has both.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <algorithm>

#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

bool cpu_has_avx2_fma() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

__attribute__((target("avx2,fma"))) void f32_conv1d_nwc_4x16_avx2fma(const Conv1dNwcArgs& a) {
  constexpr std::size_t MR = 4, NR = 16;
  const std::size_t block = NR * (1 + a.taps * a.cin);
  const __m256 vmin = _mm256_set1_ps(a.out_min), vmax = _mm256_set1_ps(a.out_max);
  for (std::size_t t = 0; t < a.rows; t += MR) {
    const float* x0 = a.x + std::min(t + 0, a.rows - 1) * a.row_stride;
    const float* x1 = a.x + std::min(t + 1, a.rows - 1) * a.row_stride;
    const float* x2 = a.x + std::min(t + 2, a.rows - 1) * a.row_stride;
    const float* x3 = a.x + std::min(t + 3, a.rows - 1) * a.row_stride;
    for (std::size_t c0 = 0; c0 < a.cout; c0 += NR) {
      const float* w = a.packed + (c0 / NR) * block;
      __m256 a00 = _mm256_loadu_ps(w), a01 = _mm256_loadu_ps(w + 8);
      __m256 a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01;
      w += NR;
      for (std::size_t m = 0; m < a.taps; ++m) {
        const std::size_t off = m * a.tap_stride;
        const float *p0 = x0 + off, *p1 = x1 + off, *p2 = x2 + off, *p3 = x3 + off;
        for (std::size_t ci = 0; ci < a.cin; ++ci, w += NR) {
          const __m256 w0 = _mm256_loadu_ps(w), w1 = _mm256_loadu_ps(w + 8);
          __m256 v = _mm256_broadcast_ss(p0 + ci);
          a00 = _mm256_fmadd_ps(v, w0, a00);
          a01 = _mm256_fmadd_ps(v, w1, a01);
          v = _mm256_broadcast_ss(p1 + ci);
          a10 = _mm256_fmadd_ps(v, w0, a10);
          a11 = _mm256_fmadd_ps(v, w1, a11);
          v = _mm256_broadcast_ss(p2 + ci);
          a20 = _mm256_fmadd_ps(v, w0, a20);
          a21 = _mm256_fmadd_ps(v, w1, a21);
          v = _mm256_broadcast_ss(p3 + ci);
          a30 = _mm256_fmadd_ps(v, w0, a30);
          a31 = _mm256_fmadd_ps(v, w1, a31);
        }
      }
      const __m256 acc[4][2] = {{a00, a01}, {a10, a11}, {a20, a21}, {a30, a31}};
      const std::size_t n = std::min(NR, a.cout - c0);
      // Rows past the end were computed from the last row; store in reverse so the real last
      // row's own store is the one that lands last (all hold the same values anyway).
      for (std::size_t r = MR; r-- > 0;) {
        if (t + r >= a.rows) continue;
        float* y = a.y + (t + r) * a.y_stride + c0;
        const __m256 o0 = _mm256_min_ps(_mm256_max_ps(acc[r][0], vmin), vmax);
        const __m256 o1 = _mm256_min_ps(_mm256_max_ps(acc[r][1], vmin), vmax);
        if (n == NR) {
          _mm256_storeu_ps(y, o0);
          _mm256_storeu_ps(y + 8, o1);
        } else {
          float tmp[NR];
          _mm256_storeu_ps(tmp, o0);
          _mm256_storeu_ps(tmp + 8, o1);
          std::copy(tmp, tmp + n, y);
        }
      }
    }
  }
}

}  // namespace qrs::nn::kernels
#endif
