// How alike a lead's complexes are, and the warning for records of one or two leads.
#include "annotate/complex_likeness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

using qrs::Annotation;
using qrs::LeadAnnotation;
using qrs::QrsEvent;
using qrs::annotate::complex_likeness;
using qrs::annotate::kUnlikeComplexes;
using qrs::annotate::warn_unlike_complexes;

constexpr double kFs = 250;

// A 250 Hz signal with a biphasic "QRS" at each onset (plus a little noise), and the events.
std::vector<float> beats_signal(std::size_t n, const std::vector<double>& onsets_s,
                                std::vector<QrsEvent>& qrs, std::mt19937& rng) {
  std::normal_distribution<float> noise(0.0f, 0.02f);
  std::vector<float> x(n);
  for (float& v : x) v = noise(rng);
  for (double t : onsets_s) {
    const double centre = (t + 0.04) * kFs;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = (static_cast<double>(i) - centre) / (0.012 * kFs);
      x[i] += static_cast<float>(-u * std::exp(-0.5 * u * u));
    }
    qrs.push_back(QrsEvent{t * kFs, (t + 0.09) * kFs, 0.9f, 0.9f});
  }
  return x;
}

TEST(ComplexLikeness, OneHeartsComplexesLookAlikeNoiseDoesNot) {
  std::mt19937 rng(1);
  const std::vector<double> onsets = {0.5, 1.3, 2.1, 2.9, 3.7, 4.5, 5.3, 6.1};
  std::vector<QrsEvent> qrs;
  const std::vector<float> ecg = beats_signal(7 * 250, onsets, qrs, rng);
  EXPECT_GT(complex_likeness(ecg.data(), ecg.size(), kFs, qrs, kFs), 0.9);
  // The same marks on noise: the windows are unrelated.
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::vector<float> hiss(ecg.size());
  for (float& v : hiss) v = noise(rng);
  EXPECT_LT(std::abs(complex_likeness(hiss.data(), hiss.size(), kFs, qrs, kFs)), kUnlikeComplexes);
  // Events given at another rate (500 Hz) land on the same windows.
  std::vector<QrsEvent> at500 = qrs;
  for (QrsEvent& q : at500) q.onset *= 2;
  EXPECT_GT(complex_likeness(ecg.data(), ecg.size(), kFs, at500, 2 * kFs), 0.9);
}

TEST(ComplexLikeness, TooFewComplexesSayNothing) {
  std::mt19937 rng(2);
  std::vector<QrsEvent> qrs;
  const std::vector<float> x = beats_signal(4 * 250, {0.5, 1.5, 2.5}, qrs, rng);
  EXPECT_TRUE(std::isnan(complex_likeness(x.data(), x.size(), kFs, qrs, kFs)));
}

TEST(ComplexLikeness, WarnsOnlyWhereNoOtherLeadsCanJudge) {
  Annotation two;
  two.record = "r";
  two.leads.resize(2);
  two.leads[0].name = "ecg";
  two.leads[1].name = "hiss";
  two.leads[1].qrs.resize(9);
  warn_unlike_complexes(two, {0.95, 0.02});
  ASSERT_EQ(two.warnings.size(), 1u);
  EXPECT_NE(two.warnings[0].find("r: lead 'hiss': its 9 complexes do not look alike (median "
                                 "correlation 0.02"),
            std::string::npos)
      << two.warnings[0];
  Annotation unknown = two;
  unknown.warnings.clear();
  warn_unlike_complexes(unknown, {std::nan(""), std::nan("")});
  EXPECT_TRUE(unknown.warnings.empty());
  Annotation three = two;
  three.warnings.clear();
  three.leads.resize(3);
  warn_unlike_complexes(three, {0.95, 0.02, 0.9});
  EXPECT_TRUE(three.warnings.empty());
}

}  // namespace
