// EDF / EDF+ / BDF: round trips from digital values through the test's own writer
// (edf_test_writer.h), scaling and unit conversion, multi-rate selection, annotation channels,
// truncated files.
#include <gtest/gtest.h>

#include <cmath>

#include "edf_test_writer.h"
#include "formats/readers.h"

namespace qrs {
namespace {

constexpr double kPi = 3.14159265358979323846;

test::EdfSignalOut ecg_signal(const std::string& label, std::size_t spr, std::size_t records,
                              std::int32_t amplitude, int phase) {
  test::EdfSignalOut s;
  s.label = label;
  s.samples_per_record = spr;
  for (std::size_t i = 0; i < spr * records; ++i) {
    s.digital.push_back(static_cast<std::int32_t>(
        std::lround(amplitude * std::sin(2 * kPi * 1.1 * static_cast<double>(i) / spr + phase))));
  }
  return s;
}

// Physical value the EDF spec defines for a digital sample, in the signal's own unit.
double physical(const test::EdfSignalOut& s, std::int32_t d) {
  const double pmin = std::stod(s.physical_min), pmax = std::stod(s.physical_max);
  const double dmin = std::stod(s.digital_min), dmax = std::stod(s.digital_max);
  return pmin + (d - dmin) * (pmax - pmin) / (dmax - dmin);
}

TEST(EdfRead, RoundTripScalesToMillivolts) {
  test::EdfOut edf;
  edf.records = 7;
  edf.signals = {ecg_signal("ECG I", 250, 7, 12000, 0), ecg_signal("ECG II", 250, 7, 9000, 1)};
  edf.signals[1].dimension = "mV";
  edf.signals[1].physical_min = "-5";
  edf.signals[1].physical_max = "5";
  edf.signals[1].digital_min = "-2048";
  edf.signals[1].digital_max = "2047";
  for (auto& v : edf.signals[1].digital) v = std::clamp(v / 8, -2048, 2047);
  std::vector<std::string> warnings;
  const auto records = formats::read_edf(test::write_edf("ecg.edf", edf), warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  ASSERT_EQ(records.size(), 1u);
  const Record& rec = records[0];
  EXPECT_EQ(rec.name, "ecg");
  EXPECT_EQ(rec.source, "ecg.edf");
  EXPECT_DOUBLE_EQ(rec.fs, 250.0);
  ASSERT_EQ(rec.leads.size(), 2u);
  EXPECT_EQ(rec.leads[0].name, "ECG I");
  EXPECT_EQ(rec.leads[1].name, "ECG II");
  ASSERT_EQ(rec.length(), 1750u);
  for (std::size_t i = 0; i < rec.length(); i += 37) {
    EXPECT_NEAR(rec.leads[0].samples[i], physical(edf.signals[0], edf.signals[0].digital[i]) / 1000,
                1e-6);
    EXPECT_NEAR(rec.leads[1].samples[i], physical(edf.signals[1], edf.signals[1].digital[i]), 1e-5);
  }
}

TEST(EdfRead, BdfTwentyFourBitRoundTrip) {
  test::EdfOut edf;
  edf.bdf = true;
  edf.reserved = "24BIT";
  edf.records = 3;
  edf.duration = "0.5";
  auto s = ecg_signal("EXG1", 1024, 3, 8000000, 0);
  s.physical_min = "-262144";
  s.physical_max = "262143";
  s.digital_min = "-8388608";
  s.digital_max = "8388607";
  edf.signals = {s};
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(test::write_edf("x.bdf", edf), warnings).at(0);
  EXPECT_DOUBLE_EQ(rec.fs, 2048.0);
  ASSERT_EQ(rec.length(), 3072u);
  double worst = 0;
  for (std::size_t i = 0; i < rec.length(); ++i) {
    worst = std::max(worst, std::abs(rec.leads[0].samples[i] - physical(s, s.digital[i]) / 1000));
  }
  EXPECT_LT(worst, 1e-5);
  ASSERT_LT(s.digital[600], -1000000);  // negative 24-bit values must sign-extend
  EXPECT_LT(rec.leads[0].samples[600], -10.0f);
}

TEST(EdfRead, EdfPlusSkipsAnnotationsAndKeepsTheCommonRate) {
  test::EdfOut edf;
  edf.reserved = "EDF+C";
  edf.records = 4;
  edf.signals = {ecg_signal("ECG V1", 500, 4, 1000, 0), ecg_signal("ECG V2", 500, 4, 1000, 1),
                 ecg_signal("Resp", 25, 4, 1000, 0), ecg_signal("ECG fast", 1000, 4, 1000, 0)};
  edf.signals[2].dimension = "Ohm";
  test::EdfSignalOut annotations;
  annotations.label = "EDF Annotations";
  annotations.dimension = "";
  annotations.samples_per_record = 30;
  edf.signals.push_back(annotations);
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(test::write_edf("plus.edf", edf), warnings).at(0);
  EXPECT_DOUBLE_EQ(rec.fs, 500.0);
  ASSERT_EQ(rec.leads.size(), 2u);
  EXPECT_EQ(rec.leads[0].name, "ECG V1");
  EXPECT_EQ(rec.leads[1].name, "ECG V2");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0], "plus.edf: left out, not ECG: Resp (respiration)");
  EXPECT_NE(warnings[1].find("'ECG fast' is sampled at 1000 Hz, not 500 Hz"), std::string::npos)
      << warnings[1];
}

TEST(EdfRead, TruncatedLastRecordIsDroppedWithAWarning) {
  test::EdfOut edf;
  edf.records = 5;
  edf.signals = {ecg_signal("ECG", 100, 5, 1000, 0)};
  NamedBuffer file = test::write_edf("cut.edf", edf);
  file.bytes.resize(file.bytes.size() - 50);
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(file, warnings).at(0);
  EXPECT_EQ(rec.length(), 400u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("last data record is truncated"), std::string::npos) << warnings[0];
}

// A recorder that stopped early: the header, written at the start, declares an hour of data
// records; the file holds 3 and half of a fourth. Read to there, with a warning (was an error).
TEST(EdfRead, HeaderDeclaringMoreRecordsThanTheFileHoldsIsReadToItsEnd) {
  test::EdfOut edf;
  edf.records = 4;
  edf.signals = {ecg_signal("ECG", 100, 4, 1000, 0)};
  edf.override_fixed["number of data records"] = "3600";
  NamedBuffer file = test::write_edf("crashed.edf", edf);
  file.bytes.resize(file.bytes.size() - 100);  // half of the fourth record
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(file, warnings).at(0);
  EXPECT_EQ(rec.length(), 300u);
  EXPECT_NEAR(rec.leads[0].samples[299],
              physical(edf.signals[0], edf.signals[0].digital[299]) / 1000, 1e-6);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "crashed.edf: the header declares 3600 data records but the file holds only 3 and "
            "part of one more (dropped) (cut short?); the record is read to there");
}

// The header of a 24 h Holter of 12 leads, one-second data records at `hz`, with the size such a
// file has: what the CLI and the page judge before reading a byte of its data.
NamedBuffer day_long_holter_head(const std::string& name, std::size_t hz, std::size_t leads,
                                 std::size_t records) {
  test::EdfOut edf;
  edf.records = 1;
  edf.duration = "1";
  for (std::size_t l = 0; l < leads; ++l) edf.signals.push_back(ecg_signal("ECG", hz, 1, 1000, l));
  edf.override_fixed["number of data records"] = std::to_string(records);
  return test::write_edf(name, edf);
}

std::uint64_t edf_size(std::size_t hz, std::size_t leads, std::size_t records) {
  return 256 * (leads + 1) + std::uint64_t(records) * leads * hz * 2;
}

// A day of 12 leads at 500 Hz (518 M samples) and at 1000 Hz (1.04 G: a Mortara H12+) is read
// natively; until 3 Dec every native reader refused it at the 400 M the page keeps
// (formats/readers.h). Judged from the header and the size alone, as the CLI does, so the test
// allocates nothing of the sort.
TEST(EdfRead, DayLongTwelveLeadHolterIsAcceptedNatively) {
  for (const std::size_t hz : {500u, 1000u}) {
    const NamedBuffer head = day_long_holter_head("holter.edf", hz, 12, 86400);
    EXPECT_EQ(formats::edf_size_problem(head, edf_size(hz, 12, 86400)), "") << hz << " Hz";
  }
  EXPECT_GE(formats::limits().max_total_samples, 86400u * 12 * 1000);
}

// Above the native limits the refusal names the file, its samples, the limit passed (in all, or
// per signal) and what to do.
TEST(EdfRead, TooManySamplesNamesTheLimitPassed) {
  const std::size_t limit = formats::kMaxTotalSamples;
  const std::size_t records = limit / (12 * 1000) + 1;  // 12 x 1000 Hz: just over the limit
  EXPECT_EQ(formats::edf_size_problem(day_long_holter_head("holter.edf", 1000, 12, records),
                                      edf_size(1000, 12, records)),
            "holter.edf: " + std::to_string(records * 1000) + " samples per signal x 12 signals = " +
                std::to_string(records * 12000) + " samples in all is more than the " +
                std::to_string(limit) +
                " this reader accepts; split the recording into shorter records and annotate "
                "each");
  const std::size_t per_lead = formats::kMaxSamplesPerLead;
  const std::size_t long_records = per_lead / 1000 + 1;
  EXPECT_EQ(formats::edf_size_problem(day_long_holter_head("long.edf", 1000, 1, long_records),
                                      edf_size(1000, 1, long_records)),
            "long.edf: " + std::to_string(long_records * 1000) +
                " samples per signal is more than the " + std::to_string(per_lead) +
                " this reader accepts; split the recording into shorter records and annotate "
                "each");
}

TEST(EdfRead, UnknownRecordCountIsTakenFromTheFileSize) {
  test::EdfOut edf;
  edf.records = 3;
  edf.signals = {ecg_signal("ECG", 200, 3, 1000, 0)};
  edf.override_fixed["number of data records"] = "-1";
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(test::write_edf("live.edf", edf), warnings).at(0);
  EXPECT_EQ(rec.length(), 600u);
  EXPECT_TRUE(warnings.empty());
}

TEST(EdfRead, LatinOneMicroVoltsAndInvertedPhysicalRange) {
  test::EdfOut edf;
  edf.records = 1;
  auto s = ecg_signal("ECG", 10, 1, 100, 0);
  s.dimension = "\xB5V";
  s.physical_min = "1000";  // inverted: the spec allows physical min > max (polarity flip)
  s.physical_max = "-1000";
  s.digital_min = "-1000";
  s.digital_max = "1000";
  s.digital = {0, 500, -500, 1000, -1000, 0, 0, 0, 0, 0};
  edf.signals = {s};
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(test::write_edf("mu.edf", edf), warnings).at(0);
  EXPECT_NEAR(rec.leads[0].samples[1], -0.5, 1e-6);
  EXPECT_NEAR(rec.leads[0].samples[3], -1.0, 1e-6);
  EXPECT_NEAR(rec.leads[0].samples[4], 1.0, 1e-6);
}

// The physical dimension is read as every reader reads units (formats/units.h): any case, and
// the micro sign in UTF-8 too. EDF writers that lower-case it ("uv") were skipped as non-voltage.
TEST(EdfRead, UnitsInAnyCaseAreVoltages) {
  test::EdfOut edf;
  edf.records = 1;
  for (const char* unit : {"uv", "UV", "\xC2\xB5V", "mv", "MV"}) {
    auto s = ecg_signal(std::string("ECG ") + unit, 10, 1, 100, 0);
    s.dimension = unit;
    s.digital = {1000, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    edf.signals.push_back(s);
  }
  std::vector<std::string> warnings;
  const Record rec = formats::read_edf(test::write_edf("case.edf", edf), warnings).at(0);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  ASSERT_EQ(rec.leads.size(), 5u);
  const double full_scale = physical(edf.signals[0], 1000);  // same range for every signal
  for (std::size_t l = 0; l < 3; ++l) EXPECT_NEAR(rec.leads[l].samples[0], full_scale / 1000, 1e-6);
  for (std::size_t l = 3; l < 5; ++l) EXPECT_NEAR(rec.leads[l].samples[0], full_scale, 1e-4);
}

}  // namespace
}  // namespace qrs
