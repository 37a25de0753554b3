#pragma once
// Sampling rate from a column of sample times, shared by the CSV reader (a "time" column) and the
// NumPy reader (the [time, voltage] snippet layout). Times may be in seconds or milliseconds; a
// column name such as "time (ms)" says which, otherwise the spacing decides (see
// docs/formats.md). Times must increase and sit on a uniform grid: a sample more than half a
// period off the grid (a gap, a jitter) is an error, since every later stage assumes one fs.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qrs::formats {

enum class TimeUnit { Unknown, Seconds, Milliseconds };

// Recognises a time column by its name ("time", "t", "time (ms)", "seconds", "ms", "timestamp",
// ...). Returns false for any other name; `unit` is set when the name carries one.
bool is_time_column_name(std::string_view name, TimeUnit& unit);

// Derives fs from `times`. `where` starts error messages ("ecg.csv: time column");
// `row_label(i)` names row i for messages ("line 12"). Findings that do not stop the read
// (unit guessed from the spacing, small jitter) are appended to `warnings`.
double fs_from_times(const std::vector<double>& times, TimeUnit unit, const std::string& where,
                     const std::function<std::string(std::size_t)>& row_label,
                     std::vector<std::string>& warnings);

// Checks a sampling rate against limits(); `where` starts the message.
void check_fs(double fs, const std::string& where);

}  // namespace qrs::formats
