// The built-in backend: wires the graph's layers to the ops in ops/ and kernels/ (chosen by the
// kernel table), with one ActivationPlan per window length seen.
#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

#include "nn/activation_plan.h"
#include "nn/executor.h"
#include "nn/kernels/elementwise.h"
#include "nn/kernels/kernel_table.h"
#include "nn/ops/conv1d.h"

namespace qrs::nn {
namespace {

class BuiltinExecutor final : public Executor {
 public:
  explicit BuiltinExecutor(const Graph& graph) : graph_(graph) {
    const kernels::KernelTable& table = kernels::kernel_table();
    conv_.resize(graph_.layers.size());
    deconv_.resize(graph_.layers.size());
    for (std::size_t i = 0; i < graph_.layers.size(); ++i) {
      const Layer& l = graph_.layers[i];
      if (l.op == OpKind::Conv1d)
        conv_[i] = std::make_unique<ops::Conv1dOp>(l, table.conv1d_nwc_for(std::size_t(l.cout)));
      if (l.op == OpKind::ConvTranspose1d)  // its GEMM has kernel x cout columns
        deconv_[i] = std::make_unique<ops::ConvTranspose1dOp>(
            l, table.conv1d_nwc_for(std::size_t(l.kernel) * std::size_t(l.cout)));
    }
  }

  void run(const float* input, std::size_t length, float* output) override {
    ActivationPlan& plan = plan_for(length);
    const int in = graph_.input_value;
    std::memcpy(plan.rows(in), input, length * graph_.value_channels[in] * sizeof(float));
    for (std::size_t i = 0; i < graph_.layers.size(); ++i) run_layer(i, plan);
    const int out = graph_.output_value;
    std::memcpy(output, plan.rows(out), length * graph_.value_channels[out] * sizeof(float));
  }

 private:
  ActivationPlan& plan_for(std::size_t length) {
    auto it = plans_.find(length);
    if (it != plans_.end()) return *it->second;
    // run() uses at most two lengths (the window and one short whole input); a caller cycling
    // through many lengths should not grow memory without bound.
    if (plans_.size() >= 4) plans_.clear();
    auto plan = std::make_unique<ActivationPlan>(graph_, length);
    std::size_t scratch = 0;
    for (std::size_t i = 0; i < graph_.layers.size(); ++i)
      if (deconv_[i])
        scratch = std::max(scratch, deconv_[i]->scratch_floats(plan->length(graph_.layers[i].inputs[0])));
    if (scratch_.size() < scratch) scratch_.resize(scratch);
    return *plans_.emplace(length, std::move(plan)).first->second;
  }

  void run_layer(std::size_t i, ActivationPlan& plan) {
    const Layer& l = graph_.layers[i];
    const int x = l.inputs[0];
    float* y = plan.rows(l.output);
    const std::size_t in_rows = plan.length(x), out_rows = plan.length(l.output);
    const std::size_t channels = graph_.value_channels[x];
    switch (l.op) {
      case OpKind::Conv1d:
        conv_[i]->run(plan.rows(x), out_rows, y);
        break;
      case OpKind::ConvTranspose1d:
        deconv_[i]->run(plan.rows(x), in_rows, y, out_rows, scratch_.data());
        break;
      case OpKind::Relu:
        kernels::f32_vrelu(plan.rows(x), y, in_rows * channels);
        break;
      case OpKind::Sigmoid:
        kernels::f32_vsigmoid(plan.rows(x), y, in_rows * channels);
        break;
      case OpKind::Softmax:
        kernels::f32_softmax_rows(plan.rows(x), y, in_rows, channels);
        break;
      case OpKind::MaxPool1d:
        kernels::f32_maxpool1d_nwc(plan.rows(x), channels, l.kernel, l.stride, y, out_rows);
        break;
      case OpKind::UpsampleNearest1d:
        kernels::f32_upsample_nearest1d_nwc(plan.rows(x), in_rows, channels, l.scale, y);
        break;
      case OpKind::Add:
        kernels::f32_vadd(plan.rows(x), plan.rows(l.inputs[1]), y, in_rows * channels);
        break;
      case OpKind::Concat: {
        const std::size_t total = graph_.value_channels[l.output];
        std::size_t offset = 0;
        for (int v : l.inputs) {
          const std::size_t c = graph_.value_channels[v];
          kernels::f32_copy_rows(plan.rows(v), c, y + offset, total, in_rows, c);
          offset += c;
        }
        break;
      }
    }
  }

  const Graph& graph_;
  std::vector<std::unique_ptr<ops::Conv1dOp>> conv_;
  std::vector<std::unique_ptr<ops::ConvTranspose1dOp>> deconv_;
  std::map<std::size_t, std::unique_ptr<ActivationPlan>> plans_;
  std::vector<float> scratch_;
};

}  // namespace

std::unique_ptr<Executor> make_builtin_executor(const Graph& graph) {
  return std::make_unique<BuiltinExecutor>(graph);
}

}  // namespace qrs::nn
