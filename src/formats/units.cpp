#include "formats/units.h"

#include <cstdio>

namespace qrs::formats {
namespace {

bool one_of(const std::string& key, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (key == w) return true;
  return false;
}

}  // namespace

std::string unit_key(std::string_view unit) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\0'; };
  while (!unit.empty() && blank(unit.front())) unit.remove_prefix(1);
  while (!unit.empty() && blank(unit.back())) unit.remove_suffix(1);
  std::string key;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    const auto c = static_cast<unsigned char>(unit[i]);
    const auto next = i + 1 < unit.size() ? static_cast<unsigned char>(unit[i + 1]) : 0;
    if ((c == 0xC2 && next == 0xB5) || (c == 0xCE && next == 0xBC)) {  // UTF-8 µ, Greek μ
      key.push_back('u');
      ++i;
    } else if (c == 0xB5) {  // Latin-1 / Windows-1252 µ
      key.push_back('u');
    } else {
      key.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : char(c));
    }
  }
  return key;
}

std::optional<double> millivolts_per_unit(std::string_view unit) {
  const std::string key = unit_key(unit);
  // "microV" is how some EDF writers (LabChart exports among them) spell µV.
  if (one_of(key, {"mv", "millivolt", "millivolts", "mvolt", "mvolts"})) return 1.0;
  if (one_of(key, {"uv", "microv", "microvolt", "microvolts", "uvolt", "uvolts"})) return 1e-3;
  if (one_of(key, {"v", "volt", "volts"})) return 1e3;
  if (one_of(key, {"nv", "nanovolt", "nanovolts"})) return 1e-6;
  return std::nullopt;
}

TimeUnit time_unit_of(std::string_view unit) {
  const std::string key = unit_key(unit);
  if (one_of(key, {"s", "sec", "secs", "second", "seconds"})) return TimeUnit::Seconds;
  if (one_of(key, {"ms", "msec", "msecs", "millisecond", "milliseconds", "millis"}))
    return TimeUnit::Milliseconds;
  if (one_of(key, {"us", "usec", "usecs", "microsecond", "microseconds", "micros"}))
    return TimeUnit::Microseconds;
  if (one_of(key, {"ns", "nsec", "nsecs", "nanosecond", "nanoseconds", "nanos"}))
    return TimeUnit::Nanoseconds;
  if (one_of(key, {"min", "mins", "minute", "minutes"})) return TimeUnit::Minutes;
  if (one_of(key, {"h", "hour", "hours"})) return TimeUnit::Hours;
  return TimeUnit::Unknown;
}

double seconds_per(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Milliseconds:
      return 1e-3;
    case TimeUnit::Microseconds:
      return 1e-6;
    case TimeUnit::Nanoseconds:
      return 1e-9;
    case TimeUnit::Minutes:
      return 60;
    case TimeUnit::Hours:
      return 3600;
    default:
      return 1.0;
  }
}

std::string name_of(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::Seconds:
      return "seconds";
    case TimeUnit::Milliseconds:
      return "milliseconds";
    case TimeUnit::Microseconds:
      return "microseconds";
    case TimeUnit::Nanoseconds:
      return "nanoseconds";
    case TimeUnit::Minutes:
      return "minutes";
    case TimeUnit::Hours:
      return "hours";
    default:
      return "an unknown unit";
  }
}

bool is_unit_word(std::string_view word) {
  const std::string key = unit_key(word);
  if (key == "v" || key == "s") return false;
  const TimeUnit time = time_unit_of(key);
  if (time == TimeUnit::Minutes || time == TimeUnit::Hours) return false;
  return millivolts_per_unit(key).has_value() || time != TimeUnit::Unknown;
}

void warn_if_not_millivolts(const std::string& where, double max_abs,
                            std::vector<std::string>& warnings) {
  if (!(max_abs > 100)) return;
  warnings.push_back(where + ": values reach " + format_number(max_abs) +
                     "; read as mV (the QRS marks are found at any scale; convert µV or ADC " +
                     "counts to mV for the plotted values)");
}

std::string format_number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace qrs::formats
