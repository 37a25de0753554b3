// The XNNPACK backend (Debian libxnnpack-dev, API of 2022-02): one XNNPACK operator per layer,
// created (weights packed) at load and set up once per window length. Layers XNNPACK of that
// version lacks run on the built-in kernels instead:
//   - upsample_nearest1d (only bilinear resize exists),
//   - maxpool1d with kernel 1 (XNNPACK rejects 1x1 pooling),
//   - conv_transpose1d is XNNPACK's deconvolution; conv1d/maxpool are their 2-D forms with H = 1.
// The graph is single-threaded (no pthreadpool), like the built-in backend and the browser.
#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <xnnpack.h>

#include "nn/activation_plan.h"
#include "nn/executor.h"
#include "nn/kernels/elementwise.h"
#include "util/error.h"

namespace qrs::nn {
namespace {

void check(xnn_status status, const std::string& what) {
  if (status != xnn_status_success)
    throw Error("XNNPACK: " + what + " failed (status " + std::to_string(int(status)) + ")");
}

void initialize_once() {
  static std::once_flag once;
  static xnn_status status = xnn_status_uninitialized;
  std::call_once(once, [] { status = xnn_initialize(nullptr); });
  check(status, "xnn_initialize");
}

struct OperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};
using OperatorPtr = std::unique_ptr<xnn_operator, OperatorDeleter>;

// PyTorch [a, b, K] -> XNNPACK OHWI [b_or_a, K, other]: out[o][m][i] = w[(o, i) per layout].
std::vector<float> to_ohwi(const Layer& l) {
  std::vector<float> w(std::size_t(l.cout) * l.kernel * l.cin);
  for (int o = 0; o < l.cout; ++o)
    for (int m = 0; m < l.kernel; ++m)
      for (int i = 0; i < l.cin; ++i) {
        const std::size_t src = l.op == OpKind::Conv1d
                                    ? (std::size_t(o) * l.cin + i) * l.kernel + m   // [cout,cin,K]
                                    : (std::size_t(i) * l.cout + o) * l.kernel + m; // [cin,cout,K]
        w[(std::size_t(o) * l.kernel + m) * l.cin + i] = l.weight[src];
      }
  return w;
}

class XnnpackExecutor final : public Executor {
 public:
  explicit XnnpackExecutor(const Graph& graph) : graph_(graph) {
    initialize_once();
    ops_.resize(graph_.layers.size());
    post_sigmoid_.resize(graph_.layers.size());
    for (std::size_t i = 0; i < graph_.layers.size(); ++i) create(i);
  }

  void run(const float* input, std::size_t length, float* output) override {
    ActivationPlan& plan = plan_for(length);
    const int in = graph_.input_value;
    std::memcpy(plan.rows(in), input, length * graph_.value_channels[in] * sizeof(float));
    if (set_up_for_ != &plan) set_up(plan);
    for (std::size_t i = 0; i < graph_.layers.size(); ++i) {
      const Layer& l = graph_.layers[i];
      if (l.op == OpKind::Concat) {
        for (const OperatorPtr& op : concat_[i]) check(xnn_run_operator(op.get(), nullptr), "run concat");
      } else if (ops_[i]) {
        check(xnn_run_operator(ops_[i].get(), nullptr), std::string("run ") + op_name(l.op));
        if (post_sigmoid_[i])
          check(xnn_run_operator(post_sigmoid_[i].get(), nullptr), "run sigmoid");
      } else {
        run_builtin(l, plan);
      }
    }
    const int out = graph_.output_value;
    std::memcpy(output, plan.rows(out), length * graph_.value_channels[out] * sizeof(float));
  }

 private:
  static constexpr float kInf = std::numeric_limits<float>::infinity();

  void create(std::size_t i) {
    const Layer& l = graph_.layers[i];
    const std::size_t c = std::size_t(graph_.value_channels[l.inputs[0]]);
    xnn_operator_t op = nullptr;
    const std::string what = std::string("create ") + op_name(l.op);
    const float out_min = l.activation == Activation::Relu ? 0.0f : -kInf;
    switch (l.op) {
      case OpKind::Conv1d: {
        std::vector<float> w = to_ohwi(l);
        check(xnn_create_convolution2d_nhwc_f32(
                  0, l.pad_right, 0, l.pad_left, 1, l.kernel, 1, l.stride, 1, l.dilation, 1, l.cin,
                  l.cout, l.cin, l.cout, w.data(), l.bias.empty() ? nullptr : l.bias.data(), out_min,
                  kInf, 0, &op),
              what);
        break;
      }
      case OpKind::ConvTranspose1d: {
        std::vector<float> w = to_ohwi(l);
        check(xnn_create_deconvolution2d_nhwc_f32(
                  0, l.pad_left, 0, l.pad_left, 1, l.kernel, 1, l.stride, 1, l.dilation, 1, l.cin,
                  l.cout, l.cin, l.cout, w.data(), l.bias.empty() ? nullptr : l.bias.data(), out_min,
                  kInf, 0, &op),
              what);
        break;
      }
      case OpKind::Relu:
        check(xnn_create_clamp_nc_f32(c, c, c, 0.0f, kInf, 0, &op), what);
        break;
      case OpKind::Sigmoid:
        check(xnn_create_sigmoid_nc_f32(c, c, c, 0, &op), what);
        break;
      case OpKind::Softmax:
        check(xnn_create_softmax_nc_f32(c, c, c, 0, &op), what);
        break;
      case OpKind::MaxPool1d:
        if (l.kernel > 1)
          check(xnn_create_max_pooling2d_nhwc_f32(0, 0, 0, 0, 1, l.kernel, 1, l.stride, 1, 1, c, c,
                                                  c, -kInf, kInf, 0, &op),
                what);
        break;
      case OpKind::Add:
        check(xnn_create_add_nd_f32(-kInf, kInf, 0, &op), what);
        break;
      case OpKind::Concat: {
        const std::size_t total = std::size_t(graph_.value_channels[l.output]);
        concat_[i].clear();
        for (int v : l.inputs) {
          const std::size_t cv = std::size_t(graph_.value_channels[v]);
          xnn_operator_t copy = nullptr;
          check(xnn_create_copy_nc_x32(cv, cv, total, 0, &copy), what);
          concat_[i].emplace_back(copy);
        }
        break;
      }
      case OpKind::UpsampleNearest1d:
        break;  // built-in kernel
    }
    ops_[i].reset(op);
    if ((l.op == OpKind::Conv1d || l.op == OpKind::ConvTranspose1d) &&
        l.activation == Activation::Sigmoid) {
      xnn_operator_t sig = nullptr;
      check(xnn_create_sigmoid_nc_f32(l.cout, l.cout, l.cout, 0, &sig), "create sigmoid");
      post_sigmoid_[i].reset(sig);
    }
  }

  void set_up(ActivationPlan& plan) {
    for (std::size_t i = 0; i < graph_.layers.size(); ++i) {
      const Layer& l = graph_.layers[i];
      const int x = l.inputs[0];
      const std::size_t in_rows = plan.length(x), out_rows = plan.length(l.output);
      float* y = plan.rows(l.output);
      const std::string what = std::string("setup ") + op_name(l.op);
      xnn_operator_t op = ops_[i].get();
      switch (l.op) {
        case OpKind::Conv1d:
          check(xnn_setup_convolution2d_nhwc_f32(op, 1, 1, in_rows, plan.rows(x), y, nullptr), what);
          break;
        case OpKind::ConvTranspose1d:
          check(xnn_setup_deconvolution2d_nhwc_f32(op, 1, 1, in_rows, 0, l.output_padding,
                                                   plan.rows(x), y, nullptr),
                what);
          break;
        case OpKind::Relu:
          check(xnn_setup_clamp_nc_f32(op, in_rows, plan.rows(x), y, nullptr), what);
          break;
        case OpKind::Sigmoid:
          check(xnn_setup_sigmoid_nc_f32(op, in_rows, plan.rows(x), y, nullptr), what);
          break;
        case OpKind::Softmax:
          check(xnn_setup_softmax_nc_f32(op, in_rows, plan.rows(x), y, nullptr), what);
          break;
        case OpKind::MaxPool1d:
          if (op)
            check(xnn_setup_max_pooling2d_nhwc_f32(op, 1, 1, in_rows, plan.rows(x), y, nullptr), what);
          break;
        case OpKind::Add: {
          const std::size_t shape[2] = {in_rows, std::size_t(graph_.value_channels[x])};
          check(xnn_setup_add_nd_f32(op, 2, shape, 2, shape, plan.rows(x), plan.rows(l.inputs[1]), y,
                                     nullptr),
                what);
          break;
        }
        case OpKind::Concat: {
          std::size_t offset = 0;
          for (std::size_t k = 0; k < l.inputs.size(); ++k) {
            check(xnn_setup_copy_nc_x32(concat_[i][k].get(), in_rows, plan.rows(l.inputs[k]),
                                        y + offset, nullptr),
                  what);
            offset += std::size_t(graph_.value_channels[l.inputs[k]]);
          }
          break;
        }
        case OpKind::UpsampleNearest1d:
          break;
      }
      if (post_sigmoid_[i])
        check(xnn_setup_sigmoid_nc_f32(post_sigmoid_[i].get(), out_rows, y, y, nullptr),
              "setup sigmoid");
    }
    set_up_for_ = &plan;
  }

  void run_builtin(const Layer& l, ActivationPlan& plan) {
    const int x = l.inputs[0];
    const std::size_t channels = std::size_t(graph_.value_channels[x]);
    if (l.op == OpKind::UpsampleNearest1d)
      kernels::f32_upsample_nearest1d_nwc(plan.rows(x), plan.length(x), channels, l.scale,
                                          plan.rows(l.output));
    else if (l.op == OpKind::MaxPool1d)
      kernels::f32_maxpool1d_nwc(plan.rows(x), channels, l.kernel, l.stride, plan.rows(l.output),
                                 plan.length(l.output));
  }

  ActivationPlan& plan_for(std::size_t length) {
    auto it = plans_.find(length);
    if (it != plans_.end()) return *it->second;
    if (plans_.size() >= 4) {
      plans_.clear();
      set_up_for_ = nullptr;
    }
    return *plans_.emplace(length, std::make_unique<ActivationPlan>(graph_, length)).first->second;
  }

  const Graph& graph_;
  std::vector<OperatorPtr> ops_;
  std::vector<OperatorPtr> post_sigmoid_;
  std::map<std::size_t, std::vector<OperatorPtr>> concat_;
  std::map<std::size_t, std::unique_ptr<ActivationPlan>> plans_;
  const ActivationPlan* set_up_for_ = nullptr;
};

}  // namespace

std::unique_ptr<Executor> make_xnnpack_executor(const Graph& graph) {
  return std::make_unique<XnnpackExecutor>(graph);
}

}  // namespace qrs::nn
