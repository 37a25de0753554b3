#pragma once
// Activation storage for one window length: every value of the graph gets one buffer, allocated
// and zeroed once when a window length is first seen, so running a window allocates nothing.
// A value read by conv1d layers carries zero "halo" rows before and after its rows, as wide as the
// largest padding of those readers; layers only ever write a value's rows, so halos stay zero and
// stand in for the convolution's zero padding.
#include <cstddef>
#include <vector>

#include "nn/graph.h"

namespace qrs::nn {

class ActivationPlan {
 public:
  ActivationPlan(const Graph& graph, std::size_t window_length);

  std::size_t window_length() const { return window_length_; }
  std::size_t length(int value) const { return lengths_[value]; }
  float* rows(int value) { return storage_[value].data() + halo_left_[value] * channels_[value]; }

 private:
  std::size_t window_length_;
  std::vector<std::size_t> lengths_, channels_, halo_left_;
  std::vector<std::vector<float>> storage_;
};

}  // namespace qrs::nn
