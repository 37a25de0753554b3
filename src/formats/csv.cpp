// CSV / TSV / whitespace-separated text -> one Record, or one per row of a wide table whose
// columns have no names (csv_snippets.h: Kaggle's files of one beat per row). The layout is
// sniffed (csv_layout.h): the
// delimiter, an optional header row (lead names, units), an optional units row, a preamble of
// "key, value" lines, '#' comments (one may carry "fs=500"); each column gets its role
// (csv_columns.h): a lead, the time column that gives the rate, another time column, or a sample
// index. docs/formats.md lists the rules; every rejection names the line and column.
#include <algorithm>
#include <cmath>

#include "formats/channel_kinds.h"
#include "formats/csv_cells.h"
#include "formats/csv_columns.h"
#include "formats/csv_labchart.h"
#include "formats/csv_layout.h"
#include "formats/csv_lines.h"
#include "formats/csv_metadata.h"
#include "formats/csv_snippets.h"
#include "formats/detect.h"
#include "formats/readers.h"
#include "formats/time_column.h"
#include "formats/time_stamp.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

constexpr std::size_t kSniffLines = 20;
// Lines searched for the first data row; a preamble longer than this is not one we know.
constexpr std::size_t kMaxPreambleLines = 64;

// Data rows map to file lines; only where comments or blank lines intervene does the offset
// change, so a few checkpoints name any row's line without storing one number per row.
class RowLines {
 public:
  void add(std::size_t row, std::size_t line) {
    if (jumps_.empty() || line - row != jumps_.back().second - jumps_.back().first)
      jumps_.emplace_back(row, line);
  }
  std::size_t line_of(std::size_t row) const {
    std::size_t offset = 0;
    for (const auto& [r, l] : jumps_) {
      if (r > row) break;
      offset = l - r;
    }
    return row + offset;
  }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> jumps_;
};

// Why a cell of a lead is refused.
std::string cell_problem(CellKind kind) {
  if (kind == CellKind::Infinite) return " is not a finite number";
  if (kind == CellKind::Thousands)
    return " holds a thousands separator that could be read two ways (thousands separators are "
           "read only as 1,247.1 in a ',' file or 1.247,1 with decimal commas); save the numbers "
           "without them";
  return " is not a number";
}

// The metadata's value for a lead: one per column, one per lead, or (`one_for_all`: a unit) one
// for every lead.
std::string for_lead(const std::vector<std::string>& values, std::size_t column, std::size_t lead,
                     std::size_t columns, std::size_t leads, bool one_for_all) {
  std::string v;
  if (values.size() == 1 && (one_for_all || leads == 1))
    v = values[0];
  else if (values.size() == columns)
    v = values[column];
  else if (values.size() == leads)
    v = values[lead];
  return v == "*" ? "" : v;  // LabChart's "*": no unit given
}

// One table: the whole file, or one block of a LabChart export (`reader` stops where the next
// block's header lines start).
std::vector<Record> read_table(const NamedBuffer& file, ContentLines& reader,
                               const ReadOptions& options, std::vector<std::string>& warnings) {
  const Limits& lim = limits();
  const std::string& where = file.name;
  // The first lines decide the layout: every line down to the first data row, and some after it.
  std::vector<CsvLine> head;
  std::size_t first_data_like = std::string::npos;
  for (CsvLine line; reader.next(line);) {
    if (first_data_like == std::string::npos && is_data_row(line.text)) {
      first_data_like = head.size();
      reader.stop_at_block_start();
    }
    head.push_back(line);
    if (head.size() >= (first_data_like == std::string::npos ? kMaxPreambleLines
                                                             : first_data_like + kSniffLines))
      break;
  }
  if (head.empty()) throw Error(where + ": no data rows (the file is empty or all comments)");
  const CsvLayout layout = find_layout(head, first_data_like, where, warnings);
  const CsvDialect& dialect = layout.dialect;
  const std::size_t columns = layout.columns;
  const bool has_header = layout.has_header;
  const std::vector<std::string>& titles = layout.titles;

  std::vector<std::string_view> fields;
  if (layout.first_data < head.size()) {
    split_fields(head[layout.first_data].text, dialect.delimiter, fields);
    if (fields.size() == columns + 1) drop_trailing_empty(fields);
    take_comment(fields);
  }
  Columns cols = assign_roles(layout, fields, where, warnings);
  auto column_label = [&](std::size_t c) {
    return "column " + std::to_string(c + 1) +
           (has_header && !titles[c].empty() ? " ('" + titles[c] + "')" : "");
  };

  // Parse every data row. The time column is kept in double (times need the precision).
  std::vector<double> times;
  std::vector<std::vector<float>> values(columns);
  std::vector<std::size_t> empty_cells(columns, 0), first_empty_line(columns, 0);
  std::vector<CountingCheck> counting(columns);
  RowLines row_lines;
  SkippedComments comments;
  TimeStampColumn stamps;
  std::size_t rows = 0;
  // Data rows: the rest of the head, then the remaining lines straight from the reader.
  CsvLine line;
  for (std::size_t li = layout.first_data;; ++li) {
    if (li < head.size()) {
      line = head[li];
    } else if (!reader.next(line)) {
      break;
    }
    split_fields(line.text, dialect.delimiter, fields);
    if (fields.size() == columns + 1) drop_trailing_empty(fields);  // "1,2,"
    if (fields.size() > columns) {  // LabChart's comment column
      const std::string_view comment = take_comment(fields);
      if (!comment.empty()) comments.add(line.number, comment);
    }
    if (fields.size() != columns) {
      std::string hint;
      if (dialect.delimiter == ',' && fields.size() > columns)
        hint = " (decimal commas with a ',' delimiter are ambiguous: use ';' or tab between "
               "columns)";
      throw Error(where + ": line " + std::to_string(line.number) + " has " +
                  std::to_string(fields.size()) + " cells, expected " + std::to_string(columns) +
                  hint);
    }
    if (rows >= lim.max_samples_per_lead || (rows + 1) * columns > lim.max_total_samples)
      throw Error(where + ": more than " + std::to_string(rows) +
                  " rows; too large to read (limit " +
                  std::to_string(lim.max_total_samples) + " samples in all)");
    row_lines.add(rows, line.number);
    for (std::size_t c = 0; c < columns; ++c) {
      if (cols.role[c] == Role::OtherTime) continue;
      double v = NAN;
      if (cols.role[c] == Role::Time) {
        // A number, or a date/time stamp when the column holds those.
        std::optional<double> t;
        std::string went_back;
        if (cols.time_stamps) {
          t = stamps.read(fields[c], went_back);
        } else if (parse_cell(fields[c], dialect.decimal_comma, v) == CellKind::Number) {
          t = v;
        }
        if (fields[c].empty())
          throw Error(where + ": line " + std::to_string(line.number) +
                      ": the time column has an empty cell");
        if (!t)
          throw Error(where + ": line " + std::to_string(line.number) + ", " + column_label(c) +
                      ": " + quoted_cell(fields[c]) + " is not a time; a time column holds " +
                      time_stamp_forms() + " (or remove the column and give the rate with --fs)");
        if (!went_back.empty())
          throw Error(where + ": line " + std::to_string(line.number) + ", " + column_label(c) +
                      ": " + went_back);
        times.push_back(*t);
        continue;
      }
      const CellKind kind = parse_cell(fields[c], dialect.decimal_comma, v);
      if (kind == CellKind::Text || kind == CellKind::Infinite || kind == CellKind::Thousands)
        throw Error(where + ": line " + std::to_string(line.number) + ", " + column_label(c) +
                    ": " + quoted_cell(fields[c]) + cell_problem(kind));
      if (kind == CellKind::Empty || kind == CellKind::NotANumber) {
        v = NAN;
        if (empty_cells[c]++ == 0) first_empty_line[c] = line.number;
      }
      counting[c].add(v);
      if (c == 0 && cols.first_undecided) times.push_back(v);
      values[c].push_back(static_cast<float>(v));
    }
    ++rows;
  }
  if (rows == 0) throw Error(where + ": no data rows under the header");
  comments.report(where, warnings);
  if (layout.stated_samples > 0 && layout.stated_samples != rows)
    warnings.push_back(where + ": line " + std::to_string(layout.sample_counts_line) +
                       " states " + std::to_string(layout.stated_samples) +
                       " samples (AcqKnowledge's sample counts), but " + std::to_string(rows) +
                       " rows follow it");

  settle_roles(cols, counting, rows);
  const bool snippets = rows_are_snippets(layout, cols);
  for (std::size_t c = 0; c < columns; ++c)
    if (cols.role[c] == Role::Index)
      warnings.push_back(where + ": " + column_label(c) +
                         (snippets ? " numbers the rows; read as an index, not a sample"
                                   : " counts samples; read as an index, not a lead"));

  // The rate: the time column, else the one stated by the preamble, a '# fs=' comment or the
  // caller, in that order.
  const CsvMetadata& meta = layout.metadata;
  StatedRate rate;
  if (meta.fs > 0) {
    rate = {meta.fs, "rate on line " + std::to_string(meta.fs_line)};
  } else if (reader.comment_fs >= 0) {
    rate = {reader.comment_fs, "'# fs=' comment"};
  } else if (options.fs > 0) {
    rate = {options.fs, "given rate"};
  }
  if (snippets)
    return snippets_from_rows(where, layout, cols, values, rows, rate, options, warnings);
  drop_blank_columns(cols, titles, empty_cells, rows);
  double fs = 0;
  auto label = [&](std::size_t row) { return "line " + std::to_string(row_lines.line_of(row)); };
  if (cols.role[cols.time] == Role::Time) {
    if (cols.time_stamps) {  // seconds since 1970: from the first sample, for readable messages
      const double start = times[0];
      for (double& t : times) t -= start;
    }
    fs = fs_from_times(times, cols.time_unit, where + ": time column", label, warnings);
    warn_if_not_stated(where, fs, "the time column", rate, warnings);
  } else if (!rate.by.empty()) {
    fs = rate.fs;
    check_fs(fs, where + ": " + rate.by);
  } else {
    throw Error(where +
                ": no sampling rate: the file has no time column and no '# fs=' line; "
                "give the rate (" + options.rate_hint + ")");
  }

  Record record;
  record.name = file_stem(file.name);
  record.source = file.name;
  record.fs = fs;
  const std::size_t leads =
      std::size_t(std::count(cols.role.begin(), cols.role.end(), Role::Lead));
  // Names and units of the lead columns; then other kinds of signal next to ECG (EEG, SpO2,
  // ...: channel_kinds.h) are left out by their titles. No unit reads as mV: it counts as a volt.
  std::vector<std::size_t> lead_columns;
  std::vector<std::string> names, units;
  std::vector<ChannelSeen> seen;
  for (std::size_t c = 0; c < columns; ++c) {
    if (cols.role[c] != Role::Lead) continue;
    const std::size_t index = lead_columns.size();
    std::string name = titles[c];
    if (name.empty()) name = for_lead(meta.lead_names, c, index, columns, leads, false);
    if (name.empty()) name = "lead" + std::to_string(index);
    std::string unit = layout.units[c];
    if (unit.empty()) unit = for_lead(meta.units, c, index, columns, leads, true);
    lead_columns.push_back(c);
    seen.push_back({name, unit.empty() || millivolts_per_unit(unit)});
    names.push_back(std::move(name));
    units.push_back(std::move(unit));
  }
  const KindChoice kinds = leave_out_other_kinds(seen, where, options);
  if (!kinds.warning.empty()) warnings.push_back(kinds.warning);
  double max_abs_mv = 0;
  bool any_value = false;
  for (std::size_t k = 0; k < lead_columns.size(); ++k) {
    if (kinds.left_out[k]) continue;
    const std::size_t c = lead_columns[k];
    Lead lead;
    lead.name = names[k];
    const std::string& unit = units[k];
    double scale = 1.0;
    if (!unit.empty()) {
      const std::optional<double> mv = millivolts_per_unit(unit);
      if (!mv)
        warnings.push_back(where + ": column '" + lead.name + "': unit '" + unit +
                           "' not understood; read as mV");
      scale = mv.value_or(1.0);
    }
    lead.samples = std::move(values[c]);
    for (float& s : lead.samples) {
      const double mv = s * scale;
      if (std::fabs(mv) > 3.4028234663852886e38)
        throw Error(where + ": column '" + lead.name + "': a value in " + unit +
                    " is beyond float32 range in mV");
      s = static_cast<float>(mv);
      if (std::fabs(mv) > max_abs_mv) max_abs_mv = std::fabs(mv);
    }
    if (empty_cells[c] == rows) {
      warnings.push_back(where + ": lead '" + lead.name + "' has no values");
    } else {
      any_value = true;
      if (empty_cells[c] > 0)
        warnings.push_back(where + ": lead '" + lead.name + "': " +
                           std::to_string(empty_cells[c]) +
                           " empty or NaN cells read as NaN (first at line " +
                           std::to_string(first_empty_line[c]) + ")");
    }
    record.leads.push_back(std::move(lead));
  }
  if (record.leads.empty())
    throw Error(where + ": no lead columns (only a time or index column)");
  if (!any_value) throw Error(where + ": every cell is empty or NaN; no samples to read");
  warn_if_not_millivolts(where, max_abs_mv, warnings);
  std::vector<Record> out;
  out.push_back(std::move(record));
  return out;
}

// Appends the warnings of a later block of a LabChart export that the first did not give.
void add_new(const std::vector<std::string>& block_warnings, std::vector<std::string>& warnings) {
  for (const std::string& w : block_warnings)
    if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
}

}  // namespace

std::vector<Record> read_csv(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings) {
  ContentLines reader(file.name, table_text(file));
  std::vector<Record> records = read_table(file, reader, options, warnings);
  if (!reader.next_part()) return records;
  // A LabChart export of several blocks: each block one record.
  std::vector<LabChartBlock> blocks;
  std::size_t line = 1;
  while (true) {
    if (records.size() != 1)
      throw Error(file.name + ": LabChart blocks of one snippet per row are not read");
    blocks.push_back({line, std::move(records.front())});
    const std::optional<TextPart> next = reader.next_part();
    if (!next) break;
    line = next->first_line;
    reader = ContentLines(file.name, *next);
    std::vector<std::string> block_warnings;
    records = read_table(file, reader, options, block_warnings);
    add_new(block_warnings, warnings);
  }
  return records_of_blocks(file.name, std::move(blocks), warnings);
}

}  // namespace qrs::formats
