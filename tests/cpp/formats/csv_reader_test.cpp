// CSV/TSV/text reader: layout sniffing, time columns, units, and the messages people see.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "csv_test_reader.h"

namespace qrs {
namespace {

using test::any_contains;

std::vector<Record> read(const std::string& name, const std::string& text, double fs = 0,
                         std::vector<std::string>* warnings_out = nullptr) {
  return test::read_csv_text(name, text, fs, warnings_out);
}

std::string error_of(const std::string& text, double fs = 0) { return test::csv_error_of(text, fs); }

TEST(CsvReader, HeaderNamesLeadsAndFsComment) {
  const auto r = read("ecg.csv", "# fs=500\ni,ii\n0.1,0.2\n0.3,-0.4\n0.5,0.6\n");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].name, "ecg");
  EXPECT_EQ(r[0].source, "ecg.csv");
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "i");
  EXPECT_EQ(r[0].leads[1].name, "ii");
  EXPECT_EQ(r[0].leads[1].unit, "mV");
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[1], -0.4f);
  EXPECT_EQ(r[0].length(), 3u);
}

TEST(CsvReader, TimeColumnInSecondsGivesFs) {
  std::string text = "time,ii,v1\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i * 0.002) + "," + std::to_string(i) + ",1\n";
  const auto r = read("t.csv", text);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "ii");
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[49], 49.f);
}

TEST(CsvReader, TimeColumnInMillisecondsByName) {
  std::string text = "t (ms);ii\n";
  for (int i = 0; i < 20; ++i) text += std::to_string(i * 4) + ";0,5\n";
  const auto r = read("ms.csv", text);
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[3], 0.5f);  // decimal comma with ';'
}

TEST(CsvReader, UnnamedIncreasingFirstColumnIsTimeWithUnitFromSpacing) {
  std::string text;
  for (int i = 0; i < 30; ++i)
    text += std::to_string(10 + i / 360.0) + " " + std::to_string(std::sin(i)) + "\n";
  std::vector<std::string> warnings;
  const auto r = read("plain.txt", text, 0, &warnings);
  EXPECT_NEAR(r[0].fs, 360, 0.5);
  ASSERT_EQ(r[0].leads.size(), 1u);
  EXPECT_EQ(r[0].leads[0].name, "lead0");
  EXPECT_TRUE(any_contains(warnings, "read as seconds"));
}

TEST(CsvReader, SampleIndexColumnIsDroppedAndFsComesFromOptions) {
  std::vector<std::string> warnings;
  const auto r = read("idx.tsv", "0\t1.5\t2\n1\t1.6\t2\n2\t1.7\t2\n3\t1.8\t2\n", 250, &warnings);
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[2], 1.7f);
  EXPECT_TRUE(any_contains(warnings, "counts samples"));
}

TEST(CsvReader, PandasIndexColumnWithEmptyTitleIsDropped) {
  const auto r = read("pd.csv", ",ii,v5\n0,0.1,0.2\n1,0.3,0.4\n", 100);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "ii");
}

TEST(CsvReader, UnitsInHeaderScaleToMillivolts) {
  const auto r = read("u.csv", "\"II (uV)\",'V1 [V]',v2 (mV)\n1000,0.001,2\n-500,0.002,3\n", 500);
  EXPECT_EQ(r[0].leads[0].name, "II");
  EXPECT_EQ(r[0].leads[1].name, "V1");
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 1.0f);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[1], -0.5f);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[1], 2.0f);
  EXPECT_FLOAT_EQ(r[0].leads[2].samples[1], 3.0f);
}

TEST(CsvReader, UnitsRowUnderHeader) {
  const auto r = read("physionet.csv", "'sample #','MLII','V5'\n'','uV','mV'\n0,100,1\n1,200,2\n", 360);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "MLII");
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[1], 0.2f);
}

TEST(CsvReader, EmptyAndNanCellsBecomeNanWithWarning) {
  std::vector<std::string> warnings;
  const auto r = read("gaps.csv", "a,b\n1,2\n,3\nNaN,4\n5,6\n", 100, &warnings);
  EXPECT_TRUE(std::isnan(r[0].leads[0].samples[1]));
  EXPECT_TRUE(std::isnan(r[0].leads[0].samples[2]));
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[3], 5.f);
  EXPECT_TRUE(any_contains(warnings, "2 empty or NaN cells read as NaN (first at line 3)"));
}

TEST(CsvReader, CrlfBomCommentsAndTrailingDelimiter) {
  const auto r = read("win.csv", "\xEF\xBB\xBF# exported\r\nI,II,\r\n1,2,\r\n\r\n# mid comment\r\n3,4,\r\n", 500);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].length(), 2u);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[1], 4.f);
}

TEST(CsvReader, GivenFsDisagreeingWithTimeColumnWarns) {
  std::vector<std::string> warnings;
  const auto r = read("t.csv", "time (s),ii\n0,1\n0.004,2\n0.008,3\n", 500, &warnings);
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  EXPECT_TRUE(any_contains(warnings, "from the time column"));
}

TEST(CsvReader, Errors) {
  EXPECT_NE(error_of("ii\n1\n2\n").find("no sampling rate"), std::string::npos);
  EXPECT_NE(error_of("ii\n1\n2\n").find("--fs"), std::string::npos);
  EXPECT_NE(error_of("a,b\n1,2\n3,x7\n", 500).find("bad.csv: line 3, column 2 ('b'): 'x7' is not a number"),
            std::string::npos);
  EXPECT_NE(error_of("time,ii\n0,1\n0.002,1\n0.004,1\n0.010,1\n0.012,1\n").find("unevenly spaced"),
            std::string::npos);
  EXPECT_NE(error_of("time,ii\n0,1\n0.002,1\n0.001,1\n").find("line 4: time 0.001 does not increase"),
            std::string::npos);
  EXPECT_NE(error_of("a,b\n1,2\n1,2,3\n", 500).find("line 3 has 3 cells, expected 2"),
            std::string::npos);
}

// With preambles read (csv_layout.h), a first row with a bad cell must still be a row, not a
// header that pushes the real one into the preamble.
TEST(CsvReader, BadCellInTheFirstRowIsNamedNotTakenForAHeader) {
  EXPECT_NE(error_of("ii,v1\n1,x7\n3,4\n", 500).find("bad.csv: line 2, column 2 ('v1'): 'x7' is not a number"),
            std::string::npos);
  EXPECT_NE(error_of("ii\n1x\n", 500).find("bad.csv: line 2, column 1 ('ii'): '1x' is not a number"),
            std::string::npos);
}

// Units go through the parser every reader shares (formats/units.h): any case, a Latin-1 micro
// sign; values that no ECG in mV reaches get the NumPy reader's warning.
TEST(CsvReader, UnitsAsEveryReaderReadsThemAndImplausibleMillivoltsWarn) {
  std::vector<std::string> warnings;
  const auto r = read("u.csv", "ii (\xB5V),v1 (UV),v2 (MV)\n100,200,1\n", 500, &warnings);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 0.1f);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[0], 0.2f);
  EXPECT_FLOAT_EQ(r[0].leads[2].samples[0], 1.0f);
  EXPECT_TRUE(warnings.empty());
  read("big.csv", "ii\n903\n-20\n", 500, &warnings);
  EXPECT_TRUE(any_contains(warnings, "big.csv: values reach 903; read as mV")) << warnings.size();
  read("ok.csv", "ii (uV)\n903\n-20\n", 500, &warnings);
  EXPECT_TRUE(warnings.empty());
}

// A time column is known by a time unit in its title, whatever its name; without one, the unit
// (s, ms, µs or ns) is the one that gives an ECG rate: Polar's ns timestamps step by 2e6 at 500 Hz.
TEST(CsvReader, TimeColumnByItsUnitAndUnitFromSpacingUpToNanoseconds) {
  std::vector<std::string> warnings;
  EXPECT_DOUBLE_EQ(read("z.csv", "Zeit [s],ii\n0,1\n0.004,2\n0.008,3\n", 0, &warnings)[0].fs, 250);
  EXPECT_DOUBLE_EQ(read("e.csv", "Elapsed (us),ii\n0,1\n4000,2\n8000,3\n")[0].fs, 250);
  const auto polar = read("polar.csv", "timestamp;ecg (uV)\n599000000000000000;47\n"
                                       "599000000002000000;48\n599000000004000000;49\n", 0, &warnings);
  EXPECT_DOUBLE_EQ(polar[0].fs, 500);
  ASSERT_EQ(polar[0].leads.size(), 1u);
  EXPECT_TRUE(any_contains(warnings, "unit not named; read as nanoseconds from the spacing 2e+06"));
}


// Kaggle's ECG Heartbeat Categorization layout, built here: no header, one beat per row of
// `width` samples (beat n has 10 + n real samples, fractions in (0.1, 0.9), then zeros), and the
// class written as numpy's savetxt writes it last. Row `blank` is all padding.
std::string beat_rows(std::size_t rows, std::size_t width, double (*label)(std::size_t),
                      std::size_t blank = 1000, const std::string& first_line = "") {
  std::string text = first_line;
  char cell[40];
  for (std::size_t n = 0; n < rows; ++n) {
    for (std::size_t t = 0; t < width; ++t) {
      const double v = n != blank && t < 10 + n ? 0.5 + 0.4 * std::sin(0.3 * double(t + n)) : 0.0;
      std::snprintf(cell, sizeof cell, "%.18e,", v);
      text += cell;
    }
    std::snprintf(cell, sizeof cell, "%.18e\n", label(n));
    text += cell;
  }
  return text;
}
double five_classes(std::size_t n) { return double(n % 5); }
double class_0(std::size_t) { return 0; }
double class_1(std::size_t) { return 1; }

TEST(CsvReader, WideRowsWithoutNamesAreSnippetsAndTheClassColumnIsLeftOut) {
  std::vector<std::string> warnings;
  const auto r = read("beats.csv", beat_rows(20, 30, five_classes, 7), 125, &warnings);
  ASSERT_EQ(r.size(), 19u);  // row 7 is all padding
  EXPECT_EQ(r[0].name, "beats.csv[0]");
  EXPECT_EQ(r[7].name, "beats.csv[8]");
  EXPECT_EQ(r[18].name, "beats.csv[19]");
  for (const Record& one : r) {
    EXPECT_DOUBLE_EQ(one.fs, 125);
    ASSERT_EQ(one.leads.size(), 1u);
  }
  EXPECT_EQ(r[0].length(), 10u);   // the zero padding after the beat is left out
  EXPECT_EQ(r[18].length(), 29u);  // 29 samples: the class (4) is no sample
  EXPECT_NEAR(r[2].leads[0].samples[3], 0.5 + 0.4 * std::sin(0.3 * 5), 1e-6);
  EXPECT_TRUE(any_contains(warnings, "beats.csv: column 31 holds whole numbers 0 to 4 next to "
                                     "samples with fractions: read as each row's class label"));
  EXPECT_TRUE(any_contains(warnings, "20 rows of 30 samples with no lead names read as "
                                     "single-lead snippets, one per row"));
  EXPECT_TRUE(any_contains(warnings, "beats.csv: 1 snippets are all zero padding"));

  const std::string no_rate = error_of(beat_rows(20, 30, five_classes));
  EXPECT_NE(no_rate.find("bad.csv: no sampling rate: its 20 rows of 30 samples"),
            std::string::npos);
  EXPECT_NE(no_rate.find("--fs"), std::string::npos);
  EXPECT_NE(no_rate.find("125 Hz"), std::string::npos) << no_rate;
}

// A last column of one class for every row: all 0 (ptbdb_normal.csv) cannot be told from zero
// padding and goes with it; all 1 (ptbdb_abnormal.csv) is a class. Samples in whole numbers (ADC
// counts) leave a last column of small whole numbers a sample.
TEST(CsvReader, ClassColumnOnlyWhereTheNumbersTellItFromSamples) {
  std::vector<std::string> warnings;
  auto r = read("normal.csv", beat_rows(20, 30, class_0), 125, &warnings);
  EXPECT_FALSE(any_contains(warnings, "class label"));
  ASSERT_EQ(r.size(), 20u);
  EXPECT_EQ(r[19].length(), 29u);
  r = read("abnormal.csv", beat_rows(20, 30, class_1), 125, &warnings);
  EXPECT_TRUE(any_contains(warnings, "column 31 holds whole numbers 1 to 1"));
  ASSERT_EQ(r.size(), 20u);
  EXPECT_EQ(r[19].length(), 29u);
  std::string counts;
  for (int n = 0; n < 20; ++n) {
    for (int t = 0; t < 30; ++t) counts += std::to_string((t * 37 + n * n * 11) % 400 - 200) + ",";
    counts += std::to_string(n % 3 + 1) + "\n";
  }
  r = read("adc.csv", counts, 360, &warnings);
  EXPECT_FALSE(any_contains(warnings, "class label"));
  ASSERT_EQ(r.size(), 20u);
  EXPECT_EQ(r[0].length(), 31u);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[30], 1.f);
}

// When the columns are leads though more than 16: a header naming them (a 64-channel recording),
// a time column; 16 columns or fewer without a header are leads as ever.
TEST(CsvReader, NamedOrTimedWideColumnsAreLeads) {
  std::string header;
  for (int c = 0; c < 20; ++c) header += (c ? ",ch" : "ch") + std::to_string(c + 1);
  auto r = read("named.csv", header + "\n" + beat_rows(40, 19, five_classes), 500);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].leads.size(), 20u);
  EXPECT_EQ(r[0].leads[19].name, "ch20");
  std::string timed;
  for (int n = 0; n < 40; ++n) {
    timed += std::to_string(n * 0.002);
    for (int c = 0; c < 20; ++c) timed += "," + std::to_string(std::sin(n + c));
    timed += "\n";
  }
  r = read("timed.csv", timed);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  EXPECT_EQ(r[0].leads.size(), 20u);
  r = read("narrow.csv", beat_rows(40, 15, five_classes), 500);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].leads.size(), 16u);
}

// A header that numbers the columns names no lead: pandas' ",0,1,...,30" over its index column,
// or a row of sample numbers from 1; a rising row of times ("0,0.008,...") gives the rate.
TEST(CsvReader, NumberedOrTimedHeaderOverSnippetRows) {
  std::vector<std::string> warnings;
  std::string pandas = ",";
  for (int c = 0; c < 31; ++c) pandas += (c ? "," : "") + std::to_string(c);
  std::string rows = beat_rows(20, 30, five_classes), indexed;
  for (std::size_t n = 0, at = 0; n < 20; ++n) {
    const std::size_t end = rows.find('\n', at);
    indexed += std::to_string(n) + "," + rows.substr(at, end + 1 - at);
    at = end + 1;
  }
  auto r = read("pd.csv", pandas + "\n" + indexed, 125, &warnings);
  ASSERT_EQ(r.size(), 20u);
  EXPECT_EQ(r[3].length(), 13u);
  EXPECT_TRUE(any_contains(warnings, "pd.csv: column 1 numbers the rows; read as an index"));
  EXPECT_TRUE(any_contains(warnings, "column 32 holds whole numbers 0 to 4"));

  std::string numbers, times;
  for (int c = 0; c < 31; ++c) {
    numbers += (c ? "," : "") + std::to_string(c + 1);
    times += (c ? "," : "") + std::to_string(c * 0.008);
  }
  r = read("numbered.csv", beat_rows(20, 30, five_classes, 1000, numbers + "\n"), 250);
  ASSERT_EQ(r.size(), 20u);
  EXPECT_DOUBLE_EQ(r[0].fs, 250);
  r = read("timed.csv", beat_rows(20, 30, five_classes, 1000, times + "\n"), 0, &warnings);
  ASSERT_EQ(r.size(), 20u);
  EXPECT_DOUBLE_EQ(r[0].fs, 125);
  EXPECT_EQ(r[0].length(), 10u);
  EXPECT_TRUE(any_contains(warnings, "read as seconds from the spacing"));
}

}  // namespace
}  // namespace qrs
