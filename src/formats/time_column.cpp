#include "formats/time_column.h"

#include <cmath>

#include "formats/csv_cells.h"
#include "formats/readers.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

// A time column without a named unit is read in the unit that puts the rate in [20, 20000) Hz,
// the rates an ECG plausibly has.
constexpr double kLowestGuessedFs = 20;
// Off-grid tolerance in sample periods: above kWarnJitter a warning, above kMaxJitter an error.
constexpr double kWarnJitter = 0.1;
constexpr double kMaxJitter = 0.5;


}  // namespace

bool is_time_column(std::string_view raw_name, std::string_view raw_unit, TimeUnit& unit) {
  const std::string base = to_lower_ascii(trim(raw_name));
  unit = time_unit_of(raw_unit);
  if (unit != TimeUnit::Unknown) return true;  // "Zeit [s]", "sensor timestamp [ns]"
  if (!trim(raw_unit).empty()) return false;   // "time (hh:mm)", "t (mV)"
  const TimeUnit from_base = time_unit_of(base);
  if (from_base != TimeUnit::Unknown) {  // "ms", "seconds"
    unit = from_base;
    return true;
  }
  for (const char* prefix : {"time", "elapsed time", "elapsed_time", "timestamp", "t"}) {
    const std::string p = prefix;
    if (base == p) return true;
    // "time_s", "t_sec": a unit word after the prefix (one-letter units are no unit word of
    // their own, so split_name_and_unit leaves them in the name).
    if (base.size() > p.size() + 1 && base.compare(0, p.size(), p) == 0 &&
        (base[p.size()] == '_' || base[p.size()] == ' ')) {
      const TimeUnit suffix = time_unit_of(std::string_view(base).substr(p.size() + 1));
      if (suffix != TimeUnit::Unknown) {
        unit = suffix;
        return true;
      }
    }
  }
  return false;
}

TimeUnit time_unit_from_spacing(double step) {
  const TimeUnit units[] = {TimeUnit::Seconds, TimeUnit::Milliseconds, TimeUnit::Microseconds,
                            TimeUnit::Nanoseconds};
  // The rate grows 1000x from one unit to the next, so the first unit reaching the lowest rate
  // is below the highest one too, unless it is seconds already (a step too tiny for any unit).
  for (TimeUnit u : units)
    if (1.0 / (step * seconds_per(u)) >= kLowestGuessedFs) return u;
  return TimeUnit::Nanoseconds;  // too slow even as nanoseconds
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
    unit = time_unit_from_spacing(step);
    warnings.push_back(where + ": unit not named; read as " + name_of(unit) + " from the spacing " +
                       format_number(step) +
                       " (name the column e.g. 'time (s)' or 'time (ms)' to say)");
  }
  double fs = 1.0 / (step * seconds_per(unit));
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
