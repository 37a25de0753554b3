// The native build holds every part README.md promises (tests/required_parts.json), and each
// backend it lists really runs: a part that dropped out at configure time fails here instead of
// letting the tests that use it skip or fall back.
#include "util/build_info.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "nn/model_builder.h"
#include "nn/network.h"
#include "test_paths.h"
#include "util/json.h"

namespace qrs {
namespace {

std::vector<std::string> promised(const std::string& kind) {
  const std::vector<std::uint8_t> bytes =
      test::read_bytes(test::source_dir() + "/tests/required_parts.json");
  const json::Value doc = json::parse(std::string(bytes.begin(), bytes.end()));
  std::vector<std::string> names;
  for (const json::Value& name : doc.at("native").at(kind).as_array(kind))
    names.push_back(name.as_string(kind));
  return names;
}

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

TEST(BuildInfo, HoldsEveryPromisedBackendAndCodec) {
  const BuildInfo info = build_info();
  const std::vector<std::string> backends = promised("backends"), codecs = promised("codecs");
  ASSERT_FALSE(backends.empty());
  for (const std::string& name : backends)
    EXPECT_TRUE(contains(info.backends, name)) << "backend '" << name << "' is not in this build";
  for (const std::string& name : codecs)
    EXPECT_TRUE(contains(info.codecs, name)) << "codec '" << name << "' is not in this build";
}

TEST(BuildInfo, EveryListedBackendRunsAsItself) {
  // Network::load must give the backend asked for, never a fallback, and the same numbers.
  test::ModelBuilder model;
  model.conv("x", "y", 1, 2, 5, 2, 2, 1, 1, "sigmoid");
  const std::vector<std::uint8_t> bytes = model.bytes();
  const std::vector<float> x = {0.5f, -1.0f, 2.0f, 0.0f, 1.5f, -0.5f, 0.25f, 3.0f};
  std::vector<float> first;
  for (const std::string& name : build_info().backends) {
    SCOPED_TRACE(name);
    const nn::BackendKind kind = nn::parse_backend(name);
    auto network = nn::Network::load(bytes.data(), bytes.size(), kind);
    EXPECT_EQ(network->backend(), kind);
    const std::vector<float> y = network->run(x.data(), x.size());
    ASSERT_EQ(y.size(), 2 * x.size());
    if (first.empty()) first = y;
    for (std::size_t i = 0; i < y.size(); ++i) EXPECT_NEAR(y[i], first[i], 1e-5f) << i;
  }
}

}  // namespace
}  // namespace qrs
