// Peak picking on synthetic curves: sub-sample positions, threshold, refractory, plateaus, and
// the move to the probability mass centre.
#include "annotate/peaks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "annotate/curves.h"

namespace {

using qrs::annotate::find_peaks;
using qrs::test::bump_curve;

TEST(FindPeaks, LocatesFractionalPeaksToASmallFractionOfASample) {
  const std::vector<double> truth = {50.0, 120.25, 200.5, 281.8, 360.33};
  std::vector<qrs::test::Bump> bumps;
  for (double t : truth) bumps.push_back({t, 0.9, 4.0});
  const std::vector<float> curve = bump_curve(420, bumps);
  const auto peaks = find_peaks(curve.data(), curve.size(), 0.5f, 0);
  ASSERT_EQ(peaks.size(), truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    EXPECT_NEAR(peaks[i].position, truth[i], 0.05) << "peak " << i;
    EXPECT_NEAR(peaks[i].value, 0.9f, 0.01f);
  }
}

TEST(FindPeaks, IgnoresEverythingBelowTheThreshold) {
  const std::vector<float> curve = bump_curve(1000, {{300, 0.8}, {700, 0.25}}, /*noise=*/0.2);
  const auto peaks = find_peaks(curve.data(), curve.size(), 0.5f, 0);
  ASSERT_EQ(peaks.size(), 1u);
  EXPECT_NEAR(peaks[0].position, 300, 1.0);  // noise up to 0.2 shifts a sharp peak slightly
}

TEST(FindPeaks, RefractoryKeepsTheStrongerOfTwoClosePeaks) {
  const std::vector<float> curve = bump_curve(600, {{100, 0.6}, {130, 0.9}, {400, 0.7}});
  const auto all = find_peaks(curve.data(), curve.size(), 0.3f, 0);
  EXPECT_EQ(all.size(), 3u);
  const auto kept = find_peaks(curve.data(), curve.size(), 0.3f, 50);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_NEAR(kept[0].position, 130, 0.1);
  EXPECT_NEAR(kept[1].position, 400, 0.1);
}

TEST(FindPeaks, PlateauIsOnePeakAtItsCentre) {
  std::vector<float> curve(50, 0.0f);
  for (std::size_t i = 20; i <= 25; ++i) curve[i] = 1.0f;
  curve[19] = curve[26] = 0.5f;
  const auto peaks = find_peaks(curve.data(), curve.size(), 0.3f, 0);
  ASSERT_EQ(peaks.size(), 1u);
  EXPECT_DOUBLE_EQ(peaks[0].position, 22.5);
  EXPECT_FLOAT_EQ(peaks[0].value, 1.0f);
}

TEST(FindPeaks, PeaksAtTheCurveEndsCount) {
  const std::vector<float> curve = {0.9f, 0.5f, 0.1f, 0.1f, 0.5f, 0.8f};
  const auto peaks = find_peaks(curve.data(), curve.size(), 0.3f, 0);
  ASSERT_EQ(peaks.size(), 2u);
  EXPECT_DOUBLE_EQ(peaks[0].position, 0.0);
  EXPECT_DOUBLE_EQ(peaks[1].position, 5.0);
}

TEST(FindPeaks, EmptyAndFlatCurvesHaveNoPeaks) {
  EXPECT_TRUE(find_peaks(nullptr, 0, 0.3f, 10).empty());
  const std::vector<float> flat(100, 0.2f);
  EXPECT_TRUE(find_peaks(flat.data(), flat.size(), 0.3f, 10).empty());
}

}  // namespace

namespace {

TEST(MassCentre, SymmetricPeakStaysAndLopsidedMassPullsTowardsItsSide) {
  // A symmetric triangle centred on sample 50 and a second, weaker bump 6 samples
  // to the right: the mass centre lies right of the vertex, by the weight of that bump.
  std::vector<float> curve(100, 0.0f);
  for (int i = 40; i <= 60; ++i) curve[i] = std::max(0.0f, 1.0f - std::abs(i - 50.0f) / 5.0f);
  std::vector<qrs::annotate::Peak> peaks = {{50.0, 1.0f}};
  qrs::annotate::move_to_mass_centre(curve.data(), curve.size(), 8.0, peaks);
  EXPECT_NEAR(peaks[0].position, 50.0, 1e-9);

  curve[56] += 0.5f;
  peaks = {{50.0, 1.0f}};
  qrs::annotate::move_to_mass_centre(curve.data(), curve.size(), 8.0, peaks);
  EXPECT_GT(peaks[0].position, 50.4);
  EXPECT_LT(peaks[0].position, 53.0);
  EXPECT_EQ(peaks[0].value, 1.0f);  // the height is the peak's, not the mass's

  peaks = {{50.0, 1.0f}};
  qrs::annotate::move_to_mass_centre(curve.data(), curve.size(), 0.0, peaks);
  EXPECT_EQ(peaks[0].position, 50.0);  // radius 0: the vertex as found
}

TEST(MassCentre, MovesSmoothlyAsThePeakCrossesAWholeSample) {
  // A tail of mass reaching the window's edge: with a hard edge, a vertex nudged from just
  // below sample 50 to just above it let sample 58 in and moved the centre by a tenth of a
  // sample. The fading edge keeps the move as small as the nudge.
  std::vector<float> curve(100, 0.0f);
  for (int i = 45; i <= 60; ++i) curve[i] = 1.0f - 0.05f * static_cast<float>(std::abs(i - 50));
  const auto centre = [&](double vertex) {
    std::vector<qrs::annotate::Peak> peaks = {{vertex, 1.0f}};
    qrs::annotate::move_to_mass_centre(curve.data(), curve.size(), 8.0, peaks);
    return peaks[0].position;
  };
  EXPECT_NEAR(centre(50.0 - 1e-6), centre(50.0 + 1e-6), 1e-5);
  EXPECT_GT(centre(50.5), centre(49.5) + 0.1);  // a real move still moves the mark
}

TEST(MassCentre, WindowIsClippedAtTheCurveEnds) {
  std::vector<float> curve = {1.0f, 0.5f, 0.0f, 0.0f};
  std::vector<qrs::annotate::Peak> peaks = {{0.0, 1.0f}};
  qrs::annotate::move_to_mass_centre(curve.data(), curve.size(), 10.0, peaks);
  // Weights 0.9, 0.4 at 0 and 1 (floor 0.1): centre 0.4 / 1.3.
  EXPECT_NEAR(peaks[0].position, 0.4 / 1.3, 1e-6);
}

}  // namespace
