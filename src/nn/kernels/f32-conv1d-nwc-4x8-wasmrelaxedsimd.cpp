// conv1d_nwc, 4 rows x 8 output channels, WebAssembly SIMD128 + relaxed SIMD (built with
// -msimd128 -mrelaxed-simd, the "relaxed" module variant): one f32x4.relaxed_madd per 4 MACs
// instead of mul + add, which V8 on x86-64 with FMA3 turns into one vfmadd. Results differ from
// the mul + add kernels only by rounding (fused or not, as the engine decides).
#include "nn/kernels/conv1d_nwc_wasmsimd_tile.h"

#if defined(__wasm_relaxed_simd__)
namespace qrs::nn::kernels {

void f32_conv1d_nwc_4x8_wasmrelaxedsimd(const Conv1dNwcArgs& a) {
  wasm::conv1d_nwc_tile<4, 2, true>(a);
}

}  // namespace qrs::nn::kernels
#endif
