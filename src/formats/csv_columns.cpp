#include "formats/csv_columns.h"

#include <cmath>

#include "formats/channel_kinds.h"
#include "formats/csv_cells.h"
#include "formats/time_column.h"
#include "formats/time_stamp.h"

namespace qrs::formats {
namespace {

// A title pandas gives a column it has no name for: "" (its index) or "Unnamed: 2".
bool is_pandas_untitled(const std::string& lower) {
  return lower.empty() || lower.rfind("unnamed: ", 0) == 0;
}

// First-column titles that mean a sample index, whatever the column holds.
bool is_index_column_name(const std::string& lower) {
  return is_pandas_untitled(lower) || lower == "sample" || lower == "samples" || lower == "index" ||
         lower == "idx" || lower == "n" || lower == "#" || lower == "sample #";
}

}  // namespace

Columns assign_roles(const CsvLayout& layout, const std::vector<std::string_view>& first_row,
                     const std::string& where, std::vector<std::string>& warnings) {
  const std::size_t n = layout.columns;
  Columns cols;
  cols.role.assign(n, Role::Lead);
  cols.index_if_counting.assign(n, false);
  // Time columns by title ("time", "Zeit [s]") or by content (a date/time stamp). The rate comes
  // from the best of them: a named unit first (Polar's "sensor timestamp [ns]" over its phone's
  // clock), then stamps, then a name whose unit the spacing decides.
  int best_rank = 3;
  for (std::size_t c = 0; c < n; ++c) {
    double v;
    const bool stamp = c < first_row.size() &&
                       parse_cell(first_row[c], false, v) == CellKind::Text &&
                       parse_time_stamp(first_row[c]);
    TimeUnit unit = TimeUnit::Unknown;
    const bool titled =
        layout.has_header && is_time_column(layout.titles[c], layout.units[c], unit);
    if (!stamp && !titled) continue;
    cols.role[c] = Role::OtherTime;
    const int rank = stamp ? 1 : unit != TimeUnit::Unknown ? 0 : 2;
    if (rank < best_rank) {
      best_rank = rank;
      cols.time = c;
      cols.time_stamps = stamp;
      cols.time_unit = stamp ? TimeUnit::Seconds : unit;
    }
  }
  if (best_rank < 3) {
    cols.role[cols.time] = Role::Time;
    auto title = [&](std::size_t c) {
      const std::string& unit = layout.units[c];
      return "'" + layout.titles[c] + (unit.empty() ? "" : " (" + unit + ")") + "'";
    };
    std::string others;
    for (std::size_t c = 0; c < n; ++c)
      if (cols.role[c] == Role::OtherTime) others += (others.empty() ? "" : ", ") + title(c);
    if (!others.empty())
      warnings.push_back(where + ": more than one time column: the rate comes from " +
                         title(cols.time) + "; " + others + " not read as a lead");
  }
  if (!layout.has_header) {
    cols.first_undecided = n > 1 && best_rank == 3;
    return cols;
  }
  for (std::size_t c = 0; c < n; ++c) {
    if (cols.role[c] != Role::Lead) continue;
    const std::string lower = to_lower_ascii(layout.titles[c]);
    // "Sample Index" (OpenBCI) and other counters, wherever they stand, are never a lead.
    if (n > 1 && ((c == 0 && is_index_column_name(lower)) || is_sample_counter(layout.titles[c])))
      cols.role[c] = Role::Index;
    else
      cols.index_if_counting[c] = n > 1 && is_pandas_untitled(lower);
  }
  return cols;
}

void CountingCheck::add(double v) {
  if (seen > 0) {
    increasing &= v > previous;
    counting &= v - previous == 1.0;
  }
  counting &= v == std::floor(v);
  previous = v;
  ++seen;
}

void settle_roles(Columns& cols, const std::vector<CountingCheck>& counting, std::size_t rows) {
  // Without a header, a strictly increasing first column (next to other columns) is time or a
  // sample index: ECG voltage does not rise monotonically over a whole recording.
  if (cols.first_undecided && rows >= 3 && counting[0].increasing)
    cols.role[0] = counting[0].counting ? Role::Index : Role::Time;
  // A column pandas left untitled that counts 0, 1, 2, ... is its index, wherever it stands.
  for (std::size_t c = 0; c < cols.role.size(); ++c)
    if (cols.index_if_counting[c] && counting[c].counting && rows >= 2) cols.role[c] = Role::Index;
}

void drop_blank_columns(Columns& cols, const std::vector<std::string>& titles,
                        const std::vector<std::size_t>& empty_cells, std::size_t rows) {
  std::vector<bool> blank(cols.role.size(), false);
  bool any_value = false;
  for (std::size_t c = 0; c < cols.role.size(); ++c) {
    if (cols.role[c] != Role::Lead) continue;
    blank[c] = empty_cells[c] == rows && trim(titles[c]).empty();
    any_value |= empty_cells[c] < rows;
  }
  if (!any_value) return;
  for (std::size_t c = 0; c < cols.role.size(); ++c)
    if (blank[c]) cols.role[c] = Role::Blank;
}

}  // namespace qrs::formats
