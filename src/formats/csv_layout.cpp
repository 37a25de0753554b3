#include "formats/csv_layout.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "formats/csv_labchart.h"
#include "formats/npy_records.h"
#include "formats/readers.h"
#include "formats/time_stamp.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

// ",", ";;", "\t": a spacer line of delimiters only (Apple's export has them between its
// preamble and the numbers); it is neither a header nor a row.
bool is_spacer(std::string_view line) {
  for (char c : line)
    if (c == '\0' || !std::strchr(",;|\t ", c)) return false;
  return true;
}

std::vector<std::string_view> fields_of(std::string_view line, char delimiter) {
  std::vector<std::string_view> fields;
  split_fields(line, delimiter, fields);
  drop_trailing_empty(fields);  // "ii,v1,"
  return fields;
}

// A data row's cells, without LabChart's comment cell at its end (csv_labchart.h).
std::vector<std::string_view> row_cells(std::string_view line, char delimiter) {
  std::vector<std::string_view> fields = fields_of(line, delimiter);
  take_comment(fields);
  return fields;
}

bool all_text(const std::vector<std::string_view>& fields, bool decimal_comma) {
  bool any = false;
  for (std::string_view f : fields) {
    double v;
    const CellKind k = parse_cell(f, decimal_comma, v);
    if (k != CellKind::Text && k != CellKind::Empty) return false;
    any |= k == CellKind::Text;
  }
  return any;
}

bool any_unit(const std::vector<std::string_view>& fields) {
  for (std::string_view f : fields) {
    const std::string unit = split_name_and_unit(f).name;
    if (millivolts_per_unit(unit) || time_unit_of(unit) != TimeUnit::Unknown) return true;
  }
  return false;
}

// pandas writes a DataFrame without column names with the column numbers as titles: ",0,1,2"
// over an index column, "0,1,2" without one (index=False), ",0" for a Series. Without the empty
// index title, "0,1" could as well be the first row of a sample index and a lead, so it is a
// header only when the next row does not go on counting from 1.
bool is_numbered_header(const std::vector<std::string_view>& fields,
                        const std::vector<std::string_view>& next_row, bool decimal_comma) {
  const bool indexed = !fields.empty() && fields[0].empty();
  const std::size_t first = indexed ? 1 : 0;
  if (fields.size() < first + (indexed ? 1 : 2)) return false;
  for (std::size_t i = first; i < fields.size(); ++i)
    if (fields[i] != std::to_string(i - first)) return false;
  double next = 0;
  if (!indexed && !next_row.empty() &&
      parse_cell(next_row[0], decimal_comma, next) == CellKind::Number && next == 1)
    return false;
  return true;
}

// A first row that rises strictly over more than kMaxLeadsAcross cells, over a row that does not
// (an export that stacks its channels with offsets rises across every row): the columns' times,
// or their numbers when it counts by 1 (sample numbers, not times: no rate), as the header of a
// table of one snippet per row. An empty first cell is pandas' title for its index column.
// Returns the value per column (NaN for that cell), or nothing when the row is not such a header.
std::optional<std::vector<double>> rising_header(const std::vector<std::string_view>& fields,
                                                 const std::vector<std::string_view>& next_row,
                                                 bool decimal_comma, bool& counts) {
  const std::size_t first = !fields.empty() && fields[0].empty() ? 1 : 0;
  if (fields.size() < first + kMaxLeadsAcross + 1 || next_row.size() != fields.size())
    return std::nullopt;
  auto rises = [&](const std::vector<std::string_view>& cells, std::vector<double>& values) {
    values.assign(cells.size(), NAN);
    for (std::size_t i = first; i < cells.size(); ++i)
      if (parse_cell(cells[i], decimal_comma, values[i]) != CellKind::Number ||
          (i > first && !(values[i] > values[i - 1])))
        return false;
    return true;
  };
  std::vector<double> values, below;
  if (!rises(fields, values) || rises(next_row, below)) return std::nullopt;
  counts = true;
  for (std::size_t i = first; i < values.size(); ++i)
    counts &= values[i] == std::floor(values[i]) && (i == first || values[i] - values[i - 1] == 1);
  return values;
}

// Header "ii,v1,v5" over rows such as "1,2" (a cell short): no delimiter splits every line
// alike, and the file would read as one lead named "ii,v1,v5" of decimal-comma numbers. Returns
// how many names the header has between commas when that is the case (the commas are the
// delimiter and the rows are off), else 0.
std::size_t comma_names_over_other_rows(const CsvDialect& dialect, std::size_t columns,
                                        const CsvLine& header, const CsvLine& row) {
  if (columns != 1 || dialect.delimiter == ',') return 0;
  const std::vector<std::string_view> names = fields_of(header.text, ',');
  if (names.size() < 2 || !all_text(names, /*decimal_comma=*/false)) return 0;
  return fields_of(row.text, ',').size() == names.size() ? 0 : names.size();
}

// What a header row or a preamble line is measured against: the data rows in the head.
struct RowsBelow {
  char delimiter = ',';
  std::size_t width = 0;            // cells of the first row; 0 when no row follows
  bool first_column_rises = false;  // over those rows: a time or a sample index
};

RowsBelow rows_below(const std::vector<CsvLine>& head, std::size_t data) {
  RowsBelow rows;
  if (data >= head.size()) return rows;
  std::vector<std::string_view> sample;
  for (std::size_t i = data; i < head.size(); ++i) sample.push_back(head[i].text);
  const CsvDialect dialect = sniff_dialect(sample);
  rows.delimiter = dialect.delimiter;
  rows.width = row_cells(head[data].text, dialect.delimiter).size();
  std::optional<double> previous;
  rows.first_column_rises = head.size() - data >= 2;
  for (std::size_t i = data; i < head.size() && rows.first_column_rises; ++i) {
    const std::vector<std::string_view> cells = fields_of(head[i].text, dialect.delimiter);
    std::optional<double> t = cells.empty() ? std::nullopt : parse_time_stamp(cells[0]);
    double v;
    if (!t && !cells.empty() && parse_cell(cells[0], dialect.decimal_comma, v) == CellKind::Number)
      t = v;
    rows.first_column_rises = t && (!previous || *t > *previous);
    previous = t;
  }
  return rows;
}

// Whether a "key, value" line right above the numbers (or above a units row) is a line of the
// preamble rather than the header. It is when its key ends in '=' or ':' or its values read as
// what the key asks for (a rate, an interval, units), or when it cannot be a header, not being as
// wide as the rows. Lead names can be any text: a line of them as wide as the rows names the
// columns after the first when that one rises (a time or a sample index, which no one titles
// "Lead" or "Channel"); over a first column that does not, it titles that column.
bool is_preamble_line(std::string_view line, const RowsBelow& rows) {
  const KeyedLine keyed = classify_keyed_line(line);
  if (keyed == KeyedLine::NotKeyed) return false;
  if (keyed == KeyedLine::Marked || keyed == KeyedLine::StatesValue || rows.width == 0 ||
      fields_of(line, rows.delimiter).size() != rows.width)
    return true;
  return keyed == KeyedLine::NamesLeads && rows.first_column_rises;
}

// AcqKnowledge's "Save as text" writes, under its column titles, each channel's number of samples
// ("10000<tab>10000", none for a time column). It reads as a row of samples but is none: the row
// at `data` is that one when the file states its rate as AcqKnowledge does ("0.5 msec/sample")
// above the titles, and its cells are whole numbers, no more of them than titles. Returns the
// largest count, or 0 when the row is not such a one.
std::size_t acqknowledge_sample_counts(const std::vector<CsvLine>& head, std::size_t data) {
  if (data < 2 || data + 1 >= head.size()) return 0;
  bool per_sample_rate = false;
  for (std::size_t i = 0; i + 1 < data; ++i)
    per_sample_rate |= rate_of_per_sample_line(head[i].text) > 0;
  if (!per_sample_rate) return 0;
  const char delimiter = rows_below(head, data + 1).delimiter;
  const std::vector<std::string_view> counts = fields_of(head[data].text, delimiter);
  if (counts.empty() || counts.size() > fields_of(head[data - 1].text, delimiter).size()) return 0;
  std::size_t largest = 0;
  for (std::string_view c : counts) {
    if (c.empty() || c.size() > 12 || c.find_first_not_of("0123456789") != std::string_view::npos)
      return 0;
    largest = std::max<std::size_t>(largest, std::stoull(std::string(c)));
  }
  return largest;
}

}  // namespace

CsvLayout find_layout(const std::vector<CsvLine>& head, std::size_t first_data_like,
                      const std::string& where, std::vector<std::string>& warnings) {
  CsvLayout layout;
  // No line reads as data: the first line is the header and the others are rows, whose cells
  // are then reported as not numbers, line by line.
  std::size_t data = first_data_like < head.size() ? first_data_like : 1;
  // Rows that start with a number but hold text ("1,x7") are rows all the same, whose bad cell
  // is reported with its line; the header is above them.
  while (data > 0 && starts_with_value(head[data - 1].text)) --data;
  // The text lines above the numbers: the last is the header unless it is a "key, value" line;
  // the ones before it are a preamble.
  std::size_t above = data;
  if (const std::size_t counts = acqknowledge_sample_counts(head, data)) {
    layout.stated_samples = counts;
    layout.sample_counts_line = head[data].number;
    ++data;
  }
  while (above > 0 && is_spacer(head[above - 1].text)) --above;
  std::optional<std::size_t> header, units_row;
  const RowsBelow rows = rows_below(head, data);
  if (above > 0 && !is_preamble_line(head[above - 1].text, rows)) header = above - 1;

  auto sniff_below = [&](std::optional<std::size_t> title_line) {
    std::vector<std::string_view> sample;
    if (title_line) sample.push_back(head[*title_line].text);
    for (std::size_t i = data; i < head.size(); ++i) sample.push_back(head[i].text);
    return sniff_dialect(sample);
  };
  layout.dialect = sniff_below(header);
  // A header is as wide as the rows. One that is not, below other text lines, is the last line
  // of a preamble ("Name,Jane Doe" over one value per line); as the first line it is an error.
  const bool text_above =
      header && std::any_of(head.begin(), head.begin() + std::ptrdiff_t(*header),
                            [](const CsvLine& l) { return !is_spacer(l.text); });
  if (text_above && data < head.size()) {
    const std::size_t width = fields_of(head[*header].text, layout.dialect.delimiter).size();
    if (width != row_cells(head[data].text, layout.dialect.delimiter).size() ||
        comma_names_over_other_rows(layout.dialect, width, head[*header], head[data]) > 0) {
      header.reset();
      layout.dialect = sniff_below(header);
    }
  }
  const char delimiter = layout.dialect.delimiter;
  const bool decimal_comma = layout.dialect.decimal_comma;

  // A row of units ("s,mV,uV") under the header: all text, as wide, at least one a unit.
  if (header && *header > 0 && !is_spacer(head[*header - 1].text) &&
      !is_preamble_line(head[*header - 1].text, rows)) {
    const auto units = fields_of(head[*header].text, delimiter);
    const auto titles = fields_of(head[*header - 1].text, delimiter);
    if (units.size() == titles.size() && all_text(units, decimal_comma) && any_unit(units))
      units_row = header, header = *header - 1;
  }
  const std::size_t preamble_end = header ? *header : above;
  for (std::size_t i = 0; i < preamble_end; ++i)
    if (!is_spacer(head[i].text))
      read_metadata_line(head[i].text, head[i].number, where, layout.metadata, warnings);

  layout.first_data = data;
  if (header) {
    const auto titles = fields_of(head[*header].text, delimiter);
    layout.has_header = true;
    layout.header_line = head[*header].number;
    layout.columns = titles.size();
    for (std::string_view f : titles) {
      NameAndUnit nu = split_name_and_unit(f, /*lower=*/false);
      layout.titles.push_back(text::to_utf8(nu.name));
      layout.units.push_back(text::to_utf8(nu.unit));
    }
    if (units_row) {
      const auto units = fields_of(head[*units_row].text, delimiter);
      for (std::size_t c = 0; c < layout.columns; ++c)
        if (layout.units[c].empty())
          layout.units[c] = text::to_utf8(split_name_and_unit(units[c]).name);
    }
    if (data < head.size()) {
      const CsvLine& row = head[data];
      if (const std::size_t names =
              comma_names_over_other_rows(layout.dialect, layout.columns, head[*header], row))
        throw Error(where + ": line " + std::to_string(layout.header_line) + " names " +
                    std::to_string(names) + " columns between commas, but line " +
                    std::to_string(row.number) + " has " +
                    std::to_string(fields_of(row.text, ',').size()) + " cells");
    }
  } else if (data < head.size()) {
    const auto row = row_cells(head[data].text, delimiter);
    layout.columns = row.size();
    const auto next = data + 1 < head.size() ? row_cells(head[data + 1].text, delimiter)
                                             : std::vector<std::string_view>{};
    bool counts = false;
    const std::optional<std::vector<double>> rising =
        rising_header(row, next, decimal_comma, counts);
    if (is_numbered_header(row, next, decimal_comma) || rising) {
      layout.has_header = true;
      layout.numbered_header = true;
      layout.header_line = head[data].number;
      for (std::string_view f : row)
        layout.titles.push_back(f.empty() ? "" : "lead" + std::string(f));
      if (rising && !counts) layout.column_times = *rising;
      layout.first_data = data + 1;
    }
  }
  if (layout.columns == 0)
    throw Error(where + ": no data rows: no line of numbers follows the lines at the top");
  layout.titles.resize(layout.columns);
  layout.units.resize(layout.columns);

  const Limits& lim = limits();
  if (layout.columns > lim.max_leads + 1)
    throw Error(where + ": line " +
                std::to_string(layout.has_header ? layout.header_line : head[data].number) +
                " has " + std::to_string(layout.columns) + " columns; at most " +
                std::to_string(lim.max_leads + 1) + " are read");
  return layout;
}

}  // namespace qrs::formats
