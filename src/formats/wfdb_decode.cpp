#include "formats/wfdb_decode.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>

#include "formats/channel_kinds.h"
#include "formats/detect.h"
#include "formats/name_lookup.h"
#include "formats/readers.h"
#include "formats/units.h"
#include "formats/wfdb_flac.h"
#include "formats/wfdb_text.h"
#include "formats/wfdb_unpack.h"
#include "util/error.h"

namespace qrs::formats::wfdb {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

bool is_null_signal(const SignalSpec& s) {
  return s.format == 0 || s.file_name == "~";
}

std::string signal_label(const Header& h, std::size_t index) {
  const SignalSpec& s = h.signals[index];
  std::string label = "signal " + std::to_string(index);
  if (!s.description.empty()) label += " '" + text::to_utf8(s.description) + "'";
  return label;
}

// The signals stored in one .dat file, in frame order.
struct FileGroup {
  std::string file_name;
  std::vector<std::size_t> signals;  // indices into header.signals
  std::size_t samples_per_frame = 0;
};

std::vector<FileGroup> group_by_file(const Header& h) {
  std::vector<FileGroup> groups;
  for (std::size_t i = 0; i < h.signals.size(); ++i) {
    const SignalSpec& s = h.signals[i];
    if (is_null_signal(s)) continue;
    FileGroup* g = nullptr;
    for (FileGroup& existing : groups) {
      if (existing.file_name == s.file_name) g = &existing;
    }
    if (!g) {
      groups.push_back({s.file_name, {}, 0});
      g = &groups.back();
    }
    const SignalSpec& first = h.signals[g->signals.empty() ? i : g->signals.front()];
    if (first.format != s.format) {
      throw Error(h.file_name + ": line " + std::to_string(s.line) + ": " + s.file_name +
                  " mixes signal formats " + std::to_string(first.format) + " and " +
                  std::to_string(s.format) + " (WFDB allows one format per file)");
    }
    g->signals.push_back(i);
    g->samples_per_frame += s.samples_per_frame;
  }
  return groups;
}

// Sum of a signal's samples modulo 2^16, as WFDB stores it (a signed 16-bit number).
bool checksum_matches(std::uint32_t sum, long long expected) {
  return (sum & 0xFFFFu) == (static_cast<std::uint64_t>(expected) & 0xFFFFu);
}

// Everything needed to decode one file group once its frame count is known.
struct GroupData {
  const FileGroup* group;
  const StorageFormat* format;
  const std::uint8_t* bytes;  // after the byte offset
  std::size_t frames_available;
  std::vector<std::vector<std::int32_t>> flac_channels;  // FLAC files: each signal's samples
};

// "signal 2 'V' in r.dat", "signals 0 'I', 1 'II' in r.dat": the signals of a file, for messages.
std::string group_label(const Header& h, const FileGroup& g) {
  std::string label = h.file_name + ": ";
  for (std::size_t k = 0; k < g.signals.size(); ++k) {
    std::string one = signal_label(h, g.signals[k]);
    if (g.signals.size() > 1) one = k == 0 ? "signals" + one.substr(6) : one.substr(7);
    label += (k ? ", " : "") + one;
  }
  return label + " in " + g.file_name;
}

void check_limits(const Header& h, std::uint64_t frames) {
  const Limits& lim = limits();
  std::uint64_t total = 0;
  for (const SignalSpec& s : h.signals) {
    if (frames > lim.max_samples_per_lead / s.samples_per_frame) {  // (no overflow)
      const std::string count = s.samples_per_frame == 1 ? std::to_string(frames)
                                                         : std::to_string(frames) + " x " +
                                                               std::to_string(s.samples_per_frame);
      throw Error(h.file_name + ": " + count + " samples per signal is more than " +
                  accepted_samples(lim.max_samples_per_lead));
    }
    const std::uint64_t per_lead = frames * s.samples_per_frame;
    const double rate = h.fs * static_cast<double>(s.samples_per_frame);
    if (rate > lim.max_fs) {
      throw Error(h.file_name + ": line " + std::to_string(s.line) + ": sampling rate " +
                  std::to_string(rate) + " Hz is above the " + std::to_string(lim.max_fs) +
                  " Hz limit");
    }
    total += per_lead;
  }
  if (total > lim.max_total_samples) {
    throw Error(h.file_name + ": " + std::to_string(total) + " samples in all is more than " +
                accepted_samples(lim.max_total_samples));
  }
}

// A FLAC signal file (formats 508, 516, 524) is decoded here, once: its length is only known
// from the stream. `declared` frames are wanted when the header gives a length.
void decode_flac_group(const Header& h, const NamedBuffer& file,
                       std::optional<std::uint64_t> declared, GroupData& data,
                       std::vector<std::string>& warnings) {
  const FileGroup& g = *data.group;
  const SignalSpec& first = h.signals[g.signals.front()];
  constexpr std::size_t kMaxFlacChannels = 8;
  if (g.signals.size() > kMaxFlacChannels) {
    throw Error(h.file_name + ": line " + std::to_string(first.line) + ": " + g.file_name +
                " holds " + std::to_string(g.signals.size()) +
                " signals, but a FLAC signal file holds at most " +
                std::to_string(kMaxFlacChannels));
  }
  for (std::size_t index : g.signals) {
    const SignalSpec& s = h.signals[index];
    if (s.samples_per_frame != first.samples_per_frame) {
      throw Error(h.file_name + ": line " + std::to_string(s.line) + ": " + g.file_name +
                  " is a FLAC file, whose signals all have the same samples per frame (" +
                  signal_label(h, g.signals.front()) + " has " +
                  std::to_string(first.samples_per_frame) + ", " + signal_label(h, index) +
                  " has " + std::to_string(s.samples_per_frame) + ")");
    }
  }
  const std::size_t spf = first.samples_per_frame;
  FlacRequest request;
  request.bytes = file.bytes.data();
  request.size = file.bytes.size();
  request.context = group_label(h, g);
  request.channels = g.signals.size();
  request.samples_per_frame = spf;
  request.max_bits = data.format->default_resolution;
  request.skip = first.byte_offset;  // in samples for FLAC files (WFDB library, wfdb-python)
  if (declared) {
    check_limits(h, *declared);  // before decoding that much (and before *declared * spf)
    request.wanted = *declared * spf;
  }
  data.flac_channels = decode_flac(request, warnings);
  const std::size_t samples = data.flac_channels.front().size();
  data.frames_available = samples / spf;
  if (samples % spf != 0) {
    warnings.push_back(request.context + ": " + std::to_string(samples % spf) +
                       " samples per signal left over after the last whole frame; ignored");
  }
}

// Whole frames of group `g` that a signal file of `bytes` bytes holds after the first signal's byte
// offset (uncompressed formats; a FLAC file's length is known only from its stream).
std::uint64_t frames_held(const Header& h, const FileGroup& g, const StorageFormat& format,
                          std::uint64_t bytes) {
  const std::uint64_t offset = h.signals[g.signals.front()].byte_offset;
  if (bytes < offset) return 0;
  return format.samples_in(static_cast<std::size_t>(bytes - offset)) / g.samples_per_frame;
}

GroupData locate_group(const Header& h, const FileGroup& g,
                       const std::vector<NamedBuffer>& companions,
                       std::optional<std::uint64_t> declared, std::vector<std::string>& warnings) {
  const SignalSpec& first = h.signals[g.signals.front()];
  const StorageFormat* format = find_storage_format(first.format);
  if (!format) {
    throw Error(h.file_name + ": line " + std::to_string(first.line) + ": signal format " +
                std::to_string(first.format) + " is not supported (supported: 0, " +
                supported_storage_formats() + ")");
  }
  const NamedBuffer* file = find_companion(companions, g.file_name);
  if (!file) throw Error(h.file_name + ": needs its signal file " + g.file_name + kMissingCompanion);
  GroupData data{&g, format, nullptr, 0, {}};
  if (format->flac) {
    decode_flac_group(h, *file, declared, data, warnings);
    return data;
  }
  if (first.byte_offset > file->bytes.size()) {
    throw Error(h.file_name + ": line " + std::to_string(first.line) + ": byte offset " +
                std::to_string(first.byte_offset) + " is beyond the end of " + g.file_name + " (" +
                std::to_string(file->bytes.size()) + " bytes)");
  }
  data.bytes = file->bytes.data() + first.byte_offset;
  data.frames_available = frames_held(h, g, *format, file->bytes.size());
  return data;
}

// Converts one signal of a decoded group, a run of frames at a time: de-interleaves, sums
// differences, applies skew, gain, baseline and units, and sums it for the header's checksum.
// The signal's samples of frame f of a run are raw[f * stride + k], k < samples per frame.
class SignalConversion {
 public:
  SignalConversion(const Header& h, std::size_t index, const StorageFormat& format,
                   std::size_t frames, DecodedSignal& out)
      : s_(h.signals[index]),
        spf_(s_.samples_per_frame),
        skip_(std::min(frames * spf_, s_.skew * spf_)),  // skew: lags by `skew` frames
        scale_(out.mv_per_unit.value_or(1.0) / s_.gain),
        has_invalid_(format.has_invalid),
        invalid_(format.invalid),
        differences_(format.differences),
        running_(s_.initial_value),
        dst_(nullptr) {
    out.samples.assign(frames * spf_, kNaN);
    dst_ = out.samples.data();
  }

  void take(const std::int32_t* raw, std::size_t stride, std::size_t frames) {
    const double baseline = s_.baseline;
    for (std::size_t f = 0; f < frames; ++f) {
      const std::int32_t* frame = raw + f * stride;
      for (std::size_t k = 0; k < spf_; ++k, ++i_) {
        long long v = frame[k];
        if (differences_) {
          running_ += v;
          v = running_;
        }
        sum_ += static_cast<std::uint32_t>(v);
        if (i_ < skip_) continue;
        if (has_invalid_ && v == invalid_) continue;  // stays NaN
        dst_[i_ - skip_] = static_cast<float>((static_cast<double>(v) - baseline) * scale_);
      }
    }
  }

  // The header's checksum is over the whole signal: a file cut short is already reported as such.
  void check_sum(const Header& h, std::size_t index, std::vector<std::string>& warnings) const {
    if (s_.checksum && !checksum_matches(sum_, *s_.checksum)) {
      warnings.push_back(h.file_name + ": " + signal_label(h, index) + " in " + s_.file_name +
                         ": checksum mismatch (header " + std::to_string(*s_.checksum) +
                         ", data " + std::to_string(static_cast<std::int16_t>(sum_ & 0xFFFFu)) +
                         "); the file may be damaged");
    }
  }

 private:
  const SignalSpec& s_;
  std::size_t spf_, skip_;
  double scale_;
  bool has_invalid_;
  std::int32_t invalid_;
  bool differences_;
  long long running_;
  float* dst_;
  std::size_t i_ = 0;
  std::uint32_t sum_ = 0;
};

// Frames of an uncompressed group unpacked at a time: a multiple of 6, so that every run starts
// on a whole byte (format 212 packs two samples in three bytes, 310 and 311 three in four) and
// a day-long record's samples are never held as integers and as floats at once.
constexpr std::size_t kFramesPerRun = 6 * 16384;

}  // namespace

DecodedSignal describe_signal(const Header& h, std::size_t index) {
  const SignalSpec& s = h.signals[index];
  DecodedSignal d;
  d.name = s.description.empty() ? "lead" + std::to_string(index) : text::to_utf8(s.description);
  d.units = s.units;
  d.mv_per_unit = millivolts_per_unit(s.units);
  d.samples_per_frame = s.samples_per_frame;
  d.fs = h.fs * static_cast<double>(s.samples_per_frame);
  return d;
}

const NamedBuffer* find_companion(const std::vector<NamedBuffer>& companions,
                                  const std::string& name) {
  for (const NamedBuffer& c : companions) {
    if (c.name == name) return &c;
  }
  std::vector<std::string> base_names;
  for (const NamedBuffer& c : companions) base_names.push_back(base_name(c.name));
  const std::vector<std::size_t> found = find_name(base_names, base_name(name));
  if (found.size() > 1) {
    std::vector<std::string> clash;
    for (std::size_t i : found) clash.push_back(base_names[i]);
    throw Error(case_clash_message(base_name(name), clash));
  }
  return found.empty() ? nullptr : &companions[found.front()];
}

std::string size_problem(
    const Header& h, const std::function<std::optional<std::uint64_t>(const std::string&)>& size_of) {
  if (h.multi_segment) return "";
  try {
    if (h.samples) {
      check_limits(h, *h.samples);
      return "";
    }
    // No length: the shortest signal file sets it, as decode_signals reads it.
    std::optional<std::uint64_t> frames;
    for (const FileGroup& g : group_by_file(h)) {
      const SignalSpec& first = h.signals[g.signals.front()];
      const StorageFormat* format = find_storage_format(first.format);
      const std::optional<std::uint64_t> bytes = size_of(g.file_name);
      // What the reader would refuse for another reason (a byte offset beyond the file) is its
      // to say.
      if (!format || format->flac || !bytes || *bytes < first.byte_offset) return "";
      const std::uint64_t held = frames_held(h, g, *format, *bytes);
      frames = std::min(frames.value_or(held), held);
    }
    if (frames) check_limits(h, *frames);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::vector<DecodedSignal> decode_signals(const Header& h,
                                          const std::vector<NamedBuffer>& companions,
                                          std::vector<std::string>& warnings,
                                          std::optional<std::uint64_t> wanted_frames) {
  // Frame count: the header's (or the segment's), which every file must hold; else what the
  // shortest file holds.
  const std::optional<std::uint64_t> declared = wanted_frames ? wanted_frames : h.samples;
  // A header that declares more than this reader accepts is refused on its own word, before any
  // signal file is looked for or decoded (a 2 GB .dat costs nothing to refuse).
  if (declared) check_limits(h, *declared);
  const std::vector<FileGroup> groups = group_by_file(h);
  std::vector<GroupData> data;
  data.reserve(groups.size());
  for (const FileGroup& g : groups)
    data.push_back(locate_group(h, g, companions, declared, warnings));

  std::uint64_t frames = 0;
  // Frames the signal files actually hold; below the declared length only when a file is cut
  // short (and then the headers' checksums, over whole signals, cannot be checked).
  std::uint64_t readable = 0;
  bool cut_short = false;
  if (declared) {
    frames = *declared;
    readable = frames;
    const GroupData* shortest = nullptr;
    for (const GroupData& d : data) {
      if (d.frames_available < readable) {
        readable = d.frames_available;
        shortest = &d;
      }
    }
    cut_short = shortest != nullptr;
    if (cut_short) {
      // A signal file cut short (a download or a copy that stopped) still holds a recording: read
      // what is there, as the WFDB library does, and say so. A segment keeps its declared length,
      // the rest missing (NaN), so the segments after it stay in their place on the timeline.
      if (readable == 0 && !wanted_frames) {
        throw Error(h.file_name + ": " + shortest->group->file_name + " holds no samples");
      }
      warnings.push_back(h.file_name + ": " + shortest->group->file_name + " holds only " +
                         std::to_string(readable) + " of the " + std::to_string(frames) +
                         " samples per signal the header declares (cut short?); " +
                         (wanted_frames ? "the rest of this segment is read as missing"
                                        : "the record is read to there"));
      if (!wanted_frames) frames = readable;
    }
  } else {
    if (data.empty()) {
      throw Error(h.file_name + ": all signals are null (format 0) and the header gives no length");
    }
    frames = std::numeric_limits<std::uint64_t>::max();
    for (const GroupData& d : data) frames = std::min<std::uint64_t>(frames, d.frames_available);
    if (frames == 0)
      throw Error(h.file_name + ": " + data.front().group->file_name + " holds no samples");
    readable = frames;
  }
  if (data.empty()) {
    throw Error(h.file_name + ": all signals are null (format 0); there is no data to read");
  }
  check_limits(h, frames);

  std::vector<DecodedSignal> out;
  out.reserve(h.signals.size());
  for (std::size_t i = 0; i < h.signals.size(); ++i) {
    out.push_back(describe_signal(h, i));
    if (is_null_signal(h.signals[i]))
      out.back().samples.assign(frames * out.back().samples_per_frame, kNaN);
  }

  std::vector<std::int32_t> raw;
  const std::size_t n = static_cast<std::size_t>(readable);
  for (GroupData& d : data) {
    const std::vector<std::size_t>& signals = d.group->signals;
    if (n == 0) {
      // A segment whose file holds nothing: all of it missing (below), nothing to decode.
    } else if (d.format->flac) {  // one channel per signal, its samples of a frame consecutive
      for (std::size_t k = 0; k < signals.size(); ++k) {
        const std::size_t spf = h.signals[signals[k]].samples_per_frame;
        SignalConversion conversion(h, signals[k], *d.format, n, out[signals[k]]);
        conversion.take(d.flac_channels[k].data(), spf, n);
        if (!cut_short) conversion.check_sum(h, signals[k], warnings);
        std::vector<std::int32_t>().swap(d.flac_channels[k]);  // free as we go
      }
    } else {
      const std::size_t stride = d.group->samples_per_frame;
      std::vector<SignalConversion> conversions;
      conversions.reserve(signals.size());
      for (std::size_t index : signals)
        conversions.emplace_back(h, index, *d.format, n, out[index]);
      raw.resize(std::min(n, kFramesPerRun) * stride);
      for (std::size_t from = 0; from < n; from += kFramesPerRun) {
        const std::size_t frames_now = std::min(kFramesPerRun, n - from);
        d.format->unpack(d.bytes + d.format->bytes_for(from * stride), frames_now * stride,
                         raw.data());
        std::size_t offset = 0;
        for (std::size_t k = 0; k < signals.size(); ++k) {
          conversions[k].take(raw.data() + offset, stride, frames_now);
          offset += h.signals[signals[k]].samples_per_frame;
        }
      }
      if (!cut_short)
        for (std::size_t k = 0; k < signals.size(); ++k)
          conversions[k].check_sum(h, signals[k], warnings);
    }
    // A segment cut short: its missing end is invalid samples, to the length it declares.
    for (std::size_t index : signals)
      out[index].samples.resize(static_cast<std::size_t>(frames) * out[index].samples_per_frame, kNaN);
  }
  return out;
}

std::vector<Record> assemble_records(std::vector<DecodedSignal> signals, const Header& h,
                                     const ReadOptions& options,
                                     std::vector<std::string>& warnings) {
  // Other kinds of signal next to ECG (EEG, blood pressure, respiration: channel_kinds.h) are
  // left out; an ECG-labelled signal without units is read as mV.
  std::vector<ChannelSeen> seen;
  for (const DecodedSignal& s : signals) seen.push_back({s.name, s.mv_per_unit.has_value()});
  const KindChoice kinds = leave_out_other_kinds(seen, h.file_name, options);
  if (!kinds.warning.empty()) warnings.push_back(kinds.warning);
  std::vector<double> rates;
  std::vector<std::string> skipped_units;
  for (std::size_t i = 0; i < signals.size(); ++i) {
    DecodedSignal& s = signals[i];
    if (kinds.left_out[i]) {
      s.mv_per_unit.reset();  // not one of the records' leads
      continue;
    }
    if (!s.mv_per_unit && kinds.ecg_label[i] && text::trim(s.units).empty()) {
      warnings.push_back(h.file_name + ": signal " + std::to_string(i) + " '" + s.name +
                         "' has no units; read as mV, as its description says ECG");
      s.mv_per_unit = 1.0;  // decoded with a factor of 1 already
    }
    if (!s.mv_per_unit) {
      warnings.push_back(h.file_name + ": signal " + std::to_string(i) + " '" + s.name +
                         "' is in '" + text::to_utf8(s.units) + "', not a voltage; skipped");
      skipped_units.push_back(text::to_utf8(s.units));
      continue;
    }
    bool known = false;
    for (double r : rates) known = known || r == s.fs;
    if (!known) rates.push_back(s.fs);
  }
  if (rates.empty()) {
    std::string units;
    for (const std::string& u : skipped_units) units += (units.empty() ? "" : ", ") + u;
    throw Error(h.file_name + ": no signal is in volts (units: " + units +
                "); nothing to annotate");
  }
  if (rates.size() > 1) {
    warnings.push_back(h.file_name + ": signals have " + std::to_string(rates.size()) +
                       " different sampling rates; one record per rate");
  }
  std::vector<Record> records;
  for (double rate : rates) {
    Record r;
    r.name = h.record_name;
    if (rates.size() > 1) {
      std::ostringstream name;
      name << h.record_name << " (" << rate << " Hz)";
      r.name = name.str();
    }
    r.source = h.file_name;
    r.fs = rate;
    for (DecodedSignal& s : signals) {
      if (!s.mv_per_unit || s.fs != rate) continue;
      Lead lead;
      lead.name = std::move(s.name);
      lead.unit = "mV";
      lead.samples = std::move(s.samples);
      r.leads.push_back(std::move(lead));
    }
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace qrs::formats::wfdb
