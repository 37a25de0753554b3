// Round trips: a Record of known millivolt values is quantised, written in each WFDB storage
// format by the test's own writer (wfdb_test_writer.h), read back, and compared within half an
// ADC step. Frame counts not divisible by 2 or 3 exercise the packed formats' short last group;
// records of more frames than the reader unpacks at a time (98,304: wfdb_decode.cpp) that each
// run's first byte and format 8's running sum carry over from one run to the next.
#include <gtest/gtest.h>

#include <cmath>

#include "formats/readers.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

constexpr double kPi = 3.14159265358979323846;

// A smooth ECG-like test wave (small steps, so format 8's first differences fit in a byte).
double wave(std::size_t i, double fs, int lead) {
  const double t = static_cast<double>(i) / fs;
  return 0.9 * std::sin(2 * kPi * 1.3 * t + lead) + 0.3 * std::sin(2 * kPi * 0.4 * t);
}

// Writes `frames` frames of three leads in `format`, reads them back and compares.
void read_back(int format, std::size_t frames) {
  const double fs = 360;
  // Gain so that 1.2 mV uses most of the format's range, within 8-bit differences for format 8.
  const double gain = format == 8 ? 400.0 : std::floor(test::wfdb_max_adu(format) / 1.5);
  const long long baseline = format == 8 || format == 80 ? 3 : -7;
  std::vector<test::WfdbSignalOut> signals(3);
  for (int s = 0; s < 3; ++s) {
    signals[s].description = "lead " + std::to_string(s);
    signals[s].gain = gain;
    signals[s].baseline = baseline;
    for (std::size_t i = 0; i < frames; ++i) {
      signals[s].adu.push_back(static_cast<std::int32_t>(std::lround(wave(i, fs, s) * gain)) +
                               baseline);
    }
  }
  const test::WfdbFiles files = test::write_wfdb("rt", fs, format, signals);
  std::vector<std::string> warnings;
  const std::vector<Record> records = formats::read_wfdb(files.header, {files.data}, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  ASSERT_EQ(records.size(), 1u);
  const Record& rec = records[0];
  EXPECT_EQ(rec.fs, fs);
  ASSERT_EQ(rec.leads.size(), 3u);
  for (int s = 0; s < 3; ++s) {
    EXPECT_EQ(rec.leads[s].name, "lead " + std::to_string(s));
    ASSERT_EQ(rec.leads[s].samples.size(), frames);
    for (std::size_t i = 0; i < frames; ++i) {
      ASSERT_NEAR(rec.leads[s].samples[i], wave(i, fs, s), 0.5 / gain + 1e-6)
          << "format " << format << " lead " << s << " sample " << i;
    }
  }
}

class WfdbRoundTrip : public ::testing::TestWithParam<int> {};

TEST_P(WfdbRoundTrip, ReadsBackWhatWasWritten) {
  for (const std::size_t frames : {std::size_t{1001}, std::size_t{2 * 98'304 + 1001}}) {
    SCOPED_TRACE("frames " + std::to_string(frames));
    read_back(GetParam(), frames);
  }
}

// Format 8 is left out: it stores differences and has no invalid code.
class WfdbInvalidCode : public ::testing::TestWithParam<int> {};

TEST_P(WfdbInvalidCode, BecomesNaN) {
  const int format = GetParam();
  const std::int32_t invalid = -test::wfdb_max_adu(format) - 1;
  test::WfdbSignalOut s;
  s.description = "ii";
  s.adu = {5, invalid, -5, 0, invalid};
  const test::WfdbFiles files = test::write_wfdb("nan", 250, format, {s});
  std::vector<std::string> warnings;
  const Record rec = formats::read_wfdb(files.header, {files.data}, warnings).at(0);
  ASSERT_EQ(rec.length(), 5u);
  EXPECT_FLOAT_EQ(rec.leads[0].samples[0], 5 / 200.0f);
  EXPECT_TRUE(std::isnan(rec.leads[0].samples[1]));
  EXPECT_FLOAT_EQ(rec.leads[0].samples[2], -5 / 200.0f);
  EXPECT_TRUE(std::isnan(rec.leads[0].samples[4]));
}

std::string format_name(const ::testing::TestParamInfo<int>& info) {
  return "format" + std::to_string(info.param);
}
INSTANTIATE_TEST_SUITE_P(AllFormats, WfdbRoundTrip,
                         ::testing::Values(8, 16, 24, 32, 61, 80, 160, 212, 310, 311), format_name);
INSTANTIATE_TEST_SUITE_P(AllFormats, WfdbInvalidCode,
                         ::testing::Values(16, 24, 32, 61, 80, 160, 212, 310, 311), format_name);

}  // namespace
}  // namespace qrs
