// Resampling (docs/signal.md section 1): length rule, identity, DC gain, passband accuracy,
// alias rejection, and agreement with a literal per-sample evaluation of the spec formula, both
// for ratios served by precomputed phase tables and for ratios (257.31 Hz) computed directly.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "signal/preprocess.h"
#include "util/error.h"

namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<float> sine(std::size_t n, double fs, double hz, double amplitude = 1.0) {
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i)
    x[i] = static_cast<float>(amplitude * std::sin(2 * kPi * hz * static_cast<double>(i) / fs));
  return x;
}

// The spec formula evaluated literally, tap by tap, for one output sample.
double spec_sample(const std::vector<float>& x, double fs_in, double fs_out, std::size_t m) {
  const double c = 0.9 * std::min(1.0, fs_out / fs_in);
  const double w = 8.0 / c;
  const double p = static_cast<double>(m) * fs_in / fs_out;
  double num = 0, den = 0;
  const auto n = static_cast<long>(x.size());
  for (long k = static_cast<long>(std::floor(p - w)) - 1; k <= static_cast<long>(p + w) + 1; ++k) {
    const double d = p - static_cast<double>(k);
    if (std::abs(d) >= w) continue;
    const double s = d == 0 ? 1.0 : std::sin(kPi * c * d) / (kPi * c * d);
    const double u = d / w;
    const double h = s * (0.42 + 0.5 * std::cos(kPi * u) + 0.08 * std::cos(2 * kPi * u));
    num += x[static_cast<std::size_t>(std::clamp(k, 0L, n - 1))] * h;
    den += h;
  }
  return num / den;
}

TEST(Resample, OutputLengthFollowsTheSpec) {
  const std::vector<float> x(5000, 1.0f);
  EXPECT_EQ(qrs::signal::resample(x.data(), 5000, 500, 250).size(), 2500u);  // floor(4999/2)+1
  EXPECT_EQ(qrs::signal::resample(x.data(), 5000, 250, 500).size(), 9999u);
  EXPECT_EQ(qrs::signal::resample(x.data(), 3600, 360, 250).size(), 2500u);  // 3599*250/360=2499.3
  EXPECT_EQ(qrs::signal::resample(x.data(), 1, 360, 250).size(), 1u);
  EXPECT_TRUE(qrs::signal::resample(x.data(), 0, 360, 250).empty());
  // 1280 samples at 128 Hz: (1279 * 250 / 128) = 2498.05 -> 2499 samples.
  EXPECT_EQ(qrs::signal::resample(x.data(), 1280, 128, 250).size(), 2499u);
}

TEST(Resample, EqualRatesCopy) {
  const std::vector<float> x = sine(777, 250, 7);
  EXPECT_EQ(qrs::signal::resample(x.data(), x.size(), 250, 250), x);
}

TEST(Resample, RejectsNonPositiveRates) {
  const std::vector<float> x(10, 0.0f);
  EXPECT_THROW(qrs::signal::resample(x.data(), x.size(), 0, 250), qrs::Error);
  EXPECT_THROW(qrs::signal::resample(x.data(), x.size(), 500, -1), qrs::Error);
  EXPECT_THROW(qrs::signal::resample(x.data(), x.size(), NAN, 250), qrs::Error);
}

TEST(Resample, ConstantSignalKeepsItsLevelEverywhere) {
  for (const double fs_in : {100.0, 128.0, 360.0, 500.0, 1000.0, 2000.0, 257.3, 257.31}) {
    const std::vector<float> x(3000, 1.75f);
    const std::vector<float> y = qrs::signal::resample(x.data(), x.size(), fs_in, 250);
    for (std::size_t m = 0; m < y.size(); ++m)
      ASSERT_NEAR(y[m], 1.75f, 1e-5) << "fs_in " << fs_in << " sample " << m;
  }
}

TEST(Resample, PassbandSineIsReproduced) {
  for (const double fs_in : {128.0, 360.0, 500.0, 1000.0}) {
    const std::vector<float> x = sine(static_cast<std::size_t>(fs_in * 8), fs_in, 10.0);
    const std::vector<float> y = qrs::signal::resample(x.data(), x.size(), fs_in, 250);
    const std::vector<float> expected = sine(y.size(), 250, 10.0);
    double worst = 0;
    for (std::size_t m = 250; m + 250 < y.size(); ++m)  // away from the repeated edges
      worst = std::max(worst, std::abs(double(y[m]) - expected[m]));
    EXPECT_LT(worst, 2e-3) << "fs_in " << fs_in;
  }
}

TEST(Resample, ToneAboveTheNewNyquistIsRemoved) {
  // 200 Hz at 1000 Hz would alias to 50 Hz at 250 Hz; the low-pass kernel must suppress it.
  const std::vector<float> x = sine(8000, 1000, 200);
  const std::vector<float> y = qrs::signal::resample(x.data(), x.size(), 1000, 250);
  double worst = 0;
  for (std::size_t m = 100; m + 100 < y.size(); ++m)
    worst = std::max(worst, std::abs(double(y[m])));
  EXPECT_LT(worst, 0.01);
}

TEST(Resample, MatchesTheLiteralSpecFormula) {
  std::vector<float> x(2000);
  for (std::size_t i = 0; i < x.size(); ++i)  // broadband: sines plus a step
    x[i] =
        static_cast<float>(std::sin(0.031 * i) + 0.3 * std::sin(1.7 * i) + (i > 900 ? 1.0 : 0.0));
  for (const auto& rates : std::vector<std::pair<double, double>>{{500, 250},
                                                                  {360, 250},
                                                                  {128, 250},
                                                                  {1000, 250},
                                                                  {2000, 250},
                                                                  {100, 250},
                                                                  {257.3, 250},
                                                                  {257.31, 250},
                                                                  {250, 257.31}}) {
    const std::vector<float> y =
        qrs::signal::resample(x.data(), x.size(), rates.first, rates.second);
    for (std::size_t m = 0; m < y.size(); m += 7)
      ASSERT_NEAR(y[m], spec_sample(x, rates.first, rates.second, m), 2e-6)
          << rates.first << " -> " << rates.second << " sample " << m;
  }
}

}  // namespace
