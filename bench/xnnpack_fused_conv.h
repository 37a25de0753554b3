#pragma once
// An experiment for docs/performance.md ("Where XNNPACK loses in WebAssembly"): XNNPACK's own f32
// GEMM micro-kernel run over a conv1d's input the way the built-in kernel reads it. With dilation
// 1 and stride 1, output row i reads input rows i - pad_left .. i - pad_left + K - 1, which lie
// back to back in memory: as a GEMM row of K x cin values starting cin floats after row i - 1's.
// So one GEMM with overlapping rows (a_stride = cin floats, kc = K x cin) computes the conv, taps
// and channels fused into one loop, without XNNPACK's convolution operator and its indirection
// buffer (a pointer per row and tap, the k-loop restarted per tap). The zero halo rows of the
// ActivationPlan stand in for the padding, as for the built-in kernel.
// Wasm SIMD builds only: the micro-kernels named are XNNPACK's wasm ones (the prod list has them).
#if defined(__EMSCRIPTEN__) && defined(__wasm_simd128__)
#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "nn/graph.h"

struct xnn_f32_minmax_params {  // src/xnnpack/microparams.h
  struct {
    float min, max;
  } scalar;
};

#if defined(__wasm_relaxed_simd__)
#define QRS_XNN_GEMM_4X8 xnn_f32_gemm_minmax_ukernel_4x8__wasmrelaxedsimd_fma_loadsplat
#define QRS_XNN_GEMM_4X8_NAME "4x8 wasmrelaxedsimd_fma_loadsplat"
#else
#define QRS_XNN_GEMM_4X8 xnn_f32_gemm_minmax_ukernel_4x8__wasmsimd_x86_loadsplat
#define QRS_XNN_GEMM_4X8_NAME "4x8 wasmsimd_x86_loadsplat"
#endif

extern "C" void QRS_XNN_GEMM_4X8(std::size_t mr, std::size_t nc, std::size_t kc, const float* a,
                                 std::size_t a_stride, const float* w, float* c,
                                 std::size_t cm_stride, std::size_t cn_stride,
                                 const xnn_f32_minmax_params* params);

namespace qrs::bench {

class XnnpackFusedConv {
 public:
  static constexpr std::size_t kMr = 4, kNr = 8;

  explicit XnnpackFusedConv(const nn::Layer& l)
      : cin_(std::size_t(l.cin)),
        cout_(std::size_t(l.cout)),
        taps_(std::size_t(l.kernel)),
        pad_left_(std::size_t(l.pad_left)) {
    // XNNPACK's GEMM packing: per block of 8 output channels, 8 biases, then 8 weights per k,
    // k = tap x cin + channel (the order of the overlapping input row).
    const std::size_t blocks = (cout_ + kNr - 1) / kNr, kc = taps_ * cin_;
    packed_.assign(blocks * kNr * (1 + kc), 0.0f);
    for (std::size_t b = 0; b < blocks; ++b) {
      float* w = packed_.data() + b * kNr * (1 + kc);
      for (std::size_t j = 0; j < kNr && b * kNr + j < cout_; ++j) {
        const std::size_t o = b * kNr + j;
        w[j] = l.bias.empty() ? 0.0f : l.bias[o];
        for (std::size_t m = 0; m < taps_; ++m)
          for (std::size_t c = 0; c < cin_; ++c)
            w[kNr * (1 + m * cin_ + c) + j] = l.weight[(o * cin_ + c) * taps_ + m];
      }
    }
    params_.scalar.min =
        l.activation == nn::Activation::Relu ? 0.0f : -std::numeric_limits<float>::infinity();
    params_.scalar.max = std::numeric_limits<float>::infinity();
  }

  // x: row 0 of the input (zero halo rows around it); y: rows x cout.
  void run(const float* x, std::size_t rows, float* y) const {
    const float* row0 = x - pad_left_ * cin_;
    for (std::size_t i = 0; i < rows; i += kMr)
      QRS_XNN_GEMM_4X8(std::min(kMr, rows - i), cout_, taps_ * cin_ * sizeof(float),
                       row0 + i * cin_, cin_ * sizeof(float), packed_.data(), y + i * cout_,
                       cout_ * sizeof(float), kNr * sizeof(float), &params_);
  }

 private:
  std::size_t cin_, cout_, taps_, pad_left_;
  std::vector<float> packed_;
  xnn_f32_minmax_params params_;
};

}  // namespace qrs::bench
#endif
