#pragma once
// Builds .qrsm model files in memory for the nn tests (docs/model_format.md), so each test states
// the exact graph it checks. Weights are random unit-scale values from a fixed seed.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "util/crc32.h"

namespace qrs::test {

struct TestTensor {
  std::string name;
  std::vector<int> shape;
  std::vector<float> values;
};

class ModelBuilder {
 public:
  explicit ModelBuilder(int channels_in = 1, unsigned seed = 1) : channels_in_(channels_in), rng_(seed) {}

  ModelBuilder& outputs(std::vector<std::string> names) { outputs_ = std::move(names); return *this; }
  ModelBuilder& length_multiple(int m) { length_multiple_ = m; return *this; }
  ModelBuilder& output(std::string name) { output_ = std::move(name); return *this; }

  // Adds a tensor of random values in [-scale, scale]; returns its name.
  std::string tensor(const std::string& name, std::vector<int> shape, float scale = 0.5f) {
    std::size_t n = 1;
    for (int d : shape) n *= std::size_t(d);
    std::uniform_real_distribution<float> dist(-scale, scale);
    TestTensor t{name, std::move(shape), std::vector<float>(n)};
    for (float& v : t.values) v = dist(rng_);
    tensors_.push_back(std::move(t));
    return name;
  }

  // A raw layer object, e.g. R"({"op": "relu", "inputs": ["x"], "output": "y"})".
  ModelBuilder& layer(const std::string& json) { layers_.push_back(json); return *this; }

  // conv1d with random weights [cout, cin, k] and bias.
  ModelBuilder& conv(const std::string& in, const std::string& out, int cin, int cout, int k,
                     int pad_left, int pad_right, int stride = 1, int dilation = 1,
                     const std::string& activation = "none") {
    std::string w = tensor(out + ".weight", {cout, cin, k}, 1.0f / std::sqrt(float(cin * k)));
    std::string b = tensor(out + ".bias", {cout}, 0.1f);
    return layer(R"({"op": "conv1d", "inputs": [")" + in + R"("], "output": ")" + out +
                 R"(", "weight": ")" + w + R"(", "bias": ")" + b + R"(", "stride": )" +
                 std::to_string(stride) + R"(, "dilation": )" + std::to_string(dilation) +
                 R"(, "padding": [)" + std::to_string(pad_left) + ", " + std::to_string(pad_right) +
                 R"(], "groups": 1, "activation": ")" + activation + R"("})");
  }

  std::string header() const {
    std::string s = R"({"format": "qrs-annotator-model", "name": "test", "sample_rate_hz": 250, )";
    s += R"("channels_in": )" + std::to_string(channels_in_) + R"(, "outputs": [)";
    for (std::size_t i = 0; i < outputs_.size(); ++i) s += (i ? ", \"" : "\"") + outputs_[i] + "\"";
    s += R"(], "length_multiple": )" + std::to_string(length_multiple_);
    s += R"(, "preprocess": {"baseline_window_s": 0.5, "scale": 2.0, "clip": 8.0}, )";
    s += R"("input": "x", "output": ")" + output_ + R"(", "tensors": [)";
    std::size_t offset = 0;
    for (std::size_t i = 0; i < tensors_.size(); ++i) {
      s += i ? ", " : "";
      s += R"({"name": ")" + tensors_[i].name + R"(", "shape": [)";
      for (std::size_t d = 0; d < tensors_[i].shape.size(); ++d)
        s += (d ? ", " : "") + std::to_string(tensors_[i].shape[d]);
      s += R"(], "offset": )" + std::to_string(offset) + "}";
      offset += (tensors_[i].values.size() * 4 + 15) / 16 * 16;
    }
    s += R"(], "layers": [)";
    for (std::size_t i = 0; i < layers_.size(); ++i) s += (i ? ", " : "") + layers_[i];
    s += "]}";
    return s;
  }

  std::vector<std::uint8_t> bytes() const { return encode(header()); }

  // Encodes with a caller-supplied header (for tests that break the header on purpose).
  std::vector<std::uint8_t> encode(const std::string& header_text) const {
    std::vector<std::uint8_t> out = {'Q', 'R', 'S', 'M', 'O', 'D', 'E', 'L'};
    put_u32(out, 1);
    put_u32(out, std::uint32_t(header_text.size()));
    out.insert(out.end(), header_text.begin(), header_text.end());
    out.resize((out.size() + 15) / 16 * 16, 0);
    for (const TestTensor& t : tensors_) {
      std::size_t at = out.size();
      out.resize(at + (t.values.size() * 4 + 15) / 16 * 16, 0);
      std::memcpy(out.data() + at, t.values.data(), t.values.size() * 4);  // little-endian host
    }
    put_u32(out, crc32(out.data(), out.size()));
    return out;
  }

  static void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(std::uint8_t(v >> (8 * i)));
  }

  // Recomputes the trailing CRC after a test edited the bytes, so the next check is reached.
  static void fix_crc(std::vector<std::uint8_t>& bytes) {
    std::uint32_t c = crc32(bytes.data(), bytes.size() - 4);
    for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + i] = std::uint8_t(c >> (8 * i));
  }

 private:
  int channels_in_;
  std::mt19937 rng_;
  std::vector<std::string> outputs_ = {"onset", "offset"};
  int length_multiple_ = 1;
  std::string output_ = "y";
  std::vector<TestTensor> tensors_;
  std::vector<std::string> layers_;
};

}  // namespace qrs::test
