// The record context of two-channel models (docs/signal.md section 4).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "signal/preprocess.h"
#include "util/error.h"

namespace {

TEST(LeadsRms, IsTheRootMeanSquareOverLeads) {
  qrs::signal::LeadsRms rms(3);
  rms.add({3.0f, 0.0f, -1.0f});
  rms.add({4.0f, 0.0f, 1.0f});
  const std::vector<float> c = rms.finish();
  ASSERT_EQ(c.size(), 3u);
  EXPECT_FLOAT_EQ(c[0], std::sqrt(12.5f));  // sqrt((9 + 16) / 2)
  EXPECT_FLOAT_EQ(c[1], 0.0f);
  EXPECT_FLOAT_EQ(c[2], 1.0f);
}

TEST(LeadsRms, OneLeadGivesItsMagnitude) {
  qrs::signal::LeadsRms rms(2);
  rms.add({-2.5f, 0.25f});
  EXPECT_EQ(rms.finish(), (std::vector<float>{2.5f, 0.25f}));
}

TEST(LeadsRms, MismatchedOrMissingLeadsAreErrors) {
  qrs::signal::LeadsRms rms(4);
  EXPECT_THROW(rms.finish(), qrs::Error);
  EXPECT_THROW(rms.add({1.0f, 2.0f}), qrs::Error);
}

}  // namespace
