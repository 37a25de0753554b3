#include "formats/time_stamp.h"

#include <cmath>

namespace qrs::formats {
namespace {

// Reads the stamp left to right; any step that does not find what it expects fails the parse.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  bool peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool take(char c) {
    if (!peek(c)) return false;
    ++i_;
    return true;
  }
  bool take_word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  void skip_spaces() {
    while (peek(' ')) ++i_;
  }
  // Exactly `min`..`max` digits as a number.
  bool digits(std::size_t min, std::size_t max, long long& out) {
    std::size_t n = 0;
    out = 0;
    while (n < max && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')
      out = out * 10 + (s_[i_++] - '0'), ++n;
    return n >= min;
  }
  // ".002000" -> 0.002; none -> 0.
  double fraction() {
    if (!take('.')) return 0;
    double scale = 0.1, out = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')
      out += (s_[i_++] - '0') * scale, scale /= 10;
    return out;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// H:MM:SS[.fff] -> seconds.
bool clock(Cursor& c, double& seconds) {
  long long h, m, s;
  if (!c.digits(1, 2, h) || !c.take(':') || !c.digits(2, 2, m) || !c.take(':') ||
      !c.digits(2, 2, s) || m > 59 || s > 60)
    return false;
  seconds = double(h * 3600 + m * 60 + s) + c.fraction();
  return true;
}

// Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil).
long long days_from_civil(long long y, long long m, long long d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "Z", "+01:00", "+0100", "+01" or nothing -> seconds east of UTC.
bool zone(Cursor& c, long long& offset) {
  offset = 0;
  c.skip_spaces();
  if (c.done() || c.take('Z')) return true;
  const bool west = c.peek('-');
  if (!c.take('+') && !c.take('-')) return false;
  long long h, m = 0;
  if (!c.digits(2, 2, h)) return false;
  c.take(':');
  if (!c.done() && !c.digits(2, 2, m)) return false;
  offset = (west ? -1 : 1) * (h * 3600 + m * 60);
  return true;
}

std::optional<double> date_and_time(std::string_view s) {
  Cursor c(s);
  long long y, mo, d, offset;
  double t;
  if (!c.digits(4, 4, y) || !c.take('-') || !c.digits(2, 2, mo) || !c.take('-') ||
      !c.digits(2, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31)
    return std::nullopt;
  if (!c.take('T') && !c.take(' ')) return std::nullopt;
  if (!clock(c, t) || !zone(c, offset) || !c.done()) return std::nullopt;
  return double(days_from_civil(y, mo, d) * 86400 - offset) + t;
}

std::optional<double> duration(std::string_view s) {
  Cursor c(s);
  const bool negative = c.take('-');
  long long days;
  double t;
  if (!c.digits(1, 9, days) || !c.take(' ') || !(c.take_word("days") || c.take_word("day")) ||
      !c.take(' '))
    return std::nullopt;
  c.take('+');
  if (!clock(c, t) || !c.done()) return std::nullopt;
  return double((negative ? -days : days) * 86400) + t;
}

std::optional<double> clock_time(std::string_view s) {
  Cursor c(s);
  double t;
  if (!clock(c, t) || !c.done()) return std::nullopt;
  return t;
}

std::string_view trimmed(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  return cell;
}

// `is_clock` tells a clock time (no date, no day count) from the other forms.
std::optional<double> parse_stamp(std::string_view cell, bool& is_clock) {
  cell = trimmed(cell);
  is_clock = false;
  if (cell.size() < 7 || cell.size() > 48) return std::nullopt;  // "0:00:00" .. with a zone
  if (auto t = date_and_time(cell)) return t;
  if (auto t = duration(cell)) return t;
  const std::optional<double> t = clock_time(cell);
  is_clock = t.has_value();
  return t;
}

constexpr double kDay = 86400;

}  // namespace

std::optional<double> parse_time_stamp(std::string_view cell) {
  bool is_clock;
  return parse_stamp(cell, is_clock);
}

std::optional<double> TimeStampColumn::read(std::string_view cell, std::string& went_back) {
  bool is_clock;
  const std::optional<double> seconds = parse_stamp(cell, is_clock);
  if (!seconds) return std::nullopt;
  const bool first = previous_.empty();
  if (!first && is_clock && previous_clock_ && previous_seconds_ - *seconds > kDay / 2)
    days_passed_ += 1;
  else if (!first && !(*seconds > previous_seconds_))
    went_back = "'" + std::string(trimmed(cell)) + "' is not after '" + previous_ +
                "' on the row above" +
                (is_clock && previous_clock_
                     ? " (a clock time goes back only past midnight, as from 23:59:59.996 to "
                       "00:00:00.000)"
                     : "");
  previous_.assign(trimmed(cell));
  previous_seconds_ = *seconds;
  previous_clock_ = is_clock;
  return *seconds + (is_clock ? days_passed_ * kDay : 0);
}

std::string time_stamp_forms() {
  return "numbers (s, ms, µs or ns), a date and time such as 2024-03-01 10:00:00.000 (or with "
         "T, and a zone such as +01:00 or Z), a duration such as 0 days 00:00:00.002 or a clock "
         "time such as 10:00:00.002";
}

}  // namespace qrs::formats
