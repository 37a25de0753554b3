// Normalisation (docs/signal.md section 2) and the mapping back to the input grid (section 3).
#include <gtest/gtest.h>

#include <algorithm>
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

// The whole lead's typical peak-to-peak: lead_size with no context gives it to every block.
double typical_peak_to_peak(const std::vector<double>& y, double fs, double window_s) {
  const qrs::signal::LeadSize size = qrs::signal::lead_size(y, fs, window_s, 0.0);
  EXPECT_EQ(size.per_block, std::vector<double>(size.ranges.size(), size.per_block.front()));
  return size.per_block.front();
}

TEST(TypicalPeakToPeak, LowerMedianOfTheBlockRanges) {
  // fs 10 Hz, window 0.5 s -> blocks of 5 samples; 17 samples -> 3 blocks, the last one 7 long.
  std::vector<double> y(17, 0.0);
  y[1] = 2.0;   // block 0: range 2
  y[7] = -1.0;  // block 1: range 1
  y[16] = 9.0;  // block 2 (samples 10-16, with the remainder): range 9, a spike
  EXPECT_DOUBLE_EQ(typical_peak_to_peak(y, 10, 0.5), 2.0);  // sorted 1, 2, 9
  y[12] = 3.0;  // a fourth value would change nothing: still 3 blocks
  EXPECT_DOUBLE_EQ(typical_peak_to_peak(y, 10, 0.5), 2.0);
  // Four blocks (20 samples): ranges 2, 1, 3, 0 -> sorted 0, 1, 2, 3, lower median 1.
  std::vector<double> z(20, 0.0);
  z[1] = 2.0;
  z[7] = -1.0;
  z[12] = 3.0;
  EXPECT_DOUBLE_EQ(typical_peak_to_peak(z, 10, 0.5), 1.0);
  // Shorter than one block: the whole lead is the block.
  EXPECT_DOUBLE_EQ(typical_peak_to_peak({0.5, -0.25, 0.0}, 10, 0.5), 0.75);
}

TEST(Normalise, DividesByTheTypicalPeakToPeak) {
  // A 1 Hz square wave of +-a: every 1 s block spans about 2a, so the lead comes out near +-0.5
  // and the same whatever a is (the network sees one amplitude for mV, uV or ADC counts).
  qrs::signal::PreprocessSpec spec;
  spec.baseline_window_s = 2.0;
  spec.amplitude_window_s = 1.0;
  const auto square = [&](float a) {
    std::vector<float> x(400);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = (i / 50) % 2 ? a : -a;
    qrs::signal::normalise(x, 100, spec);
    return x;
  };
  const std::vector<float> unit = square(1.0f);
  EXPECT_NEAR(unit[200], -0.5f, 0.01f);
  EXPECT_NEAR(unit[250], 0.5f, 0.01f);
  for (const float a : {0.3f, 700.0f}) {
    const std::vector<float> x = square(a);
    for (std::size_t i = 0; i < x.size(); ++i) ASSERT_NEAR(x[i], unit[i], 1e-5) << a << " " << i;
  }
  spec.amplitude_window_s = 0.0;  // off: millivolts stay millivolts, then the clip applies
  EXPECT_NEAR(square(1.0f)[250], 1.0f, 0.02f);
  EXPECT_FLOAT_EQ(square(700.0f)[250], 10.0f);
}

TEST(NormaliseAmplitude, TheContextScalesEachPartOfALongLeadWhereItIs) {
  // fs 10 Hz, 1 s blocks: nine blocks of +-0.5, the middle three 100 times smaller (an electrode
  // that came loose for a while).
  std::vector<double> y(90);
  for (std::size_t i = 0; i < y.size(); ++i)
    y[i] = (i % 2 ? 0.5 : -0.5) * (i >= 30 && i < 60 ? 0.01 : 1.0);
  qrs::signal::PreprocessSpec spec;
  spec.amplitude_window_s = 1.0;
  spec.amplitude_floor = 1e-6;
  std::vector<double> whole = y;  // context 0: the whole lead's median range (1) for every block
  const qrs::signal::LeadSize whole_size = qrs::signal::normalise_amplitude(whole, 10, spec);
  EXPECT_EQ(whole_size.per_block, std::vector<double>(9, 1.0));
  EXPECT_EQ(whole_size.block_samples, 10u);
  EXPECT_EQ(whole_size.block_end(8), 90u);
  EXPECT_DOUBLE_EQ(whole[45], 0.005);  // the loose part stays 100 times smaller
  EXPECT_DOUBLE_EQ(whole[15], 0.5);
  spec.amplitude_context_s = 1.0;  // one block each side
  std::vector<double> local = y;
  const qrs::signal::LeadSize local_size = qrs::signal::normalise_amplitude(local, 10, spec);
  EXPECT_EQ(local_size.per_block, (std::vector<double>{1, 1, 1, 0.01, 0.01, 0.01, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(local[45], 0.5);  // blocks 3-5 are all loose: divided by 0.01
  EXPECT_DOUBLE_EQ(local[35], 0.5);  // block 3: ranges 1, 0.01, 0.01 around it -> 0.01
  EXPECT_DOUBLE_EQ(local[25], 0.5);  // block 2: ranges 1, 1, 0.01 -> 1
  EXPECT_DOUBLE_EQ(local[85], 0.5);
}

TEST(NormaliseAmplitude, BlocksUnderTheFloorDoNotSizeTheGoodOnesNextToThem) {
  // fs 10 Hz, 1 s blocks, two blocks each side: eight blocks of a detached electrode (+-0.001,
  // under the 0.05 floor), then the electrode back (+-0.5). Block 8's context holds two loose
  // blocks and two good ones; had the loose ones counted, their lower median would have blown
  // block 8 up twentyfold (to the floor's 0.05).
  std::vector<double> y(100);
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = (i % 2 ? 0.5 : -0.5) * (i < 80 ? 0.002 : 1.0);
  qrs::signal::PreprocessSpec spec;
  spec.amplitude_window_s = 1.0;
  spec.amplitude_context_s = 2.0;
  spec.amplitude_floor = 0.05;
  const qrs::signal::LeadSize size = qrs::signal::normalise_amplitude(y, 10, spec);
  EXPECT_DOUBLE_EQ(size.per_block[8], 1.0);
  EXPECT_DOUBLE_EQ(y[85], 0.5);
  EXPECT_DOUBLE_EQ(y[95], 0.5);
  // The loose blocks have nothing sized around them but themselves: the floor holds them down.
  EXPECT_DOUBLE_EQ(size.per_block[2], 0.0);
  EXPECT_DOUBLE_EQ(y[25], 0.001 / 0.05);
}

TEST(Normalise, TheFloorKeepsAFlatLeadFlat) {
  qrs::signal::PreprocessSpec spec;
  spec.amplitude_window_s = 2.0;
  spec.amplitude_floor = 0.05;
  std::vector<float> flat(1000, 2.0f);
  qrs::signal::normalise(flat, 250, spec);
  for (float v : flat) ASSERT_EQ(v, 0.0f);  // 0 / floor, not 0 / 0
  std::vector<float> tiny(1000, 0.0f);
  for (std::size_t i = 0; i < tiny.size(); ++i) tiny[i] = (i % 2) ? 0.001f : -0.001f;
  qrs::signal::normalise(tiny, 250, spec);
  float peak = 0.0f;
  for (float v : tiny) peak = std::max(peak, std::fabs(v));
  // 2 uV of alternation is divided by the floor (peak ~0.02), not by its own range (peak ~0.5).
  EXPECT_NEAR(peak, 0.001f / 0.05f, 1e-3);
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

TEST(FillGaps, BridgesInvalidSamplesWithTheLineBetweenTheirNeighbours) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> x = {nan, nan, 2, nan, nan, nan, 6, -inf, 4, nan};
  const std::vector<float> y = qrs::signal::fill_gaps(x.data(), x.size());
  const std::vector<float> expected = {2, 2, 2, 3, 4, 5, 6, 5, 4, 4};
  EXPECT_EQ(y, expected);
  const std::vector<float> none(4, nan);
  EXPECT_EQ(qrs::signal::fill_gaps(none.data(), none.size()), std::vector<float>(4, 0.0f));
  EXPECT_TRUE(qrs::signal::fill_gaps(nullptr, 0).empty());
}

// A lead far from 0 mV with one invalid sample: the input the network sees is the same as with
// that sample bridged by hand, with no step where the sample was (0 there made a QRS-like pulse).
TEST(PreprocessLead, AnInvalidSampleLeavesNoStep) {
  std::vector<float> mv(5000);
  for (std::size_t i = 0; i < mv.size(); ++i) mv[i] = -1.5f + 0.2f * std::sin(0.01f * i);
  std::vector<float> holed = mv;
  holed[5] = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> bridged = mv;
  bridged[5] = 0.5f * (mv[4] + mv[6]);
  const std::vector<float> a = qrs::signal::preprocess_lead(holed.data(), holed.size(), 500, 250, {});
  const std::vector<float> b =
      qrs::signal::preprocess_lead(bridged.data(), bridged.size(), 500, 250, {});
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_NEAR(a[i], b[i], 1e-6) << i;
}

}  // namespace
