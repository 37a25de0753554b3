#pragma once
// Date and time stamps in a time column, in the forms pandas and recording apps write them:
//   2024-03-01 10:00:00.000         pandas DatetimeIndex; also with 'T' between date and time,
//   2024-03-01T10:00:00.000+01:00   and a zone (Z, +01:00, +0100, +01), as ISO 8601 has it
//   0 days 00:00:00.002000          pandas TimedeltaIndex ("-1 days +23:59:59.998" too)
//   10:00:00.002                    a clock time
// The CSV reader turns such a column into seconds and derives the rate from it as from numbers.
#include <optional>
#include <string>
#include <string_view>

namespace qrs::formats {

// Seconds since 1970-01-01 UTC for a date and time (the zone applied; none means UTC, which
// changes no interval), or since 0 for a duration or a clock time. nullopt when `cell` (trimmed)
// is none of the forms above.
std::optional<double> parse_time_stamp(std::string_view cell);

// The accepted forms, for messages: "a date and time such as 2024-03-01 10:00:00.000 ...".
std::string time_stamp_forms();

// A time column's stamps, read row by row into seconds. A clock time carries no date, so a
// recording that runs past midnight goes from 23:59:59.996 back to 00:00:00.000: between two
// clock times, a step back of more than half a day is read as midnight passing, and that stamp
// and the rest of the column count from the next day. Any other step back (a clock going back a
// little, a date and time earlier than the one before) is refused, naming both stamps.
class TimeStampColumn {
 public:
  // Seconds for `cell` (nullopt when it is no stamp). On a step back that is not midnight
  // passing, `went_back` says so ("'10:00:00.000' is before '10:00:00.004' on the row above ...").
  std::optional<double> read(std::string_view cell, std::string& went_back);

 private:
  std::string previous_;  // the row above's cell, for the message
  double previous_seconds_ = 0;
  bool previous_clock_ = false;
  double days_passed_ = 0;
};

}  // namespace qrs::formats
