#pragma once
// conv1d operator for the built-in backend: packs the layer's weights once for the kernel the
// table chose, then runs the kernel over a channels-last input that carries zero halo rows
// (pad_left before row 0, pad_right after the last row), so no padding copy is made per call.
#include <cstddef>
#include <vector>

#include "nn/graph.h"
#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::ops {

class Conv1dOp {
 public:
  Conv1dOp(const Layer& layer, const kernels::Conv1dNwcVariant& kernel);

  // x: row 0 of the input (in_rows x cin, zero halos around it); y: out_rows x cout.
  void run(const float* x, std::size_t out_rows, float* y) const;

 private:
  kernels::Conv1dNwcVariant kernel_;
  std::vector<float> packed_;
  std::size_t cin_, cout_, taps_, stride_, dilation_, pad_left_;
  Activation activation_;
};

// conv_transpose1d as one GEMM (input channels -> kernel x output channels, same conv kernel with
// one tap) followed by a scatter-add of each tap's columns to its output row ("col2im").
class ConvTranspose1dOp {
 public:
  ConvTranspose1dOp(const Layer& layer, const kernels::Conv1dNwcVariant& kernel);

  std::size_t scratch_floats(std::size_t in_rows) const { return in_rows * taps_ * cout_; }
  // scratch: at least scratch_floats(in_rows) floats.
  void run(const float* x, std::size_t in_rows, float* y, std::size_t out_rows,
           float* scratch) const;

 private:
  kernels::Conv1dNwcVariant kernel_;
  std::vector<float> packed_;
  std::vector<float> bias_;
  std::size_t cin_, cout_, taps_, stride_, dilation_, padding_;
  Activation activation_;
};

}  // namespace qrs::nn::ops
