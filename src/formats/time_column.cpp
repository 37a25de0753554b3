#include "formats/time_column.h"

#include <cmath>
#include <cstdio>

#include "formats/csv_cells.h"
#include "formats/readers.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

// Spacing (per sample) at or below which an unlabelled time column is read as seconds: 0.02 s is
// 50 Hz, slower than any ECG; a larger step is read as milliseconds (2 ms = 500 Hz).
constexpr double kSecondsMaxStep = 0.02;
// Off-grid tolerance in sample periods: above kWarnJitter a warning, above kMaxJitter an error.
constexpr double kWarnJitter = 0.1;
constexpr double kMaxJitter = 0.5;

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

TimeUnit unit_from_word(std::string_view word) {
  if (word == "s" || word == "sec" || word == "secs" || word == "second" || word == "seconds")
    return TimeUnit::Seconds;
  if (word == "ms" || word == "msec" || word == "msecs" || word == "millisecond" ||
      word == "milliseconds" || word == "millis")
    return TimeUnit::Milliseconds;
  return TimeUnit::Unknown;
}

}  // namespace

bool is_time_column_name(std::string_view raw_name, TimeUnit& unit) {
  const NameAndUnit parts = split_name_and_unit(raw_name);
  const std::string& base = parts.name;
  unit = unit_from_word(parts.unit);
  if (!parts.unit.empty() && unit == TimeUnit::Unknown) return false;  // "time (hh:mm)"
  const TimeUnit from_base = unit_from_word(base);
  if (from_base != TimeUnit::Unknown) {  // "ms", "seconds"
    if (unit == TimeUnit::Unknown) unit = from_base;
    return true;
  }
  for (const char* prefix : {"time", "elapsed time", "elapsed_time", "timestamp", "t"}) {
    const std::string p = prefix;
    if (base == p) return true;
    // "time_ms", "time_s", "t_sec": a unit word after the prefix.
    if (base.size() > p.size() + 1 && base.compare(0, p.size(), p) == 0 &&
        (base[p.size()] == '_' || base[p.size()] == ' ')) {
      const TimeUnit suffix = unit_from_word(std::string_view(base).substr(p.size() + 1));
      if (suffix != TimeUnit::Unknown) {
        if (unit == TimeUnit::Unknown) unit = suffix;
        return true;
      }
    }
  }
  return false;
}

void check_fs(double fs, const std::string& where) {
  const Limits& lim = limits();
  if (!std::isfinite(fs) || fs <= 0)
    throw Error(where + ": sampling rate " + format_number(fs) + " Hz is not positive");
  if (fs < lim.min_fs || fs > lim.max_fs)
    throw Error(where + ": sampling rate " + format_number(fs) + " Hz is outside " +
                format_number(lim.min_fs) + "-" + format_number(lim.max_fs) + " Hz");
}

double fs_from_times(const std::vector<double>& times, TimeUnit unit, const std::string& where,
                     const std::function<std::string(std::size_t)>& row_label,
                     std::vector<std::string>& warnings) {
  const std::size_t n = times.size();
  if (n < 2) throw Error(where + " has fewer than 2 samples; cannot derive the sampling rate");
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(times[i]))
      throw Error(where + ": " + row_label(i) + ": time is not a finite number");
    if (i > 0 && !(times[i] > times[i - 1]))
      throw Error(where + ": " + row_label(i) + ": time " + format_number(times[i]) +
                  " does not increase (previous " + format_number(times[i - 1]) + ")");
  }
  const double step = (times[n - 1] - times[0]) / double(n - 1);
  if (unit == TimeUnit::Unknown) {
    unit = step <= kSecondsMaxStep ? TimeUnit::Seconds : TimeUnit::Milliseconds;
    warnings.push_back(where + ": unit not named; read as " +
                       (unit == TimeUnit::Seconds ? std::string("seconds") : "milliseconds") +
                       " from the spacing " + format_number(step) +
                       " (name the column e.g. 'time (s)' or 'time (ms)' to say)");
  }
  const double seconds_per_unit = unit == TimeUnit::Seconds ? 1.0 : 1e-3;
  double fs = 1.0 / (step * seconds_per_unit);
  // Times printed with few decimals make the estimate wobble slightly around a whole number.
  if (std::fabs(fs - std::round(fs)) <= 1e-3 * fs) fs = std::round(fs);
  check_fs(fs, where + " (derived from the time column)");

  double worst = 0;
  std::size_t worst_row = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double off = std::fabs(times[i] - (times[0] + double(i) * step)) / step;
    if (off > worst) worst = off, worst_row = i;
  }
  if (worst > kMaxJitter)
    throw Error(where + ": unevenly spaced: " + row_label(worst_row) + " is " +
                format_number(worst) + " sample periods off a uniform " + format_number(fs) +
                " Hz grid (gap or jitter); resample the data to a fixed rate first");
  if (worst > kWarnJitter)
    warnings.push_back(where + ": spacing jitters by up to " + format_number(worst) +
                       " sample periods (" + row_label(worst_row) + "); read as uniform " +
                       format_number(fs) + " Hz");
  return fs;
}

}  // namespace qrs::formats
