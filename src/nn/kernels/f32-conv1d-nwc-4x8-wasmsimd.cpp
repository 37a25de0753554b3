// conv1d_nwc, 4 rows x 8 output channels, WebAssembly SIMD128 (built with -msimd128): f32x4 mul +
// add. Tried under V8 (Chromium 156 / node 20 on AMD EPYC) and not faster: 6x8 load-splat, 4x8
// with 4-wide loads + shuffle splats, 5x8 and 4x12 (register spills), 2x16 (the same), the
// reduction loop unrolled by 2 by hand (slower: clang already unrolls it by 4); see
// docs/performance.md.
#include "nn/kernels/conv1d_nwc_wasmsimd_tile.h"

#if defined(__wasm_simd128__)
namespace qrs::nn::kernels {

void f32_conv1d_nwc_4x8_wasmsimd(const Conv1dNwcArgs& a) {
  wasm::conv1d_nwc_tile<4, 2, false>(a);
}

}  // namespace qrs::nn::kernels
#endif
