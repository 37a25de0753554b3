// CSV / TSV / whitespace-separated text -> one Record. The layout is sniffed (csv_cells.h): the
// delimiter, an optional header row (lead names, units in brackets), an optional units row, '#'
// comments (one may carry "fs=500"), and an optional time or sample-index column. docs/formats.md
// lists the rules; every rejection names the line and column.
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "formats/csv_cells.h"
#include "formats/detect.h"
#include "formats/readers.h"
#include "formats/time_column.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

constexpr std::size_t kMaxLineBytes = 1 << 16;
constexpr std::size_t kSniffLines = 20;

struct Line {
  std::size_t number;  // 1-based
  std::string_view text;
};

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

std::string quoted(std::string_view s) {
  std::string shown(s.substr(0, 40));
  if (s.size() > 40) shown += "...";
  return "'" + shown + "'";
}

// "# fs=500", "# sampling rate: 250 Hz" -> the rate; -1 when the comment states none.
double fs_from_comment(std::string_view comment) {
  const std::string text = to_lower_ascii(comment);
  for (const char* key : {"sampling_frequency", "sampling frequency", "sampling rate",
                          "sampling_rate", "sample rate", "samplerate", "fs"}) {
    const std::size_t at = text.find(key);
    if (at == std::string::npos) continue;
    if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    std::size_t i = at + std::strlen(key);
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || (text[i] != '=' && text[i] != ':')) continue;
    ++i;
    const char* begin = text.c_str() + i;
    char* end = nullptr;
    const double fs = std::strtod(begin, &end);
    if (end != begin) return fs;
  }
  return -1;
}

bool is_index_column_name(const std::string& name) {
  return name.empty() || name == "sample" || name == "samples" || name == "index" ||
         name == "idx" || name == "n" || name == "#" || name == "sample #" ||
         name == "unnamed: 0";
}

// Walks the text line by line (LF, CRLF or CR) without storing the lines, skipping blank lines
// and '#' comments; a comment that states the rate sets `comment_fs` (first one wins).
class ContentLines {
 public:
  explicit ContentLines(const NamedBuffer& file) : file_(file) {
    text_ = std::string_view(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
    if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) text_.remove_prefix(3);
    if (text_.find('\0') != std::string_view::npos)
      throw Error(file.name + ": contains NUL bytes; not a text table");
  }
  bool next(Line& out) {
    while (!text_.empty()) {
      std::size_t end = text_.find_first_of("\r\n");
      const std::string_view line = text_.substr(0, end);
      ++number_;
      if (line.size() > kMaxLineBytes)
        throw Error(file_.name + ": line " + std::to_string(number_) + " is longer than " +
                    std::to_string(kMaxLineBytes) + " bytes; not a table of samples");
      if (end == std::string_view::npos) {
        text_ = {};
      } else {
        if (text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n') ++end;
        text_.remove_prefix(end + 1);
      }
      const std::string_view t = trim(line);
      if (t.empty()) continue;
      if (t.front() == '#') {
        if (comment_fs < 0) comment_fs = fs_from_comment(t.substr(1));
        continue;
      }
      out = {number_, line};
      return true;
    }
    return false;
  }
  double comment_fs = -1;

 private:
  const NamedBuffer& file_;
  std::string_view text_;
  std::size_t number_ = 0;
};

bool all_text(const std::vector<std::string_view>& fields, bool decimal_comma) {
  bool any = false;
  for (std::string_view f : fields) {
    double v;
    const CellKind k = parse_cell(f, decimal_comma, v);
    if (k == CellKind::Number || k == CellKind::Infinite || k == CellKind::NotANumber)
      return false;
    any |= k == CellKind::Text;
  }
  return any;
}

bool any_text(const std::vector<std::string_view>& fields, bool decimal_comma) {
  for (std::string_view f : fields) {
    double v;
    if (parse_cell(f, decimal_comma, v) == CellKind::Text) return true;
  }
  return false;
}

}  // namespace

std::vector<Record> read_csv(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings) {
  const Limits& lim = limits();
  const std::string& where = file.name;
  // The first lines decide the layout (delimiter, header, units row).
  ContentLines reader(file);
  std::vector<Line> head;
  for (Line line; head.size() < kSniffLines && reader.next(line);) head.push_back(line);
  if (head.empty()) throw Error(where + ": no data rows (the file is empty or all comments)");
  std::vector<std::string_view> sample;
  for (const Line& line : head) sample.push_back(line.text);
  const CsvDialect dialect = sniff_dialect(sample);

  std::vector<std::string_view> fields;
  std::size_t next = 0;
  std::vector<std::string> titles;
  std::vector<std::string> units;
  split_fields(head[0].text, dialect.delimiter, fields);
  drop_trailing_empty(fields);  // "ii,v1,"
  const bool has_header = any_text(fields, dialect.decimal_comma);
  std::size_t columns = fields.size();
  if (has_header) {
    for (std::string_view f : fields) {
      NameAndUnit nu = split_name_and_unit(f, /*lower=*/false);
      titles.push_back(nu.name);
      units.push_back(nu.unit);
    }
    next = 1;
    // A second all-text row under the header holds units ("mV", "uV", "s").
    if (head.size() > 1) {
      split_fields(head[1].text, dialect.delimiter, fields);
      if (fields.size() == columns + 1) drop_trailing_empty(fields);
      if (fields.size() == columns && all_text(fields, dialect.decimal_comma)) {
        for (std::size_t c = 0; c < columns; ++c)
          if (units[c].empty()) units[c] = split_name_and_unit(fields[c]).name;
        next = 2;
      }
    }
  }
  // Header "ii,v1,v5" over rows such as "1,2" (a cell short): no delimiter splits every line
  // alike, and the file would read as one lead named "ii,v1,v5" of decimal-comma numbers. A
  // header of several names between commas means the commas are the delimiter: say what is off.
  if (has_header && columns == 1 && dialect.delimiter != ',' && head.size() > next) {
    std::vector<std::string_view> by_comma;
    split_fields(head[0].text, ',', by_comma);
    drop_trailing_empty(by_comma);
    if (by_comma.size() > 1 && all_text(by_comma, /*decimal_comma=*/false)) {
      split_fields(head[next].text, ',', fields);
      throw Error(where + ": line " + std::to_string(head[0].number) + " names " +
                  std::to_string(by_comma.size()) + " columns between commas, but line " +
                  std::to_string(head[next].number) + " has " + std::to_string(fields.size()) +
                  " cells");
    }
  }
  if (columns > lim.max_leads + 1)
    throw Error(where + ": line " + std::to_string(head[0].number) + " has " +
                std::to_string(columns) + " columns; at most " +
                std::to_string(lim.max_leads + 1) + " are read");

  // The column that may hold time (by name, anywhere) or, without a header, the first column.
  std::size_t time_col = 0;
  TimeUnit time_unit = TimeUnit::Unknown;
  enum class First { Lead, Time, Index, Unknown } first = First::Unknown;
  if (has_header) {
    first = First::Lead;
    for (std::size_t c = 0; c < columns; ++c) {
      TimeUnit unit;
      if (is_time_column(titles[c], units[c], unit)) {
        time_col = c, time_unit = unit, first = First::Time;
        break;
      }
    }
    if (first == First::Lead && columns > 1 && is_index_column_name(to_lower_ascii(titles[0])))
      first = First::Index;
  }

  // Parse every data row. The candidate column is kept in double (times need the precision).
  std::vector<double> candidate;
  std::vector<std::vector<float>> values(columns);
  std::vector<std::size_t> empty_cells(columns, 0), first_empty_line(columns, 0);
  RowLines row_lines;
  std::size_t rows = 0;
  // Data rows: the rest of the head, then the remaining lines straight from the reader.
  Line line;
  for (std::size_t li = next;; ++li) {
    if (li < head.size()) {
      line = head[li];
    } else if (!reader.next(line)) {
      break;
    }
    split_fields(line.text, dialect.delimiter, fields);
    if (fields.size() == columns + 1) drop_trailing_empty(fields);  // "1,2,"
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
      double v = NAN;
      const CellKind kind = parse_cell(fields[c], dialect.decimal_comma, v);
      if (kind == CellKind::Text || kind == CellKind::Infinite)
        throw Error(where + ": line " + std::to_string(line.number) + ", column " +
                    std::to_string(c + 1) +
                    (has_header && !titles[c].empty() ? " ('" + titles[c] + "')" : "") + ": " +
                    quoted(fields[c]) +
                    (kind == CellKind::Text ? " is not a number" : " is not a finite number"));
      if (kind == CellKind::Empty || kind == CellKind::NotANumber) {
        v = NAN;
        if (empty_cells[c]++ == 0) first_empty_line[c] = line.number;
      }
      if (c == time_col) candidate.push_back(v);
      values[c].push_back(static_cast<float>(v));
    }
    ++rows;
  }
  if (rows == 0) throw Error(where + ": no data rows under the header");

  // Without a header, a strictly increasing first column (next to other columns) is time or a
  // sample index: ECG voltage does not rise monotonically over a whole recording.
  if (first == First::Unknown) {
    first = First::Lead;
    if (columns > 1 && rows >= 3) {
      bool increasing = true, unit_steps = true;
      for (std::size_t r = 1; r < rows && increasing; ++r) {
        increasing = candidate[r] > candidate[r - 1];
        unit_steps &= candidate[r] - candidate[r - 1] == 1.0 && candidate[r] == std::floor(candidate[r]);
      }
      if (increasing) first = unit_steps ? First::Index : First::Time;
    }
  }

  double fs = 0;
  auto label = [&](std::size_t row) { return "line " + std::to_string(row_lines.line_of(row)); };
  if (first == First::Time) {
    if (empty_cells[time_col] > 0)
      throw Error(where + ": line " + std::to_string(first_empty_line[time_col]) +
                  ": the time column has an empty cell");
    fs = fs_from_times(candidate, time_unit, where + ": time column", label, warnings);
    if (options.fs > 0 && std::fabs(options.fs - fs) > 1e-3 * fs)
      warnings.push_back(where + ": using " + std::to_string(fs) +
                         " Hz from the time column, not the given " + std::to_string(options.fs) +
                         " Hz");
  } else {
    if (first == First::Index)
      warnings.push_back(where + ": column 1 counts samples; read as an index, not a lead");
    if (reader.comment_fs >= 0) {
      fs = reader.comment_fs;
      check_fs(fs, where + ": '# fs=' comment");
    } else if (options.fs > 0) {
      fs = options.fs;
      check_fs(fs, where + ": given rate");
    } else {
      throw Error(where + ": no sampling rate: the file has no time column and no '# fs=' line; "
                          "give the rate (--fs on the command line, e.g. --fs 500)");
    }
  }

  Record record;
  record.name = file_stem(file.name);
  record.source = file.name;
  record.fs = fs;
  const std::size_t skip = first == First::Lead ? columns : (first == First::Time ? time_col : 0);
  double max_abs_mv = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    if (c == skip) continue;
    Lead lead;
    lead.name = has_header && !titles[c].empty() ? titles[c]
                                                 : "lead" + std::to_string(record.leads.size());
    // No unit is mV; a unit that is not a voltage is read as mV with a warning.
    double scale = 1.0;
    if (has_header && !units[c].empty()) {
      const std::optional<double> mv = millivolts_per_unit(units[c]);
      if (!mv)
        warnings.push_back(where + ": column '" + lead.name + "': unit '" +
                           text::to_utf8(units[c]) + "' not understood; read as mV");
      scale = mv.value_or(1.0);
    }
    lead.samples = std::move(values[c]);
    for (float& s : lead.samples) {
      const double mv = s * scale;
      if (std::fabs(mv) > 3.4028234663852886e38)
        throw Error(where + ": column '" + lead.name + "': a value in " + units[c] +
                    " is beyond float32 range in mV");
      s = static_cast<float>(mv);
      if (std::fabs(mv) > max_abs_mv) max_abs_mv = std::fabs(mv);
    }
    if (empty_cells[c] == rows) {
      warnings.push_back(where + ": lead '" + lead.name + "' has no values");
    } else if (empty_cells[c] > 0) {
      warnings.push_back(where + ": lead '" + lead.name + "': " + std::to_string(empty_cells[c]) +
                         " empty or NaN cells read as NaN (first at line " +
                         std::to_string(first_empty_line[c]) + ")");
    }
    record.leads.push_back(std::move(lead));
  }
  if (record.leads.empty())
    throw Error(where + ": no lead columns (only a time or index column)");
  bool any_value = false;
  for (std::size_t c = 0; c < columns; ++c)
    if (c != skip && empty_cells[c] < rows) any_value = true;
  if (!any_value) throw Error(where + ": every cell is empty or NaN; no samples to read");
  warn_if_not_millivolts(where, max_abs_mv, warnings);
  std::vector<Record> out;
  out.push_back(std::move(record));
  return out;
}

}  // namespace qrs::formats
