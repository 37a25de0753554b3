#pragma once
// Byte unpacking for the WFDB storage formats (signal(5)), one small helper per format behind a
// table. A .dat file is a stream of samples: frame after frame, each signal's samples of a frame
// in header order. These helpers turn `count` consecutive samples of that stream into integers
// (ADC units; for format 8 the stored first differences, summed later per signal). The FLAC
// formats (508, 516, 524) are in the table for their sample ranges; their files are FLAC streams,
// decoded by wfdb_flac.h instead of these helpers.
#include <cstddef>
#include <cstdint>
#include <string>

namespace qrs::formats::wfdb {

struct StorageFormat {
  int code;                // 8, 16, 212, ...
  int default_resolution;  // bits, when the header's ADC resolution is 0
  bool has_invalid;        // whether one code means "no sample here"
  std::int32_t invalid;    // that code (WFDB's most negative value of the format)
  bool differences;        // format 8: samples are first differences
  // Uncompressed formats only (nullptr for FLAC):
  void (*unpack)(const std::uint8_t* bytes, std::size_t count, std::int32_t* out);
  std::size_t (*bytes_for)(std::size_t samples);  // bytes needed to hold `samples`
  std::size_t (*samples_in)(std::size_t bytes);   // whole samples held by `bytes`
  bool flac = false;  // 508, 516, 524: a FLAC stream of default_resolution bits at most
};

// nullptr for an unknown code. Format 0 (null signal, no data) is handled by the reader.
const StorageFormat* find_storage_format(int code);

// "8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524" for messages.
std::string supported_storage_formats();

}  // namespace qrs::formats::wfdb
