// NumPy .npy reader: header versions, dtypes, memory order and the shape rules of npy_records.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "formats/npy_records.h"
#include "formats/readers.h"
#include "npy_test_writer.h"
#include "read_at_rate.h"
#include "util/error.h"

namespace qrs {
namespace {

using test::named;

std::vector<Record> read_npy(const std::vector<std::uint8_t>& bytes, double fs = 500,
                             std::vector<std::string>* warnings_out = nullptr,
                             const std::string& name = "a.npy") {
  return test::read_at_rate(formats::read_npy, named(name, bytes), fs, warnings_out);
}

// T x L values in C order: lead l at time t is value_at(t, l) (no lead rises steadily, which
// would make it read as a time column).
double value_at(std::size_t t, std::size_t l) { return 10.0 * l + double((t * 7) % 13) / 100.0; }

std::vector<double> grid(std::size_t T, std::size_t L, bool leads_first = false) {
  std::vector<double> v;
  if (!leads_first) {
    for (std::size_t t = 0; t < T; ++t)
      for (std::size_t l = 0; l < L; ++l) v.push_back(value_at(t, l));
  } else {
    for (std::size_t l = 0; l < L; ++l)
      for (std::size_t t = 0; t < T; ++t) v.push_back(value_at(t, l));
  }
  return v;
}

void expect_grid(const Record& r, std::size_t T, std::size_t L) {
  ASSERT_EQ(r.leads.size(), L);
  ASSERT_EQ(r.length(), T);
  for (std::size_t l = 0; l < L; ++l)
    for (std::size_t t = 0; t < T; t += 7)
      ASSERT_NEAR(r.leads[l].samples[t], value_at(t, l), 1e-5) << l << " " << t;
}

TEST(NpyReader, EveryDtypeByteOrderAndVersion) {
  const std::vector<double> v = grid(40, 3);
  for (int version : {1, 2, 3}) {
    expect_grid(read_npy(test::npy_of<float>({40, 3}, v, "<f4", false, version))[0], 40, 3);
    expect_grid(read_npy(test::npy_of<float>({40, 3}, v, ">f4", false, version))[0], 40, 3);
    expect_grid(read_npy(test::npy_of<double>({40, 3}, v, "<f8", false, version))[0], 40, 3);
    expect_grid(read_npy(test::npy_of<double>({40, 3}, v, ">f8", false, version))[0], 40, 3);
  }
  std::vector<double> ints;
  for (int i = 0; i < 40; ++i) ints.push_back(i - 20);
  for (const char* d : {"<i2", ">i2"}) {
    const auto r = read_npy(test::npy_of<std::int16_t>({40}, ints, d));
    EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], -20.f) << d;
    EXPECT_FLOAT_EQ(r[0].leads[0].samples[39], 19.f) << d;
  }
  for (const char* d : {"<i4", ">i4"})
    EXPECT_FLOAT_EQ(read_npy(test::npy_of<std::int32_t>({40}, ints, d))[0].leads[0].samples[1], -19.f);
  for (const char* d : {"<i8", ">i8"})
    EXPECT_FLOAT_EQ(read_npy(test::npy_of<std::int64_t>({40}, ints, d))[0].leads[0].samples[1], -19.f);
  std::vector<double> small(40, 7.0);
  EXPECT_FLOAT_EQ(read_npy(test::npy_of<std::uint8_t>({40}, small, "|u1"))[0].leads[0].samples[5], 7.f);
  EXPECT_FLOAT_EQ(read_npy(test::npy_of<std::uint16_t>({40}, small, ">u2"))[0].leads[0].samples[5], 7.f);
  EXPECT_FLOAT_EQ(read_npy(test::npy_of<std::int8_t>({40}, ints, "|i1"))[0].leads[0].samples[0], -20.f);
}

// float16 ('<f2', as np.save writes numpy's half floats; annotate() in Python takes them too):
// the bits of each value written by hand, in both byte orders; subnormals and NaN (a missing
// sample) too.
TEST(NpyReader, HalfFloats) {
  const std::vector<double> bits = {0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000, 0x7E00, 0x3555};
  for (const char* d : {"<f2", ">f2"}) {
    std::vector<double> column;
    for (int t = 0; t < 40; ++t) column.push_back(bits[std::size_t(t) % bits.size()]);
    const std::vector<float> s =
        read_npy(test::npy_of<std::uint16_t>({40}, column, d))[0].leads[0].samples;
    ASSERT_EQ(s.size(), 40u) << d;
    EXPECT_FLOAT_EQ(s[0], 1.f) << d;
    EXPECT_FLOAT_EQ(s[1], -2.f) << d;
    EXPECT_FLOAT_EQ(s[2], 0.5f) << d;
    EXPECT_FLOAT_EQ(s[3], 65504.f) << d;
    EXPECT_FLOAT_EQ(s[4], std::ldexp(1.f, -24)) << d;
    EXPECT_FLOAT_EQ(s[5], 0.f) << d;
    EXPECT_TRUE(std::isnan(s[6])) << d;
    EXPECT_NEAR(s[7], 1.0 / 3.0, 1e-3) << d;  // 0x3555: float16's nearest to a third
  }
}

TEST(NpyReader, FortranOrderAndBothOrientations) {
  expect_grid(read_npy(test::npy_of<float>({50, 12}, grid(50, 12), "<f4", true))[0], 50, 12);
  expect_grid(read_npy(test::npy_of<float>({12, 50}, grid(50, 12, true), "<f4"))[0], 50, 12);
  expect_grid(read_npy(test::npy_of<float>({12, 50}, grid(50, 12, true), "<f4", true))[0], 50, 12);
  const auto one = read_npy(test::npy_f32({1, 30}, grid(30, 1)));
  expect_grid(one[0], 30, 1);
  EXPECT_EQ(one[0].name, "a");
  EXPECT_EQ(one[0].leads[0].name, "lead0");
  EXPECT_DOUBLE_EQ(one[0].fs, 500);
}

TEST(NpyReader, ManySingleLeadSnippets) {
  std::vector<std::string> warnings;
  const auto r = read_npy(test::npy_f32({20, 30}, grid(30, 20, true)), 250, &warnings);
  ASSERT_EQ(r.size(), 20u);
  EXPECT_EQ(r[3].name, "a.npy[3]");
  EXPECT_EQ(r[3].length(), 30u);
  EXPECT_FLOAT_EQ(r[3].leads[0].samples[0], 30.f);
  EXPECT_NEAR(r[3].leads[0].samples[5], value_at(5, 3), 1e-5);
  EXPECT_DOUBLE_EQ(r[3].fs, 250);
}

// (N, T) snippets padded with zeros at the end to one length (Kaggle's beats saved with np.save):
// each without its padding; an all-zero row is skipped with a warning.
TEST(NpyReader, SnippetsLoseTrailingZeroPaddingAndAllPaddingRowsAreSkipped) {
  std::vector<double> v(20 * 30, 0.0);
  for (std::size_t n = 0; n < 20; ++n)
    for (std::size_t t = 0; n != 4 && t < 10 + n; ++t) v[n * 30 + t] = value_at(t, n) + 0.5;
  std::vector<std::string> warnings;
  const auto r = read_npy(test::npy_f32({20, 30}, v), 125, &warnings);
  ASSERT_EQ(r.size(), 19u);
  EXPECT_EQ(r[0].length(), 10u);
  EXPECT_EQ(r[4].name, "a.npy[5]");
  EXPECT_EQ(r[4].length(), 15u);
  EXPECT_NEAR(r[4].leads[0].samples[14], value_at(14, 5) + 0.5, 1e-5);
  EXPECT_EQ(r[18].length(), 29u);
  EXPECT_NE(std::find(warnings.begin(), warnings.end(),
                      "a.npy: 1 snippets are all zero padding (or a single sample); skipped"),
            warnings.end());
}

TEST(NpyReader, BatchOfMultiLeadRecords) {
  // (N, L, T) = (2, 3, 40): record n lead l time t = 100 n + 10 l + t / 100.
  std::vector<double> v;
  for (int n = 0; n < 2; ++n)
    for (int l = 0; l < 3; ++l)
      for (int t = 0; t < 40; ++t) v.push_back(100.0 * n + 10.0 * l + t / 100.0);
  const auto r = read_npy(test::npy_f32({2, 3, 40}, v));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].leads.size(), 3u);
  EXPECT_NEAR(r[1].leads[2].samples[39], 120.39, 1e-4);
}

TEST(NpyReader, FirstColumnRisingSteadilyIsTime) {
  std::vector<double> v;
  for (int t = 0; t < 100; ++t) v.push_back(t * 4.0), v.push_back(std::sin(t));  // ms at 250 Hz
  const auto r = read_npy(test::npy_f32({100, 2}, v), 0);
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  ASSERT_EQ(r[0].leads.size(), 1u);
  EXPECT_NEAR(r[0].leads[0].samples[5], std::sin(5), 1e-6);
}

// The seed layout: (N, T, 2) [time, voltage] with zero padding at the start of each snippet.
TEST(NpyReader, TimeVoltageSnippetsDropLeadingPaddingAndDeriveFs) {
  const std::size_t T = 40;
  std::vector<double> v;
  auto add_snippet = [&](std::size_t pad, double t0, double step, double volt0) {
    for (std::size_t r = 0; r < pad; ++r) v.push_back(0), v.push_back(0);
    for (std::size_t r = 0; r < T - pad; ++r)
      v.push_back(t0 + r * step), v.push_back(r == 0 ? volt0 : 1.0 + r);
  };
  add_snippet(5, 0.0, 0.002, 0.0);   // first real sample (t=0, v=0) looks like padding: kept
  add_snippet(5, 0.0, 0.002, 0.7);   // first real sample at t=0, v=0.7
  add_snippet(0, 0.0, 0.004, 0.0);   // no padding, starts at (0, 0)
  add_snippet(8, 3.0, 0.001, 0.5);   // starts at t=3 s: every zero row is padding
  std::vector<std::string> warnings;
  const auto r = read_npy(test::npy_f32({4, T, 2}, v), 0, &warnings, "seed.npy");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].name, "seed.npy[0]");
  EXPECT_EQ(r[0].length(), T - 5);  // the 5 padding rows dropped, the 6th zero row is data
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 0.f);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[1], 2.f);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  EXPECT_EQ(r[1].length(), T - 5);
  EXPECT_FLOAT_EQ(r[1].leads[0].samples[0], 0.7f);
  EXPECT_EQ(r[2].length(), T);
  EXPECT_DOUBLE_EQ(r[2].fs, 250);
  EXPECT_EQ(r[3].length(), T - 8);
  EXPECT_FLOAT_EQ(r[3].leads[0].samples[0], 0.5f);
  EXPECT_DOUBLE_EQ(r[3].fs, 1000);
}

// The same with several leads per row: (N, T, 1 + L) [time, lead 1, ..., lead L]. A padding row
// has time 0 and every lead 0; a row where one lead is 0 and another not is data.
TEST(NpyReader, MultiLeadSnippetsWithATimeColumn) {
  const std::size_t T = 40, L = 3;
  std::vector<double> v;
  auto add_snippet = [&](std::size_t pad, double step, double first_lead2) {
    for (std::size_t r = 0; r < pad; ++r)
      for (std::size_t c = 0; c <= L; ++c) v.push_back(0);
    for (std::size_t r = 0; r < T - pad; ++r) {
      v.push_back(r * step);
      for (std::size_t l = 0; l < L; ++l)
        v.push_back(r == 0 ? (l == 1 ? first_lead2 : 0.0) : 10.0 * l + r);
    }
  };
  add_snippet(6, 0.002, 0.0);  // first real row all zero, one step before t = 0.002: kept
  add_snippet(4, 0.004, 0.3);  // first real row has lead 2 = 0.3
  std::vector<std::string> warnings;
  const auto r = read_npy(test::npy_f32({2, T, L + 1}, v), 0, &warnings, "multi.npy");
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(r[0].leads.size(), L);
  EXPECT_EQ(r[0].leads[2].name, "lead2");
  EXPECT_EQ(r[0].length(), T - 6);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  EXPECT_FLOAT_EQ(r[0].leads[2].samples[1], 21.f);
  EXPECT_EQ(r[1].length(), T - 4);
  EXPECT_DOUBLE_EQ(r[1].fs, 250);
  EXPECT_FLOAT_EQ(r[1].leads[1].samples[0], 0.3f);
  EXPECT_FLOAT_EQ(r[1].leads[0].samples[5], 5.f);
}

// Padding after the data (np.pad, PyTorch's pad_sequence), and both ends in one array.
TEST(NpyReader, SnippetsPaddedAtTheEnd) {
  const std::size_t T = 40;
  std::vector<double> v;
  auto add_snippet = [&](std::size_t before, std::size_t real, double step) {
    for (std::size_t r = 0; r < before; ++r) v.push_back(0), v.push_back(0);
    for (std::size_t r = 0; r < real; ++r) v.push_back(r * step), v.push_back(r == 0 ? 0 : 1.0 + r);
    for (std::size_t r = before + real; r < T; ++r) v.push_back(0), v.push_back(0);
  };
  add_snippet(0, 30, 0.002);  // 10 rows of padding after
  add_snippet(0, T, 0.004);   // none
  add_snippet(5, 25, 0.001);  // 5 before (the 5th is its first sample: t 0, v 0), 10 after
  std::vector<std::string> warnings;
  const auto r = read_npy(test::npy_f32({3, T, 2}, v), 0, &warnings, "post.npy");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].length(), 30u);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[29], 30.f);
  EXPECT_EQ(r[1].length(), T);
  EXPECT_DOUBLE_EQ(r[1].fs, 250);
  EXPECT_EQ(r[2].length(), 25u);
  EXPECT_DOUBLE_EQ(r[2].fs, 1000);
  EXPECT_FLOAT_EQ(r[2].leads[0].samples[1], 2.f);
}

TEST(StripTrailingPadding, Definition) {
  using formats::strip_trailing_padding;
  EXPECT_EQ(strip_trailing_padding({0, 0.002, 0.004, 0, 0}, {0, 1, 2, 0, 0}, 0), 3u);
  EXPECT_EQ(strip_trailing_padding({0, 0.002, 0.004}, {0, 1, 2}, 0), 3u);
  EXPECT_EQ(strip_trailing_padding({0, 0.002, 0}, {1, 1, 5}, 0), 3u);  // a lead not 0: data
  EXPECT_EQ(strip_trailing_padding({0, 0, 0}, {0, 0, 0}, 0), 1u);  // keeps the first row
  EXPECT_EQ(strip_trailing_padding({0, 0, 0}, {0, 0, 0}, 3), 3u);  // all padding before
}

TEST(NpyReader, TwoLeadBatchWhoseFirstColumnDoesNotRiseIsTwoLeads) {
  std::vector<double> v;
  for (int n = 0; n < 2; ++n)
    for (int t = 0; t < 30; ++t) v.push_back(std::sin(t)), v.push_back(std::cos(t));
  const auto r = read_npy(test::npy_f32({2, 30, 2}, v), 500);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].leads.size(), 2u);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
}

TEST(StripLeadingPadding, Definition) {
  using formats::strip_leading_padding;
  EXPECT_EQ(strip_leading_padding({0, 0, 0, 0.002, 0.004}, {0, 0, 0, 1, 2}), 2u);
  EXPECT_EQ(strip_leading_padding({0, 0, 0, 0.002}, {0, 0, 5, 1}), 2u);
  EXPECT_EQ(strip_leading_padding({0, 0, 1.0, 1.002}, {0, 0, 3, 4}), 2u);
  EXPECT_EQ(strip_leading_padding({0.5, 0.6}, {0, 0}), 0u);
  EXPECT_EQ(strip_leading_padding({0, 0, 0}, {0, 0, 0}), 3u);
  EXPECT_EQ(strip_leading_padding({0, 0.002, 0.004}, {0, 1, 2}), 0u);
}

TEST(NpyReader, WarnsAboutValuesThatAreNotMillivolts) {
  std::vector<std::string> warnings;
  read_npy(test::npy_of<std::int16_t>({40}, std::vector<double>(40, 1200), "<i2"), 500, &warnings);
  bool noted = false;
  for (const auto& w : warnings) noted |= w.find("values reach 1200") != std::string::npos;
  EXPECT_TRUE(noted);
}

}  // namespace
}  // namespace qrs
