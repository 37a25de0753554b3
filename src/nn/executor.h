#pragma once
// A backend's way of running one window of a validated Graph. The Network (network.cpp) owns the
// windowing; an Executor only runs exactly `length` samples (a multiple of length_multiple).
#include <cstddef>
#include <memory>

#include "nn/graph.h"

namespace qrs::nn {

class Executor {
 public:
  virtual ~Executor() = default;
  // input: length x channels_in; output: length x channels_out (both channels last).
  virtual void run(const float* input, std::size_t length, float* output) = 0;
  // Whether run() may split each layer over the executor's own threads (see Network).
  virtual void set_intra_op_parallel(bool) {}
};

std::unique_ptr<Executor> make_builtin_executor(const Graph& graph);
#if defined(QRS_HAVE_XNNPACK)
// intra_op_threads > 1: the executor owns a pool of that many threads and splits each layer over
// it.
std::unique_ptr<Executor> make_xnnpack_executor(const Graph& graph, int intra_op_threads);
#endif

}  // namespace qrs::nn
