// Weight packing shared by every conv1d_nwc variant, and the list of variants in this build.
#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

std::size_t packed_conv1d_nwc_size(std::size_t nr, std::size_t cout, std::size_t cin,
                                   std::size_t taps) {
  const std::size_t blocks = (cout + nr - 1) / nr;
  return blocks * nr * (1 + taps * cin);
}

void pack_conv1d_nwc(std::size_t nr, std::size_t cout, std::size_t cin, std::size_t taps,
                     const float* weight, const float* bias, float* packed) {
  for (std::size_t c0 = 0; c0 < cout; c0 += nr) {
    for (std::size_t j = 0; j < nr; ++j) {
      const std::size_t co = c0 + j;
      *packed++ = (co < cout && bias) ? bias[co] : 0.0f;
    }
    for (std::size_t m = 0; m < taps; ++m)
      for (std::size_t ci = 0; ci < cin; ++ci)
        for (std::size_t j = 0; j < nr; ++j) {
          const std::size_t co = c0 + j;
          *packed++ = co < cout ? weight[(co * cin + ci) * taps + m] : 0.0f;
        }
  }
}

namespace {
bool always() { return true; }
}  // namespace

const std::vector<Conv1dNwcVariant>& conv1d_nwc_variants() {
  static const std::vector<Conv1dNwcVariant> variants = {
      {"f32-conv1d-nwc-2x4-scalar", f32_conv1d_nwc_2x4_scalar, 2, 4, always},
#if defined(__x86_64__) || defined(__i386__)
      {"f32-conv1d-nwc-4x8-sse", f32_conv1d_nwc_4x8_sse, 4, 8, always},
      {"f32-conv1d-nwc-8x8-avx2fma", f32_conv1d_nwc_8x8_avx2fma, 8, 8, cpu_has_avx2_fma},
      {"f32-conv1d-nwc-4x16-avx2fma", f32_conv1d_nwc_4x16_avx2fma, 4, 16, cpu_has_avx2_fma},
#endif
#if defined(__wasm_simd128__)
      {"f32-conv1d-nwc-4x8-wasmsimd", f32_conv1d_nwc_4x8_wasmsimd, 4, 8, always},
#if defined(__wasm_relaxed_simd__)
      {"f32-conv1d-nwc-4x8-wasmrelaxedsimd", f32_conv1d_nwc_4x8_wasmrelaxedsimd, 4, 8, always},
#endif
#endif
  };
  return variants;
}

}  // namespace qrs::nn::kernels
