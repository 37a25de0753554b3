#include "formats/wfdb_flac.h"

#include <FLAC/stream_decoder.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "formats/readers.h"
#include "util/error.h"

namespace qrs::formats::wfdb {
namespace {

// STREAMINFO's 36-bit sample count: 0 is "unknown", and so is the largest value, which WFDB's
// writer leaves there when it cannot seek back to fill in the real count.
constexpr std::uint64_t kUnknownTotalSamples = (std::uint64_t{1} << 36) - 1;

// Decoded samples no data stands behind are bounded: at most this many per byte of the file per
// channel beyond the first kFreeSamples. Real ECG compresses about 2 to 4 times; a flat-line
// channel (constant subframes of 4,096 samples) about 400 samples per byte.
constexpr std::uint64_t kSamplesPerByte = 1024;
constexpr std::uint64_t kFreeSamples = 10'000'000;

struct Decoding {
  const FlacRequest* request = nullptr;
  std::size_t read_position = 0;
  std::vector<std::vector<std::int32_t>> channels;
  std::uint64_t decoded = 0;  // samples per channel the stream has delivered, skipped ones too
  std::uint64_t cap = 0;      // samples per channel that may be kept
  bool enough = false;        // `wanted` samples are kept; another frame means the stream is longer
  bool stopped_early = false;
  std::string error;  // the first problem, without the context prefix
  std::uint64_t streaminfo_total = 0;

  std::size_t kept() const { return channels.front().size(); }
  void fail(const std::string& what) {
    if (error.empty()) error = what;
  }
};

Decoding& state(void* client) {
  return *static_cast<Decoding*>(client);
}

FLAC__StreamDecoderReadStatus on_read(const FLAC__StreamDecoder*, FLAC__byte buffer[],
                                      size_t* bytes, void* client) {
  Decoding& d = state(client);
  const std::size_t left = d.request->size - d.read_position;
  if (left == 0 || *bytes == 0) {
    *bytes = 0;
    return FLAC__STREAM_DECODER_READ_STATUS_END_OF_STREAM;
  }
  const std::size_t n = std::min(left, *bytes);
  std::memcpy(buffer, d.request->bytes + d.read_position, n);
  d.read_position += n;
  *bytes = n;
  return FLAC__STREAM_DECODER_READ_STATUS_CONTINUE;
}

FLAC__bool on_eof(const FLAC__StreamDecoder*, void* client) {
  const Decoding& d = state(client);
  return d.read_position >= d.request->size;
}

// Checks a stream's (or a frame's) layout against what the header says the file holds.
bool layout_matches(Decoding& d, unsigned channels, unsigned bits, const char* where) {
  const FlacRequest& r = *d.request;
  if (channels != r.channels) {
    d.fail(std::string("the FLAC ") + where + " has " + std::to_string(channels) +
           " channel(s) but the header stores " + std::to_string(r.channels) +
           " signal(s) in this file, one channel each");
    return false;
  }
  if (bits > static_cast<unsigned>(r.max_bits)) {
    d.fail(std::string("the FLAC ") + where + " has " + std::to_string(bits) +
           " bits per sample, more than the " + std::to_string(r.max_bits) + " of format " +
           std::to_string(500 + r.max_bits));
    return false;
  }
  return true;
}

void on_metadata(const FLAC__StreamDecoder*, const FLAC__StreamMetadata* metadata, void* client) {
  Decoding& d = state(client);
  if (metadata->type != FLAC__METADATA_TYPE_STREAMINFO) return;
  const FLAC__StreamMetadata_StreamInfo& info = metadata->data.stream_info;
  layout_matches(d, info.channels, info.bits_per_sample, "stream");
  d.streaminfo_total = info.total_samples;
}

FLAC__StreamDecoderWriteStatus on_write(const FLAC__StreamDecoder*, const FLAC__Frame* frame,
                                        const FLAC__int32* const buffer[], void* client) {
  Decoding& d = state(client);
  if (!d.error.empty()) return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT;
  if (d.enough) {  // the stream holds more than wanted: the rest is not read, as for .dat files
    d.stopped_early = true;
    return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT;
  }
  if (!layout_matches(d, frame->header.channels, frame->header.bits_per_sample, "frame"))
    return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT;
  const FlacRequest& r = *d.request;
  const std::uint64_t block = frame->header.blocksize;
  const std::uint64_t from = d.decoded < r.skip ? std::min(block, r.skip - d.decoded) : 0;
  std::uint64_t take = block - from;
  if (r.wanted) take = std::min<std::uint64_t>(take, *r.wanted - d.kept());
  if (d.kept() + take > d.cap) {
    d.fail("the FLAC stream decodes to more than " + std::to_string(d.cap) +
           " samples per signal, more than this reader accepts for a file of " +
           std::to_string(r.size) + " bytes");
    return FLAC__STREAM_DECODER_WRITE_STATUS_ABORT;
  }
  for (std::size_t c = 0; c < d.channels.size(); ++c)
    d.channels[c].insert(d.channels[c].end(), buffer[c] + from, buffer[c] + from + take);
  d.decoded += block;
  if (r.wanted && d.kept() == *r.wanted) d.enough = true;
  return FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE;
}

const char* error_text(FLAC__StreamDecoderErrorStatus status) {
  switch (status) {
    case FLAC__STREAM_DECODER_ERROR_STATUS_FRAME_CRC_MISMATCH:
      return "a FLAC frame fails its CRC check";
    case FLAC__STREAM_DECODER_ERROR_STATUS_BAD_HEADER:
      return "a FLAC frame header is damaged";
    case FLAC__STREAM_DECODER_ERROR_STATUS_LOST_SYNC:
      return "the FLAC stream is damaged (lost frame sync)";
    case FLAC__STREAM_DECODER_ERROR_STATUS_UNPARSEABLE_STREAM:
      return "the FLAC stream uses reserved fields (damaged or from an unknown encoder)";
    case FLAC__STREAM_DECODER_ERROR_STATUS_BAD_METADATA:
      return "a FLAC metadata block is damaged";
    case FLAC__STREAM_DECODER_ERROR_STATUS_OUT_OF_BOUNDS:
      return "a FLAC frame decodes to samples beyond its bit depth";
    case FLAC__STREAM_DECODER_ERROR_STATUS_MISSING_FRAME:
      return "FLAC frames are missing";
  }
  return "the FLAC stream cannot be decoded";
}

void on_error(const FLAC__StreamDecoder*, FLAC__StreamDecoderErrorStatus status, void* client) {
  Decoding& d = state(client);
  d.fail(std::string(error_text(status)) + " after sample " + std::to_string(d.decoded) +
         "; the file is damaged");
}

struct DecoderDeleter {
  void operator()(FLAC__StreamDecoder* decoder) const { FLAC__stream_decoder_delete(decoder); }
};

}  // namespace

std::vector<std::vector<std::int32_t>> decode_flac(const FlacRequest& request,
                                                   std::vector<std::string>& warnings) {
  const auto fail = [&](const std::string& what) -> void {
    throw Error(request.context + ": " + what);
  };
  if (request.size < 4 || std::memcmp(request.bytes, "fLaC", 4) != 0)
    fail("not a FLAC stream (it does not start with 'fLaC'), as formats 508, 516 and 524 need");

  Decoding d;
  d.request = &request;
  d.channels.resize(request.channels);
  const Limits& lim = limits();
  d.cap = std::min<std::uint64_t>(
      {lim.max_samples_per_lead, lim.max_total_samples / std::max<std::size_t>(request.channels, 1),
       kSamplesPerByte * request.size + kFreeSamples});
  if (request.wanted) {
    if (*request.wanted > d.cap) {
      fail("the header declares " + std::to_string(*request.wanted) +
           " samples per signal, more than this reader accepts for a FLAC file of " +
           std::to_string(request.size) + " bytes");
    }
    for (auto& c : d.channels) c.reserve(static_cast<std::size_t>(*request.wanted));
  }

  const std::unique_ptr<FLAC__StreamDecoder, DecoderDeleter> decoder(FLAC__stream_decoder_new());
  if (!decoder) throw std::bad_alloc();
  FLAC__stream_decoder_set_md5_checking(decoder.get(), true);
  if (FLAC__stream_decoder_init_stream(decoder.get(), on_read, nullptr, nullptr, nullptr, on_eof,
                                       on_write, on_metadata, on_error,
                                       &d) != FLAC__STREAM_DECODER_INIT_STATUS_OK) {
    fail("the FLAC decoder could not start");
  }
  const bool finished = FLAC__stream_decoder_process_until_end_of_stream(decoder.get());
  if (!d.error.empty()) fail(d.error);
  if (!finished && !d.stopped_early) {
    fail(std::string("the FLAC stream cannot be decoded (") +
         FLAC__StreamDecoderStateString[FLAC__stream_decoder_get_state(decoder.get())] + ")");
  }
  if (!d.stopped_early) {
    const std::uint64_t total = d.streaminfo_total;
    if (total != 0 && total != kUnknownTotalSamples && d.decoded != total) {
      fail("the FLAC stream " + std::string(d.decoded < total ? "ends after " : "holds ") +
           std::to_string(d.decoded) + " of the " + std::to_string(total) +
           " samples per signal its STREAMINFO declares" +
           (d.decoded < total ? " (the file is truncated)" : ""));
    }
    if (!FLAC__stream_decoder_finish(decoder.get())) {
      warnings.push_back(request.context +
                         ": the FLAC stream's MD5 signature does not match its samples; the file "
                         "may be damaged");
    }
  }
  if (request.wanted && d.kept() < *request.wanted) {
    const std::size_t spf = request.samples_per_frame;
    fail("the FLAC stream holds " + std::to_string(d.kept()) + " samples per signal" +
         (request.skip ? " after the " + std::to_string(request.skip) + " it skips" : "") +
         ", fewer than the " + std::to_string(*request.wanted) + " the header declares" +
         (spf > 1 ? " (" + std::to_string(*request.wanted / spf) + " frames of " +
                        std::to_string(spf) + ")"
                  : ""));
  }
  return std::move(d.channels);
}

}  // namespace qrs::formats::wfdb
