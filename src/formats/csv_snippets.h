#pragma once
// A wide text table whose columns have no names holds one snippet per row, time along the row:
// Kaggle's ECG Heartbeat Categorization files (mitbih_train.csv, ptbdb_normal.csv) are rows of
// one beat each, 187 samples at 125 Hz zero padded at the end, and the beat's class last. The
// rule (docs/formats.md, "One snippet per row") follows the NumPy reader's (N, T) arrays, and the
// records are made by the same code (npy_records.h single_lead_snippets).
#include <cstddef>
#include <string>
#include <vector>

#include "formats/csv_columns.h"
#include "formats/csv_layout.h"
#include "formats/read.h"
#include "formats/record.h"

namespace qrs::formats {

// A rate the file or the caller states (a preamble line, a '# fs=' comment, ReadOptions::fs),
// and where it comes from for messages ("given rate"); fs <= 0 when none.
struct StatedRate {
  double fs = -1;
  std::string by;
};

// A warning when the rate found in the file (`source`: "the time column") is not the stated one.
void warn_if_not_stated(const std::string& file, double fs, const std::string& source,
                        const StatedRate& stated, std::vector<std::string>& warnings);

// Whether the rows are snippets: no column is named (no header, or one that numbers the columns:
// csv_layout.h numbered_header; no lead names in a preamble), no column is a time column, and
// more than 16 columns are leads (a lead axis holds at most 16, as for NumPy arrays).
bool rows_are_snippets(const CsvLayout& layout, const Columns& cols);

// The snippets of such a table: values[c][row] per column, the lead columns of `cols` in order,
// the last left out when it holds each row's class label (a whole number from 0 to
// kMaxClassLabel in every row, not all 0, under rows of samples that are not all whole numbers),
// with a warning naming it. The rate comes from a header row of times, else `stated`, else it is
// an error that says to give it.
std::vector<Record> snippets_from_rows(const std::string& file, const CsvLayout& layout,
                                       const Columns& cols,
                                       const std::vector<std::vector<float>>& values,
                                       std::size_t rows, const StatedRate& stated,
                                       const ReadOptions& options,
                                       std::vector<std::string>& warnings);

// Class numbers of a labelled beat data set (Kaggle's: 0-4 for MIT-BIH, 0-1 for PTB) are a
// handful; a last column of whole numbers up to this is read as labels.
constexpr double kMaxClassLabel = 99;

}  // namespace qrs::formats
