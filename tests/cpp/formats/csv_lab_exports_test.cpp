// Text exports of lab recording software: ADInstruments LabChart ("Export as text": comments in a
// column after the channels, one block per start of recording, each under its own header lines)
// and BIOPAC AcqKnowledge ("Save as text": the rate as "0.5 msec/sample" on a line of its own, a
// time column titled by its unit, "min" among them). Each fixture imitates the bytes the program
// writes.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "csv_test_reader.h"

namespace qrs {
namespace {

using test::any_contains;
using test::csv_error_of;
using test::ecg_mv;
using test::format;
using test::read_csv_text;
using test::table;

// LabChart's header lines for one block of two channels sampled every `interval`.
std::string labchart_header(const std::string& interval, const std::string& titles) {
  return "Interval=\t" + interval +
         "\nExcelDateTime=\t4.5292416666667e+04\t01/01/2024 10:00:00.000000\n"
         "TimeFormat=\tStartOfBlock\nDateFormat=\t\nChannelTitle=\t" + titles +
         "\nRange=\t2.000 mV\t2.000 mV\nUnitName=\t*\tmV\tmV\n";
}

// `rows` rows of time (from 0, as TimeFormat=StartOfBlock has it) and two channels; `comment`
// ends row `comment_row`.
std::string labchart_rows(std::size_t rows, double fs, std::size_t comment_row = SIZE_MAX,
                          const std::string& comment = "") {
  return table("", rows, [&](std::size_t i) {
    return format("%.3f", double(i) / fs) + "\t" + format("%.4f", ecg_mv(i, fs)) + "\t0.2500" +
           (i == comment_row ? "\t" + comment : "");
  });
}

TEST(CsvLabExports, LabChartCommentColumnIsSkipped) {
  const std::string head = labchart_header("0.002 s", "ECG I\tECG II");
  std::vector<std::string> w;
  const auto r = read_csv_text("lc.txt", head + labchart_rows(60, 500, 30, "#* 1 Event"), 0, &w);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].length(), 60u);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[30], 0.25f);
  // Line 7 + 31: the header's 7 lines, then row 30 (0-based).
  EXPECT_TRUE(any_contains(w, "lc.txt: LabChart comment skipped: line 38 '#* 1 Event'"))
      << (w.empty() ? "" : w.front());

  // On the first row too, where it could otherwise widen the table; a channel comment ("#1").
  const auto first = read_csv_text("lc.txt", head + labchart_rows(60, 500, 0, "#1 Start"), 0, &w);
  ASSERT_EQ(first[0].leads.size(), 2u);
  EXPECT_EQ(first[0].length(), 60u);

  // Excel's error cells are no comment.
  EXPECT_NE(csv_error_of("0.3,#N/A\n0.1,0.2\n0.5,0.6\n", 500).find("'#N/A' is not a number"),
            std::string::npos);
}

TEST(CsvLabExports, LabChartBlocksSharingChannelsAndRateAreEachARecord) {
  const std::string head = labchart_header("0.002 s", "ECG I\tECG II");
  const std::string quoted = labchart_header("0.002 s", "\"ECG I\"\t\"ECG II\"");
  std::vector<std::string> w;
  const auto r = read_csv_text(
      "two.txt", head + labchart_rows(60, 500) + quoted + labchart_rows(40, 500), 0, &w);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].name, "two (block 1)");
  EXPECT_EQ(r[1].name, "two (block 2)");
  EXPECT_EQ(r[0].length(), 60u);
  EXPECT_EQ(r[1].length(), 40u);
  EXPECT_DOUBLE_EQ(r[1].fs, 500);
  EXPECT_EQ(r[1].leads[1].name, "ECG II");
  EXPECT_NEAR(r[1].leads[0].samples[5], ecg_mv(5, 500), 1e-4);
  // 7 header lines and 60 rows: block 2's header starts on line 68.
  EXPECT_TRUE(any_contains(w, "two.txt: 2 LabChart blocks")) << (w.empty() ? "" : w.front());
  EXPECT_TRUE(any_contains(w, "block 2 starts at line 68"));
  EXPECT_TRUE(any_contains(r[1].warnings, "block 2 of 2 of a LabChart export, from line 68"));
}

TEST(CsvLabExports, LabChartBlocksThatDifferAreRefusedNamingTheLine) {
  const std::string one = labchart_header("0.002 s", "ECG I\tECG II") + labchart_rows(60, 500);
  const std::string rate = csv_error_of(one + labchart_header("0.001 s", "ECG I\tECG II") +
                                        labchart_rows(40, 1000));
  EXPECT_NE(rate.find("bad.csv: a second LabChart block starts at line 68"), std::string::npos)
      << rate;
  EXPECT_NE(rate.find("1000 Hz"), std::string::npos) << rate;
  const std::string channels = csv_error_of(one + labchart_header("0.002 s", "ECG I\tECG V5") +
                                            labchart_rows(40, 500));
  EXPECT_NE(channels.find("line 68"), std::string::npos) << channels;
  EXPECT_NE(channels.find("ECG V5"), std::string::npos) << channels;
}

// AcqKnowledge "Save as text" with its header on: file name, interval, channel count, each
// channel's name and unit, then the column titles.
std::string acq_header(const std::string& interval, const std::string& titles) {
  return "session1.acq\n" + interval +
         "\n2 channels\nECG - ECG100C\nmV\nECG V1 - ECG100C\nmV\n" + titles + "\n";
}

TEST(CsvLabExports, AcqKnowledgeRateFromItsIntervalLine) {
  const auto rows = [](std::size_t i) {
    return format("%.5f", ecg_mv(i, 2000)) + "\t" + format("%.5f", 0.1);
  };
  for (const char* interval : {"0.5 msec/sample", "500 usec/sample", "500 \xC2\xB5sec/sample",
                               "0.0005 sec/sample", "2000 samples/sec"}) {
    std::vector<std::string> w;
    const auto r = read_csv_text("acq.txt", table(acq_header(interval, "CH1\tCH2"), 80, rows), 0, &w);
    EXPECT_DOUBLE_EQ(r[0].fs, 2000) << interval;
    ASSERT_EQ(r[0].leads.size(), 2u) << interval;
    EXPECT_EQ(r[0].leads[0].name, "CH1");
    EXPECT_EQ(r[0].length(), 80u);
  }
}

// Under its titles AcqKnowledge writes each channel's sample count (none for the time column):
// not a sample.
TEST(CsvLabExports, AcqKnowledgeSampleCountsRowIsNoSample) {
  const auto rows = [](std::size_t i) { return format("%.5f", ecg_mv(i, 1000)) + "\t0.1"; };
  std::vector<std::string> w;
  const auto r = read_csv_text(
      "acq.txt", table(acq_header("1 msec/sample", "CH1\tCH2") + "80\t80\n", 80, rows), 0, &w);
  EXPECT_EQ(r[0].length(), 80u);
  EXPECT_NEAR(r[0].leads[0].samples[0], ecg_mv(0, 1000), 1e-5);
  EXPECT_TRUE(w.empty()) << w.front();

  const auto timed = read_csv_text(
      "acq.txt", table(acq_header("1 msec/sample", "ms\tCH1\tCH2") + "80\t80\n", 80,
                       [&](std::size_t i) { return std::to_string(i) + "\t" + rows(i); }),
      0, &w);
  EXPECT_DOUBLE_EQ(timed[0].fs, 1000);
  ASSERT_EQ(timed[0].leads.size(), 2u);
  EXPECT_EQ(timed[0].length(), 80u);

  const auto short_by_one = read_csv_text(
      "acq.txt", table(acq_header("1 msec/sample", "CH1\tCH2") + "81\t81\n", 80, rows), 0, &w);
  EXPECT_EQ(short_by_one[0].length(), 80u);
  EXPECT_TRUE(any_contains(w, "acq.txt: line 9 states 81 samples")) << w.front();
}

TEST(CsvLabExports, TimeColumnInMinutesOrHours) {
  std::vector<std::string> w;
  const auto minutes = read_csv_text(
      "acq.txt", table(acq_header("1 msec/sample", "min\tCH1\tCH2"), 80,
                       [](std::size_t i) {
                         return format("%.7f", double(i) / 60000) + "\t" +
                                format("%.5f", ecg_mv(i, 1000)) + "\t0.1";
                       }),
      0, &w);
  EXPECT_DOUBLE_EQ(minutes[0].fs, 1000);
  ASSERT_EQ(minutes[0].leads.size(), 2u);
  EXPECT_EQ(minutes[0].leads[0].name, "CH1");
  EXPECT_FALSE(any_contains(w, "not the")) << w.front();  // the stated rate agrees

  const auto hours = read_csv_text("h.csv", table("Time (h),ii\n", 50, [](std::size_t i) {
                                     return format("%.10f", double(i) / (250.0 * 3600)) + ",0.1";
                                   }));
  EXPECT_DOUBLE_EQ(hours[0].fs, 250);
  ASSERT_EQ(hours[0].leads.size(), 1u);
  const auto time_min = read_csv_text("m.csv", table("time_min,ii\n", 50, [](std::size_t i) {
                                        return format("%.8f", double(i) / (500.0 * 60)) + ",0.1";
                                      }));
  EXPECT_DOUBLE_EQ(time_min[0].fs, 500);
}

}  // namespace
}  // namespace qrs
