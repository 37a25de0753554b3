// Interprets the header's layer list (docs/model_format.md): resolves names to value ids, checks
// every field and every shape, and derives what ModelInfo reports about the network as a whole.
#include "nn/graph.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "util/error.h"

namespace qrs::nn {
namespace {

// Far above any real ECG model, low enough that no length or size computation can overflow.
constexpr long long kMaxChannels = 1 << 16;
constexpr long long kMaxKernelOrStride = 1 << 12;
constexpr long long kMaxPadding = 1 << 16;
// The shipped U-Net needs ~600; 16384 floats x a 4096-sample window is 256 MB, the most we allow.
constexpr double kMaxActivationFloatsPerSample = 16384;

[[noreturn]] void fail(const std::string& what) { throw Error("model file: " + what); }

long long int_field(const json::Value& obj, const char* key, long long lo, long long hi,
                    const std::string& where, const long long* fallback = nullptr) {
  const json::Value* v = obj.find(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(where + ": missing '" + key + "'");
  }
  long long x = v->as_integer(where + " " + key);
  if (x < lo || x > hi)
    fail(where + ": '" + key + "' = " + std::to_string(x) + " is outside [" + std::to_string(lo) +
         ", " + std::to_string(hi) + "]");
  return x;
}

Activation parse_activation(const json::Value& layer, const std::string& where) {
  const json::Value* v = layer.find("activation");
  if (!v || v->is_null()) return Activation::None;
  const std::string& s = v->as_string(where + " activation");
  if (s == "none") return Activation::None;
  if (s == "relu") return Activation::Relu;
  if (s == "sigmoid") return Activation::Sigmoid;
  fail(where + ": unknown activation '" + s + "'");
}

OpKind parse_op(const std::string& s, const std::string& where) {
  static const std::map<std::string, OpKind> ops = {
      {"conv1d", OpKind::Conv1d},       {"conv_transpose1d", OpKind::ConvTranspose1d},
      {"relu", OpKind::Relu},           {"sigmoid", OpKind::Sigmoid},
      {"softmax", OpKind::Softmax},     {"maxpool1d", OpKind::MaxPool1d},
      {"upsample_nearest1d", OpKind::UpsampleNearest1d},
      {"concat", OpKind::Concat},       {"add", OpKind::Add}};
  auto it = ops.find(s);
  if (it == ops.end()) fail(where + ": unknown op '" + s + "'");
  return it->second;
}

class GraphBuilder {
 public:
  explicit GraphBuilder(const ModelFile& file) : file_(file) {}

  Graph build() {
    const json::Value& h = file_.header;
    ModelInfo& info = g_.info;
    info.header_json = file_.header_json;
    info.name = h.at("name").as_string("name");
    info.sample_rate_hz = h.at("sample_rate_hz").as_number("sample_rate_hz");
    if (!(info.sample_rate_hz > 0 && info.sample_rate_hz <= 1e6))
      fail("sample_rate_hz " + std::to_string(info.sample_rate_hz) + " is not a usable rate");
    info.channels_in = int(int_field(h, "channels_in", 1, kMaxChannels, "header"));
    for (const json::Value& o : h.at("outputs").as_array("outputs"))
      info.outputs.push_back(o.as_string("outputs"));
    if (info.outputs.empty()) fail("'outputs' names no channel");
    const long long one = 1;
    info.length_multiple = int(int_field(h, "length_multiple", 1, 1 << 16, "header", &one));
    if (const json::Value* p = h.find("preprocess")) {
      p->as_object("preprocess");
      auto num = [&](const char* key, double fallback) {
        const json::Value* v = p->find(key);
        return v ? v->as_number(std::string("preprocess ") + key) : fallback;
      };
      info.preprocess.baseline_window_s = num("baseline_window_s", info.preprocess.baseline_window_s);
      info.preprocess.amplitude_window_s =
          num("amplitude_window_s", info.preprocess.amplitude_window_s);
      info.preprocess.amplitude_floor = num("amplitude_floor", info.preprocess.amplitude_floor);
      info.preprocess.amplitude_context_s =
          num("amplitude_context_s", info.preprocess.amplitude_context_s);
      info.preprocess.scale = num("scale", info.preprocess.scale);
      info.preprocess.clip = num("clip", info.preprocess.clip);
      info.preprocess.pacing_spikes_removed =
          num("pacing_spikes_removed", info.preprocess.pacing_spikes_removed ? 1 : 0) != 0;
      // A zero floor would divide a flat lead by zero; a negative window has no blocks.
      if (!(info.preprocess.amplitude_window_s >= 0 && info.preprocess.amplitude_floor > 0 &&
            info.preprocess.amplitude_context_s >= 0))
        fail("preprocess: amplitude_window_s must be >= 0, amplitude_floor > 0 and "
             "amplitude_context_s >= 0");
    }

    const std::string& input_name = h.at("input").as_string("input");
    g_.input_value = define(input_name, info.channels_in, "header input");
    stride_.push_back(1.0);
    radius_.push_back(0.0);

    int index = 0;
    for (const json::Value& layer : h.at("layers").as_array("layers")) add_layer(layer, index++);
    if (g_.layers.empty()) fail("the model has no layers");

    const std::string& output_name = h.at("output").as_string("output");
    auto it = ids_.find(output_name);
    if (it == ids_.end()) fail("output '" + output_name + "' is not defined by any layer");
    g_.output_value = it->second;
    info.channels_out = g_.value_channels[g_.output_value];
    if (std::size_t(info.channels_out) != info.outputs.size())
      fail("output '" + output_name + "' has " + std::to_string(info.channels_out) +
           " channels but 'outputs' names " + std::to_string(info.outputs.size()));
    if (std::fabs(stride_[g_.output_value] - 1.0) > 1e-9)
      fail("output '" + output_name + "' is not at the input's sampling rate (the layers' strides "
           "and upsampling do not cancel)");
    info.receptive_radius = int(std::ceil(radius_[g_.output_value] - 1e-9));
    info.parameter_count = parameters_;
    info.flops_per_sample = flops_per_sample_;
    check_length_multiple();
    return std::move(g_);
  }

 private:
  int define(const std::string& name, int channels, const std::string& where) {
    if (name.empty()) fail(where + ": empty value name");
    if (ids_.count(name)) fail(where + ": value '" + name + "' is defined twice");
    int id = int(g_.value_channels.size());
    ids_[name] = id;
    g_.value_channels.push_back(channels);
    g_.value_names.push_back(name);
    return id;
  }

  int lookup(const std::string& name, const std::string& where) {
    auto it = ids_.find(name);
    if (it == ids_.end()) fail(where + ": input '" + name + "' is not defined by an earlier layer");
    return it->second;
  }

  const TensorData& tensor(const json::Value& layer, const char* key, const std::string& where) {
    const std::string& name = layer.at(key).as_string(where + " " + key);
    auto it = file_.tensors.find(name);
    if (it == file_.tensors.end()) fail(where + ": tensor '" + name + "' is missing from the file");
    if (!counted_.count(name)) {
      counted_.insert(name);
      parameters_ += it->second.values.size();
    }
    return it->second;
  }

  void read_bias(const json::Value& layer, Layer& l, int channels, const std::string& where) {
    const json::Value* b = layer.find("bias");
    if (!b || b->is_null()) return;
    const TensorData& t = tensor(layer, "bias", where);
    if (t.shape.size() != 1 || t.shape[0] != channels)
      fail(where + ": bias shape does not match " + std::to_string(channels) + " output channels");
    l.bias = t.values;
  }

  void add_layer(const json::Value& layer, int index) {
    std::string where = "layer " + std::to_string(index);
    layer.as_object(where);
    Layer l;
    l.op = parse_op(layer.at("op").as_string(where + " op"), where);
    where += " (" + std::string(op_name(l.op)) + ")";
    for (const json::Value& in : layer.at("inputs").as_array(where + " inputs"))
      l.inputs.push_back(lookup(in.as_string(where + " inputs"), where));
    const std::size_t want_inputs = l.op == OpKind::Concat ? 0 : l.op == OpKind::Add ? 2 : 1;
    if (want_inputs ? l.inputs.size() != want_inputs : l.inputs.size() < 2)
      fail(where + ": takes " + (want_inputs ? std::to_string(want_inputs) : "2 or more") +
           " inputs, got " + std::to_string(l.inputs.size()));
    const int c0 = g_.value_channels[l.inputs[0]];
    double S = stride_[l.inputs[0]], R = radius_[l.inputs[0]];
    int channels = c0;

    // Shared by conv1d ([out, in, kernel] weights) and conv_transpose1d ([in, out, kernel]):
    // weight shape, groups, the input-channel check, stride and dilation.
    const auto read_conv_weight = [&](bool transposed) -> const TensorData& {
      const TensorData& w = tensor(layer, "weight", where);
      if (w.shape.size() != 3)
        fail(where + (transposed ? ": weight must be [in, out, kernel]"
                                 : ": weight must be [out, in, kernel]"));
      const long long one = 1;
      if (int_field(layer, "groups", 1, kMaxChannels, where, &one) != 1)
        fail(where + ": groups other than 1 are not supported");
      l.cout = int(w.shape[transposed ? 1 : 0]);
      l.cin = int(w.shape[transposed ? 0 : 1]);
      l.kernel = int(w.shape[2]);
      if (l.cin != c0)
        fail(where + ": weight expects " + std::to_string(l.cin) + " input channels but '" +
             g_.value_names[l.inputs[0]] + "' has " + std::to_string(c0));
      if (l.kernel > kMaxKernelOrStride || l.cout > kMaxChannels) fail(where + ": weight too large");
      l.stride = int(int_field(layer, "stride", 1, kMaxKernelOrStride, where, &one));
      l.dilation = int(int_field(layer, "dilation", 1, kMaxKernelOrStride, where, &one));
      return w;
    };

    switch (l.op) {
      case OpKind::Conv1d: {
        const TensorData& w = read_conv_weight(false);
        const json::Value& pad = layer.at("padding");
        if (pad.is_array()) {
          const auto& p = pad.as_array(where + " padding");
          if (p.size() != 2) fail(where + ": padding must be [left, right]");
          l.pad_left = int(p[0].as_integer(where + " padding"));
          l.pad_right = int(p[1].as_integer(where + " padding"));
        } else {
          l.pad_left = l.pad_right = int(pad.as_integer(where + " padding"));
        }
        if (l.pad_left < 0 || l.pad_right < 0 || l.pad_left > kMaxPadding || l.pad_right > kMaxPadding)
          fail(where + ": padding out of range");
        l.activation = parse_activation(layer, where);
        l.weight = w.values;
        read_bias(layer, l, l.cout, where);
        channels = l.cout;
        const double span = double(l.dilation) * (l.kernel - 1);
        R += S * (std::max<double>(l.pad_left, span - l.pad_left) + (l.stride - 1));
        flops_per_sample_ += 2.0 * l.cout * l.cin * l.kernel / (S * l.stride);
        S *= l.stride;
        break;
      }
      case OpKind::ConvTranspose1d: {
        const TensorData& w = read_conv_weight(true);
        const long long zero = 0;
        l.pad_left = int(int_field(layer, "padding", 0, kMaxPadding, where, &zero));
        l.output_padding = int(int_field(layer, "output_padding", 0, kMaxKernelOrStride, where, &zero));
        if (l.output_padding >= std::max(l.stride, l.dilation))
          fail(where + ": output_padding must be smaller than stride or dilation");
        l.activation = parse_activation(layer, where);
        l.weight = w.values;
        read_bias(layer, l, l.cout, where);
        channels = l.cout;
        const double out_stride = S / l.stride;
        const double span = double(l.dilation) * (l.kernel - 1);
        R += out_stride * std::max<double>(l.pad_left, span - l.pad_left) + S;
        flops_per_sample_ += 2.0 * l.cout * l.cin * l.kernel / S;
        S = out_stride;
        break;
      }
      case OpKind::MaxPool1d: {
        l.kernel = int(int_field(layer, "kernel", 1, kMaxKernelOrStride, where));
        const long long k = l.kernel;
        l.stride = int(int_field(layer, "stride", 1, kMaxKernelOrStride, where, &k));
        R += S * ((l.kernel - 1) + (l.stride - 1));
        S *= l.stride;
        break;
      }
      case OpKind::UpsampleNearest1d: {
        l.scale = int(int_field(layer, "scale", 1, kMaxKernelOrStride, where));
        const double out_stride = S / l.scale;
        R += S - out_stride;
        S = out_stride;
        break;
      }
      case OpKind::Concat:
      case OpKind::Add: {
        channels = 0;
        for (int in : l.inputs) {
          if (l.op == OpKind::Add && g_.value_channels[in] != c0)
            fail(where + ": inputs have " + std::to_string(c0) + " and " +
                 std::to_string(g_.value_channels[in]) + " channels");
          if (std::fabs(stride_[in] - S) > 1e-9)
            fail(where + ": inputs '" + g_.value_names[l.inputs[0]] + "' and '" +
                 g_.value_names[in] + "' are at different resolutions");
          R = std::max(R, radius_[in]);
          channels += g_.value_channels[in];
        }
        if (l.op == OpKind::Add) channels = c0;
        if (channels > kMaxChannels) fail(where + ": too many channels");
        break;
      }
      case OpKind::Relu:
      case OpKind::Sigmoid:
      case OpKind::Softmax:
        break;
    }
    l.output_name = layer.at("output").as_string(where + " output");
    l.output = define(l.output_name, channels, where);
    // Activation memory per input sample; a hostile header (e.g. a concat of thousands of copies)
    // must be refused here rather than exhaust memory when a window is planned.
    activation_floats_per_sample_ += channels / S;
    if (activation_floats_per_sample_ > kMaxActivationFloatsPerSample)
      fail(where + ": the layers need more than " + std::to_string(kMaxActivationFloatsPerSample) +
           " activation values per input sample");
    stride_.push_back(S);
    radius_.push_back(R);
    g_.layers.push_back(std::move(l));
  }

  // The pooling grid must divide length_multiple, else windows could not be stitched exactly.
  void check_length_multiple() {
    const std::size_t m = std::size_t(g_.info.length_multiple);
    std::size_t base = (std::size_t(std::max(64, 4 * g_.info.receptive_radius)) + m - 1) / m * m;
    for (std::size_t T : {base, base + m, base + 3 * m}) {
      try {
        value_lengths(g_, T);
      } catch (const Error& e) {
        fail("length_multiple " + std::to_string(m) + " does not fit the layers: " + e.what());
      }
    }
  }

  const ModelFile& file_;
  Graph g_;
  std::map<std::string, int> ids_;
  std::set<std::string> counted_;
  std::vector<double> stride_;  // per value: input samples per value sample
  std::vector<double> radius_;  // per value: input samples each side it may depend on
  std::size_t parameters_ = 0;
  double flops_per_sample_ = 0;
  double activation_floats_per_sample_ = 0;
};

}  // namespace

const char* op_name(OpKind op) {
  switch (op) {
    case OpKind::Conv1d: return "conv1d";
    case OpKind::ConvTranspose1d: return "conv_transpose1d";
    case OpKind::Relu: return "relu";
    case OpKind::Sigmoid: return "sigmoid";
    case OpKind::Softmax: return "softmax";
    case OpKind::MaxPool1d: return "maxpool1d";
    case OpKind::UpsampleNearest1d: return "upsample_nearest1d";
    case OpKind::Concat: return "concat";
    case OpKind::Add: return "add";
  }
  return "?";
}

Graph build_graph(const ModelFile& file) {
  try {
    return GraphBuilder(file).build();
  } catch (const Error& e) {
    std::string msg = e.what();
    if (msg.rfind("model file: ", 0) == 0) throw;
    throw Error("model file: " + msg);
  }
}

std::vector<std::size_t> value_lengths(const Graph& graph, std::size_t T) {
  std::vector<std::size_t> len(graph.value_channels.size(), 0);
  len[graph.input_value] = T;
  constexpr long long kMaxLength = 1LL << 31;
  for (std::size_t i = 0; i < graph.layers.size(); ++i) {
    const Layer& l = graph.layers[i];
    const long long in = (long long)len[l.inputs[0]];
    long long out = in;
    switch (l.op) {
      case OpKind::Conv1d: {
        long long span = (long long)l.dilation * (l.kernel - 1) + 1;
        long long padded = in + l.pad_left + l.pad_right;
        out = padded >= span ? (padded - span) / l.stride + 1 : 0;
        break;
      }
      case OpKind::ConvTranspose1d:
        out = (in - 1) * l.stride - 2LL * l.pad_left + (long long)l.dilation * (l.kernel - 1) +
              l.output_padding + 1;
        break;
      case OpKind::MaxPool1d:
        out = in >= l.kernel ? (in - l.kernel) / l.stride + 1 : 0;
        break;
      case OpKind::UpsampleNearest1d:
        out = in * l.scale;
        break;
      case OpKind::Concat:
      case OpKind::Add:
        for (int v : l.inputs)
          if ((long long)len[v] != in)
            throw Error("input length " + std::to_string(T) + ": layer " + std::to_string(i) + " (" +
                        op_name(l.op) + ") joins lengths " + std::to_string(in) + " and " +
                        std::to_string(len[v]));
        break;
      default:
        break;
    }
    if (out < 1 || out > kMaxLength)
      throw Error("input length " + std::to_string(T) + ": layer " + std::to_string(i) + " (" +
                  op_name(l.op) + ") would produce " + std::to_string(out) + " samples");
    len[l.output] = std::size_t(out);
  }
  if (len[graph.output_value] != T)
    throw Error("input length " + std::to_string(T) + " gives an output of " +
                std::to_string(len[graph.output_value]) + " samples");
  return len;
}

}  // namespace qrs::nn
