#pragma once
// Builds a tiny, exactly understood .qrsm model in memory (docs/model_format.md) so the Annotator
// facade can be tested without the trained weights: one conv1d + sigmoid whose "onset" output is
// sigmoid(8 x[t] - 4) and whose "offset" output is sigmoid(8 x[t - delay] - 4). A bump in the
// input therefore yields an onset peak at the bump and an offset peak `delay` model samples later.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "util/crc32.h"

namespace qrs::test {

struct TinyModelSpec {
  int delay = 20;                                          // model samples (80 ms at 250 Hz)
  std::vector<std::string> outputs = {"offset", "onset"};  // order deliberately not onset-first
  int channels_in = 1;
  double sample_rate_hz = 250;
  std::string preprocess = R"({"baseline_window_s":1.0,"scale":1.0,"clip":10.0})";
};

inline void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

inline std::vector<std::uint8_t> tiny_model(const TinyModelSpec& spec = {}) {
  const int k = 2 * spec.delay + 1;
  const int cin = spec.channels_in;
  // Weight [2, cin, k]: channel of "onset" taps x[t] (centre), channel of "offset" taps x[t -
  // delay].
  std::vector<float> weight(static_cast<std::size_t>(2 * cin * k), 0.0f);
  for (int c = 0; c < 2; ++c) {
    const bool is_onset = spec.outputs[static_cast<std::size_t>(c)] == "onset";
    weight[static_cast<std::size_t>(c * cin * k + (is_onset ? spec.delay : 0))] = 8.0f;
  }
  const std::vector<float> bias = {-4.0f, -4.0f};
  const std::size_t weight_bytes = weight.size() * 4;
  const std::size_t bias_offset = (weight_bytes + 15) / 16 * 16;

  std::string outputs_json;
  for (const std::string& o : spec.outputs)
    outputs_json += (outputs_json.empty() ? "\"" : ",\"") + o + "\"";
  const std::string header =
      std::string("{\"format\":\"qrs-annotator-model\",\"name\":\"tiny-test\",") +
      "\"sample_rate_hz\":" + std::to_string(spec.sample_rate_hz) +
      ",\"channels_in\":" + std::to_string(cin) + ",\"outputs\":[" + outputs_json +
      "],\"length_multiple\":1," +
      "\"preprocess\":" + spec.preprocess + "," +
      "\"input\":\"x\",\"output\":\"y\",\"tensors\":[" + "{\"name\":\"w\",\"shape\":[2," +
      std::to_string(cin) + "," + std::to_string(k) +
      "],\"offset\":0},{\"name\":\"b\",\"shape\":[2],\"offset\":" + std::to_string(bias_offset) +
      "}],\"layers\":[{\"op\":\"conv1d\",\"inputs\":[\"x\"],\"output\":\"y\",\"weight\":\"w\"," +
      "\"bias\":\"b\",\"stride\":1,\"dilation\":1,\"padding\":[" + std::to_string(spec.delay) +
      "," + std::to_string(spec.delay) + "],\"groups\":1,\"activation\":\"sigmoid\"}]}";

  std::vector<std::uint8_t> out = {'Q', 'R', 'S', 'M', 'O', 'D', 'E', 'L'};
  put_u32(out, 1);
  put_u32(out, static_cast<std::uint32_t>(header.size()));
  out.insert(out.end(), header.begin(), header.end());
  while (out.size() % 16) out.push_back(0);
  const std::size_t data = out.size();
  out.resize(data + bias_offset + bias.size() * 4, 0);
  std::memcpy(out.data() + data, weight.data(), weight_bytes);
  std::memcpy(out.data() + data + bias_offset, bias.data(), bias.size() * 4);
  put_u32(out, qrs::crc32(out.data(), out.size()));
  return out;
}

}  // namespace qrs::test
