#pragma once
// One graph layer as XNNPACK operators (operator API of the pinned XNNPACK, 75db3c0):
//  - created once at load: weights are packed there;
//  - reshaped and set up once per window length (reshape plans the work, and its split over the
//    thread pool; setup binds the ActivationPlan's buffers);
//  - run once per window, on the pool or (pool == nullptr) on the calling thread alone.
// Every op kind of the graph has an XNNPACK form here, so no layer falls back to the built-in
// kernels; how each 1-D op maps onto XNNPACK's 2-D / N-D operators is said in xnnpack_layers.cpp.
#include <pthreadpool.h>
#include <xnnpack.h>

#include <cstddef>
#include <memory>
#include <string>

#include "nn/activation_plan.h"
#include "nn/graph.h"

namespace qrs::nn::xnn {

// Throws qrs::Error naming `what` unless XNNPACK reported success.
void check(xnn_status status, const std::string& what);

class XnnLayer {
 public:
  virtual ~XnnLayer() = default;
  // Plans the layer for the lengths of `plan`, split for `pool`; returns the scratch bytes that
  // setup() must be given (0 for most ops).
  virtual std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) = 0;
  // Binds input and output buffers of `plan`, and `workspace` (as large as reshape() asked).
  virtual void setup(ActivationPlan& plan, void* workspace) = 0;
  virtual void run(pthreadpool_t pool) = 0;
};

std::unique_ptr<XnnLayer> make_xnn_layer(const Graph& graph, const Layer& layer);

}  // namespace qrs::nn::xnn
