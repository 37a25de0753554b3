#pragma once
// WFDB header (.hea) parsing: text in, a plain description of the record out; no sample data is
// touched here. Follows the WFDB header specification (header(5)):
//   record line  name[/segments] nsig [fs[/counterfreq[(basecounter)]] [nsamp [time [date]]]]
//   signal line  file format[xspf][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero
//                [initval [checksum [blocksize [description]]]]]]]
//   segment line name nsamp        (multi-segment records, instead of signal lines)
// Lines may end in LF, CRLF or CR; '#' lines may appear anywhere. Every failure throws qrs::Error
// naming the header file and the line, e.g. "5.hea: line 3: gain 'x' is not a number".
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/record.h"

namespace qrs::formats::wfdb {

struct SignalSpec {
  int line = 0;           // 1-based line in the header, for messages
  std::string file_name;  // "~" (or format 0) means a null signal with no data file
  int format = 0;         // storage format code (16, 212, ...)
  std::size_t samples_per_frame = 1;
  std::size_t skew = 0;  // in frames
  std::uint64_t byte_offset = 0;
  double gain = 200.0;       // adu per physical unit, may be negative; 0 in the file means 200
  double baseline = 0.0;     // adu of physical zero; defaults to adc_zero
  std::string units = "mV";  // raw bytes from the file (may be Latin-1)
  int adc_resolution = 0;    // bits; 0 = format default
  long long adc_zero = 0;
  long long initial_value = 0;        // first sample (format 8 differences start here)
  std::optional<long long> checksum;  // 16-bit sum of the signal's samples, when given
  std::string description;            // lead name, e.g. "ii" (raw bytes)
};

struct SegmentSpec {
  std::string name;           // "~" is a gap
  std::uint64_t samples = 0;  // 0 marks the layout header of a variable-layout record
};

struct Header {
  std::string file_name;  // e.g. "5.hea", for messages
  std::string record_name;
  bool multi_segment = false;
  std::size_t signal_count = 0;
  double fs = 250.0;                     // frames per second (WFDB default 250)
  double counter_frequency = 0;          // informational
  std::optional<std::uint64_t> samples;  // frames per signal; nullopt when not given (or 0)
  std::vector<SignalSpec> signals;       // single-segment records
  std::vector<SegmentSpec> segments;     // multi-segment records
  // Lines after the signal or segment lines the record line declares (old headers' info strings,
  // or a segment count one short), for messages.
  std::vector<std::string> lines_after;
};

Header parse_header(std::string_view text, const std::string& file_name);

// A file's header when it parses (named by the file's base name), else nothing: for those that
// only look at a header before its reader reads it (grouping a drop, size checks, the CLI's
// search for companions); the reader itself says why a header does not parse.
std::optional<Header> try_parse_header(const NamedBuffer& file);

// The other files a header names, each once, in header order: its signal files, or for a
// multi-segment record its segment headers ("<segment>.hea"). Gaps and null signals ("~") and
// standard input ("-") name no file. Used to gather a record's files from a drop or a directory.
std::vector<std::string> referenced_files(const Header& header);

// Why the reader would refuse the record for its size, told from the header and the sizes of
// its signal files before any of them is read (`size_of(name)`: the size in bytes of the file the
// header names, if there is one), in the reader's words; "" when nothing is wrong that the
// sizes show. A header with a length is judged by it; one without, by what its files hold.
// Multi-segment and FLAC signal files are left to the reader.
std::string size_problem(const Header& header,
                         const std::function<std::optional<std::uint64_t>(const std::string&)>& size_of);

}  // namespace qrs::formats::wfdb
