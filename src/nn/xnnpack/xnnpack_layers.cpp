// The graph's ops as XNNPACK operators. Activations are channels-last [rows, channels], which is
// XNNPACK's NHWC with N = H = 1 and W = rows, so:
//  - conv1d is convolution2d_nhwc with a 1 x K kernel (padding, stride, dilation along W); a
//    fused ReLU is the operator's output clamp, a sigmoid head one more operator in place;
//  - conv_transpose1d is deconvolution2d_nhwc (padding = the implicit padding removed from W,
//    output_padding = the W adjustment);
//  - maxpool1d is max_pooling2d_nhwc with a 1 x K window (kernel 1 included: a strided pick);
//  - upsample_nearest1d by s has no XNNPACK resize (only bilinear exists), so it is a broadcast
//    multiply: [rows, 1, C] x ones[1, s, 1] -> [rows, s, C], which copies every value s times
//    exactly (x * 1 is exact for every float, NaN and infinities included);
//  - concat is one strided copy_nc per input into its slice of the output rows;
//  - add, relu, sigmoid and softmax are XNNPACK's binary, unary and softmax operators.
#include "nn/xnnpack/xnnpack_layers.h"

#include <limits>
#include <mutex>
#include <vector>

#include "util/error.h"

namespace qrs::nn::xnn {

void check(xnn_status status, const std::string& what) {
  if (status != xnn_status_success)
    throw Error("XNNPACK: " + what + " failed (status " + std::to_string(int(status)) + ")");
}

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

struct OperatorDeleter {
  void operator()(xnn_operator_t op) const { xnn_delete_operator(op); }
};
using OperatorPtr = std::unique_ptr<xnn_operator, OperatorDeleter>;

OperatorPtr adopt(xnn_operator_t op) {
  return OperatorPtr(op);
}

// Operators of one layer, run in order.
class OperatorLayer : public XnnLayer {
 public:
  void run(pthreadpool_t pool) override {
    for (const OperatorPtr& op : ops_) check(xnn_run_operator(op.get(), pool), "run " + name_);
  }

 protected:
  OperatorLayer(const Graph& graph, const Layer& layer)
      : graph_(graph), layer_(layer), name_(op_name(layer.op)) {}
  std::size_t channels(int value) const { return std::size_t(graph_.value_channels[value]); }
  xnn_operator_t op(std::size_t i) const { return ops_[i].get(); }

  const Graph& graph_;
  const Layer& layer_;
  std::string name_;
  std::vector<OperatorPtr> ops_;
};

OperatorPtr create_unary(xnn_unary_operator kind, const xnn_unary_params* params,
                         const std::string& what) {
  xnn_operator_t op = nullptr;
  check(xnn_create_unary_elementwise_nc(kind, xnn_datatype_fp32, xnn_datatype_fp32, params, nullptr,
                                        nullptr, nullptr, 0, &op),
        "create " + what);
  return adopt(op);
}

void reshape_unary(xnn_operator_t op, std::size_t rows, std::size_t channels, pthreadpool_t pool,
                   const std::string& what) {
  check(xnn_reshape_unary_elementwise_nc(op, rows, channels, channels, channels, pool),
        "reshape " + what);
}

// PyTorch weights -> XNNPACK's [out, kernel, in] (OHWI with H = 1): conv1d [out, in, K],
// conv_transpose1d [in, out, K].
std::vector<float> to_ohwi(const Layer& l) {
  std::vector<float> w(std::size_t(l.cout) * l.kernel * l.cin);
  for (int o = 0; o < l.cout; ++o)
    for (int m = 0; m < l.kernel; ++m)
      for (int i = 0; i < l.cin; ++i) {
        const std::size_t src = l.op == OpKind::Conv1d
                                    ? (std::size_t(o) * l.cin + i) * l.kernel + m
                                    : (std::size_t(i) * l.cout + o) * l.kernel + m;
        w[(std::size_t(o) * l.kernel + m) * l.cin + i] = l.weight[src];
      }
  return w;
}

// conv1d and conv_transpose1d, with the layer's activation: ReLU as the output clamp, a sigmoid
// as a second operator run in place on the output.
class ConvLayer final : public OperatorLayer {
 public:
  ConvLayer(const Graph& graph, const Layer& l) : OperatorLayer(graph, l) {
    const std::vector<float> w = to_ohwi(l);
    const float* bias = l.bias.empty() ? nullptr : l.bias.data();
    const float out_min = l.activation == Activation::Relu ? 0.0f : -kInf;
    xnn_operator_t op = nullptr;
    if (l.op == OpKind::Conv1d)
      check(xnn_create_convolution2d_nhwc_f32(
                0, l.pad_right, 0, l.pad_left, 1, l.kernel, 1, l.stride, 1, l.dilation, 1, l.cin,
                l.cout, l.cin, l.cout, w.data(), bias, out_min, kInf, 0, nullptr, &op),
            "create " + name_);
    else
      check(xnn_create_deconvolution2d_nhwc_f32(
                0, l.pad_left, 0, l.pad_left, 1, l.kernel, 1, l.stride, 1, l.dilation, 1, l.cin,
                l.cout, l.cin, l.cout, w.data(), bias, out_min, kInf, 0, nullptr, &op),
            "create " + name_);
    ops_.push_back(adopt(op));
    if (l.activation == Activation::Sigmoid)
      ops_.push_back(create_unary(xnn_unary_sigmoid, nullptr, "sigmoid"));
  }

  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    const std::size_t in_rows = plan.length(layer_.inputs[0]);
    std::size_t workspace = 0, out_h = 0, out_w = 0;
    if (layer_.op == OpKind::Conv1d)
      check(xnn_reshape_convolution2d_nhwc_f32(op(0), 1, 1, in_rows, &workspace, &out_h, &out_w,
                                               pool),
            "reshape " + name_);
    else
      check(xnn_reshape_deconvolution2d_nhwc_f32(op(0), 1, 1, in_rows, 0, layer_.output_padding,
                                                 &out_h, &out_w, pool),
            "reshape " + name_);
    if (out_h != 1 || out_w != plan.length(layer_.output))
      throw Error("XNNPACK: " + name_ + " '" + layer_.output_name + "' gives " +
                  std::to_string(out_w) + " rows, the graph expects " +
                  std::to_string(plan.length(layer_.output)));
    if (ops_.size() > 1) reshape_unary(op(1), out_w, std::size_t(layer_.cout), pool, "sigmoid");
    return workspace;
  }

  void setup(ActivationPlan& plan, void* workspace) override {
    const float* x = plan.rows(layer_.inputs[0]);
    float* y = plan.rows(layer_.output);
    if (layer_.op == OpKind::Conv1d)
      check(xnn_setup_convolution2d_nhwc_f32(op(0), workspace, x, y), "setup " + name_);
    else
      check(xnn_setup_deconvolution2d_nhwc_f32(op(0), x, y), "setup " + name_);
    if (ops_.size() > 1) check(xnn_setup_unary_elementwise_nc(op(1), y, y), "setup sigmoid");
  }
};

class UnaryLayer final : public OperatorLayer {
 public:
  UnaryLayer(const Graph& graph, const Layer& l) : OperatorLayer(graph, l) {
    if (l.op == OpKind::Relu) {
      xnn_unary_params relu{};
      relu.clamp.min = 0.0f;
      relu.clamp.max = kInf;
      ops_.push_back(create_unary(xnn_unary_clamp, &relu, name_));
    } else {
      ops_.push_back(create_unary(xnn_unary_sigmoid, nullptr, name_));
    }
  }
  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    reshape_unary(op(0), plan.length(layer_.inputs[0]), channels(layer_.inputs[0]), pool, name_);
    return 0;
  }
  void setup(ActivationPlan& plan, void*) override {
    check(xnn_setup_unary_elementwise_nc(op(0), plan.rows(layer_.inputs[0]),
                                         plan.rows(layer_.output)),
          "setup " + name_);
  }
};

class SoftmaxLayer final : public OperatorLayer {
 public:
  SoftmaxLayer(const Graph& graph, const Layer& l) : OperatorLayer(graph, l) {
    xnn_operator_t op = nullptr;
    check(xnn_create_softmax_nc_f32(0, &op), "create " + name_);
    ops_.push_back(adopt(op));
  }
  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    const std::size_t c = channels(layer_.inputs[0]);
    check(xnn_reshape_softmax_nc_f32(op(0), c, c, c, plan.length(layer_.inputs[0]), pool),
          "reshape " + name_);
    return 0;
  }
  void setup(ActivationPlan& plan, void*) override {
    check(xnn_setup_softmax_nc_f32(op(0), plan.rows(layer_.inputs[0]), plan.rows(layer_.output)),
          "setup " + name_);
  }
};

class MaxPoolLayer final : public OperatorLayer {
 public:
  MaxPoolLayer(const Graph& graph, const Layer& l) : OperatorLayer(graph, l) {
    xnn_operator_t op = nullptr;
    check(xnn_create_max_pooling2d_nhwc_f32(0, 0, 0, 0, 1, l.kernel, 1, l.stride, 1, 1, -kInf, kInf,
                                            0, &op),
          "create " + name_);
    ops_.push_back(adopt(op));
  }
  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    const std::size_t c = channels(layer_.inputs[0]);
    std::size_t out_h = 0, out_w = 0;
    check(xnn_reshape_max_pooling2d_nhwc_f32(op(0), 1, 1, plan.length(layer_.inputs[0]), c, c, c,
                                             &out_h, &out_w, pool),
          "reshape " + name_);
    if (out_w != plan.length(layer_.output))
      throw Error("XNNPACK: maxpool1d '" + layer_.output_name + "' gives " + std::to_string(out_w) +
                  " rows, the graph expects " + std::to_string(plan.length(layer_.output)));
    return 0;
  }
  void setup(ActivationPlan& plan, void*) override {
    check(xnn_setup_max_pooling2d_nhwc_f32(op(0), plan.rows(layer_.inputs[0]),
                                           plan.rows(layer_.output)),
          "setup " + name_);
  }
};

// upsample_nearest1d: [rows, 1, C] * ones[1, scale, 1] (see the top of this file).
class UpsampleLayer final : public OperatorLayer {
 public:
  UpsampleLayer(const Graph& graph, const Layer& l)
      : OperatorLayer(graph, l), ones_(std::size_t(l.scale) + 4, 1.0f) {  // + XNN_EXTRA_BYTES
    xnn_operator_t op = nullptr;
    check(xnn_create_binary_elementwise_nd(xnn_binary_multiply, xnn_datatype_fp32, nullptr, nullptr,
                                           nullptr, 0, &op),
          "create " + name_);
    ops_.push_back(adopt(op));
  }
  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    const std::size_t x_shape[3] = {plan.length(layer_.inputs[0]), 1, channels(layer_.inputs[0])};
    const std::size_t ones_shape[3] = {1, std::size_t(layer_.scale), 1};
    check(xnn_reshape_binary_elementwise_nd(op(0), 3, x_shape, 3, ones_shape, pool),
          "reshape " + name_);
    return 0;
  }
  void setup(ActivationPlan& plan, void*) override {
    check(xnn_setup_binary_elementwise_nd(op(0), plan.rows(layer_.inputs[0]), ones_.data(),
                                          plan.rows(layer_.output)),
          "setup " + name_);
  }

 private:
  std::vector<float> ones_;
};

class AddLayer final : public OperatorLayer {
 public:
  AddLayer(const Graph& graph, const Layer& l) : OperatorLayer(graph, l) {
    xnn_operator_t op = nullptr;
    check(xnn_create_binary_elementwise_nd(xnn_binary_add, xnn_datatype_fp32, nullptr, nullptr,
                                           nullptr, 0, &op),
          "create " + name_);
    ops_.push_back(adopt(op));
  }
  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    const std::size_t shape[2] = {plan.length(layer_.inputs[0]), channels(layer_.inputs[0])};
    check(xnn_reshape_binary_elementwise_nd(op(0), 2, shape, 2, shape, pool), "reshape " + name_);
    return 0;
  }
  void setup(ActivationPlan& plan, void*) override {
    check(xnn_setup_binary_elementwise_nd(op(0), plan.rows(layer_.inputs[0]),
                                          plan.rows(layer_.inputs[1]), plan.rows(layer_.output)),
          "setup " + name_);
  }
};

// concat: input k is copied into channels [offset_k, offset_k + C_k) of every output row.
class ConcatLayer final : public OperatorLayer {
 public:
  ConcatLayer(const Graph& graph, const Layer& l) : OperatorLayer(graph, l) {
    for (std::size_t k = 0; k < l.inputs.size(); ++k) {
      xnn_operator_t op = nullptr;
      check(xnn_create_copy_nc_x32(0, &op), "create " + name_);
      ops_.push_back(adopt(op));
    }
  }
  std::size_t reshape(ActivationPlan& plan, pthreadpool_t pool) override {
    const std::size_t total = channels(layer_.output);
    for (std::size_t k = 0; k < ops_.size(); ++k) {
      const std::size_t c = channels(layer_.inputs[k]);
      check(xnn_reshape_copy_nc_x32(op(k), plan.length(layer_.inputs[k]), c, c, total, pool),
            "reshape " + name_);
    }
    return 0;
  }
  void setup(ActivationPlan& plan, void*) override {
    float* y = plan.rows(layer_.output);
    for (std::size_t k = 0; k < ops_.size(); ++k) {
      check(xnn_setup_copy_nc_x32(op(k), plan.rows(layer_.inputs[k]), y), "setup " + name_);
      y += channels(layer_.inputs[k]);
    }
  }
};

void initialize_once() {
  static std::once_flag once;
  static xnn_status status = xnn_status_uninitialized;
  std::call_once(once, [] { status = xnn_initialize(nullptr); });
  check(status, "xnn_initialize");
}

}  // namespace

std::unique_ptr<XnnLayer> make_xnn_layer(const Graph& graph, const Layer& layer) {
  initialize_once();
  switch (layer.op) {
    case OpKind::Conv1d:
    case OpKind::ConvTranspose1d:
      return std::make_unique<ConvLayer>(graph, layer);
    case OpKind::Relu:
    case OpKind::Sigmoid:
      return std::make_unique<UnaryLayer>(graph, layer);
    case OpKind::Softmax:
      return std::make_unique<SoftmaxLayer>(graph, layer);
    case OpKind::MaxPool1d:
      return std::make_unique<MaxPoolLayer>(graph, layer);
    case OpKind::UpsampleNearest1d:
      return std::make_unique<UpsampleLayer>(graph, layer);
    case OpKind::Concat:
      return std::make_unique<ConcatLayer>(graph, layer);
    case OpKind::Add:
      return std::make_unique<AddLayer>(graph, layer);
  }
  throw Error(std::string("XNNPACK: no operator for ") + op_name(layer.op));
}

}  // namespace qrs::nn::xnn
