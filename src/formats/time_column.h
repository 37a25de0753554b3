#pragma once
// Sampling rate from a column of sample times, shared by the CSV reader (a "time" column) and the
// NumPy reader (the [time, voltage] snippet layout). Times may be in seconds, milliseconds,
// microseconds or nanoseconds; a column title such as "time (ms)" says which, otherwise the
// spacing decides (see docs/formats.md). Times must increase and sit on a uniform grid: a sample
// more than half a period off the grid (a gap, a jitter) is an error, since every later stage
// assumes one fs.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/units.h"

namespace qrs::formats {

// Recognises a time column by its title, split into name and unit (split_name_and_unit): a name
// such as "time", "t", "timestamp", "seconds", "ms", "time_s", or any name with a time unit
// ("Zeit [s]", "sensor timestamp [ns]", "Elapsed (ms)"). A title with another unit ("time (hh:mm)",
// "t (mV)") is not one. `unit_out` is set when the title names the unit, else Unknown.
bool is_time_column(std::string_view name, std::string_view unit, TimeUnit& unit_out);

// The unit that makes `step` (time per sample, unit unknown) an ECG rate: the one of s, ms, µs,
// ns that puts 1 / step in [20, 20000) Hz. The ranges abut and differ by 1000x, so at most one
// fits; when none does, the nearest (s for tiny steps, ns for huge ones), whose rate check_fs
// then refuses or the guess warning shows.
TimeUnit time_unit_from_spacing(double step);

// Derives fs from `times`. `where` starts error messages ("ecg.csv: time column");
// `row_label(i)` names row i for messages ("line 12"). Findings that do not stop the read
// (unit guessed from the spacing, small jitter) are appended to `warnings`.
double fs_from_times(const std::vector<double>& times, TimeUnit unit, const std::string& where,
                     const std::function<std::string(std::size_t)>& row_label,
                     std::vector<std::string>& warnings);

// Checks a sampling rate against limits(); `where` starts the message.
void check_fs(double fs, const std::string& where);

}  // namespace qrs::formats
