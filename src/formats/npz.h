#pragma once
// NumPy .npz: a zip archive of .npy members (np.savez stores them, np.savez_compressed deflates
// them). The zip directory is parsed here with bounds checks on every offset; a member's bytes
// are then read as .npy and the members are combined by key (docs/formats.md):
//   the signal array: the only numeric array besides the keys below, or one named
//                     signals/signal/ecg/data/x/arr_0/p_signal
//   fs:    a scalar sampling rate (also sampling_rate, sampling_frequency, frequency, sfreq)
//   time:  a 1-D time vector for a (T) signal (seconds or ms, as a CSV time column)
//   leads: lead names, a text array (also lead_names, names, channels, sig_name)
// Deflated members need an inflater. Natively (QRS_HAVE_ZLIB) read_npz uses zlib; the WebAssembly
// build has none, so the page lists the members (list_zip_members), inflates the deflated ones
// itself with DecompressionStream('deflate-raw'), and hands them to read_npz_members.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "formats/read.h"
#include "formats/record.h"

namespace qrs::formats {

struct ZipMember {
  std::string name;                   // "signals.npy"
  std::uint16_t method = 0;           // 0 stored, 8 deflated
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t data_offset = 0;      // first byte of the member's stored/compressed data
};

// The archive's members with every offset and size checked against the file.
std::vector<ZipMember> list_zip_members(const NamedBuffer& file);

// Raw deflate (no zlib header) of `size` bytes into exactly `uncompressed_size` bytes; throws
// qrs::Error when the data is damaged.
using Inflater = std::function<std::vector<std::uint8_t>(
    const std::uint8_t* compressed, std::size_t size, std::size_t uncompressed_size)>;

// read_npz with a caller-supplied inflater (null: deflated members are an error saying so).
std::vector<Record> read_npz_with(const NamedBuffer& file, const Inflater& inflate,
                                  const ReadOptions& options, std::vector<std::string>& warnings);

// Members already extracted (names like "signals.npy", bytes of the .npy), e.g. inflated by the
// page. `file_name` names the records and messages.
std::vector<Record> read_npz_members(const std::string& file_name,
                                     const std::vector<NamedBuffer>& members,
                                     const ReadOptions& options,
                                     std::vector<std::string>& warnings);

}  // namespace qrs::formats
