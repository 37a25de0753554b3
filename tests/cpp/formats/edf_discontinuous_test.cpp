// EDF+D (discontinuous EDF+): bytes laid out from the EDF+ specification — "EDF+D" in the
// reserved field, an "EDF Annotations" signal whose first TAL in each data record is the record's
// start ("+<seconds>" 0x14 0x14 0x00, section 2.2.4). Each continuous stretch must become its own
// record holding exactly its data records' samples (nothing invented in a gap), named with its
// start, and the warnings must say where the gaps are.
#include <gtest/gtest.h>

#include <cmath>

#include "edf_test_writer.h"
#include "formats/read.h"
#include "formats/readers.h"
#include "util/error.h"

namespace qrs {
namespace {

constexpr std::size_t kSpr = 100;  // 100 samples per 1 s data record: 100 Hz

// One ECG signal whose digital value encodes data record and sample (r * 1000 + i), and the
// annotation signal holding each record's time-keeping TAL.
test::EdfOut discontinuous(const std::vector<std::string>& tals, bool bdf = false) {
  test::EdfOut edf;
  edf.bdf = bdf;
  edf.reserved = bdf ? "BDF+D" : "EDF+D";
  edf.records = tals.size();
  test::EdfSignalOut ecg;
  ecg.label = "ECG II";
  ecg.dimension = "uV";
  ecg.physical_min = "-32768";
  ecg.physical_max = "32767";  // 1 digital step = 1 uV
  ecg.samples_per_record = kSpr;
  for (std::size_t r = 0; r < tals.size(); ++r)
    for (std::size_t i = 0; i < kSpr; ++i) ecg.digital.push_back(std::int32_t(r * 1000 + i));
  test::EdfSignalOut annotations;
  annotations.label = bdf ? "BDF Annotations" : "EDF Annotations";
  annotations.dimension = "";
  annotations.samples_per_record = 30;
  annotations.tal = tals;
  edf.signals = {ecg, annotations};
  return edf;
}

std::string tal(const std::string& onset) {
  return onset + std::string("\x14\x14\0", 3);
}

// The data record a sample came from, decoded from its value (µV -> mV).
int source_record(float mv) {
  return static_cast<int>(std::lround(mv * 1000)) / 1000;
}

TEST(EdfDiscontinuous, GapsSplitTheFileIntoRecordsNamedWithTheirStart) {
  // Records start at 0, 1, 2 | 10.5, 11.5 | 20 s. The second carries a real annotation after the
  // time stamp and the fifth a start 0.4 ms late (within half a sample: still continuous).
  const std::vector<std::string> tals = {
      tal("+0"),
      tal("+1") + std::string("+1.5\x15"
                              "0.2\x14"
                              "Bed\x14\0",
                              14),
      tal("+2"),
      tal("+10.5"),
      tal("+11.5004"),
      tal("+20"),
  };
  std::vector<std::string> w;
  const auto recs = formats::read_edf(test::write_edf("holter.edf", discontinuous(tals)), w);
  ASSERT_EQ(recs.size(), 3u);
  const struct {
    const char* name;
    int first_record, records;
  } expected[] = {{"holter (from +0:00:00)", 0, 3},
                  {"holter (from +0:00:10.5)", 3, 2},
                  {"holter (from +0:00:20)", 5, 1}};
  for (std::size_t k = 0; k < 3; ++k) {
    const Record& r = recs[k];
    EXPECT_EQ(r.name, expected[k].name);
    EXPECT_DOUBLE_EQ(r.fs, 100);
    ASSERT_EQ(r.leads.size(), 1u);  // the annotation signal is not a lead
    ASSERT_EQ(r.length(), expected[k].records * kSpr) << r.name;
    for (std::size_t i = 0; i < r.length(); ++i) {
      ASSERT_EQ(source_record(r.leads[0].samples[i]), expected[k].first_record + int(i / kSpr))
          << r.name << " sample " << i;
    }
    ASSERT_EQ(r.warnings.size(), 1u);
  }
  EXPECT_EQ(recs[1].warnings[0],
            "holter.edf: stretch 2 of 3 of a discontinuous EDF+ file, +0:00:10.5 to +0:00:12.5; "
            "after a gap of 7.5 s from +0:00:03 to +0:00:10.5; before a gap of 7.5 s from "
            "+0:00:12.5 to +0:00:20");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "holter.edf: discontinuous EDF+ (EDF+D): 2 gaps split it into 3 stretches, each read "
            "and annotated as its own record (times after the start, 21.11.26 22.00.00): gap of "
            "7.5 s from +0:00:03 to +0:00:10.5; gap of 7.5 s from +0:00:12.5 to +0:00:20");
}

TEST(EdfDiscontinuous, WithoutGapsItIsOneRecordAsBefore) {
  std::vector<std::string> w;
  const auto recs = formats::read_edf(
      test::write_edf("d.edf", discontinuous({tal("+5"), tal("+6"), tal("+7")})), w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].name, "d");
  EXPECT_EQ(recs[0].length(), 3 * kSpr);
  EXPECT_TRUE(recs[0].warnings.empty());
  EXPECT_TRUE(w.empty()) << w.front();
}

TEST(EdfDiscontinuous, Bdf24BitAnnotationsKeepTimeToo) {
  std::vector<std::string> w;
  const auto recs = formats::read_edf(
      test::write_edf("d.bdf", discontinuous({tal("+0"), tal("+3600"), tal("+3601")}, true)), w);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].name, "d (from +1:00:00)");
  EXPECT_EQ(recs[1].length(), 2 * kSpr);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("gap of 0:59:59 from +0:00:01 to +1:00:00"), std::string::npos) << w[0];
}

// The drop as the CLI and the page see it: the file's result carries the gap warning and one
// record per stretch, each with its own warning (shown with its annotation).
TEST(EdfDiscontinuous, ReadFilesGivesEveryStretchAndTheGaps) {
  const ReadResult result =
      read_file(test::write_edf("h.edf", discontinuous({tal("+0"), tal("+2")})));
  ASSERT_TRUE(result.error.empty()) << result.error;
  EXPECT_EQ(result.format, "edf");
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[1].name, "h (from +0:00:02)");
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].find("gap of 1 s from +0:00:01 to +0:00:02"), std::string::npos);
}

TEST(EdfDiscontinuous, BadTimeStampsAreErrorsNamingTheDataRecord) {
  const struct {
    std::vector<std::string> tals;
    const char* message;
  } cases[] = {
      {{tal("+0"), tal("+0.5")},
       "x.edf: data record 2 starts at +0:00:00.5, before the previous one ends (+0:00:01); "
       "EDF+D data records must follow each other in time"},
      {{tal("+0"), std::string("Bed\x14\x14\0", 6)},
       "x.edf: data record 2 of 2: its annotation signal does not start with the record's start "
       "time (a TAL '+<seconds>' 0x14 0x14), which discontinuous EDF+ (EDF+D) needs in every data "
       "record"},
      {{tal("+0"), tal("+x1")}, "x.edf: data record 2 of 2: its annotation signal does not start"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> w;
    try {
      formats::read_edf(test::write_edf("x.edf", discontinuous(c.tals)), w);
      ADD_FAILURE() << "expected: " << c.message;
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind(c.message, 0), 0u) << e.what();
    }
  }
  test::EdfOut no_annotations = discontinuous({tal("+0")});
  no_annotations.signals.pop_back();
  std::vector<std::string> w;
  EXPECT_THROW(formats::read_edf(test::write_edf("x.edf", no_annotations), w), Error);
}

}  // namespace
}  // namespace qrs
