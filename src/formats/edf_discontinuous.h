#pragma once
// EDF+D (discontinuous EDF+, and BDF+D): the data records need not follow on in time. Each one's
// start, in seconds after the header's start date and time, is the onset of the first TAL in the
// first annotation signal ("+<seconds>" 0x14 0x14 ..., EDF+ section 2.2.4 "time keeping of data
// records"). Data records whose starts follow on within half a sample form one continuous
// stretch; a later start leaves a gap, which no sample is invented to fill. A data record that
// starts before the previous one ends is an error, as is a missing or malformed time stamp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "formats/edf_header.h"

namespace qrs::formats::edf {

struct Stretch {
  std::size_t first_record = 0;  // index of its first data record
  std::size_t record_count = 0;
  double start_seconds = 0;  // after the file's start date and time
  double end_seconds = 0;    // start of its last data record plus the record duration
};

// `records` whole data records follow the header in `bytes`; `fs` is the rate of the signals
// read (the tolerance is half of its sample period).
std::vector<Stretch> continuous_stretches(const Header& header, const std::uint8_t* bytes,
                                          std::size_t records, double fs);

// "+0:10:05", "+1:02:03.25": a time after the file's start, for names and messages.
std::string offset_text(double seconds);

// The file's warning that lists the gaps (more than one stretch), and each stretch's own.
std::string gaps_warning(const Header& header, const std::vector<Stretch>& stretches);
std::string stretch_warning(const Header& header, const std::vector<Stretch>& stretches,
                            std::size_t index);

}  // namespace qrs::formats::edf
