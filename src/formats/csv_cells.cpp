#include "formats/csv_cells.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "formats/csv_thousands.h"
#include "formats/time_stamp.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"

namespace qrs::formats {
namespace {

// Delimiters tried, in order of preference on a tie; ' ' is runs of spaces and tabs.
constexpr char kDelimiters[] = {'\t', ';', ',', '|', ' '};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view strip_quotes(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return trim(s.substr(1, s.size() - 2));
  return s;
}

bool equals_ignore_case(std::string_view a, const char* b) {
  const std::size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

namespace {

// "II_uV", "II/uV", "II uV", "II in uV", "II, uV" -> the position where the unit word starts and
// the length of the name before it; false when the title does not end in a unit word.
bool unit_word_at_end(std::string_view t, std::size_t& name_length, std::size_t& unit_start) {
  const std::size_t sep = t.find_last_of("_/ ,");
  if (sep == std::string_view::npos || sep == 0 || !is_unit_word(t.substr(sep + 1))) return false;
  std::string_view name = t.substr(0, sep);
  while (!name.empty() && std::strchr(" ,/_", name.back())) name.remove_suffix(1);
  if (name.size() > 3 && equals_ignore_case(name.substr(name.size() - 3), " in"))
    name.remove_suffix(3);
  name = trim(name);
  if (name.empty()) return false;
  name_length = name.size();
  unit_start = sep + 1;
  return true;
}

}  // namespace

NameAndUnit split_name_and_unit(std::string_view title, bool lower) {
  std::string_view t = strip_quotes(trim(title));
  NameAndUnit out;
  std::size_t name_length = 0, unit_start = 0;
  if (!t.empty() && (t.back() == ')' || t.back() == ']')) {
    // "ii (uV)" / "ii [uV]": the unit is the bracketed tail.
    const char open = t.back() == ')' ? '(' : '[';
    const std::size_t at = t.rfind(open);
    if (at != std::string_view::npos && at > 0) {
      out.unit = to_lower_ascii(trim(t.substr(at + 1, t.size() - at - 2)));
      t = trim(t.substr(0, at));
    }
  } else if (unit_word_at_end(t, name_length, unit_start)) {
    out.unit = to_lower_ascii(t.substr(unit_start));
    t = t.substr(0, name_length);
  }
  out.name = lower ? to_lower_ascii(t) : std::string(t);
  return out;
}

std::string quoted_cell(std::string_view cell) {
  std::string shown = text::to_utf8(cell);
  if (shown.size() > 40) {
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown = shown.substr(0, cut) + "...";
  }
  return "'" + shown + "'";
}

void split_fields(std::string_view line, char delimiter, std::vector<std::string_view>& fields) {
  fields.clear();
  const bool whitespace = delimiter == ' ';
  std::size_t i = 0;
  const std::size_t n = line.size();
  if (whitespace)
    while (i < n && is_space(line[i])) ++i;
  if (whitespace && i == n) return;
  while (true) {
    const std::size_t start = i;
    char quote = 0;
    while (i < n && is_space(line[i])) ++i;
    if (i < n && (line[i] == '"' || line[i] == '\'')) quote = line[i++];
    for (; i < n; ++i) {
      const char c = line[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (whitespace ? is_space(c) : c == delimiter) {
        break;
      }
    }
    fields.push_back(strip_quotes(trim(line.substr(start, i - start))));
    if (i >= n) break;
    ++i;  // past the delimiter
    if (whitespace) {
      while (i < n && is_space(line[i])) ++i;
      if (i == n) break;
    }
  }
}

void drop_trailing_empty(std::vector<std::string_view>& fields) {
  if (fields.size() < 2 || !fields.back().empty()) return;
  for (std::size_t i = 0; i + 1 < fields.size(); ++i)
    if (!fields[i].empty()) return fields.pop_back();
}

namespace {

// parse_cell without thousands separators.
CellKind parse_plain(std::string_view cell, bool decimal_comma, double& value) {
  if (equals_ignore_case(cell, "nan") || equals_ignore_case(cell, "na") ||
      equals_ignore_case(cell, "-nan")) {
    value = NAN;
    return CellKind::NotANumber;
  }
  // strtod wants a terminated string; numbers longer than this are not numbers we read.
  char buf[64];
  if (cell.size() >= sizeof buf) return CellKind::Text;
  std::size_t len = 0;
  for (char c : cell) {
    // Only plain decimal notation: strtod would also take hex floats and "infinity".
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
                         c == 'e' || c == 'E' || (decimal_comma && c == ',');
    if (!allowed) {
      if (equals_ignore_case(cell, "inf") || equals_ignore_case(cell, "-inf") ||
          equals_ignore_case(cell, "+inf") || equals_ignore_case(cell, "infinity") ||
          equals_ignore_case(cell, "-infinity"))
        return CellKind::Infinite;
      return CellKind::Text;
    }
    buf[len++] = c == ',' ? '.' : c;
  }
  buf[len] = '\0';
  char* end = nullptr;
  const double v = std::strtod(buf, &end);
  if (end != buf + len || len == 0) return CellKind::Text;
  // Beyond float32 range a sample cannot be stored; report it like an infinity.
  if (!std::isfinite(v) || std::fabs(v) > 3.4028234663852886e38) return CellKind::Infinite;
  value = v;
  return CellKind::Number;
}

}  // namespace

CellKind parse_cell(std::string_view cell, bool decimal_comma, double& value) {
  if (cell.empty()) return CellKind::Empty;
  const CellKind plain = parse_plain(cell, decimal_comma, value);
  if (plain != CellKind::Text) return plain;
  switch (read_grouped(cell, decimal_comma, value)) {
    case Grouping::Read:
      return CellKind::Number;
    case Grouping::Ambiguous:
      return CellKind::Thousands;
    case Grouping::None:
      break;
  }
  return CellKind::Text;
}

bool is_value(std::string_view cell, bool decimal_comma) {
  double v;
  return parse_cell(cell, decimal_comma, v) != CellKind::Text || parse_time_stamp(cell);
}

bool is_data_row(std::string_view line) {
  std::vector<std::string_view> fields;
  for (char delimiter : kDelimiters) {
    split_fields(line, delimiter, fields);
    drop_trailing_empty(fields);
    bool values = true, any = false;
    for (std::string_view f : fields) {
      values &= is_value(f, delimiter != ',');
      any |= !f.empty();
    }
    if (values && any) return true;
  }
  return false;
}

bool starts_with_value(std::string_view line) {
  std::vector<std::string_view> fields;
  for (char delimiter : kDelimiters) {
    split_fields(line, delimiter, fields);
    if (!fields.empty() && !fields[0].empty() && is_value(fields[0], delimiter != ',')) return true;
  }
  return false;
}

CsvDialect sniff_dialect(const std::vector<std::string_view>& lines) {
  CsvDialect best;
  long best_score = -1;
  std::size_t best_columns = 0;
  std::vector<std::string_view> fields;
  auto count_fields = [&](std::string_view line, char delimiter) {
    split_fields(line, delimiter, fields);
    drop_trailing_empty(fields);
    return fields.size();
  };
  for (char delimiter : kDelimiters) {
    const bool decimal_comma = delimiter != ',';
    // Data lines (all but a possible header first line) with the most common column count whose
    // cells all read as numbers; a header of that width adds one.
    const std::size_t first_data = lines.size() > 1 ? 1 : 0;
    std::vector<std::size_t> counts;
    for (std::size_t li = first_data; li < lines.size(); ++li)
      counts.push_back(count_fields(lines[li], delimiter));
    std::size_t columns = 0, best_count = 0;
    for (std::size_t c : counts) {
      const std::size_t n = std::size_t(std::count(counts.begin(), counts.end(), c));
      if (n > best_count) best_count = n, columns = c;  // ties: the earliest line wins
    }
    long score = 0;
    for (std::size_t li = first_data; li < lines.size(); ++li) {
      if (count_fields(lines[li], delimiter) != columns) continue;
      bool numeric = true;
      for (std::string_view f : fields)
        if (!is_value(f, decimal_comma)) numeric = false;
      score += numeric;
    }
    if (first_data == 1 && count_fields(lines[0], delimiter) == columns) ++score;
    if (score > best_score || (score == best_score && columns > best_columns)) {
      best_score = score;
      best_columns = columns;
      best.delimiter = delimiter;
      best.decimal_comma = false;
      if (decimal_comma)
        for (std::string_view l : lines)
          if (l.find(',') != std::string_view::npos) best.decimal_comma = true;
    }
  }
  return best;
}

}  // namespace qrs::formats
