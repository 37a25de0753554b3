// WFDB (MIT format) annotation files: LUDB's own files read and written back byte for byte, the
// pseudo-codes (SKIP, NUM, SUB, CHN, AUX) both ways, hand-assembled words, readable errors, and the
// '(' 'N' ')' files the page and the CLI export.
#include "formats/wfdb_annotation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "formats/wfdb_annotation_qrs.h"
#include "test_paths.h"
#include "util/error.h"

namespace qrs::formats::wfdb {
namespace {

NamedBuffer ludb_file(const std::string& name) {
  return {name, test::read_bytes(test::ludb_dir() + "/" + name)};
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    read_annotations({"bad.atr", bytes});
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

AnnotationMark mark(std::int64_t sample, int code, int chan = 0, std::string aux = "") {
  AnnotationMark m;
  m.sample = sample;
  m.code = code;
  m.chan = chan;
  m.aux = std::move(aux);
  return m;
}

TEST(WfdbAnnotation, ReadsLudbLeadFile) {
  const auto marks = read_annotations(ludb_file("5.ii"));
  // Checked against training/ludb.py's reader: 57 marks, the first '(' at 982, 'N' at 999.
  ASSERT_EQ(marks.size(), 57u);
  EXPECT_EQ(marks[0].sample, 982);
  EXPECT_EQ(annotation_symbol(marks[0].code), "(");
  EXPECT_EQ(marks[1].sample, 999);
  EXPECT_EQ(annotation_symbol(marks[1].code), "N");
  EXPECT_EQ(annotation_symbol(marks[2].code), ")");
  int beats = 0;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (i) {
      EXPECT_GE(marks[i].sample, marks[i - 1].sample);
    }
    beats += marks[i].code == 1;
  }
  EXPECT_EQ(beats, 7);  // the beats inside the annotated span
}

TEST(WfdbAnnotation, WritesLudbFilesBackByteForByte) {
  for (const char* lead :
       {"i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6"}) {
    for (const char* record : {"5", "95", "200"}) {
      const NamedBuffer file = ludb_file(std::string(record) + "." + lead);
      EXPECT_EQ(write_annotations(read_annotations(file)), file.bytes) << file.name;
    }
  }
}

TEST(WfdbAnnotation, HandAssembledWords) {
  // 'N' 10 samples in: code 1 << 10 | 10 = 0x040a; then the end word.
  EXPECT_EQ(write_annotations({mark(10, 1)}), (std::vector<std::uint8_t>{0x0a, 0x04, 0, 0}));
  // 2000 samples in: SKIP (59 << 10 = 0xec00), the interval 0x000007d0 high half first, then
  // 'N' with a zero step.
  EXPECT_EQ(write_annotations({mark(2000, 1)}),
            (std::vector<std::uint8_t>{0x00, 0xec, 0x00, 0x00, 0xd0, 0x07, 0x00, 0x04, 0, 0}));
  // CHN 3 (62 << 10 | 3 = 0xf803) after the mark, AUX "abc" (63 << 10 | 3 = 0xfc03) padded to 4.
  EXPECT_EQ(
      write_annotations({mark(1, 39, 3, "abc")}),
      (std::vector<std::uint8_t>{0x01, 0x9c, 0x03, 0xf8, 0x03, 0xfc, 'a', 'b', 'c', 0, 0, 0}));
}

TEST(WfdbAnnotation, EveryFieldRoundTrips) {
  // 5000000 needs one SKIP, 9000000000 (past 2^31 samples after it) two.
  std::vector<AnnotationMark> marks = {mark(0, 39),          mark(5, 1, 0, "model"),
                                       mark(1030, 40, 2),    mark(1030, 24, 7, "edited"),
                                       mark(5000000, 27, 7), mark(9000000000, 1, 7)};
  marks[1].subtype = -3;
  marks[2].num = 12;
  marks[4].num = -1;
  marks[5].num = -1;
  const auto back = read_annotations({"x.atr", write_annotations(marks)});
  ASSERT_EQ(back.size(), marks.size());
  for (std::size_t i = 0; i < marks.size(); ++i) {
    EXPECT_EQ(back[i].sample, marks[i].sample) << i;
    EXPECT_EQ(back[i].code, marks[i].code) << i;
    EXPECT_EQ(back[i].subtype, marks[i].subtype) << i;
    EXPECT_EQ(back[i].chan, marks[i].chan) << i;
    EXPECT_EQ(back[i].num, marks[i].num) << i;
    EXPECT_EQ(back[i].aux, marks[i].aux) << i;
  }
}

TEST(WfdbAnnotation, SortsByTimeThenChannel) {
  const auto back = read_annotations(
      {"x.atr", write_annotations({mark(50, 40, 1), mark(10, 39, 1), mark(50, 40, 0)})});
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0].sample, 10);
  EXPECT_EQ(back[1].chan, 0);
  EXPECT_EQ(back[2].chan, 1);
}

TEST(WfdbAnnotation, SymbolsAndCodes) {
  EXPECT_EQ(annotation_code("N"), 1);
  EXPECT_EQ(annotation_code("("), 39);
  EXPECT_EQ(annotation_code(")"), 40);
  EXPECT_EQ(annotation_code("t"), 27);
  EXPECT_EQ(annotation_code("nonsense"), -1);
  EXPECT_EQ(annotation_symbol(24), "p");
  EXPECT_EQ(annotation_symbol(15), "[15]");
}

TEST(WfdbAnnotation, ErrorsNameTheFileAndTheProblem) {
  EXPECT_NE(error_of({1, 2, 3}).find("bad.atr: 3 bytes, an odd length"), std::string::npos);
  EXPECT_NE(error_of({0x00, 0xec, 0x00}).find("odd length"), std::string::npos);
  EXPECT_NE(error_of({0x01, 0x04, 0x00, 0xec, 0x00, 0x00}).find("SKIP interval cut off"),
            std::string::npos);
  EXPECT_NE(error_of({0x01, 0x04, 0x05, 0xfc, 'a', 'b'}).find("AUX text cut off"),
            std::string::npos);
  EXPECT_NE(error_of({0x03, 0xf8}).find("before the first annotation"), std::string::npos);
  // A SKIP of -100 then a mark at step 0: before the record's start.
  EXPECT_NE(
      error_of({0x00, 0xec, 0xff, 0xff, 0x9c, 0xff, 0x00, 0x04}).find("before the record's start"),
      std::string::npos);
  // A code WFDB does not define (50..58), as in any file that is not one (an .xlsx beside the
  // record, notes): refused, not read as marks; so is anything after the end mark.
  EXPECT_EQ(error_of({0x01, 0x04, 0x00, 0xd0}),
            "bad.atr: word 2 holds code 52, which WFDB does not define: not a WFDB (MIT format) "
            "annotation file");
  EXPECT_EQ(error_of({0x01, 0x04, 0x00, 0x00, 0x50, 0x4b}),
            "bad.atr: 2 bytes after its end mark: not a WFDB (MIT format) annotation file");
  // The first bytes of an .xlsx (a zip): "PK", 3, 4, version 20, flags 6, method 8, a time.
  EXPECT_NE(error_of({'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0x21, 0xd7}).find("not a WFDB"),
            std::string::npos);
  EXPECT_THROW(write_annotations({mark(-1, 1)}), Error);
  EXPECT_THROW(write_annotations({mark(1, 0)}), Error);
  EXPECT_THROW(write_annotations({mark(1, 60)}), Error);
  EXPECT_THROW(write_annotations({mark(1, 1, 300)}), Error);
  EXPECT_THROW(write_annotations({mark(1, 1, 0, std::string(256, 'x'))}), Error);
}

TEST(WfdbAnnotationQrs, ParenthesesAroundThePeakTaggedBySource) {
  // A flat trace with a downward spike at sample 23 between onset 20.4 and offset 30.6.
  std::vector<float> trace(60, 0.1f);
  trace[23] = -1.5f;
  trace[26] = 0.8f;
  const auto marks = qrs_annotations({{20.4, 30.6, false}, {40.5, 48.0, true}}, {&trace}, 4);
  ASSERT_EQ(marks.size(), 6u);
  EXPECT_EQ(marks[0].sample, 20);
  EXPECT_EQ(marks[0].code, 39);
  EXPECT_EQ(marks[1].sample, 23);
  EXPECT_EQ(marks[1].code, 1);
  EXPECT_EQ(marks[2].sample, 31);
  EXPECT_EQ(marks[2].code, 40);
  EXPECT_EQ(marks[3].sample, 41);  // 40.5 rounds away from zero
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(marks[i].chan, 4);
    EXPECT_EQ(marks[i].aux, i < 3 ? "model" : "edited");
  }
}

TEST(WfdbAnnotationQrs, OneFilePerLeadNamedLikeLudbPlusTheBeats) {
  std::vector<float> a(100, 0.f), b(100, 0.f);
  a[15] = 1.f;
  b[17] = -3.f;  // the larger deflection: the global 'N'
  const auto files = qrs_annotation_files("rec",
                                          {{"aVR", &a, {{10, 20, false}}},
                                           {"V1", &b, {{12, 22, true}}},
                                           {"avr", &b, {}},
                                           {"", &b, {}},
                                           {"qrs", &b, {}}},
                                          {{10, 22, true}});
  ASSERT_EQ(files.size(), 6u);
  EXPECT_EQ(files[0].name, "rec.avr");
  EXPECT_EQ(files[1].name, "rec.v1");
  EXPECT_EQ(files[2].name, "rec.avr2");
  EXPECT_EQ(files[3].name, "rec.lead3");
  EXPECT_EQ(files[4].name, "rec.qrs2");
  EXPECT_EQ(files[5].name, "rec.qrs");
  const auto beats = read_annotations(files[5]);
  ASSERT_EQ(beats.size(), 3u);
  EXPECT_EQ(beats[1].sample, 17);
  EXPECT_EQ(beats[1].aux, "edited");
  EXPECT_EQ(read_annotations(files[0])[1].sample, 15);
  EXPECT_TRUE(read_annotations(files[2]).empty());
  EXPECT_EQ(qrs_annotation_files("x.npy[3]", {}, {})[0].name, "x_npy_3_.qrs");
}

}  // namespace
}  // namespace qrs::formats::wfdb
