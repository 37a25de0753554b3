// Round trips: a real LUDB record (read through WFDB) written by write_csv and as .npy arrays,
// then read back, must come back equal (float32 values are written with enough digits to be
// exact; .npy stores the floats themselves).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "formats/csv_writer.h"
#include "formats/read.h"
#include "formats/readers.h"
#include "npy_test_writer.h"
#include "test_paths.h"

namespace qrs {
namespace {

using test::named;

Record ludb_record(const std::string& id) {
  const std::string dir = test::ludb_dir() + "/";
  const ReadResult r = read_file(named(id + ".hea", test::read_bytes(dir + id + ".hea")),
                                 {named(id + ".dat", test::read_bytes(dir + id + ".dat"))});
  EXPECT_EQ(r.error, "");
  return r.records.empty() ? Record{} : r.records[0];
}

void expect_same_samples(const Record& a, const Record& b) {
  ASSERT_EQ(a.leads.size(), b.leads.size());
  for (std::size_t l = 0; l < a.leads.size(); ++l) {
    ASSERT_EQ(a.leads[l].samples.size(), b.leads[l].samples.size());
    for (std::size_t t = 0; t < a.leads[l].samples.size(); ++t) {
      const float x = a.leads[l].samples[t], y = b.leads[l].samples[t];
      if (std::isnan(x)) {
        ASSERT_TRUE(std::isnan(y));
      } else {
        ASSERT_EQ(x, y) << "lead " << l << " sample " << t;
      }
    }
  }
}

TEST(CsvRoundTrip, LudbRecordThroughWriteCsv) {
  const Record original = ludb_record("1");
  ASSERT_EQ(original.leads.size(), 12u);
  const std::string csv = write_csv(original);
  EXPECT_EQ(csv.rfind("# record=1 source=1.hea\n# fs=500\ni,ii,iii,avr,avl,avf,v1,", 0), 0u)
      << csv.substr(0, 80);
  std::vector<std::string> warnings;
  const auto back = formats::read_csv(named("1.csv", csv), {}, warnings);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_DOUBLE_EQ(back[0].fs, 500);
  EXPECT_TRUE(warnings.empty());
  for (std::size_t l = 0; l < 12; ++l) EXPECT_EQ(back[0].leads[l].name, original.leads[l].name);
  expect_same_samples(original, back[0]);
}

TEST(CsvRoundTrip, NanAndAwkwardValuesSurvive) {
  Record r;
  r.name = "odd";
  r.fs = 360;
  r.leads = {{"a", "mV", {0.1f, std::numeric_limits<float>::quiet_NaN(), -1e-7f, 123456.78f, 3.4e38f}},
             {"b,c", "mV", {1.f / 3.f, 2.f, 0.f, -0.f, 1e-30f}}};
  std::vector<std::string> warnings;
  const auto back = formats::read_csv(named("odd.csv", write_csv(r)), {}, warnings);
  EXPECT_DOUBLE_EQ(back.at(0).fs, 360);
  EXPECT_EQ(back[0].leads[1].name, "b_c");
  expect_same_samples(r, back[0]);
  // One lead whose first sample is NaN: the row must not become a blank (skipped) line.
  Record one;
  one.fs = 250;
  one.leads = {{"ii", "mV", {std::numeric_limits<float>::quiet_NaN(), 0.5f, 0.25f}}};
  const auto one_back = formats::read_csv(named("one.csv", write_csv(one)), {}, warnings);
  expect_same_samples(one, one_back.at(0));
}

TEST(NpyRoundTrip, LudbRecordAsTimeByLeadsAndLeadsByTime) {
  const Record original = ludb_record("2");
  const std::size_t T = original.length(), L = original.leads.size();
  std::vector<double> tl, lt;
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t l = 0; l < L; ++l) tl.push_back(original.leads[l].samples[t]);
  for (std::size_t l = 0; l < L; ++l)
    for (std::size_t t = 0; t < T; ++t) lt.push_back(original.leads[l].samples[t]);
  ReadOptions options;
  options.fs = original.fs;
  std::vector<std::string> warnings;
  const auto a = formats::read_npy(named("2.npy", test::npy_f32({T, L}, tl)), options, warnings);
  expect_same_samples(original, a.at(0));
  const auto b = formats::read_npy(named("2.npy", test::npy_of<double>({L, T}, lt, ">f8", true)), options, warnings);
  expect_same_samples(original, b.at(0));
  EXPECT_DOUBLE_EQ(b[0].fs, 500);
}

TEST(NpyRoundTrip, LudbLeadAsMillivoltCountsInInt16WithinQuantisation) {
  const Record original = ludb_record("3");
  const auto& lead = original.leads[1].samples;
  std::vector<double> counts;  // microvolts as int16: quantisation step 0.001 mV
  for (float v : lead) counts.push_back(std::round(v * 1000.0));
  std::vector<double> pairs;  // (1, T, 2): [time in ms, voltage in mV as float]
  for (std::size_t t = 0; t < lead.size(); ++t) pairs.push_back(t * 2.0), pairs.push_back(lead[t]);
  std::vector<std::string> warnings;
  ReadOptions options;
  options.fs = 500;
  const auto q = formats::read_npy(named("q.npy", test::npy_of<std::int16_t>({lead.size()}, counts, "<i2")),
                                   options, warnings);
  ASSERT_EQ(q.at(0).length(), lead.size());
  for (std::size_t t = 0; t < lead.size(); ++t)
    ASSERT_NEAR(q[0].leads[0].samples[t] / 1000.0, lead[t], 0.0005 + 1e-6);
  const auto p = formats::read_npy(named("p.npy", test::npy_f32({1, lead.size(), 2}, pairs)), {}, warnings);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].name, "p.npy[0]");
  EXPECT_DOUBLE_EQ(p[0].fs, 500);
  // Lead 1 of record 3 may start at exactly 0 mV; the (0, 0) first row must then be kept.
  ASSERT_EQ(p[0].length(), lead.size());
  for (std::size_t t = 0; t < lead.size(); ++t) ASSERT_EQ(p[0].leads[0].samples[t], lead[t]);
}

}  // namespace
}  // namespace qrs
