#pragma once
// Physical units as files spell them, for every reader (WFDB, EDF, CSV, JSON, NumPy): one parser
// for voltages and one for times, so that "uV" in an EDF header, "µV" in a CSV title and "uv" in a
// JSON file mean the same. Matching ignores case and accepts the micro sign in its three
// spellings (UTF-8 µ C2 B5, Greek μ CE BC, Latin-1 B5). What an empty or unknown unit means is
// each reader's own rule (WFDB and EDF skip the signal, CSV reads mV with a warning, JSON fails),
// so these functions only say what a unit is, never what to do when it is none.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qrs::formats {

// `unit` trimmed, in ASCII lower case, with the micro sign in any spelling written 'u':
// "µV" / "\xB5V" / "UV" -> "uv". For comparing, not for showing.
std::string unit_key(std::string_view unit);

// Factor that turns a value in `unit` into millivolts: mV / millivolt(s) / mvolt(s) 1, uV / µV /
// microV / microvolt(s) / µvolt(s) 0.001, V / volt(s) 1000, nV / nanovolt(s) 1e-6. nullopt for
// anything else, the empty unit included.
std::optional<double> millivolts_per_unit(std::string_view unit);

enum class TimeUnit { Unknown, Seconds, Milliseconds, Microseconds, Nanoseconds, Minutes, Hours };

// s / sec / second(s), ms / msec / millisecond(s), us / µs / microsecond(s), ns / nanosecond(s),
// min / minute(s) (AcqKnowledge titles its time column "min"), h / hour(s); Unknown for anything
// else ("hr" too: a column "HR" is a heart rate).
TimeUnit time_unit_of(std::string_view unit);
double seconds_per(TimeUnit unit);   // 1, 1e-3, 1e-6, 1e-9, 60, 3600 (Unknown: 1)
std::string name_of(TimeUnit unit);  // "seconds", "milliseconds", ...

// Whether `word` names a unit when it follows a name without brackets ("ecg_uV", "II mV",
// "t ms"): any voltage or time unit except the one-letter V and s, which are also lead names
// ("V", the V of "aVR") or letters of words, so they count as units only in brackets, and
// minutes and hours ("RR min" is more likely a minimum).
bool is_unit_word(std::string_view word);

// ECG in millivolts stays within a few mV; a lead read as mV whose values reach beyond 100 is
// more likely in µV or ADC counts. Adds the warning "<where>: values reach N; read as mV ..."
// when `max_abs` says so. The QRS marks do not depend on the unit (the engine scales each lead),
// but the plotted and exported values are labelled mV.
void warn_if_not_millivolts(const std::string& where, double max_abs,
                            std::vector<std::string>& warnings);

// A number as every reader's message shows it ("%g": 500, 0.002, 2e+06).
std::string format_number(double v);

}  // namespace qrs::formats
