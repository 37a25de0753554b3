#pragma once
// The validated layer graph of a model: layers in execution order over numbered activation values,
// weights in PyTorch layout, and the ModelInfo derived from the header and from shape inference.
// Both backends execute this same Graph; they differ only in how they run each layer.
//
// Activations are [length, channels] (channels last). A value's channel count is fixed by the
// graph; its length depends on the window length T fed to the network (value_lengths()).
#include <cstddef>
#include <string>
#include <vector>

#include "nn/model_file.h"
#include "nn/network.h"

namespace qrs::nn {

enum class OpKind { Conv1d, ConvTranspose1d, Relu, Sigmoid, Softmax, MaxPool1d, UpsampleNearest1d,
                    Concat, Add };
enum class Activation { None, Relu, Sigmoid };

const char* op_name(OpKind op);

struct Layer {
  OpKind op = OpKind::Relu;
  std::vector<int> inputs;  // value ids
  int output = -1;          // value id
  std::string output_name;  // for messages

  // conv1d / conv_transpose1d. Weights: conv1d [cout, cin, kernel]; transposed [cin, cout, kernel].
  std::vector<float> weight;
  std::vector<float> bias;  // empty when the layer has none
  int cin = 0, cout = 0, kernel = 1, stride = 1, dilation = 1;
  int pad_left = 0, pad_right = 0;  // conv1d zero padding; conv_transpose1d: pad_left = padding
  int output_padding = 0;           // conv_transpose1d
  Activation activation = Activation::None;

  // maxpool1d uses kernel and stride; upsample_nearest1d uses scale.
  int scale = 1;
};

struct Graph {
  ModelInfo info;
  std::vector<Layer> layers;
  std::vector<int> value_channels;  // per value id
  std::vector<std::string> value_names;
  int input_value = 0;
  int output_value = 0;
};

// Interprets and validates the header of a container already checked by read_model_file().
Graph build_graph(const ModelFile& file);

// Length of every value for an input window of T samples; throws qrs::Error if some layer would
// produce an empty output or inputs of add/concat disagree (e.g. T not a multiple of the pooling
// grid), or the output length differs from T.
std::vector<std::size_t> value_lengths(const Graph& graph, std::size_t T);

}  // namespace qrs::nn
