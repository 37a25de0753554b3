// conv1d_nwc, 8 rows x 8 output channels, AVX2 + FMA: for layers with <= 8 output channels, where
// the 16-wide tile would spend half of every FMA on zero padding. Run-time selected like 4x16.
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include <algorithm>

#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

__attribute__((target("avx2,fma"))) void f32_conv1d_nwc_8x8_avx2fma(const Conv1dNwcArgs& a) {
  constexpr std::size_t MR = 8, NR = 8;
  const std::size_t block = NR * (1 + a.taps * a.cin);
  const __m256 vmin = _mm256_set1_ps(a.out_min), vmax = _mm256_set1_ps(a.out_max);
  for (std::size_t t = 0; t < a.rows; t += MR) {
    const float* x[MR];
    for (std::size_t r = 0; r < MR; ++r) x[r] = a.x + std::min(t + r, a.rows - 1) * a.row_stride;
    for (std::size_t c0 = 0; c0 < a.cout; c0 += NR) {
      const float* w = a.packed + (c0 / NR) * block;
      __m256 acc0 = _mm256_loadu_ps(w), acc1 = acc0, acc2 = acc0, acc3 = acc0, acc4 = acc0,
             acc5 = acc0, acc6 = acc0, acc7 = acc0;
      w += NR;
      for (std::size_t m = 0; m < a.taps; ++m) {
        const std::size_t off = m * a.tap_stride;
        const float *p0 = x[0] + off, *p1 = x[1] + off, *p2 = x[2] + off, *p3 = x[3] + off;
        const float *p4 = x[4] + off, *p5 = x[5] + off, *p6 = x[6] + off, *p7 = x[7] + off;
        for (std::size_t ci = 0; ci < a.cin; ++ci, w += NR) {
          const __m256 wv = _mm256_loadu_ps(w);
          acc0 = _mm256_fmadd_ps(_mm256_broadcast_ss(p0 + ci), wv, acc0);
          acc1 = _mm256_fmadd_ps(_mm256_broadcast_ss(p1 + ci), wv, acc1);
          acc2 = _mm256_fmadd_ps(_mm256_broadcast_ss(p2 + ci), wv, acc2);
          acc3 = _mm256_fmadd_ps(_mm256_broadcast_ss(p3 + ci), wv, acc3);
          acc4 = _mm256_fmadd_ps(_mm256_broadcast_ss(p4 + ci), wv, acc4);
          acc5 = _mm256_fmadd_ps(_mm256_broadcast_ss(p5 + ci), wv, acc5);
          acc6 = _mm256_fmadd_ps(_mm256_broadcast_ss(p6 + ci), wv, acc6);
          acc7 = _mm256_fmadd_ps(_mm256_broadcast_ss(p7 + ci), wv, acc7);
        }
      }
      const __m256 acc[MR] = {acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7};
      const std::size_t n = std::min(NR, a.cout - c0);
      for (std::size_t r = 0; r < MR && t + r < a.rows; ++r) {
        float* y = a.y + (t + r) * a.y_stride + c0;
        const __m256 o = _mm256_min_ps(_mm256_max_ps(acc[r], vmin), vmax);
        if (n == NR) {
          _mm256_storeu_ps(y, o);
        } else {
          float tmp[NR];
          _mm256_storeu_ps(tmp, o);
          std::copy(tmp, tmp + n, y);
        }
      }
    }
  }
}

}  // namespace qrs::nn::kernels
#endif
