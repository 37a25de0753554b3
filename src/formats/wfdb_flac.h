#pragma once
// Internal to the WFDB reader: decoding the signal file of WFDB formats 508, 516 and 524 (WFDB
// 10.7), which is one FLAC stream with one channel per signal stored in the file (at most 8), in
// header order. Every signal of the file has the same samples per frame; channel k holds signal
// k's samples in time order, `samples_per_frame` per WFDB frame. The format gives the largest bit
// depth the stream may have (8, 16, 24); a shallower stream is accepted, as WFDB's own reader
// does. The header's "byte offset" field counts samples to skip at the start of each channel for
// these formats (WFDB library and wfdb-python alike).
//
// libFLAC checks every frame's header CRC-8 and data CRC-16, and the stream's MD5 signature when
// the whole stream is read. A CRC failure, a damaged or truncated stream, a channel count or bit
// depth that disagrees with the header, or fewer samples than wanted throw qrs::Error, prefixed
// with `context` ("r.hea: signal 0 'II' in r.dat"). An MD5 mismatch and samples left over past
// the last whole frame are warnings, as in WFDB.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qrs::formats::wfdb {

struct FlacRequest {
  const std::uint8_t* bytes = nullptr;
  std::size_t size = 0;
  std::string context;  // what a message names: the header file, the signals, the signal file
  std::size_t channels = 1;
  std::size_t samples_per_frame = 1;    // of every signal in the file (for messages)
  int max_bits = 16;                    // 8, 16 or 24 (format - 500)
  std::uint64_t skip = 0;               // samples per channel before the record's first sample
  std::optional<std::uint64_t> wanted;  // samples per channel to keep after `skip`; all if unset
};

// Samples per channel after `skip`: `wanted` of them when set (more in the stream are ignored),
// else all the stream holds. Bounded by limits() and by the file's size (hostile streams of
// constant subframes cannot expand without end).
std::vector<std::vector<std::int32_t>> decode_flac(const FlacRequest& request,
                                                   std::vector<std::string>& warnings);

}  // namespace qrs::formats::wfdb
