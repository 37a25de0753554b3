#pragma once
// The layout of a text table, decided from its first lines: where the numbers start, the
// delimiter, a header row of titles (with units), a units row under it, pandas' numbered header
// (",0,1,2" for a DataFrame without column names), and a preamble of "key, value" lines above it
// all (csv_metadata.h). csv.cpp then reads the data rows with this layout.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv_cells.h"
#include "formats/csv_metadata.h"

namespace qrs::formats {

struct CsvLine {
  std::size_t number;  // 1-based, in the file
  std::string_view text;
};

struct CsvLayout {
  CsvDialect dialect;
  std::size_t columns = 0;
  std::size_t first_data = 0;  // index in the head lines of the first data row
  bool has_header = false;
  // The header numbers the columns instead of naming them: pandas' "0,1,2" (a DataFrame without
  // column names), or over a table of more than 16 columns a rising row of sample numbers or of
  // times ("0,0.008,0.016,...": each column an instant, each row below a snippet, csv_snippets.h).
  bool numbered_header = false;
  std::vector<double> column_times;  // that row's times per column (NaN: none); empty if none
  std::size_t header_line = 0;      // file line of the header row (0: none)
  std::vector<std::string> titles;  // per column, UTF-8, "" when untitled
  std::vector<std::string> units;   // per column, lower case, "" when none
  CsvMetadata metadata;             // from the preamble
  // AcqKnowledge's row of sample counts under the titles (not read as samples): its largest
  // count and its line; 0 when there is none.
  std::size_t stated_samples = 0;
  std::size_t sample_counts_line = 0;
};

// `head`: the file's first non-blank, non-comment lines, through some 20 lines past
// `first_data_like`, the first of them that reads as a data row (csv_cells.h is_data_row;
// head.size() when none does). Errors (a header wider than the rows, too many columns) name the
// file (`where`) and line; findings that do not stop the read go to `warnings`.
CsvLayout find_layout(const std::vector<CsvLine>& head, std::size_t first_data_like,
                      const std::string& where, std::vector<std::string>& warnings);

}  // namespace qrs::formats
