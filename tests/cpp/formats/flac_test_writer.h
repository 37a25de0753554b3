#pragma once
// Test helper: FLAC streams written with libFLAC's own encoder (the library the reader decodes
// with, built from the same pinned source), set up as WFDB 10.7 writes formats 508/516/524: one
// channel per signal, the format's bit depth, a nominal 96 kHz rate, compression level 5, and the
// STREAMINFO (sample count, MD5) filled in at the end because the output can seek.
#include <FLAC/stream_encoder.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace qrs::test {

struct FlacOptions {
  unsigned bits = 0;       // 8, 16 or 24; 0 in a WfdbFileOut: the format's (508: 8, ...)
  unsigned blocksize = 0;  // 0: the encoder's default for the compression level (4096)
  bool seekable = true;    // false: STREAMINFO keeps no sample count and no MD5
};

namespace flac_detail {
struct Output {
  std::vector<std::uint8_t> bytes;
  std::size_t position = 0;
};
inline FLAC__StreamEncoderWriteStatus write(const FLAC__StreamEncoder*, const FLAC__byte buffer[],
                                            size_t bytes, uint32_t, uint32_t, void* client) {
  Output& out = *static_cast<Output*>(client);
  if (out.position + bytes > out.bytes.size()) out.bytes.resize(out.position + bytes);
  std::memcpy(out.bytes.data() + out.position, buffer, bytes);
  out.position += bytes;
  return FLAC__STREAM_ENCODER_WRITE_STATUS_OK;
}
inline FLAC__StreamEncoderSeekStatus seek(const FLAC__StreamEncoder*, FLAC__uint64 position,
                                          void* client) {
  static_cast<Output*>(client)->position = static_cast<std::size_t>(position);
  return FLAC__STREAM_ENCODER_SEEK_STATUS_OK;
}
inline FLAC__StreamEncoderTellStatus tell(const FLAC__StreamEncoder*, FLAC__uint64* position,
                                          void* client) {
  *position = static_cast<Output*>(client)->position;
  return FLAC__STREAM_ENCODER_TELL_STATUS_OK;
}
}  // namespace flac_detail

// One FLAC stream of channels.size() channels, each channels[c] samples long (all equal).
inline std::vector<std::uint8_t> encode_flac(const std::vector<std::vector<std::int32_t>>& channels,
                                             const FlacOptions& options = {}) {
  FLAC__StreamEncoder* encoder = FLAC__stream_encoder_new();
  if (!encoder) throw std::runtime_error("FLAC__stream_encoder_new failed");
  FLAC__stream_encoder_set_channels(encoder, static_cast<uint32_t>(channels.size()));
  FLAC__stream_encoder_set_bits_per_sample(encoder, options.bits ? options.bits : 16);
  FLAC__stream_encoder_set_sample_rate(encoder, 96000);
  FLAC__stream_encoder_set_compression_level(encoder, 5);
  if (options.blocksize) FLAC__stream_encoder_set_blocksize(encoder, options.blocksize);
  flac_detail::Output out;
  const bool seekable = options.seekable;
  if (FLAC__stream_encoder_init_stream(encoder, flac_detail::write,
                                       seekable ? flac_detail::seek : nullptr,
                                       seekable ? flac_detail::tell : nullptr, nullptr,
                                       &out) != FLAC__STREAM_ENCODER_INIT_STATUS_OK) {
    FLAC__stream_encoder_delete(encoder);
    throw std::runtime_error("FLAC__stream_encoder_init_stream failed");
  }
  const std::size_t length = channels.empty() ? 0 : channels.front().size();
  std::vector<const FLAC__int32*> planes;
  for (const auto& c : channels) planes.push_back(c.data());
  const bool ok = length == 0 || FLAC__stream_encoder_process(encoder, planes.data(),
                                                              static_cast<uint32_t>(length));
  const bool finished = FLAC__stream_encoder_finish(encoder);
  FLAC__stream_encoder_delete(encoder);
  if (!ok || !finished) throw std::runtime_error("FLAC encoding failed");
  return out.bytes;
}

}  // namespace qrs::test
