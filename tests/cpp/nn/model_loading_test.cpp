// Loading: a damaged or inconsistent model file is a qrs::Error with a message that says what is
// wrong, never a crash; a good one reports what ModelInfo promises.
#include <gtest/gtest.h>

#include <string>

#include "model_builder.h"
#include "nn/network.h"
#include "util/error.h"

namespace qrs::nn {
namespace {

using test::ModelBuilder;

// x(1) -conv k9-> a(4, relu) -pool2-> p -conv k5-> b(4) -up2-> u -cat(a)-> c(8) -conv k1-> y(2)
ModelBuilder small_unet() {
  ModelBuilder m(1, 3);
  m.length_multiple(2)
      .conv("x", "a", 1, 4, 9, 4, 4, 1, 1, "relu")
      .layer(R"({"op": "maxpool1d", "inputs": ["a"], "output": "p", "kernel": 2, "stride": 2})")
      .conv("p", "b", 4, 4, 5, 2, 2)
      .layer(R"({"op": "upsample_nearest1d", "inputs": ["b"], "output": "u", "scale": 2})")
      .layer(R"({"op": "concat", "inputs": ["u", "a"], "output": "c"})")
      .conv("c", "y", 8, 2, 1, 0, 0, 1, 1, "sigmoid");
  return m;
}

std::string load_error(const std::vector<std::uint8_t>& bytes,
                       BackendKind backend = BackendKind::Builtin) {
  try {
    Network::load(bytes.data(), bytes.size(), backend);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void expect_error(const std::vector<std::uint8_t>& bytes, const std::string& fragment) {
  std::string msg = load_error(bytes);
  EXPECT_NE(msg.find(fragment), std::string::npos) << "message: '" << msg << "' lacks '" << fragment << "'";
}

TEST(ModelLoading, ReportsModelInfo) {
  ModelBuilder m = small_unet();
  auto bytes = m.bytes();
  auto net = Network::load(bytes.data(), bytes.size(), BackendKind::Builtin);
  const ModelInfo& info = net->info();
  EXPECT_EQ(info.name, "test");
  EXPECT_EQ(info.sample_rate_hz, 250.0);
  EXPECT_EQ(info.channels_in, 1);
  EXPECT_EQ(info.channels_out, 2);
  EXPECT_EQ(info.outputs, (std::vector<std::string>{"onset", "offset"}));
  EXPECT_EQ(info.length_multiple, 2);
  EXPECT_EQ(info.preprocess.baseline_window_s, 0.5);
  EXPECT_EQ(info.preprocess.scale, 2.0);
  EXPECT_EQ(info.preprocess.clip, 8.0);
  EXPECT_EQ(info.preprocess.amplitude_window_s, 0.0);  // absent: off, as older files expect
  EXPECT_EQ(info.parameter_count, std::size_t(4 * 9 + 4 + 4 * 4 * 5 + 4 + 2 * 8 + 2));
  // MACs per input sample: 36 (conv a) + 80 / 2 (conv b at half rate) + 16 (head); x2 for FLOPs.
  EXPECT_DOUBLE_EQ(info.flops_per_sample, 2.0 * (36 + 40 + 16));
  // conv a: 4; pool: +1 (+1 grid slack); conv b at stride 2: +4; upsample: +1 -> 11.
  EXPECT_EQ(info.receptive_radius, 11);
  EXPECT_EQ(info.header_json, m.header());
  EXPECT_EQ(net->backend(), BackendKind::Builtin);
}

TEST(ModelLoading, AmplitudeNormalisationKeys) {
  ModelBuilder m = small_unet();
  const std::string plain = "\"scale\": 2.0";
  const auto with_keys = [&](const std::string& keys) {
    std::string header = m.header();
    header.replace(header.find(plain), plain.size(), keys + ", " + plain);
    return m.encode(header);
  };
  const auto bytes = with_keys(R"("amplitude_window_s": 2, "amplitude_floor": 0.1)");
  const auto net = Network::load(bytes.data(), bytes.size(), BackendKind::Builtin);
  EXPECT_EQ(net->info().preprocess.amplitude_window_s, 2.0);
  EXPECT_EQ(net->info().preprocess.amplitude_floor, 0.1);
  expect_error(with_keys(R"("amplitude_window_s": 2, "amplitude_floor": 0)"),
               "amplitude_floor > 0");
  expect_error(with_keys(R"("amplitude_window_s": -1)"), "amplitude_window_s must be >= 0");
  expect_error(with_keys(R"("amplitude_context_s": -2)"), "amplitude_context_s >= 0");
  EXPECT_EQ(net->info().preprocess.amplitude_context_s, 0.0);  // absent: the whole lead
}

TEST(ModelLoading, ReceptiveRadiusCoversTheTrueDependence) {
  // Perturb one input sample and see how far the output changes: never beyond the radius.
  auto bytes = small_unet().bytes();
  auto net = Network::load(bytes.data(), bytes.size(), BackendKind::Builtin);
  const std::size_t T = 128, at = 64;
  std::vector<float> x(T, 0.3f);
  std::vector<float> base = net->run_window(x.data(), T);
  x[at] = 5.0f;
  std::vector<float> bumped = net->run_window(x.data(), T);
  std::size_t reach = 0;
  for (std::size_t t = 0; t < T; ++t)
    for (int c = 0; c < 2; ++c)
      if (base[t * 2 + c] != bumped[t * 2 + c])
        reach = std::max(reach, t > at ? t - at : at - t);
  EXPECT_GT(reach, 4u);
  EXPECT_LE(reach, std::size_t(net->info().receptive_radius));
}

TEST(ModelLoading, EveryTruncationIsAnError) {
  auto bytes = small_unet().bytes();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + n);
    EXPECT_NE(load_error(cut), "") << "truncated to " << n << " bytes";
  }
  EXPECT_EQ(load_error(bytes), "");
}

TEST(ModelLoading, EveryFlippedByteIsAnError) {
  auto bytes = small_unet().bytes();
  for (std::size_t i = 0; i < bytes.size(); i += 1) {
    auto bad = bytes;
    bad[i] ^= 0x5A;
    EXPECT_NE(load_error(bad), "") << "flipped byte " << i;
  }
  auto bad = bytes;
  bad[bytes.size() / 2] ^= 1;
  expect_error(bad, "damaged: checksum mismatch");
}

TEST(ModelLoading, ContainerErrorsHaveTheirOwnMessages) {
  ModelBuilder m = small_unet();
  auto bytes = m.bytes();
  expect_error({}, "too short");
  auto bad = bytes;
  bad[0] = 'X';
  expect_error(bad, "not a QRS model file");
  bad = bytes;
  bad[8] = 2;
  ModelBuilder::fix_crc(bad);
  expect_error(bad, "format version 2 is not supported");
  bad = bytes;
  bad[14] = 0x7F;  // header length ~ 8 MB in a small file
  ModelBuilder::fix_crc(bad);
  expect_error(bad, "header length");
  bad = bytes;
  bad.push_back(0);  // trailing byte: the CRC is read from the wrong place
  expect_error(bad, "checksum mismatch");
}

TEST(ModelLoading, LyingSizesAreCaught) {
  ModelBuilder m = small_unet();
  std::string h = m.header();
  // Header length one short: the header's last byte lands in what must be zero padding.
  auto bytes = m.bytes();
  bytes[12] -= 1;
  ModelBuilder::fix_crc(bytes);
  expect_error(bytes, "padding after the header is not zero");
  // Header length one long: the JSON text takes a padding zero (or a data byte) with it.
  bytes = m.bytes();
  bytes[12] += 1;
  ModelBuilder::fix_crc(bytes);
  expect_error(bytes, "model file: header: JSON: offset");
  // A tensor whose offset points past the data section.
  std::string moved = h;
  moved.replace(moved.find("\"offset\": 0"), 11, "\"offset\": 1600");
  expect_error(m.encode(moved), "lies outside the data section");
  // A shape that claims more values than are stored.
  std::string big = h;
  big.replace(big.find("[4, 1, 9]"), 9, "[400, 1, 9]");
  expect_error(m.encode(big), "lies outside the data section");
  std::string odd = h;
  odd.replace(odd.find("\"offset\": 0"), 11, "\"offset\": 4");
  expect_error(m.encode(odd), "multiple of 16");
}

TEST(ModelLoading, GraphErrorsNameTheLayer) {
  auto with = [](const std::string& extra_layer) {
    ModelBuilder m(1, 5);
    m.conv("x", "a", 1, 2, 3, 1, 1);
    m.layer(extra_layer);
    return m.bytes();
  };
  expect_error(with(R"({"op": "gelu", "inputs": ["a"], "output": "y"})"), "unknown op 'gelu'");
  expect_error(with(R"({"op": "relu", "inputs": ["nope"], "output": "y"})"),
               "input 'nope' is not defined by an earlier layer");
  expect_error(with(R"({"op": "relu", "inputs": ["a"], "output": "a"})"), "defined twice");
  expect_error(with(R"({"op": "conv1d", "inputs": ["a"], "output": "y", "weight": "missing",
                        "padding": [0, 0]})"),
               "tensor 'missing' is missing");
  expect_error(with(R"({"op": "conv1d", "inputs": ["a"], "output": "y", "weight": "a.weight",
                        "padding": [1, 1]})"),
               "expects 1 input channels but 'a' has 2");
  expect_error(with(R"({"op": "conv1d", "inputs": ["a"], "output": "y", "weight": "a.weight",
                        "padding": [1, 1], "groups": 2})"),
               "groups other than 1 are not supported");
  expect_error(with(R"({"op": "add", "inputs": ["a", "x"], "output": "y"})"),
               "inputs have 2 and 1 channels");
  expect_error(with(R"({"op": "relu", "inputs": ["a"], "output": "y", "activation": "tanh"})"), "");
  expect_error(with(R"({"op": "maxpool1d", "inputs": ["a"], "output": "y", "kernel": 0})"),
               "'kernel' = 0 is outside");
  // Output has 2 channels but so do outputs: fine; 3 outputs named: mismatch.
  ModelBuilder m3(1, 5);
  m3.outputs({"a", "b", "c"}).conv("x", "y", 1, 2, 3, 1, 1);
  expect_error(m3.bytes(), "has 2 channels but 'outputs' names 3");
  // Pooling without upsampling: output not at the input rate.
  ModelBuilder down(1, 5);
  down.conv("x", "a", 1, 2, 3, 1, 1)
      .layer(R"({"op": "maxpool1d", "inputs": ["a"], "output": "y", "kernel": 2})");
  expect_error(down.bytes(), "not at the input's sampling rate");
  // length_multiple too small for two poolings.
  ModelBuilder grid(1, 5);
  grid.length_multiple(2)
      .layer(R"({"op": "maxpool1d", "inputs": ["x"], "output": "p", "kernel": 2})")
      .layer(R"({"op": "maxpool1d", "inputs": ["p"], "output": "q", "kernel": 2})")
      .layer(R"({"op": "upsample_nearest1d", "inputs": ["q"], "output": "u", "scale": 4})")
      .conv("u", "y", 1, 2, 1, 0, 0);
  expect_error(grid.bytes(), "length_multiple 2 does not fit");
  grid.length_multiple(4);
  EXPECT_EQ(load_error(grid.bytes()), "");
  // A tiny file whose header asks for gigabytes of activations is refused at load.
  ModelBuilder greedy(1, 5);
  std::string many = "\"x\"";
  for (int i = 0; i < 20000; ++i) many += ", \"x\"";
  greedy.layer(R"({"op": "concat", "inputs": [)" + many + R"(], "output": "y"})");
  expect_error(greedy.bytes(), "activation values per input sample");
}

TEST(ModelLoading, BackendNames) {
  EXPECT_EQ(parse_backend("builtin"), BackendKind::Builtin);
  EXPECT_EQ(parse_backend("xnnpack"), BackendKind::Xnnpack);
  EXPECT_EQ(parse_backend("auto"), BackendKind::Auto);
  EXPECT_THROW(parse_backend("gpu"), Error);
  EXPECT_STREQ(backend_name(BackendKind::Builtin), "builtin");
  // XNNPACK is a required part of the native build (cmake/xnnpack.cmake), and natively the
  // faster backend, so 'auto' picks it (docs/performance.md).
  ASSERT_TRUE(xnnpack_available());
  auto bytes = small_unet().bytes();
  auto net = Network::load(bytes.data(), bytes.size(), BackendKind::Auto);
  EXPECT_EQ(net->backend(), BackendKind::Xnnpack);
}

}  // namespace
}  // namespace qrs::nn
