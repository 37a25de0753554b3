// .npz: zip parsing (stored, deflated, inflater supplied by the caller) and the member keys.
#include <gtest/gtest.h>

#include <cmath>

#include "formats/npz.h"
#include "formats/readers.h"
#include "npy_test_writer.h"
#include "util/error.h"

namespace qrs {
namespace {

using test::named;

std::vector<double> wave(std::size_t n, double scale = 1.0) {
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(scale * std::sin(0.1 * double(i)));
  return v;
}

// Lead names as a numpy '<U3' array: UTF-32LE code units, NUL padded.
std::vector<std::uint8_t> names_npy(const std::vector<std::string>& names) {
  std::vector<std::uint8_t> data;
  for (const auto& n : names)
    for (std::size_t c = 0; c < 3; ++c) {
      const std::uint32_t cp = c < n.size() ? std::uint8_t(n[c]) : 0;
      for (int b = 0; b < 4; ++b) data.push_back(std::uint8_t(cp >> (8 * b)));
    }
  return test::npy_raw(test::npy_dict("<U3", {names.size()}), data);
}

std::vector<Record> read_npz(const std::vector<std::uint8_t>& zip, double fs = 0,
                             std::vector<std::string>* warnings_out = nullptr) {
  std::vector<std::string> warnings;
  ReadOptions options;
  options.fs = fs;
  auto r = formats::read_npz(named("x.npz", zip), options, warnings);
  if (warnings_out) *warnings_out = warnings;
  return r;
}

TEST(NpzReader, SingleStoredArrayUsesGivenFs) {
  const auto r = read_npz(test::zip_of({named("arr_0.npy", test::npy_f32({100}, wave(100)))}), 250);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].name, "x");
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  EXPECT_NEAR(r[0].leads[0].samples[10], std::sin(1.0), 1e-6);
}

TEST(NpzReader, SignalsFsAndLeadNamesByKey) {
  std::vector<double> sig;
  for (std::size_t t = 0; t < 60; ++t) sig.push_back(std::sin(double(t))), sig.push_back(std::cos(double(t)));
  std::vector<std::string> warnings;
  const auto r = read_npz(test::zip_of({
                              named("fs.npy", test::npy_of<std::int64_t>({}, {360}, "<i8")),
                              named("signals.npy", test::npy_f32({60, 2}, sig)),
                              named("leads.npy", names_npy({"ii", "v5"})),
                              named("labels.npy", test::npy_f32({3}, {1, 2, 3})),
                          }),
                          0, &warnings);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].fs, 360);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "ii");
  EXPECT_EQ(r[0].leads[1].name, "v5");
  EXPECT_NEAR(r[0].leads[1].samples[3], std::cos(3.0), 1e-6);
  bool noted = false;
  for (const auto& w : warnings) noted |= w.find("'labels' ignored") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(NpzReader, TimeVectorGivesFs) {
  std::vector<double> t;
  for (int i = 0; i < 50; ++i) t.push_back(i * 0.002);
  const auto r = read_npz(test::zip_of({named("time.npy", test::npy_of<double>({50}, t, "<f8")),
                                        named("ecg.npy", test::npy_f32({50}, wave(50)))}));
  EXPECT_DOUBLE_EQ(r.at(0).fs, 500);
}

TEST(NpzReader, DeflatedMembersInflateWithZlib) {
  const auto zip = test::zip_of({named("signals.npy", test::npy_f32({200}, wave(200))),
                                 named("fs.npy", test::npy_of<double>({}, {500}, "<f8"))},
                                /*compress=*/true);
  const auto r = read_npz(zip);
  EXPECT_DOUBLE_EQ(r.at(0).fs, 500);
  EXPECT_NEAR(r[0].leads[0].samples[150], std::sin(15.0), 1e-6);
  // Without an inflater (the WebAssembly build) the message says what is needed.
  std::vector<std::string> warnings;
  try {
    formats::read_npz_with(named("x.npz", zip), nullptr, {}, warnings);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("x.npz: compressed .npz needs inflate"), std::string::npos);
  }
}

TEST(NpzReader, PageInflatesMembersItself) {
  // The page's path: list members, inflate the deflated ones in JS, hand over the .npy bytes.
  const auto zip = test::zip_of({named("signals.npy", test::npy_f32({40}, wave(40)))});
  const auto members = formats::list_zip_members(named("x.npz", zip));
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].name, "signals.npy");
  EXPECT_EQ(members[0].method, 0);
  std::vector<NamedBuffer> extracted = {
      named("signals.npy", std::vector<std::uint8_t>(zip.begin() + members[0].data_offset,
                                                     zip.begin() + members[0].data_offset +
                                                         members[0].uncompressed_size))};
  std::vector<std::string> warnings;
  ReadOptions options;
  options.fs = 100;
  const auto r = formats::read_npz_members("x.npz", extracted, options, warnings);
  EXPECT_EQ(r.at(0).length(), 40u);
  // And a caller-supplied inflater is used for deflated members.
  int calls = 0;
  const formats::Inflater copy = [&](const std::uint8_t* d, std::size_t n, std::size_t) {
    ++calls;
    return std::vector<std::uint8_t>(d, d + n);
  };
  formats::read_npz_with(named("x.npz", zip), copy, options, warnings);
  EXPECT_EQ(calls, 0);  // stored members need no inflating
}

// PhysioNet's "Download the ZIP file", or the page's WFDB export dropped back: a zip of other
// files is refused naming what it holds and saying to unzip it.
TEST(NpzReader, AZipOfOtherFilesSaysWhatItHoldsAndToUnzipIt) {
  std::vector<NamedBuffer> members;
  for (const char* name : {"RECORDS", "100.hea", "100.dat", "100.atr", "101.hea", "101.dat"})
    members.push_back(named(name, std::vector<std::uint8_t>{1, 2, 3}));
  try {
    read_npz(test::zip_of(members), 360);
    FAIL() << "a zip of WFDB files read as .npz";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "x.npz: the archive holds no .npy arrays but other files (RECORDS, 100.hea, "
                 "100.dat, 100.atr and 2 more); zip archives are read only as NumPy .npz: unzip it "
                 "and open the files in it");
  }
}

}  // namespace
}  // namespace qrs

