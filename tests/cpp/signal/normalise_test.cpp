// Normalisation (docs/signal.md section 2) and the mapping back to the input grid (section 3).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "signal/preprocess.h"

namespace {

TEST(Normalise, ConstantBaselineIsRemoved) {
  std::vector<float> x(1000, 3.0f);
  qrs::signal::normalise(x, 250, {});
  for (float v : x) ASSERT_NEAR(v, 0.0f, 1e-6);
}

TEST(Normalise, WindowShrinksAtTheEnds) {
  // Ramp x[i] = i, fs 10 Hz, window 1 s -> width 11, half 5. At i = 0 the window is [0, 5]
  // (mean 2.5); in the middle it is centred (mean = x[i]); at the last sample [n-6, n-1].
  std::vector<float> x(40);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i);
  qrs::signal::normalise(x, 10, {});
  EXPECT_NEAR(x[0], -2.5f, 1e-6);
  EXPECT_NEAR(x[2], 2.0f - 3.5f, 1e-6);  // window [0, 7]: mean 3.5
  EXPECT_NEAR(x[20], 0.0f, 1e-6);
  EXPECT_NEAR(x[39], 39.0f - 36.5f, 1e-6);
}

TEST(Normalise, NonFiniteSamplesBecomeZeroBeforeTheBaseline) {
  std::vector<float> x(101, 1.0f);
  x[50] = std::numeric_limits<float>::quiet_NaN();
  x[10] = std::numeric_limits<float>::infinity();
  qrs::signal::normalise(x, 100, {});  // width 101: one window covers everything near the middle
  for (float v : x) ASSERT_TRUE(std::isfinite(v));
  EXPECT_LT(x[50], -0.9f);                          // the replaced zero sits ~1 below the baseline
  EXPECT_NEAR(x[51], 1.0f - 98.0f / 100.0f, 1e-6);  // window [1, 100]: 100 samples, two zeros
}

TEST(Normalise, ScalesThenClips) {
  std::vector<float> x(301, 0.0f);
  x[150] = 5.0f;
  x[100] = -0.1f;
  qrs::signal::PreprocessSpec spec;
  spec.scale = 4.0;
  spec.clip = 3.0;
  spec.baseline_window_s = 0.01;  // width 1 at 100 Hz... -> 2*floor(0.5)+1 = 1: no smoothing
  qrs::signal::normalise(x, 100, spec);
  EXPECT_FLOAT_EQ(x[150], 0.0f);  // a width-1 baseline is the sample itself
  spec.baseline_window_s = 3.01;  // width 301: baseline is nearly the global mean
  std::vector<float> y(301, 0.0f);
  y[150] = 5.0f;
  y[100] = -0.1f;
  qrs::signal::normalise(y, 100, spec);
  EXPECT_FLOAT_EQ(y[150], 3.0f);                      // (5 - ~0.016) * 4 clipped at 3
  EXPECT_NEAR(y[100], (-0.1 - 4.9 / 251) * 4, 1e-5);  // window [0, 250]
}

TEST(ToInputRate, InterpolatesLinearlyAndClampsAtTheEnd) {
  const std::vector<float> model = {0, 1, 2, 3, 4};  // at 250 Hz
  const std::vector<float> out =
      qrs::signal::to_input_rate(model.data(), model.size(), 250, 12, 500);
  ASSERT_EQ(out.size(), 12u);
  for (std::size_t j = 0; j < 9; ++j) EXPECT_FLOAT_EQ(out[j], 0.5f * j);
  for (std::size_t j = 9; j < 12; ++j) EXPECT_FLOAT_EQ(out[j], 4.0f);
  const std::vector<float> down =
      qrs::signal::to_input_rate(model.data(), model.size(), 250, 3, 125);
  EXPECT_EQ(down, (std::vector<float>{0, 2, 4}));
}

TEST(PreprocessLead, ResamplesThenNormalises) {
  std::vector<float> mv(5000);
  for (std::size_t i = 0; i < mv.size(); ++i) mv[i] = 0.5f + 0.001f * i;  // offset + drift
  const std::vector<float> y = qrs::signal::preprocess_lead(mv.data(), mv.size(), 500, 250, {});
  ASSERT_EQ(y.size(), 2500u);
  for (std::size_t i = 200; i < 2300; ++i) ASSERT_NEAR(y[i], 0.0f, 1e-4);  // linear drift removed
}

}  // namespace
