#pragma once
// The cell level of the CSV reader: splitting a line into fields, reading a field as a number,
// splitting a column title into name and unit, and sniffing the delimiter from the first lines.
// Kept apart from csv.cpp (which turns a table into a Record) so each part can be tested alone.
#include <string>
#include <string_view>
#include <vector>

namespace qrs::formats {

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);

// A column title "II (uV)", "v1 [mV]", "'MLII'" -> name "ii"/"v1"/"mlii" (lower case when
// `lower`), unit "uv"/"mv"/"" (always lower case). Without brackets, a unit word at the end
// after '_', '/', ' ', " in " or ", " is the unit too: "ecg_uV", "II/uV", "II in uV", "time_ms"
// (units.h is_unit_word: not the one-letter V and s, which need brackets).
struct NameAndUnit {
  std::string name;
  std::string unit;
};
NameAndUnit split_name_and_unit(std::string_view title, bool lower = true);

// The delimiter ' ' stands for "runs of spaces and tabs".
struct CsvDialect {
  char delimiter = ',';
  bool decimal_comma = false;  // "1,25" means 1.25 (only with a delimiter other than ',')
};

// Splits `line` into trimmed fields with surrounding quotes ("..." or '...') removed. A quoted
// field may contain the delimiter. Reuses `fields` to avoid allocating per line.
void split_fields(std::string_view line, char delimiter, std::vector<std::string_view>& fields);

// A trailing delimiter ("1,2,") adds an empty last field; drop it when another field has text.
void drop_trailing_empty(std::vector<std::string_view>& fields);

// A cell shown in a message: quoted, valid UTF-8 (a Latin-1 file's bytes re-encoded), cut at 40
// bytes on a character boundary.
std::string quoted_cell(std::string_view cell);

enum class CellKind { Number, Empty, NotANumber, Infinite, Thousands, Text };
// Reads one trimmed field. "nan"/"NaN"/"NA" -> NotANumber; "inf", "-Infinity", 1e999 -> Infinite.
// Thousands separators (csv_thousands.h): "1,247.1" with '.' decimals and "1.247,1" with
// `decimal_comma` are Numbers; "1,247" (1247 or 1.247?) and a grouping in the other marks are
// Thousands, refused with their line.
CellKind parse_cell(std::string_view cell, bool decimal_comma, double& value);

// Whether a trimmed field is a value of a data row: a number, empty, NaN, an infinity or an
// ambiguous thousands separator (refused later, with its line) or a date/time stamp
// (time_stamp.h).
bool is_value(std::string_view cell, bool decimal_comma);

// Whether `line` reads as a data row under some delimiter: every field a value, one not empty.
// Finds where the numbers start below a header or a preamble of "key,value" lines.
bool is_data_row(std::string_view line);

// Whether the first field of `line` is a value under some delimiter: "1,x7" is a data row with
// a bad cell, never a header or a "key, value" line, whose first cells are text.
bool starts_with_value(std::string_view line);

// Picks the delimiter (tab, ';', ',', '|' or whitespace) under which the sample lines split into
// the same number of numeric cells; the first line may be a header and is not required to be
// numeric. Ties go to the delimiter giving more columns.
CsvDialect sniff_dialect(const std::vector<std::string_view>& sample_lines);

}  // namespace qrs::formats
