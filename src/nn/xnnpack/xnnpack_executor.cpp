// The XNNPACK backend: the graph's layers as XNNPACK operators (xnnpack_layers.h), created at load,
// reshaped and set up once per window length, run per window. With intra_op_threads > 1 it owns a
// pthreadpool and XNNPACK splits every layer over it, so a single long lead uses every core; the
// Annotator turns that off while it spreads several leads over threads of its own.
#include <pthreadpool.h>
#include <xnnpack.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "nn/activation_plan.h"
#include "nn/executor.h"
#include "nn/xnnpack/xnnpack_layers.h"
#include "util/error.h"

namespace qrs::nn {
namespace {

struct PoolDeleter {
  void operator()(pthreadpool_t pool) const { pthreadpool_destroy(pool); }
};

class XnnpackExecutor final : public Executor {
 public:
  XnnpackExecutor(const Graph& graph, int intra_op_threads) : graph_(graph) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    intra_op_threads = 1;  // a wasm build without threads (pthreadpool is its one-thread shim)
#endif
    if (intra_op_threads > 1) {
      pool_.reset(pthreadpool_create(std::size_t(intra_op_threads)));
      if (!pool_)
        throw Error("XNNPACK: cannot start " + std::to_string(intra_op_threads) + " threads");
    }
    for (const Layer& layer : graph_.layers) layers_.push_back(xnn::make_xnn_layer(graph_, layer));
  }

  void run(const float* input, std::size_t length, float* output) override {
    ActivationPlan& plan = plan_for(length);
    if (set_up_for_ != &plan) set_up(plan);
    const int in = graph_.input_value, out = graph_.output_value;
    std::memcpy(plan.rows(in), input, length * graph_.value_channels[in] * sizeof(float));
    pthreadpool_t pool = parallel_ ? pool_.get() : nullptr;
    for (const auto& layer : layers_) layer->run(pool);
    std::memcpy(output, plan.rows(out), length * graph_.value_channels[out] * sizeof(float));
  }

  // Work planned for the pool stays correct on one thread: pthreadpool runs a null pool's tasks
  // on the caller.
  void set_intra_op_parallel(bool on) override {
    parallel_ = on;
  }

 private:
  void set_up(ActivationPlan& plan) {
    std::size_t workspace = 0;
    for (const auto& layer : layers_)
      workspace = std::max(workspace, layer->reshape(plan, pool_.get()));
    // XNNPACK wants its scratch aligned to XNN_ALLOCATION_ALIGNMENT (at most 64 bytes).
    workspace_.resize(workspace + 64);
    void* aligned =
        workspace_.data() + (64 - reinterpret_cast<std::uintptr_t>(workspace_.data()) % 64) % 64;
    for (const auto& layer : layers_) layer->setup(plan, aligned);
    set_up_for_ = &plan;
  }

  ActivationPlan& plan_for(std::size_t length) {
    auto it = plans_.find(length);
    if (it != plans_.end()) return *it->second;
    // run() uses at most two lengths (the window and one short whole input); a caller cycling
    // through many lengths should not grow memory without bound.
    if (plans_.size() >= 4) {
      plans_.clear();
      set_up_for_ = nullptr;
    }
    return *plans_.emplace(length, std::make_unique<ActivationPlan>(graph_, length)).first->second;
  }

  const Graph& graph_;
  std::unique_ptr<pthreadpool, PoolDeleter> pool_;
  bool parallel_ = true;
  std::vector<std::unique_ptr<xnn::XnnLayer>> layers_;
  std::map<std::size_t, std::unique_ptr<ActivationPlan>> plans_;
  const ActivationPlan* set_up_for_ = nullptr;
  std::vector<unsigned char> workspace_;
};

}  // namespace

std::unique_ptr<Executor> make_xnnpack_executor(const Graph& graph, int intra_op_threads) {
  return std::make_unique<XnnpackExecutor>(graph, intra_op_threads);
}

}  // namespace qrs::nn
