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

// Millivolts per unit of the column, or 0 when the unit is not one we know.
double millivolts_per(const std::string& unit) {
  if (unit.empty() || unit == "mv" || unit == "millivolt" || unit == "millivolts") return 1.0;
  if (unit == "uv" || unit == "\xc2\xb5v" || unit == "\xce\xbcv" || unit == "microvolt" ||
      unit == "microvolts")
    return 1e-3;
  if (unit == "v" || unit == "volt" || unit == "volts") return 1e3;
  if (unit == "nv") return 1e-6;
  return 0;
}

bool is_index_column_name(const std::string& name) {
  return name.empty() || name == "sample" || name == "samples" || name == "index" ||
         name == "idx" || name == "n" || name == "#" || name == "sample #" ||
         name == "unnamed: 0";
}

std::vector<Line> split_lines(const NamedBuffer& file) {
  std::string_view text(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
  if (text.find('\0') != std::string_view::npos)
    throw Error(file.name + ": contains NUL bytes; not a text table");
  std::vector<Line> lines;
  std::size_t number = 0;
  while (!text.empty()) {
    std::size_t end = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, end);
    ++number;
    if (line.size() > kMaxLineBytes)
      throw Error(file.name + ": line " + std::to_string(number) + " is longer than " +
                  std::to_string(kMaxLineBytes) + " bytes; not a table of samples");
    lines.push_back({number, line});
    if (end == std::string_view::npos) break;
    if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
    text.remove_prefix(end + 1);
  }
  return lines;
}

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
  const std::vector<Line> lines = split_lines(file);

  // Content lines (not blank, not comments); comments may state the sampling rate.
  std::vector<const Line*> content;
  double comment_fs = -1;
  for (const Line& line : lines) {
    std::string_view t = trim(line.text);
    if (t.empty()) continue;
    if (t.front() == '#') {
      if (comment_fs < 0) comment_fs = fs_from_comment(t.substr(1));
      continue;
    }
    content.push_back(&line);
  }
  if (content.empty()) throw Error(where + ": no data rows (the file is empty or all comments)");

  std::vector<std::string_view> sample;
  for (std::size_t i = 0; i < content.size() && i < kSniffLines; ++i)
    sample.push_back(content[i]->text);
  const CsvDialect dialect = sniff_dialect(sample);

  std::vector<std::string_view> fields;
  std::size_t next = 0;
  std::vector<std::string> titles;
  std::vector<std::string> units;
  split_fields(content[0]->text, dialect.delimiter, fields);
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
    if (content.size() > 1) {
      split_fields(content[1]->text, dialect.delimiter, fields);
      if (fields.size() == columns + 1) drop_trailing_empty(fields);
      if (fields.size() == columns && all_text(fields, dialect.decimal_comma)) {
        for (std::size_t c = 0; c < columns; ++c)
          if (units[c].empty()) units[c] = split_name_and_unit(fields[c]).name;
        next = 2;
      }
    }
  }
  if (columns > lim.max_leads + 1)
    throw Error(where + ": line " + std::to_string(content[0]->number) + " has " +
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
      if (is_time_column_name(titles[c] + (units[c].empty() ? "" : " (" + units[c] + ")"),
                              unit)) {
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
  for (std::size_t li = next; li < content.size(); ++li) {
    const Line& line = *content[li];
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
      const std::string at = where + ": line " + std::to_string(line.number) + ", column " +
                             std::to_string(c + 1) +
                             (has_header && !titles[c].empty() ? " ('" + titles[c] + "')" : "");
      if (kind == CellKind::Text)
        throw Error(at + ": " + quoted(fields[c]) + " is not a number");
      if (kind == CellKind::Infinite)
        throw Error(at + ": " + quoted(fields[c]) + " is not a finite number");
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
    if (comment_fs >= 0) {
      fs = comment_fs;
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
  for (std::size_t c = 0; c < columns; ++c) {
    if (c == skip) continue;
    Lead lead;
    lead.name = has_header && !titles[c].empty() ? titles[c]
                                                 : "lead" + std::to_string(record.leads.size());
    double scale = 1.0;
    if (has_header) {
      scale = millivolts_per(units[c]);
      if (scale == 0) {
        warnings.push_back(where + ": column '" + lead.name + "': unit '" + units[c] +
                           "' not understood; read as mV");
        scale = 1.0;
      }
    }
    lead.samples = std::move(values[c]);
    if (scale != 1.0)
      for (float& s : lead.samples) s = static_cast<float>(s * scale);
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
  std::vector<Record> out;
  out.push_back(std::move(record));
  return out;
}

}  // namespace qrs::formats
