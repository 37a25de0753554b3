#pragma once
// Internal to the WFDB reader: decoding one single-segment record into signals at their own
// rates, and assembling decoded signals into Records (one per sampling rate). wfdb.cpp and
// wfdb_multisegment.cpp share these; nothing outside src/formats/wfdb* should need them.
#include <optional>
#include <string>
#include <vector>

#include "formats/read.h"
#include "formats/record.h"
#include "formats/wfdb_header.h"

namespace qrs::formats::wfdb {

struct DecodedSignal {
  std::string name;                   // UTF-8 lead name ("ii"; "lead3" when the file has none)
  std::string units;                  // raw units field from the header
  std::optional<double> mv_per_unit;  // set when the units are a voltage (samples are then mV)
  std::size_t samples_per_frame = 1;
  double fs = 0;               // this signal's own rate: frame rate * samples per frame
  std::vector<float> samples;  // mV for voltages, else the file's physical units; NaN = invalid
};

// Signal `index` of a header as decode_signals names and scales it, without samples.
DecodedSignal describe_signal(const Header& header, std::size_t index);

// How a "needs <file>" message ends, the same words for the CLI (files in a folder) and the page
// (files in a drop).
inline constexpr const char* kMissingCompanion =
    ", which was not found with it (keep the two together: in one folder, or in one drop)";

// A companion file by the name a header uses: exact match first, then the same base name (a drop
// loses directories), exactly or else ignoring case (name_lookup.h). nullptr when absent; throws
// when two companions differ from the name only in case.
const NamedBuffer* find_companion(const std::vector<NamedBuffer>& companions,
                                  const std::string& name);

// Decodes every signal of a single-segment header. `frames`, when set, is the number of frames to
// read (a multi-segment record's segment length) instead of the header's own count.
std::vector<DecodedSignal> decode_signals(const Header& header,
                                          const std::vector<NamedBuffer>& companions,
                                          std::vector<std::string>& warnings,
                                          std::optional<std::uint64_t> frames = std::nullopt);

// Keeps voltage signals (others are dropped with a warning; other kinds of signal next to ECG are
// left out, as `options` says: channel_kinds.h) and groups them by rate: one Record per rate,
// named after the record (plus " (<fs> Hz)" when there are several rates).
std::vector<Record> assemble_records(std::vector<DecodedSignal> signals, const Header& header,
                                     const ReadOptions& options,
                                     std::vector<std::string>& warnings);

// Multi-segment records (wfdb_multisegment.cpp).
std::vector<Record> read_multi_segment(const Header& header,
                                       const std::vector<NamedBuffer>& companions,
                                       const ReadOptions& options,
                                       std::vector<std::string>& warnings);

}  // namespace qrs::formats::wfdb
