// read_files: grouping a drop (WFDB headers with their files, multi-segment records, annotation
// files), one result per primary file, and errors that name the file. Uses LUDB in place.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/read.h"
#include "npy_test_writer.h"
#include "test_paths.h"

namespace qrs {
namespace {

using test::named;

NamedBuffer ludb(const std::string& file) {
  return named(test::ludb_dir() + "/" + file, test::read_bytes(test::ludb_dir() + "/" + file));
}

// A format-16 .dat of one signal with the given samples.
NamedBuffer dat16(const std::string& name, const std::vector<int>& adu) {
  std::vector<std::uint8_t> bytes;
  for (int v : adu) bytes.push_back(std::uint8_t(v & 0xFF)), bytes.push_back(std::uint8_t((v >> 8) & 0xFF));
  return named(name, bytes);
}

TEST(ReadFiles, LudbRecordWithItsAnnotationFilesIsOneResult) {
  std::vector<NamedBuffer> drop;
  for (const char* f : {"1.i", "1.hea", "1.ii", "1.dat", "1.v1"}) drop.push_back(ludb(f));
  const auto results = read_files(drop);
  ASSERT_EQ(results.size(), 1u);
  const ReadResult& r = results[0];
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.format, "wfdb");
  EXPECT_NE(r.file.find("1.hea"), std::string::npos);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].leads.size(), 12u);
  EXPECT_EQ(r.records[0].length(), 5000u);
  EXPECT_DOUBLE_EQ(r.records[0].fs, 500);
  bool noted = false;
  for (const auto& w : r.warnings) noted |= w.find("1.i, 1.ii, 1.v1") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(ReadFiles, MixedDropKeepsOrderAndIsolatesErrors) {
  std::vector<NamedBuffer> drop = {
      named("a.csv", std::string("# fs=250\nii\n1\n2\n3\n")),
      ludb("2.dat"),
      named("x.bin", std::string("\x01\x02\x00\x7f", 4)),
      ludb("3.hea"), ludb("3.dat"),
      named("bad.npy", std::string("\x93NUMPY\x09\x00", 8)),
  };
  const auto results = read_files(drop);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_EQ(results[0].file, "a.csv");
  EXPECT_EQ(results[0].error, "");
  EXPECT_EQ(results[0].records[0].length(), 3u);
  EXPECT_NE(results[1].error.find("2.dat: a WFDB signal file cannot be read without its header; add 2.hea"),
            std::string::npos);
  EXPECT_EQ(results[2].error,
            "x.bin: unrecognised file format (supported: WFDB .hea+.dat, EDF/EDF+ .edf, BDF .bdf, "
            "ISHNE Holter .ecg, CSV/TSV/text .csv .tsv .txt, NumPy .npy .npz, JSON .json)");
  EXPECT_EQ(results[3].error, "");
  EXPECT_EQ(results[3].records[0].leads.size(), 12u);
  EXPECT_EQ(results[4].format, "npy");
  EXPECT_EQ(results[4].error.rfind("bad.npy: ", 0), 0u);
  for (const auto& r : results)
    if (!r.error.empty()) {
      EXPECT_TRUE(r.records.empty());
    }
}

TEST(ReadFiles, HeaderWithoutItsDatNamesTheMissingFile) {
  const auto results = read_files({ludb("4.hea")});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_NE(results[0].error.find("4.dat"), std::string::npos) << results[0].error;
}

TEST(ReadFiles, MultiSegmentRecordClaimsItsSegments) {
  std::vector<int> a(20), b(30);
  for (int i = 0; i < 20; ++i) a[i] = i;
  for (int i = 0; i < 30; ++i) b[i] = 100 + i;
  std::vector<NamedBuffer> drop = {
      named("seg_a.hea", std::string("seg_a 1 100 20\nseg_a.dat 16 200 16 0 0 0 0 ii\n")),
      named("multi.hea", std::string("multi/2 1 100 50\nseg_a 20\nseg_b 30\n")),
      dat16("seg_a.dat", a),
      named("seg_b.hea", std::string("seg_b 1 100 30\nseg_b.dat 16 200 16 0 0 0 0 ii\n")),
      dat16("seg_b.dat", b),
  };
  const auto results = read_files(drop);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].file, "multi.hea");
  ASSERT_EQ(results[0].error, "");
  ASSERT_EQ(results[0].records.size(), 1u);
  EXPECT_EQ(results[0].records[0].length(), 50u);
  EXPECT_FLOAT_EQ(results[0].records[0].leads[0].samples[20], 100.f / 200.f);
}

// Records copied from old PhysioNet CD-ROMs and FAT file systems: "FIVE.HEA" naming "five.dat"
// beside "FIVE.DAT", a header naming its .dat in another case than the drop has it, segment
// headers and their .dat files in upper case, and annotation files in another case than the
// header's name: each finds its file where no name matches exactly.
TEST(ReadFiles, CompanionsFoundIgnoringCaseWhereNoNameMatchesExactly) {
  const auto lower_5 = read_files({ludb("5.hea"), named("5.DAT", ludb("5.dat").bytes)});
  ASSERT_EQ(lower_5.size(), 1u);
  ASSERT_EQ(lower_5[0].error, "");
  const std::vector<float> lead_ii = lower_5[0].records.at(0).leads.at(1).samples;

  const NamedBuffer hea = ludb("5.hea");
  std::string header(hea.bytes.begin(), hea.bytes.end());
  for (std::size_t at; (at = header.find("5.dat")) != std::string::npos;)
    header.replace(at, 5, "five.dat");
  header.replace(0, 1, "five");
  const auto upper = read_files({named("FIVE.HEA", header), named("FIVE.DAT", ludb("5.dat").bytes),
                                 named("FIVE.II", ludb("5.ii").bytes)});
  ASSERT_EQ(upper.size(), 1u);
  ASSERT_EQ(upper[0].error, "");
  EXPECT_EQ(upper[0].records.at(0).name, "five");
  EXPECT_EQ(upper[0].records[0].leads.at(1).samples, lead_ii);
  ASSERT_EQ(upper[0].warnings.size(), 1u);
  EXPECT_EQ(upper[0].warnings[0], "FIVE.HEA: not read (no signal format): FIVE.II");

  std::vector<int> a(20), b(30);
  for (int i = 0; i < 20; ++i) a[i] = i;
  for (int i = 0; i < 30; ++i) b[i] = 100 + i;
  const auto segments = read_files({
      named("MULTI.HEA", std::string("multi/2 1 100 50\nseg_a 20\nseg_b 30\n")),
      named("SEG_A.HEA", std::string("seg_a 1 100 20\nseg_a.dat 16 200 16 0 0 0 0 ii\n")),
      dat16("SEG_A.DAT", a),
      named("Seg_B.hea", std::string("seg_b 1 100 30\nSEG_B.dat 16 200 16 0 0 0 0 ii\n")),
      dat16("seg_b.DAT", b),
  });
  ASSERT_EQ(segments.size(), 1u);
  ASSERT_EQ(segments[0].error, "");
  EXPECT_EQ(segments[0].records.at(0).length(), 50u);
  EXPECT_FLOAT_EQ(segments[0].records[0].leads.at(0).samples[20], 100.f / 200.f);
}

// A name present exactly is the one meant, whatever else differs from it only in case; without
// it, two such files are both candidates, and the header's result names them.
TEST(ReadFiles, ExactNameWinsAndTwoCaseVariantsAreNamed) {
  const std::vector<std::uint8_t> zeros(ludb("5.dat").bytes.size(), 0);
  const auto exact = read_files({ludb("5.hea"), named("5.DAT", zeros), ludb("5.dat")});
  ASSERT_EQ(exact.at(0).error, "");
  EXPECT_NE(exact[0].records.at(0).leads.at(1).samples[100], 0.f);

  const auto clash = read_files(
      {named("5.hea", ludb("5.hea").bytes), named("5.DAT", zeros), named("5.Dat", zeros)});
  ASSERT_EQ(clash.size(), 1u) << "both candidates go to the header, not to cards of their own";
  EXPECT_EQ(clash[0].error,
            "5.hea: 5.dat could be 5.DAT or 5.Dat (the names differ only in case); keep only the "
            "one meant");
}

TEST(ReadFile, UsesCompanionsAndOptions) {
  const ReadResult r = read_file(ludb("5.hea"), {ludb("5.dat")});
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.records.at(0).name, "5");
  ReadOptions options;
  options.fs = 360;
  const ReadResult csv = read_file(named("x.txt", std::string("1 2\n3 4\n")), {}, options);
  EXPECT_EQ(csv.format, "csv");
  EXPECT_DOUBLE_EQ(csv.records.at(0).fs, 360);
  const ReadResult no_fs = read_file(named("x.txt", std::string("1 2\n3 4\n")));
  EXPECT_NE(no_fs.error.find("x.txt: no sampling rate"), std::string::npos);
}

}  // namespace
}  // namespace qrs

namespace qrs {
namespace {

// The whole of LUDB dropped at once: 200 records, every annotation file riding with its record.
TEST(ReadFiles, WholeLudbDirectory) {
  std::vector<NamedBuffer> drop;
  const char* kAnnotations[] = {"i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6"};
  for (int id = 1; id <= 200; ++id) {
    drop.push_back(ludb(std::to_string(id) + ".dat"));
    for (const char* a : kAnnotations) drop.push_back(ludb(std::to_string(id) + "." + a));
    drop.push_back(ludb(std::to_string(id) + ".hea"));
  }
  const auto results = read_files(drop);
  ASSERT_EQ(results.size(), 200u);
  for (const ReadResult& r : results) {
    ASSERT_EQ(r.error, "") << r.file;
    ASSERT_EQ(r.records.size(), 1u) << r.file;
    ASSERT_EQ(r.records[0].leads.size(), 12u) << r.file;
  }
}

}  // namespace
}  // namespace qrs
