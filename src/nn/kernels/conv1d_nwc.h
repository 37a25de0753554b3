#pragma once
// f32 conv1d micro-kernels over channels-last (NWC) activations, computed as a GEMM over
// (taps x input channels) without im2col: row t of the implicit A matrix is read directly from the
// (zero-haloed) input at x + t * row_stride + m * tap_stride for tap m.
//
//   y[t * y_stride + co] = clamp(bias[co] + sum_m sum_ci x[t*row_stride + m*tap_stride + ci] *
//                                W[co, ci, m],  out_min, out_max)      for t < rows, co < cout
//
// Weights are packed once per layer by pack_conv1d_nwc() for the kernel's NR (output-channel
// tile); MR is the number of output rows each inner step computes. Kernels differ only in tile and
// ISA; each one's name says both. conv1d_nwc_variants() is the one list the kernel table, the
// tests and the benchmarks iterate.
#include <cstddef>
#include <vector>

namespace qrs::nn::kernels {

struct Conv1dNwcArgs {
  std::size_t rows = 0, cout = 0, cin = 0, taps = 1;
  const float* x = nullptr;
  std::size_t row_stride = 0;  // floats between consecutive output rows' inputs (stride * cin)
  std::size_t tap_stride = 0;  // floats between taps (dilation * cin)
  const float* packed = nullptr;
  float* y = nullptr;
  std::size_t y_stride = 0;  // floats between output rows (>= cout)
  float out_min = -3.4e38f, out_max = 3.4e38f;
};

using Conv1dNwcKernel = void (*)(const Conv1dNwcArgs& args);

struct Conv1dNwcVariant {
  const char* name;  // e.g. "f32-conv1d-nwc-4x16-avx2fma"
  Conv1dNwcKernel run;
  std::size_t mr, nr;
  bool (*supported)();  // can this CPU run it?
};

// Size in floats of the packed weights for the given tile.
std::size_t packed_conv1d_nwc_size(std::size_t nr, std::size_t cout, std::size_t cin,
                                   std::size_t taps);

// weight: PyTorch layout [cout, cin, taps]; bias: [cout] or nullptr (zeros).
// Packed: per block of nr output channels, nr biases then for each tap, for each input channel,
// nr weights; channels past cout are zero.
void pack_conv1d_nwc(std::size_t nr, std::size_t cout, std::size_t cin, std::size_t taps,
                     const float* weight, const float* bias, float* packed);

// Every variant compiled into this build, slowest first (scalar first).
const std::vector<Conv1dNwcVariant>& conv1d_nwc_variants();

// Declarations of the variants (defined one per file).
void f32_conv1d_nwc_2x4_scalar(const Conv1dNwcArgs& args);
#if defined(__x86_64__) || defined(__i386__)
void f32_conv1d_nwc_4x8_sse(const Conv1dNwcArgs& args);
void f32_conv1d_nwc_8x8_avx2fma(const Conv1dNwcArgs& args);
void f32_conv1d_nwc_4x16_avx2fma(const Conv1dNwcArgs& args);
bool cpu_has_avx2_fma();
#endif
#if defined(__wasm_simd128__)
void f32_conv1d_nwc_4x8_wasmsimd(const Conv1dNwcArgs& args);
#endif
#if defined(__wasm_relaxed_simd__)
void f32_conv1d_nwc_4x8_wasmrelaxedsimd(const Conv1dNwcArgs& args);
#endif

}  // namespace qrs::nn::kernels
