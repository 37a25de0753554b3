// Spreadsheet CSVs with thousands separators (Excel's "Use 1000 separator" number format saved as
// CSV: "1,247.1" quoted in a ',' file; German Excel: 1.247,1 in a ';' file) and Excel's trailing
// empty columns (",," at the end of every row).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "csv_test_reader.h"

namespace qrs {
namespace {

using test::any_contains;
using test::csv_error_of;
using test::read_csv_text;
using test::table;

// Excel (en-US) in µV: sample number, two leads with thousands separators, two empty columns.
// Row `i` of lead II is (i % 7) * 450.5 µV, so every seventh row from the first reaches past 1000.
std::string excel_thousands(std::size_t rows) {
  return table("Sample,ECG II (uV),ECG V1 (uV),,\r\n", rows, [](std::size_t i) {
    const double uv = double(i % 7) * 450.5;
    char cell[32];
    if (uv >= 1000)
      std::snprintf(cell, sizeof cell, "\"%d,%05.1f\"", int(uv / 1000), uv - 1000 * int(uv / 1000));
    else
      std::snprintf(cell, sizeof cell, "\"%.1f\"", uv);
    return std::to_string(i) + "," + cell + ",\"-1,073.0\",,\r";
  });
}

TEST(CsvThousands, ExcelQuotedGroupingCommasAreRead) {
  std::vector<std::string> w;
  const auto r = read_csv_text("excel.csv", excel_thousands(60), 500, &w);
  ASSERT_EQ(r.size(), 1u);
  // The trailing empty columns are no lead 'lead2'.
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "ECG II");
  EXPECT_EQ(r[0].length(), 60u);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[3], 1.3515f);  // "1,351.5" µV
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[0], -1.073f);
  EXPECT_FALSE(any_contains(w, "lead2"));
  EXPECT_FALSE(any_contains(w, "no values"));
}

TEST(CsvThousands, GermanGroupingDotsWithDecimalCommasAreRead) {
  const auto r = read_csv_text(
      "de.csv", "Zeit [s];II [\xB5V];V1 [\xB5V]\n0,000;-159,8;1.247,1\n0,002;943,0;-1.073,0\n"
                "0,004;1.513,3;12,5\n0,006;2,5;-3,5\n");
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[0], 1.2471f);
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[2], 1.5133f);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[1], -1.073f);
}

// Where the separators could be read two ways, the file is refused, never misread.
TEST(CsvThousands, AmbiguousSeparatorsAreRefusedNamingThem) {
  for (const std::string& text :
       {std::string("ii,v1\n\"1,247\",0.5\n0.25,0.5\n"),         // 1247 or 1.247
        std::string("ii;v1\n1,5;0,5\n1,247.5;0,5\n"),              // a ',' group among ',' decimals
        std::string("ii,v1\n0.5,0.25\n\"1.247,5\",0.5\n"),         // a ',' decimal in a '.' file
        std::string("ii\tv1\n0.5\t0.25\n1,247.5\t0.5\n")}) {       // tab file: ',' is its decimal
    const std::string e = csv_error_of(text, 500);
    EXPECT_NE(e.find("thousands separator"), std::string::npos) << text << "\n" << e;
    EXPECT_NE(e.find("save the numbers without them"), std::string::npos) << e;
  }
}

// A column with a title stays a lead even when every cell is empty (and says so); only untitled
// empty columns are dropped.
TEST(CsvThousands, OnlyUntitledEmptyColumnsAreDropped) {
  std::vector<std::string> w;
  const auto titled = read_csv_text("t.csv", "ii,v1\n0.5,\n0.25,\n0.125,\n", 500, &w);
  ASSERT_EQ(titled[0].leads.size(), 2u);
  EXPECT_TRUE(any_contains(w, "lead 'v1' has no values"));
  const auto untitled = read_csv_text("u.csv", "0.5,,\n0.25,,\n0.125,,\n", 500);
  ASSERT_EQ(untitled[0].leads.size(), 1u);
}

}  // namespace
}  // namespace qrs
