// WFDB header and layout features, each on a record built by the test: counter frequencies,
// derived lengths, default gains, units, line endings, comments, checksums, skew, byte offsets,
// several .dat files, multi-frequency frames and multi-segment records.
#include <gtest/gtest.h>

#include <cmath>

#include "formats/readers.h"
#include "formats/wfdb_decode.h"
#include "util/error.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

using test::pack_wfdb;
using test::text_file;

NamedBuffer dat16(const std::string& name, const std::vector<std::int32_t>& stream) {
  return {name, pack_wfdb(16, stream)};
}

std::vector<Record> read(const std::string& header, const std::vector<NamedBuffer>& companions,
                         std::vector<std::string>& warnings, const std::string& name = "r.hea") {
  return formats::read_wfdb(text_file(name, header), companions, warnings);
}

// A lead's samples against expected mV values, NaN where the expectation is NaN.
void expect_samples(const std::vector<float>& got, const std::vector<float>& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (std::isnan(expected[i])) {
      EXPECT_TRUE(std::isnan(got[i])) << i;
    } else {
      EXPECT_FLOAT_EQ(got[i], expected[i]) << i;
    }
  }
}

TEST(WfdbFeatures, CounterFrequencyFractionalRateAndDerivedLength) {
  std::vector<std::string> w;
  // fs 128.5 with counter frequency and base counter; no sample count: 6 frames from 24 bytes.
  const auto recs = read("r 2 128.5/257(3) \nr.dat 16 100 12 0 0\nr.dat 16 100 12 0 0\n",
                         {dat16("r.dat", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})}, w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_DOUBLE_EQ(recs[0].fs, 128.5);
  EXPECT_EQ(recs[0].length(), 6u);
  EXPECT_FLOAT_EQ(recs[0].leads[1].samples[5], 12 / 100.0f);
  EXPECT_EQ(recs[0].leads[0].name, "lead0");  // no description
}

TEST(WfdbFeatures, DefaultGainBaselineFromAdcZeroAndUnits) {
  std::vector<std::string> w;
  const std::string hea =
      "r 6 500 2\n"
      "r.dat 16 0 12 10 0 220 0 gain zero\n"         // gain 0 -> 200, baseline = ADC zero 10
      "r.dat 16 1000/uV 16 0 0 5000 0 micro\n"       // 1000 adu/uV
      "r.dat 16 2(1)/V 16 0 0 6 0 volts\n"           // 2 adu/V, baseline 1
      "r.dat 16 1000/\xB5V 16 0 0 3000 0 latin\n"    // Latin-1 micro sign
      "r.dat 16\n"                                   // no gain at all: 200 adu/mV, baseline 0
      "r.dat 16 1000/uv 16 0 0 7000 0 lower case\n";  // any case (formats/units.h)
  const auto recs =
      read(hea, {dat16("r.dat", {210, 5000, 5, 3000, 400, 7000, 10, 0, 1, 0, 0, 0})}, w);
  ASSERT_EQ(recs.size(), 1u);
  const Record& r = recs[0];
  ASSERT_EQ(r.leads.size(), 6u);
  EXPECT_FLOAT_EQ(r.leads[0].samples[0], 1.0f);     // (210-10)/200
  EXPECT_FLOAT_EQ(r.leads[1].samples[0], 0.005f);   // 5000/1000 uV = 5 uV
  EXPECT_FLOAT_EQ(r.leads[2].samples[0], 2000.0f);  // (5-1)/2 V
  EXPECT_FLOAT_EQ(r.leads[3].samples[0], 0.003f);
  EXPECT_FLOAT_EQ(r.leads[4].samples[0], 2.0f);
  EXPECT_FLOAT_EQ(r.leads[5].samples[0], 0.007f);
  EXPECT_EQ(r.leads[0].name, "gain zero");
  EXPECT_TRUE(w.empty());
}

// WFDB: physical = (adu - baseline) / gain with the gain's sign, so a negative gain reads an
// inverted signal the right way up (rdsamp prints the same numbers). Gain 0 and -0 mean
// "uncalibrated": the default 200 adu/mV, without a warning, as rdsamp.
TEST(WfdbFeatures, NegativeGainAppliesItsSignAndZeroGainIsTheDefault) {
  std::vector<std::string> w;
  const std::string hea =
      "r 4 500 2\n"
      "r.dat 16 -19.3447902992(-3)/mV 16 0 0 -6 0 inverted\n"
      "r.dat 16 -1000/uV 16 0 0 -1500 0 inverted micro\n"
      "r.dat 16 0(10)/mV 16 0 0 220 0 uncalibrated\n"
      "r.dat 16 -0 16 0 0 200 0 minus zero\n";
  const auto recs = read(hea, {dat16("r.dat", {97, 500, 210, 400, -103, -2000, 10, -200})}, w);
  ASSERT_EQ(recs.size(), 1u);
  const Record& r = recs[0];
  ASSERT_EQ(r.leads.size(), 4u);
  EXPECT_FLOAT_EQ(r.leads[0].samples[0], static_cast<float>((97 + 3) / -19.3447902992));
  EXPECT_FLOAT_EQ(r.leads[0].samples[1], static_cast<float>((-103 + 3) / -19.3447902992));
  EXPECT_GT(r.leads[0].samples[1], 0.0f);            // a negative adu is a positive voltage
  EXPECT_FLOAT_EQ(r.leads[1].samples[0], -0.0005f);  // 500 adu / -1000 adu/uV = -0.5 uV
  EXPECT_FLOAT_EQ(r.leads[1].samples[1], 0.002f);    // -2000 / -1000 = 2 uV
  EXPECT_FLOAT_EQ(r.leads[2].samples[0], 1.0f);      // (210 - 10) / 200
  EXPECT_FLOAT_EQ(r.leads[2].samples[1], 0.0f);      // (10 - 10) / 200
  EXPECT_FLOAT_EQ(r.leads[3].samples[0], 2.0f);      // 400 / 200
  EXPECT_FLOAT_EQ(r.leads[3].samples[1], -1.0f);
  EXPECT_TRUE(w.empty()) << w.front();
}

TEST(WfdbFeatures, LineEndingsAndCommentsAnywhere) {
  std::vector<std::string> w;
  const std::string hea =
      "# leading comment\r\n"
      "r 2 250 3\r\n"
      "   # indented comment between lines\r"
      "r.dat 16 100 16 0 1 6 0 I\r\n"
      "\n"
      "r.dat 16 100 16 0 2 6 0 \xE9lan\n"  // Latin-1 e-acute in a description
      "#trailing\n";
  const auto recs = read(hea, {dat16("r.dat", {1, 2, 2, 2, 3, 2})}, w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].leads[0].name, "I");
  EXPECT_EQ(recs[0].leads[1].name, "\xC3\xA9lan");  // re-encoded as UTF-8
  EXPECT_TRUE(w.empty()) << w.front();
}

TEST(WfdbFeatures, ChecksumMismatchIsAWarningNamingSignalAndFile) {
  std::vector<std::string> w;
  const auto recs = read("r 1 250 3\nr.dat 16 100 16 0 1 7 0 V5\n", {dat16("r.dat", {1, 2, 3})}, w);
  ASSERT_EQ(recs.size(), 1u);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("r.hea: signal 0 'V5' in r.dat: checksum mismatch (header 7, data 6)"),
            std::string::npos)
      << w[0];
}

TEST(WfdbFeatures, MissingDataFileIsNamed) {
  std::vector<std::string> w;
  try {
    read("5 1 500 10\n5.dat 16 100 16 0 0 0 0 i\n", {}, w, "5.hea");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), (std::string("5.hea: needs its signal file 5.dat") + formats::wfdb::kMissingCompanion).c_str());
  }
}

TEST(WfdbFeatures, SkewByteOffsetAndSeveralDataFiles) {
  std::vector<std::string> w;
  // a.dat: 4-byte preamble then signal 0; b.dat: signal 1 recorded 2 frames late (skew 2).
  NamedBuffer a = dat16("a.dat", {0, 0, 10, 20, 30, 40});
  NamedBuffer b = dat16("b.dat", {-1, -2, 100, 200, 300, 400});
  const auto recs = read("r 2 250 4\na.dat 16+4 1 16 0 10\nb.dat 16:2 1 16 0 -1\n", {a, b}, w);
  ASSERT_EQ(recs.size(), 1u);
  const Record& r = recs[0];
  ASSERT_EQ(r.length(), 4u);
  EXPECT_FLOAT_EQ(r.leads[0].samples[0], 10);
  EXPECT_FLOAT_EQ(r.leads[0].samples[3], 40);
  EXPECT_FLOAT_EQ(r.leads[1].samples[0], 100);  // skew: frame 2 of b.dat is time 0
  EXPECT_FLOAT_EQ(r.leads[1].samples[1], 200);
  EXPECT_TRUE(std::isnan(r.leads[1].samples[2]));  // beyond the file's declared frames
}

TEST(WfdbFeatures, MultiFrequencyFramesGiveOneRecordPerRate) {
  std::vector<std::string> w;
  // Frame: ECG 4 samples (1000 Hz), resp 1 sample (250 Hz, in mV too), ECG2 4 samples.
  std::vector<std::int32_t> stream;
  for (int f = 0; f < 3; ++f) {
    for (int k = 0; k < 4; ++k) stream.push_back(f * 4 + k);
    stream.push_back(100 + f);
    for (int k = 0; k < 4; ++k) stream.push_back(-(f * 4 + k));
  }
  const auto recs = read(
      "r 3 250 3\nr.dat 16x4 1 16 0 0 66 0 ECG\nr.dat 16 1 16 0 100 303 0 slow\n"
      "r.dat 16x4 1 16 0 0 -66 0 ECG2\n",
      {dat16("r.dat", stream)}, w);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].name, "r (1000 Hz)");
  EXPECT_DOUBLE_EQ(recs[0].fs, 1000);
  ASSERT_EQ(recs[0].leads.size(), 2u);
  EXPECT_EQ(recs[0].length(), 12u);
  EXPECT_FLOAT_EQ(recs[0].leads[0].samples[11], 11);
  EXPECT_FLOAT_EQ(recs[0].leads[1].samples[5], -5);
  EXPECT_EQ(recs[1].name, "r (250 Hz)");
  EXPECT_DOUBLE_EQ(recs[1].fs, 250);
  EXPECT_EQ(recs[1].length(), 3u);
  EXPECT_FLOAT_EQ(recs[1].leads[0].samples[2], 102);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("2 different sampling rates"), std::string::npos);
}

TEST(WfdbFeatures, NonVoltageSignalsAreSkippedWithAWarning) {
  std::vector<std::string> w;
  const auto recs =
      read("r 2 125 2\nr.dat 16 100/mV 16 0 0 4 0 II\nr.dat 16 10/mmHg 16 0 0 6 0 Aux\n",
           {dat16("r.dat", {1, 2, 3, 4})}, w);
  ASSERT_EQ(recs.size(), 1u);
  ASSERT_EQ(recs[0].leads.size(), 1u);
  EXPECT_EQ(recs[0].leads[0].name, "II");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("'Aux' is in 'mmHg', not a voltage; skipped"), std::string::npos) << w[0];
}

TEST(WfdbFeatures, FixedLayoutMultiSegmentWithGap) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("s1.hea",
                "s1 2 360 3\ns1.dat 16 100 16 0 0 0 0 MLII\ns1.dat 16 100 16 0 0 0 0 V1\n"),
      dat16("s1.dat", {1, 2, 3, 4, 5, 6}),
      text_file("s2.hea",
                "s2 2 360 2\ns2.dat 212 100 12 0 0 0 0 MLII\ns2.dat 212 100 12 0 0 0 0 V1\n"),
      {"s2.dat", pack_wfdb(212, {7, 8, 9, 10})},
  };
  const auto recs = read("m/3 2 360 7\ns1 3\n~ 2\ns2 2\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 1u);
  const Record& r = recs[0];
  EXPECT_EQ(r.name, "m");
  ASSERT_EQ(r.leads.size(), 2u);
  EXPECT_EQ(r.leads[1].name, "V1");
  expect_samples(r.leads[1].samples, {0.02f, 0.04f, 0.06f, NAN, NAN, 0.08f, 0.1f});
}

// A master header whose segment count is one short of its segment lines, its record line
// declaring the length of all of them: read as the counted segments give, and said (was silent).
TEST(WfdbFeatures, MultiSegmentLengthOtherThanTheRecordLineIsAWarning) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("s1.hea", "s1 1 360 3\ns1.dat 16 100 16 0 0 6 0 MLII\n"),
      dat16("s1.dat", {1, 2, 3}),
      text_file("s2.hea", "s2 1 360 2\ns2.dat 16 100 16 0 0 9 0 MLII\n"),
      dat16("s2.dat", {4, 5}),
  };
  const auto recs = read("m/2 1 360 7\ns1 3\n~ 2\ns2 2\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].length(), 5u);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "m.hea: the record line declares 7 samples per signal but its 2 segments add up to 5 "
            "(the header has 1 more line after them, not read: 's2 2'; is the segment count 2 too "
            "small?); read as the segments give");
}

TEST(WfdbFeatures, VariableLayoutMultiSegmentMatchesSignalsByName) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("m_layout.hea",
                "m_layout 3 250 0\n~ 0 100/mV 12 0 0 0 0 I\n~ 0 100/mV 12 0 0 0 0 II\n"
                "~ 0 100/mV 12 0 0 0 0 V\n"),
      text_file("a.hea", "a 1 250 2\na.dat 16 100 16 0 0 0 0 II\n"),
      dat16("a.dat", {50, 60}),
      text_file("b.hea", "b 2 250 2\nb.dat 16 100 16 0 0 0 0 V\nb.dat 16 100 16 0 0 0 0 I\n"),
      dat16("b.dat", {1, 2, 3, 4}),
  };
  const auto recs = read("m/4 3 250\nm_layout 0\na 2\n~ 1\nb 2\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 1u);
  const Record& r = recs[0];
  ASSERT_EQ(r.leads.size(), 3u);
  ASSERT_EQ(r.length(), 5u);
  EXPECT_EQ(r.leads[0].name, "I");
  EXPECT_TRUE(std::isnan(r.leads[0].samples[0]));  // not in segment a
  EXPECT_FLOAT_EQ(r.leads[0].samples[3], 0.02f);   // b's second signal
  EXPECT_FLOAT_EQ(r.leads[1].samples[1], 0.6f);    // II from a
  EXPECT_TRUE(std::isnan(r.leads[1].samples[2]));  // the gap
  EXPECT_TRUE(std::isnan(r.leads[1].samples[4]));  // b lacks II
  EXPECT_FLOAT_EQ(r.leads[2].samples[4], 0.03f);   // V from b
}

// Multi-frequency segments (byte layout from the WFDB signal-file spec: within a frame, each
// signal's samples consecutively, signals in header order). ECG has 2 samples per frame at a frame
// rate of 100 Hz (200 Hz), X one (100 Hz; a name that says nothing: one named RESP would be left
// out as respiration next to the ECG); the second segment is in format 212, after a gap.
TEST(WfdbFeatures, FixedLayoutMultiFrequencySegmentsGiveOneRecordPerRate) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("s1.hea",
                "s1 2 100 3\ns1.dat 16x2 1 16 0 0 21 0 ECG\ns1.dat 16 1 16 0 0 306 0 X\n"),
      dat16("s1.dat", {1, 2, 101, 3, 4, 102, 5, 6, 103}),
      text_file("s2.hea",
                "s2 2 100 2\ns2.dat 212x2 1 12 0 0 34 0 ECG\ns2.dat 212 1 12 0 0 209 0 X\n"),
      {"s2.dat", pack_wfdb(212, {7, 8, 104, 9, 10, 105})},
  };
  const auto recs = read("m/3 2 100 7\ns1 3\n~ 2\ns2 2\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].name, "m (200 Hz)");
  EXPECT_DOUBLE_EQ(recs[0].fs, 200);
  ASSERT_EQ(recs[0].leads.size(), 1u);
  EXPECT_EQ(recs[0].leads[0].name, "ECG");
  expect_samples(recs[0].leads[0].samples, {1, 2, 3, 4, 5, 6, NAN, NAN, NAN, NAN, 7, 8, 9, 10});
  EXPECT_EQ(recs[1].name, "m (100 Hz)");
  EXPECT_DOUBLE_EQ(recs[1].fs, 100);
  expect_samples(recs[1].leads[0].samples, {101, 102, 103, NAN, NAN, 104, 105});
  ASSERT_EQ(w.size(), 1u) << w.back();
  EXPECT_NE(w[0].find("2 different sampling rates"), std::string::npos) << w[0];
}

// Variable layout: the layout header gives II 4 samples per frame. Segment b stores II with only
// 2; WFDB's sigmap then fills the first 2 samples of each frame and warns, and so does this reader.
TEST(WfdbFeatures, VariableLayoutMultiFrequencySegmentsFollowTheLayoutHeader) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("m_layout.hea",
                "m_layout 2 100 0\n~ 0x4 1/mV 16 0 0 0 0 II\n~ 0 1/mV 16 0 0 0 0 X\n"),
      text_file("a.hea", "a 1 100 2\na.dat 16x4 1 16 0 1 36 0 II\n"),
      dat16("a.dat", {1, 2, 3, 4, 5, 6, 7, 8}),
      text_file("b.hea", "b 2 100 1\nb.dat 16 1 16 0 50 50 0 X\nb.dat 16x2 1 16 0 60 121 0 II\n"),
      dat16("b.dat", {50, 60, 61}),
  };
  const auto recs = read("m/3 2 100\nm_layout 0\na 2\nb 1\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].name, "m (400 Hz)");
  const std::vector<float>& ii = recs[0].leads[0].samples;
  ASSERT_EQ(ii.size(), 12u);
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(ii[i], float(i + 1)) << i;
  EXPECT_FLOAT_EQ(ii[8], 60);
  EXPECT_FLOAT_EQ(ii[9], 61);
  EXPECT_TRUE(std::isnan(ii[10]) && std::isnan(ii[11]));
  EXPECT_EQ(recs[1].name, "m (100 Hz)");
  const std::vector<float>& resp = recs[1].leads[0].samples;
  ASSERT_EQ(resp.size(), 3u);
  EXPECT_TRUE(std::isnan(resp[0]) && std::isnan(resp[1]));
  EXPECT_FLOAT_EQ(resp[2], 50);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_NE(w[0].find("m.hea: segment b: signal 'II' has 2 samples per frame but the layout "
                      "header 4"),
            std::string::npos)
      << w[0];
}

TEST(WfdbFeatures, FixedLayoutSegmentWithOtherSamplesPerFrameIsRefused) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("s1.hea", "s1 1 100 1\ns1.dat 16x2 1 16 0 0 3 0 ECG\n"),
      dat16("s1.dat", {1, 2}),
      text_file("s2.hea", "s2 1 100 1\ns2.dat 16x3 1 16 0 0 6 0 ECG\n"),
      dat16("s2.dat", {1, 2, 3}),
  };
  try {
    read("m/2 1 100 2\ns1 1\ns2 1\n", files, w, "m.hea");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "m.hea: segment s2: signal 0 'ECG' has 3 samples per frame but the record 2 (a "
                 "fixed-layout record keeps each signal's layout in every segment)");
  }
}

TEST(WfdbFeatures, MissingSegmentHeaderIsNamed) {
  std::vector<std::string> w;
  try {
    read("m/1 1 250 5\nseg1 5\n", {}, w, "m.hea");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), (std::string("m.hea: needs segment header seg1.hea") + formats::wfdb::kMissingCompanion).c_str());
  }
}

// A signal file cut short (a download that stopped) is read to where it ends, as the WFDB library
// reads it, with a warning that says how much of the declared length is there.
TEST(WfdbFeatures, SignalFileCutShortIsReadToItsEndWithAWarning) {
  std::vector<std::string> w;
  const auto recs = read("r 2 250 5\nr.dat 16 100 16 0 0 0 0 I\nr.dat 16 100 16 0 0 0 0 II\n",
                         {dat16("r.dat", {1, 2, 3, 4, 5, 6, 7})}, w);
  ASSERT_EQ(recs.size(), 1u);
  expect_samples(recs[0].leads[0].samples, {0.01f, 0.03f, 0.05f});
  expect_samples(recs[0].leads[1].samples, {0.02f, 0.04f, 0.06f});
  ASSERT_EQ(w.size(), 1u) << testing::PrintToString(w);
  EXPECT_EQ(w[0], "r.hea: r.dat holds only 3 of the 5 samples per signal the header declares (cut "
                  "short?); the record is read to there");
}

// In a multi-segment record a segment cut short keeps its declared length, its missing end
// invalid, so that the segments after it stay where they belong in time.
TEST(WfdbFeatures, SegmentCutShortKeepsItsPlaceOnTheTimeline) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("s1.hea", "s1 1 360 3\ns1.dat 16 100 16 0 0 0 0 MLII\n"),
      dat16("s1.dat", {1, 2}),
      text_file("s2.hea", "s2 1 360 2\ns2.dat 16 100 16 0 7 15 0 MLII\n"),  // checksum 7 + 8
      dat16("s2.dat", {7, 8}),
  };
  const auto recs = read("m/2 1 360 5\ns1 3\ns2 2\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 1u);
  expect_samples(recs[0].leads[0].samples, {0.01f, 0.02f, NAN, 0.07f, 0.08f});
  ASSERT_EQ(w.size(), 1u) << testing::PrintToString(w);
  EXPECT_NE(w[0].find("s1.dat holds only 2 of the 3 samples per signal the header declares (cut "
                      "short?); the rest of this segment is read as missing"),
            std::string::npos)
      << w[0];
}

// A segment whose signal file holds nothing at all is all missing, and decoding it touches no
// sample (the fuzzer found a null-pointer offset here).
TEST(WfdbFeatures, SegmentWithAnEmptySignalFileIsAllMissing) {
  std::vector<std::string> w;
  const std::vector<NamedBuffer> files = {
      text_file("s1.hea", "s1 1 360 2\ns1.dat 16 100 16 0 0 0 0 MLII\n"),
      {"s1.dat", {}},
      text_file("s2.hea", "s2 1 360 2\ns2.dat 16 100 16 0 7 15 0 MLII\n"),  // checksum 7 + 8
      dat16("s2.dat", {7, 8}),
  };
  const auto recs = read("m/2 1 360 4\ns1 2\ns2 2\n", files, w, "m.hea");
  ASSERT_EQ(recs.size(), 1u);
  expect_samples(recs[0].leads[0].samples, {NAN, NAN, 0.07f, 0.08f});
}

TEST(WfdbFeatures, DataFileFoundByBaseNameWhenTheHeaderHasADirectory) {
  std::vector<std::string> w;
  const auto recs =
      read("r 1 250 2\ndata/r.dat 16 100 16 0 0 0 0 I\n", {dat16("r.dat", {100, 200})}, w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_FLOAT_EQ(recs[0].leads[0].samples[1], 2.0f);
}

}  // namespace
}  // namespace qrs
