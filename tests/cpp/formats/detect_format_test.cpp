// detect_format: magic bytes win over names, then names, then a look at text content.
#include <gtest/gtest.h>

#include "formats/detect.h"
#include "npy_test_writer.h"

namespace qrs {
namespace {

using formats::detect_format;
using formats::FileFormat;
using test::named;

TEST(DetectFormat, MagicBytesWinOverTheName) {
  EXPECT_EQ(detect_format(named("x.csv", test::npy_f32({20}, std::vector<double>(20, 0.0)))),
            FileFormat::Npy);
  EXPECT_EQ(detect_format(named("x.bin", test::zip_of({named("a.npy", std::string("x"))}))),
            FileFormat::Npz);
  std::string edf = "0       " + std::string(176, ' ') + "512     " + std::string(100, ' ');
  EXPECT_EQ(detect_format(named("rec.dat", edf)), FileFormat::Edf);
  EXPECT_EQ(detect_format(named("rec", std::string("\xff" "BIOSEMI") + std::string(300, ' '))),
            FileFormat::Bdf);
  EXPECT_EQ(detect_format(named("ecg.txt", std::string("\xEF\xBB\xBF  {\"fs\": 1}"))),
            FileFormat::Json);
  EXPECT_EQ(detect_format(named("ecg", std::string("[{\"fs\": 1}]"))), FileFormat::Json);
}

TEST(DetectFormat, TableStartingWithZeroAndSpacesIsNotEdf) {
  std::string table;
  for (int i = 0; i < 40; ++i) table += "0       1.5\n";
  EXPECT_EQ(detect_format(named("t.txt", table)), FileFormat::Csv);
}

TEST(DetectFormat, ByName) {
  EXPECT_EQ(detect_format(named("1.hea", std::string("1 12 500 5000\n"))), FileFormat::Wfdb);
  EXPECT_EQ(detect_format(named("DIR/1.HEA", std::string("# c\n1 12\n"))), FileFormat::Wfdb);
  EXPECT_EQ(detect_format(named("1.dat", std::string("\x01\x02"))), FileFormat::WfdbSignal);
  EXPECT_EQ(detect_format(named("a.TSV", std::string("x\ty\n"))), FileFormat::Csv);
  EXPECT_EQ(detect_format(named("a.edf", std::string("garbage"))), FileFormat::Edf);
  EXPECT_EQ(detect_format(named("a.npy", std::string("garbage"))), FileFormat::Npy);
  EXPECT_EQ(detect_format(named("a.npz", std::string("garbage"))), FileFormat::Npz);
  EXPECT_EQ(detect_format(named("a.json", std::string("garbage"))), FileFormat::Json);
}

TEST(DetectFormat, NumericTextWithoutKnownExtensionIsCsvOtherwiseUnknown) {
  EXPECT_EQ(detect_format(named("ecg.data", std::string("# fs=500\n0.1 0.2\n0.3 0.4\n"))),
            FileFormat::Csv);
  EXPECT_EQ(detect_format(named("notes.md", std::string("hello world\nthis is prose\n"))),
            FileFormat::Unknown);
  EXPECT_EQ(detect_format(named("x.bin", std::string("\x01\x02\x03\x00\xff", 5))),
            FileFormat::Unknown);
  EXPECT_EQ(detect_format(named("1.i", std::string("\x00\x00\xec\x0b", 4))), FileFormat::Unknown);
}

TEST(DetectFormat, FileNameHelpers) {
  EXPECT_EQ(formats::base_name("a/b\\c.hea"), "c.hea");
  EXPECT_EQ(formats::file_stem("dir/5.hea"), "5");
  EXPECT_EQ(formats::file_stem(".hidden"), ".hidden");
  EXPECT_EQ(formats::file_extension("X.NPZ"), "npz");
  EXPECT_EQ(formats::file_extension("noext"), "");
}

}  // namespace
}  // namespace qrs
