#include <algorithm>
#include <cmath>
#include <cstring>

#include "nn/kernels/elementwise.h"

namespace qrs::nn::kernels {

void f32_vrelu(const float* x, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = std::max(x[i], 0.0f);
}

void f32_vsigmoid(const float* x, float* y, std::size_t n) {
  // Written on |x| so exp never overflows: for x < 0, sigmoid(x) = e / (1 + e) with e = exp(x).
  for (std::size_t i = 0; i < n; ++i) {
    const float e = std::exp(-std::fabs(x[i]));
    const float s = 1.0f / (1.0f + e);
    y[i] = x[i] >= 0.0f ? s : e * s;
  }
}

void f32_vadd(const float* a, const float* b, float* y, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = a[i] + b[i];
}

void f32_softmax_rows(const float* x, float* y, std::size_t rows, std::size_t channels) {
  for (std::size_t t = 0; t < rows; ++t, x += channels, y += channels) {
    float peak = x[0];
    for (std::size_t c = 1; c < channels; ++c) peak = std::max(peak, x[c]);
    float sum = 0.0f;
    for (std::size_t c = 0; c < channels; ++c) sum += (y[c] = std::exp(x[c] - peak));
    const float inv = 1.0f / sum;
    for (std::size_t c = 0; c < channels; ++c) y[c] *= inv;
  }
}

void f32_maxpool1d_nwc(const float* x, std::size_t channels, std::size_t kernel, std::size_t stride,
                       float* y, std::size_t out_rows) {
  for (std::size_t t = 0; t < out_rows; ++t, y += channels) {
    const float* row = x + t * stride * channels;
    std::memcpy(y, row, channels * sizeof(float));
    for (std::size_t j = 1; j < kernel; ++j) {
      row += channels;
      for (std::size_t c = 0; c < channels; ++c) y[c] = std::max(y[c], row[c]);
    }
  }
}

void f32_upsample_nearest1d_nwc(const float* x, std::size_t in_rows, std::size_t channels,
                                std::size_t scale, float* y) {
  for (std::size_t t = 0; t < in_rows; ++t, x += channels)
    for (std::size_t r = 0; r < scale; ++r, y += channels) std::memcpy(y, x, channels * sizeof(float));
}

void f32_copy_rows(const float* x, std::size_t x_stride, float* y, std::size_t y_stride,
                   std::size_t rows, std::size_t channels) {
  for (std::size_t t = 0; t < rows; ++t, x += x_stride, y += y_stride)
    std::memcpy(y, x, channels * sizeof(float));
}

}  // namespace qrs::nn::kernels
