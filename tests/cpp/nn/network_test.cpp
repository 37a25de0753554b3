// Running: run() over any length equals one pass over the whole zero-padded signal (windowing and
// stitching are exact up to float rounding), and the XNNPACK backend computes what the built-in one
// does on graphs with every op and many shapes, on one thread and split over a pool.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "model_builder.h"
#include "nn/network.h"
#include "util/error.h"

namespace qrs::nn {
namespace {

using test::ModelBuilder;

// A 3-level U-Net with every op kind: conv (dilated, strided), maxpool, upsample, conv_transpose,
// concat, add, relu, sigmoid head. length_multiple 4.
ModelBuilder unet(unsigned seed, int c = 6) {
  ModelBuilder m(1, seed);
  std::string C = std::to_string(c), C2 = std::to_string(2 * c);
  m.length_multiple(4)
      .conv("x", "e0", 1, c, 9, 4, 4, 1, 1, "relu")
      .layer(R"({"op": "maxpool1d", "inputs": ["e0"], "output": "p0", "kernel": 2, "stride": 2})")
      .conv("p0", "e1", c, 2 * c, 5, 4, 4, 1, 2, "relu")
      .conv("e1", "s1", 2 * c, 2 * c, 4, 1, 1, 2, 1)  // strided down-sampling conv (k4 s2)
      .conv("s1", "m", 2 * c, 2 * c, 3, 1, 1, 1, 1, "relu")
      .layer(R"({"op": "upsample_nearest1d", "inputs": ["m"], "output": "u1", "scale": 2})")
      .layer(R"({"op": "concat", "inputs": ["u1", "e1"], "output": "c1"})")
      .conv("c1", "d1", 4 * c, 2 * c, 5, 2, 2);
  std::string wt = m.tensor("t.weight", {2 * c, c, 2}, 0.4f);
  std::string bt = m.tensor("t.bias", {c}, 0.1f);
  m.layer(R"({"op": "relu", "inputs": ["d1"], "output": "r1"})")
      .layer(R"({"op": "conv_transpose1d", "inputs": ["r1"], "output": "t", "weight": ")" + wt +
             R"(", "bias": ")" + bt + R"(", "stride": 2, "padding": 0, "output_padding": 0})")
      .layer(R"({"op": "add", "inputs": ["t", "e0"], "output": "a"})")
      .conv("a", "h", c, 2, 3, 1, 1)
      .layer(R"({"op": "sigmoid", "inputs": ["h"], "output": "y"})");
  return m;
}

std::vector<float> random_signal(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  std::vector<float> x(n);
  for (float& v : x) v = dist(rng);
  return x;
}

float max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
  EXPECT_EQ(a.size(), b.size());
  float d = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) d = std::max(d, std::fabs(a[i] - b[i]));
  return d;
}

// XNNPACK is a required part of the native build: a build without it fails these tests.
std::vector<BackendKind> backends() {
  return {BackendKind::Builtin, BackendKind::Xnnpack};
}

TEST(Network, WindowedRunEqualsOneWholePass) {
  auto bytes = unet(11).bytes();
  for (BackendKind backend : backends()) {
    auto net = Network::load(bytes.data(), bytes.size(), backend);
    const std::size_t m = std::size_t(net->info().length_multiple);
    const int radius = net->info().receptive_radius;
    ASSERT_GT(radius, 8);
    for (std::size_t window : {std::size_t(1), std::size_t(100), std::size_t(256)}) {
      net->set_window(window);
      for (std::size_t n : {1, 2, 3, 4, 5, 63, 64, 65, 127, 200, 333, 512, 777, 1500, 2049}) {
        std::vector<float> x = random_signal(n, unsigned(n));
        std::vector<float> padded = x;
        padded.resize((n + m - 1) / m * m, 0.0f);
        std::vector<float> whole = net->run_window(padded.data(), padded.size());
        whole.resize(n * 2);
        std::vector<float> windowed = net->run(x.data(), n);
        ASSERT_LE(max_abs_diff(windowed, whole), 1e-4f)
            << backend_name(backend) << " n=" << n << " window=" << window;
      }
    }
  }
}

TEST(Network, EmptyInputGivesEmptyOutputAndBadLengthsAreErrors) {
  auto bytes = unet(12).bytes();
  auto net = Network::load(bytes.data(), bytes.size(), BackendKind::Builtin);
  EXPECT_TRUE(net->run(nullptr, 0).empty());
  std::vector<float> x(6, 0.0f);
  EXPECT_THROW(net->run_window(x.data(), 6), Error);  // not a multiple of 4
  EXPECT_THROW(net->run_window(x.data(), 0), Error);
  EXPECT_THROW(net->set_window(0), Error);
}

TEST(Network, RepeatedRunsAreIdentical) {
  auto bytes = unet(13).bytes();
  for (BackendKind backend : backends()) {
    auto net = Network::load(bytes.data(), bytes.size(), backend);
    std::vector<float> x = random_signal(700, 3), y = random_signal(96, 4);
    std::vector<float> first = net->run(x.data(), x.size());
    net->run(y.data(), y.size());  // a different length in between must not disturb state
    EXPECT_EQ(net->run(x.data(), x.size()), first) << backend_name(backend);
  }
}

// XNNPACK with its own pool of threads (one long lead over every core) computes what the built-in
// backend does, and exactly what the same plan computes on the calling thread alone.
TEST(Network, XnnpackSplitOverThreadsMatchesOneThread) {
  auto bytes = unet(14, 16).bytes();
  auto builtin = Network::load(bytes.data(), bytes.size(), BackendKind::Builtin);
  auto one_thread = Network::load(bytes.data(), bytes.size(), BackendKind::Xnnpack);
  auto pooled = Network::load(bytes.data(), bytes.size(), BackendKind::Xnnpack, 3);
  for (std::size_t n : {std::size_t(64), std::size_t(5000), std::size_t(40000)}) {
    std::vector<float> x = random_signal(n, unsigned(n) + 5);
    pooled->set_intra_op_parallel(true);
    const std::vector<float> split = pooled->run(x.data(), n);
    EXPECT_LE(max_abs_diff(split, builtin->run(x.data(), n)), 1e-4f) << "n=" << n;
    // The pooled network runs longer windows (network.cpp); each output row comes out the same.
    EXPECT_EQ(split, one_thread->run(x.data(), n)) << "n=" << n;
    pooled->set_intra_op_parallel(false);
    EXPECT_EQ(pooled->run(x.data(), n), split) << "n=" << n;
  }
}

// Random single-op graphs and shapes: XNNPACK and built-in agree.
TEST(Network, XnnpackMatchesBuiltinOnRandomGraphs) {
  std::mt19937 rng(99);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 60; ++trial) {
    const int c_in = pick(1, 3), c = pick(1, 20), k = pick(1, 9), d = pick(1, 3), s = pick(1, 2);
    ModelBuilder m(c_in, unsigned(trial));
    m.length_multiple(2 * s);
    // Total padding d*(k-1) keeps the length (T/s when strided), split unevenly at random.
    const int span = d * (k - 1), left = pick(0, span);
    const std::string act = std::vector<std::string>{"none", "relu", "sigmoid"}[pick(0, 2)];
    m.conv("x", "a", c_in, c, k, left, span - left, s, d, act);
    std::string last = "a";
    if (s == 2 && pick(0, 1)) {
      m.layer(R"({"op": "upsample_nearest1d", "inputs": ["a"], "output": "u", "scale": 2})");
      last = "u";
    } else if (s == 2) {
      std::string w = m.tensor("t.weight", {c, c, 2}, 0.5f), b = m.tensor("t.bias", {c}, 0.1f);
      m.layer(R"({"op": "conv_transpose1d", "inputs": ["a"], "output": "u", "weight": ")" + w +
              R"(", "bias": ")" + b + R"(", "stride": 2, "padding": 0, "activation": "relu"})");
      last = "u";
    }
    if (pick(0, 1)) {
      m.layer(R"({"op": "softmax", "inputs": [")" + last + R"("], "output": "sm"})");
      last = "sm";
    }
    const int pool = pick(1, 2);  // kernel 1: XNNPACK's 1 x 1 max pooling (a strided pick)
    m.layer(R"({"op": "concat", "inputs": [")" + last + R"(", ")" + last + R"("], "output": "cc"})")
        .layer(R"({"op": "maxpool1d", "inputs": ["cc"], "output": "mp", "kernel": )" +
               std::to_string(pool) + R"(, "stride": )" + std::to_string(pool) + "}")
        .layer(R"({"op": "upsample_nearest1d", "inputs": ["mp"], "output": "up", "scale": )" +
               std::to_string(pool) + "}")
        .layer(R"({"op": "relu", "inputs": ["up"], "output": "r"})")
        .layer(R"({"op": "add", "inputs": ["r", "cc"], "output": "sum"})")
        .conv("sum", "y", 2 * c, 2, 1, 0, 0);
    std::vector<std::uint8_t> bytes = m.bytes();
    auto builtin = Network::load(bytes.data(), bytes.size(), BackendKind::Builtin);
    auto xnn = Network::load(bytes.data(), bytes.size(), BackendKind::Xnnpack);
    for (std::size_t T : {std::size_t(4), std::size_t(64), std::size_t(500)}) {
      std::vector<float> x = random_signal(T * std::size_t(c_in), unsigned(trial * 7 + T));
      float diff = max_abs_diff(builtin->run_window(x.data(), T), xnn->run_window(x.data(), T));
      ASSERT_LE(diff, 1e-4f) << "trial " << trial << " T=" << T << "\n" << m.header();
    }
  }
}

}  // namespace
}  // namespace qrs::nn
