#pragma once
// The WebAssembly SIMD conv1d_nwc micro-kernel as a template over the tile (MR rows x 4*NV output
// channels) and the multiply-add (plain f32x4 mul + add, or relaxed-SIMD madd); each
// f32-conv1d-nwc-*-wasm*.cpp instantiates one. Only included by those files.
//
// With dilation 1 (tap_stride == cin) a row's taps x cin inputs are adjacent in memory, as are the
// packed weights ([tap][cin][NR]), so the tap and channel loops fuse into one run of taps*cin steps
// (the first layer, cin = 1, then runs 7 steps per tile instead of 7 loops of one).
#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include <algorithm>
#include <cstddef>

#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels::wasm {

// a * b + c. Relaxed: one f32x4.relaxed_madd (fused or not, as the engine likes; V8 on x86 with
// FMA3 fuses). Emscripten 3.1.6's clang 14 only has the pre-standard builtin, which it encodes
// with the proposal's old opcode; the build rewrites it to relaxed_madd (cmake/wasm.cmake).
template <bool Relaxed>
inline v128_t madd(v128_t a, v128_t b, v128_t c) {
#if defined(__wasm_relaxed_simd__)
  if constexpr (Relaxed)
    return (v128_t)__builtin_wasm_fma_f32x4((__f32x4)a, (__f32x4)b, (__f32x4)c);
#endif
  return wasm_f32x4_add(wasm_f32x4_mul(a, b), c);
}

template <std::size_t MR, std::size_t NV, bool Relaxed>
void conv1d_nwc_tile(const Conv1dNwcArgs& a) {
  constexpr std::size_t NR = 4 * NV;
  const std::size_t block = NR * (1 + a.taps * a.cin);
  const bool adjacent_taps = a.tap_stride == a.cin;
  const std::size_t run = adjacent_taps ? a.taps * a.cin : a.cin;
  const std::size_t runs = adjacent_taps ? 1 : a.taps;
  const v128_t vmin = wasm_f32x4_splat(a.out_min), vmax = wasm_f32x4_splat(a.out_max);
  for (std::size_t t = 0; t < a.rows; t += MR) {
    const float* x[MR];
    for (std::size_t r = 0; r < MR; ++r) x[r] = a.x + std::min(t + r, a.rows - 1) * a.row_stride;
    for (std::size_t c0 = 0; c0 < a.cout; c0 += NR) {
      const float* w = a.packed + (c0 / NR) * block;
      v128_t acc[MR][NV];
      for (std::size_t j = 0; j < NV; ++j) acc[0][j] = wasm_v128_load(w + 4 * j);
      for (std::size_t r = 1; r < MR; ++r)
        for (std::size_t j = 0; j < NV; ++j) acc[r][j] = acc[0][j];
      w += NR;
      for (std::size_t m = 0; m < runs; ++m) {
        const std::size_t off = m * a.tap_stride;
        const float* p[MR];
        for (std::size_t r = 0; r < MR; ++r) p[r] = x[r] + off;
        for (std::size_t ci = 0; ci < run; ++ci, w += NR) {
          v128_t wv[NV];
          for (std::size_t j = 0; j < NV; ++j) wv[j] = wasm_v128_load(w + 4 * j);
          for (std::size_t r = 0; r < MR; ++r) {
            const v128_t v = wasm_v128_load32_splat(p[r] + ci);
            for (std::size_t j = 0; j < NV; ++j) acc[r][j] = madd<Relaxed>(v, wv[j], acc[r][j]);
          }
        }
      }
      const std::size_t n = std::min(NR, a.cout - c0);
      for (std::size_t r = 0; r < MR && t + r < a.rows; ++r) {
        float* y = a.y + (t + r) * a.y_stride + c0;
        // pmin/pmax are the single-instruction forms (no NaN fix-up), like x86 minps/maxps.
        v128_t o[NV];
        for (std::size_t j = 0; j < NV; ++j)
          o[j] = wasm_f32x4_pmin(wasm_f32x4_pmax(acc[r][j], vmin), vmax);
        if (n == NR) {
          for (std::size_t j = 0; j < NV; ++j) wasm_v128_store(y + 4 * j, o[j]);
        } else {
          float tmp[NR];
          for (std::size_t j = 0; j < NV; ++j) wasm_v128_store(tmp + 4 * j, o[j]);
          std::copy(tmp, tmp + n, y);
        }
      }
    }
  }
}

}  // namespace qrs::nn::kernels::wasm
#endif
