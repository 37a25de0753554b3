// conv1d_nwc, 4 rows x 8 output channels, WebAssembly SIMD128 (built with -msimd128).
//
// With dilation 1 (tap_stride == cin) a row's taps x cin inputs are adjacent in memory, as are the
// packed weights ([tap][cin][8]), so the tap and channel loops fuse into one run of taps*cin steps:
// the first layer (cin = 1) then runs 7 steps per tile instead of 7 loops of one (3.0 -> 4.5
// GFLOP/s under V8, bench/conv1d_kernels.cpp). Tiles tried and measured slower under V8 (Chromium
// 156 / node 20 on AMD EPYC): 6x8 load-splat and 4x8 with 4-wide loads + shuffle splats (see
// docs/performance.md).
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include <algorithm>

#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

void f32_conv1d_nwc_4x8_wasmsimd(const Conv1dNwcArgs& a) {
  constexpr std::size_t MR = 4, NR = 8;
  const std::size_t block = NR * (1 + a.taps * a.cin);
  const bool adjacent_taps = a.tap_stride == a.cin;
  const std::size_t run = adjacent_taps ? a.taps * a.cin : a.cin;
  const std::size_t runs = adjacent_taps ? 1 : a.taps;
  const v128_t vmin = wasm_f32x4_splat(a.out_min), vmax = wasm_f32x4_splat(a.out_max);
  for (std::size_t t = 0; t < a.rows; t += MR) {
    const float* x0 = a.x + std::min(t + 0, a.rows - 1) * a.row_stride;
    const float* x1 = a.x + std::min(t + 1, a.rows - 1) * a.row_stride;
    const float* x2 = a.x + std::min(t + 2, a.rows - 1) * a.row_stride;
    const float* x3 = a.x + std::min(t + 3, a.rows - 1) * a.row_stride;
    for (std::size_t c0 = 0; c0 < a.cout; c0 += NR) {
      const float* w = a.packed + (c0 / NR) * block;
      v128_t a00 = wasm_v128_load(w), a01 = wasm_v128_load(w + 4);
      v128_t a10 = a00, a11 = a01, a20 = a00, a21 = a01, a30 = a00, a31 = a01;
      w += NR;
      for (std::size_t m = 0; m < runs; ++m) {
        const std::size_t off = m * a.tap_stride;
        const float *p0 = x0 + off, *p1 = x1 + off, *p2 = x2 + off, *p3 = x3 + off;
        for (std::size_t ci = 0; ci < run; ++ci, w += NR) {
          const v128_t w0 = wasm_v128_load(w), w1 = wasm_v128_load(w + 4);
          v128_t v = wasm_v128_load32_splat(p0 + ci);
          a00 = wasm_f32x4_add(a00, wasm_f32x4_mul(v, w0));
          a01 = wasm_f32x4_add(a01, wasm_f32x4_mul(v, w1));
          v = wasm_v128_load32_splat(p1 + ci);
          a10 = wasm_f32x4_add(a10, wasm_f32x4_mul(v, w0));
          a11 = wasm_f32x4_add(a11, wasm_f32x4_mul(v, w1));
          v = wasm_v128_load32_splat(p2 + ci);
          a20 = wasm_f32x4_add(a20, wasm_f32x4_mul(v, w0));
          a21 = wasm_f32x4_add(a21, wasm_f32x4_mul(v, w1));
          v = wasm_v128_load32_splat(p3 + ci);
          a30 = wasm_f32x4_add(a30, wasm_f32x4_mul(v, w0));
          a31 = wasm_f32x4_add(a31, wasm_f32x4_mul(v, w1));
        }
      }
      const v128_t acc[4][2] = {{a00, a01}, {a10, a11}, {a20, a21}, {a30, a31}};
      const std::size_t n = std::min(NR, a.cout - c0);
      for (std::size_t r = 0; r < MR && t + r < a.rows; ++r) {
        float* y = a.y + (t + r) * a.y_stride + c0;
        // pmin/pmax are the single-instruction forms (no NaN fix-up), like x86 minps/maxps.
        const v128_t o0 = wasm_f32x4_pmin(wasm_f32x4_pmax(acc[r][0], vmin), vmax);
        const v128_t o1 = wasm_f32x4_pmin(wasm_f32x4_pmax(acc[r][1], vmin), vmax);
        if (n == NR) {
          wasm_v128_store(y, o0);
          wasm_v128_store(y + 4, o1);
        } else {
          float tmp[NR];
          wasm_v128_store(tmp, o0);
          wasm_v128_store(tmp + 4, o1);
          std::copy(tmp, tmp + n, y);
        }
      }
    }
  }
}

}  // namespace qrs::nn::kernels
#endif
