#include "nn/ops/conv1d.h"

#include <algorithm>
#include <limits>

#include "nn/kernels/elementwise.h"

namespace qrs::nn::ops {
namespace {

constexpr float kNoMin = -std::numeric_limits<float>::infinity();
constexpr float kNoMax = std::numeric_limits<float>::infinity();

}  // namespace

Conv1dOp::Conv1dOp(const Layer& l, const kernels::Conv1dNwcVariant& kernel)
    : kernel_(kernel),
      cin_(l.cin),
      cout_(l.cout),
      taps_(l.kernel),
      stride_(l.stride),
      dilation_(l.dilation),
      pad_left_(l.pad_left),
      activation_(l.activation) {
  packed_.resize(kernels::packed_conv1d_nwc_size(kernel_.nr, cout_, cin_, taps_));
  kernels::pack_conv1d_nwc(kernel_.nr, cout_, cin_, taps_, l.weight.data(),
                           l.bias.empty() ? nullptr : l.bias.data(), packed_.data());
}

void Conv1dOp::run(const float* x, std::size_t out_rows, float* y) const {
  kernels::Conv1dNwcArgs a;
  a.rows = out_rows;
  a.cout = cout_;
  a.cin = cin_;
  a.taps = taps_;
  a.x = x - pad_left_ * cin_;  // the zero halo stands in for the left padding
  a.row_stride = stride_ * cin_;
  a.tap_stride = dilation_ * cin_;
  a.packed = packed_.data();
  a.y = y;
  a.y_stride = cout_;
  a.out_min = activation_ == Activation::Relu ? 0.0f : kNoMin;
  a.out_max = kNoMax;
  kernel_.run(a);
  if (activation_ == Activation::Sigmoid) kernels::f32_vsigmoid(y, y, out_rows * cout_);
}

ConvTranspose1dOp::ConvTranspose1dOp(const Layer& l, const kernels::Conv1dNwcVariant& kernel)
    : kernel_(kernel),
      bias_(l.bias),
      cin_(l.cin),
      cout_(l.cout),
      taps_(l.kernel),
      stride_(l.stride),
      dilation_(l.dilation),
      padding_(l.pad_left),
      activation_(l.activation) {
  // PyTorch weight [cin, cout, K] -> GEMM weight [K * cout, cin, 1]; GEMM column m*cout+co holds
  // tap m of output channel co.
  const std::size_t cols = taps_ * cout_;
  std::vector<float> gemm(cols * cin_);
  for (std::size_t ci = 0; ci < cin_; ++ci)
    for (std::size_t co = 0; co < cout_; ++co)
      for (std::size_t m = 0; m < taps_; ++m)
        gemm[(m * cout_ + co) * cin_ + ci] = l.weight[(ci * cout_ + co) * taps_ + m];
  packed_.resize(kernels::packed_conv1d_nwc_size(kernel_.nr, cols, cin_, 1));
  kernels::pack_conv1d_nwc(kernel_.nr, cols, cin_, 1, gemm.data(), nullptr, packed_.data());
}

void ConvTranspose1dOp::run(const float* x, std::size_t in_rows, float* y, std::size_t out_rows,
                            float* scratch) const {
  const std::size_t cols = taps_ * cout_;
  kernels::Conv1dNwcArgs a;
  a.rows = in_rows;
  a.cout = cols;
  a.cin = cin_;
  a.taps = 1;
  a.x = x;
  a.row_stride = cin_;
  a.tap_stride = 0;
  a.packed = packed_.data();
  a.y = scratch;
  a.y_stride = cols;
  kernel_.run(a);

  for (std::size_t t = 0; t < out_rows; ++t) {
    float* row = y + t * cout_;
    if (bias_.empty()) std::fill(row, row + cout_, 0.0f);
    else std::copy(bias_.begin(), bias_.end(), row);
  }
  // Output row o receives tap m of input row i when o = i*stride - padding + m*dilation.
  for (std::size_t i = 0; i < in_rows; ++i) {
    const float* src = scratch + i * cols;
    for (std::size_t m = 0; m < taps_; ++m, src += cout_) {
      const long long o = (long long)(i * stride_ + m * dilation_) - (long long)padding_;
      if (o < 0 || o >= (long long)out_rows) continue;
      float* row = y + std::size_t(o) * cout_;
      for (std::size_t c = 0; c < cout_; ++c) row[c] += src[c];
    }
  }
  if (activation_ == Activation::Relu) kernels::f32_vrelu(y, y, out_rows * cout_);
  if (activation_ == Activation::Sigmoid) kernels::f32_vsigmoid(y, y, out_rows * cout_);
}

}  // namespace qrs::nn::ops
