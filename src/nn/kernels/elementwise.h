#pragma once
// f32 element-wise and data-movement kernels over channels-last [rows, channels] buffers. These
// are memory-bound and a small share of the run time next to convolution, so they are plain loops
// the compiler vectorises (SSE natively, SIMD128 under -msimd128), not hand-written per ISA.
#include <cstddef>

namespace qrs::nn::kernels {

void f32_vrelu(const float* x, float* y, std::size_t n);
void f32_vsigmoid(const float* x, float* y, std::size_t n);
void f32_vadd(const float* a, const float* b, float* y, std::size_t n);
// Softmax over the channels of each row; numerically stable (subtracts the row maximum).
void f32_softmax_rows(const float* x, float* y, std::size_t rows, std::size_t channels);
// y[t, c] = max_{j<kernel} x[t*stride + j, c]
void f32_maxpool1d_nwc(const float* x, std::size_t channels, std::size_t kernel, std::size_t stride,
                       float* y, std::size_t out_rows);
// y[t, c] = x[t / scale, c]
void f32_upsample_nearest1d_nwc(const float* x, std::size_t in_rows, std::size_t channels,
                                std::size_t scale, float* y);
// Copies `rows` rows of `channels` floats from x (row stride x_stride) to y (row stride y_stride).
void f32_copy_rows(const float* x, std::size_t x_stride, float* y, std::size_t y_stride,
                   std::size_t rows, std::size_t channels);

}  // namespace qrs::nn::kernels
