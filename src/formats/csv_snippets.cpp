// One snippet per row of a wide table without lead names (see csv_snippets.h).
#include "formats/csv_snippets.h"

#include <algorithm>
#include <cmath>

#include "formats/npy_records.h"
#include "formats/time_column.h"
#include "formats/units.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// Of the lead columns, the last when it holds each row's class label: every cell a whole number
// from 0 to kMaxClassLabel, one of them not 0, while the other columns hold a fraction somewhere.
// Samples in whole numbers (ADC counts) leave nothing to tell a label from a sample by. A last
// column of zeros alone is zero padding or one class for every row (ptbdb_normal.csv); either
// way the padding rule leaves it out of the snippets.
std::size_t class_label_column(const std::vector<std::vector<float>>& values,
                               const std::vector<std::size_t>& leads) {
  const std::size_t last = leads.back();
  bool any_class_but_0 = false;
  for (float v : values[last]) {
    if (!(v >= 0 && v <= kMaxClassLabel && v == std::floor(v))) return kNoColumn;  // NaN too
    any_class_but_0 |= v != 0;
  }
  if (!any_class_but_0) return kNoColumn;
  for (std::size_t k = 0; k + 1 < leads.size(); ++k)
    for (float v : values[leads[k]])
      if (std::isfinite(v) && v != std::floor(v)) return last;
  return kNoColumn;
}

// The preamble's one unit for every lead ("Unit,uV"), as mV per unit; 1 without one.
double millivolts_per_stated_unit(const CsvMetadata& meta, const std::string& file,
                                  std::vector<std::string>& warnings) {
  if (meta.units.size() != 1 || meta.units[0].empty() || meta.units[0] == "*") return 1.0;
  const std::optional<double> mv = millivolts_per_unit(meta.units[0]);
  if (!mv) warnings.push_back(file + ": unit '" + meta.units[0] + "' not understood; read as mV");
  return mv.value_or(1.0);
}

}  // namespace

void warn_if_not_stated(const std::string& file, double fs, const std::string& source,
                        const StatedRate& stated, std::vector<std::string>& warnings) {
  if (stated.fs > 0 && std::fabs(stated.fs - fs) > 1e-3 * fs)
    warnings.push_back(file + ": using " + format_number(fs) + " Hz from " + source + ", not the " +
                       format_number(stated.fs) + " Hz of the " + stated.by);
}

bool rows_are_snippets(const CsvLayout& layout, const Columns& cols) {
  const bool named =
      (layout.has_header && !layout.numbered_header) || !layout.metadata.lead_names.empty();
  const bool timed = !cols.role.empty() && cols.role[cols.time] == Role::Time;
  const auto leads = std::count(cols.role.begin(), cols.role.end(), Role::Lead);
  return !named && !timed && static_cast<std::size_t>(leads) > kMaxLeadsAcross;
}

std::vector<Record> snippets_from_rows(const std::string& file, const CsvLayout& layout,
                                       const Columns& cols,
                                       const std::vector<std::vector<float>>& values,
                                       std::size_t rows, const StatedRate& stated,
                                       const ReadOptions& options,
                                       std::vector<std::string>& warnings) {
  std::vector<std::size_t> samples;  // the columns that hold samples, in order
  for (std::size_t c = 0; c < cols.role.size(); ++c)
    if (cols.role[c] == Role::Lead) samples.push_back(c);
  const std::size_t label = class_label_column(values, samples);
  if (label != kNoColumn) {
    samples.pop_back();
    const auto [low, high] = std::minmax_element(values[label].begin(), values[label].end());
    warnings.push_back(file + ": column " + std::to_string(label + 1) + " holds whole numbers " +
                       format_number(*low) + " to " + format_number(*high) +
                       " next to samples with fractions: read as each row's class label, not a "
                       "sample, and left out");
  }
  const std::size_t length = samples.size();

  double fs = 0;
  if (!layout.column_times.empty()) {
    std::vector<double> times;
    for (std::size_t c : samples) times.push_back(layout.column_times[c]);
    fs = fs_from_times(
        times, TimeUnit::Unknown,
        file + ": the times of the columns on line " + std::to_string(layout.header_line),
        [&](std::size_t i) { return "column " + std::to_string(samples[i] + 1); }, warnings);
    warn_if_not_stated(file, fs, "the times of the columns", stated, warnings);
  } else if (!stated.by.empty()) {
    fs = stated.fs;
    check_fs(fs, file + ": " + stated.by);
  } else {
    throw Error(file + ": no sampling rate: its " + std::to_string(rows) + " rows of " +
                std::to_string(length) +
                " samples without lead names are read as one snippet per row, and it states no "
                "rate; give the rate (" +
                options.rate_hint +
                "; Kaggle's ECG Heartbeat Categorization files, one beat per row, are at 125 Hz)");
  }

  warnings.push_back(file + ": " + std::to_string(rows) + " rows of " + std::to_string(length) +
                     " samples with no lead names read as single-lead snippets, one per row (a "
                     "header row naming the columns reads them as leads)");
  const double scale = millivolts_per_stated_unit(layout.metadata, file, warnings);
  return single_lead_snippets(
      file, "lead0", rows, length, fs,
      [&](std::size_t n, std::size_t t) { return scale * values[samples[t]][n]; }, warnings);
}

}  // namespace qrs::formats
