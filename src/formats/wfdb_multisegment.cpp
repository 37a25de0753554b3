// Multi-segment WFDB records: a master header lists segments (each a single-segment record of its
// own, or "~" for a gap). Segment lengths count frames at the master's frame rate; a signal with
// n samples per frame holds n samples per frame in every segment, so it runs at n times that rate.
// Fixed layout: every segment has the record's signals in the same order, each with the same
// samples per frame as in the first segment. Variable layout: the first segment has length 0 and
// is a "layout header" naming the record's signals and their samples per frame; each segment
// holds some of them, matched by name, and the rest read as NaN, as do gaps. As WFDB's sigmap
// does, a segment signal whose samples per frame differ from the layout's fills the first
// min(layout, segment) samples of each frame, with a warning. Signals at different rates become
// one Record per rate (assemble_records).
#include <algorithm>
#include <limits>

#include "formats/readers.h"
#include "formats/wfdb_decode.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats::wfdb {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Header parse_segment_header(const Header& master, const std::string& segment,
                            const std::vector<NamedBuffer>& companions) {
  const std::string file = segment + ".hea";
  const NamedBuffer* buffer = find_companion(companions, file);
  if (!buffer) {
    throw Error(master.file_name + ": needs segment header " + file + kMissingCompanion);
  }
  Header h = parse_header(
      std::string_view(reinterpret_cast<const char*>(buffer->bytes.data()), buffer->bytes.size()),
      buffer->name);
  if (h.multi_segment) {
    throw Error(master.file_name + ": segment " + file + " is itself a multi-segment record");
  }
  if (h.fs != master.fs) {
    throw Error(master.file_name + ": segment " + file + " is sampled at " + std::to_string(h.fs) +
                " Hz but the record at " + std::to_string(master.fs) + " Hz");
  }
  return h;
}

bool is_gap(const SegmentSpec& segment) {
  return segment.name == "~";
}

// The record's signals (no samples yet): the layout header's, or the first real segment's.
struct Layout {
  std::vector<DecodedSignal> signals;
  bool variable = false;
  std::size_t first_segment = 0;  // index of the first segment that carries samples
};

Layout read_layout(const Header& master, const std::vector<NamedBuffer>& companions) {
  Layout layout;
  const auto& segments = master.segments;
  const bool has_layout_header =
      !segments.empty() && segments.front().samples == 0 && !is_gap(segments.front());
  std::size_t described_by = segments.size();
  if (has_layout_header) {
    layout.variable = true;
    layout.first_segment = 1;
    described_by = 0;
  } else {
    for (std::size_t i = 0; i < segments.size() && described_by == segments.size(); ++i)
      if (!is_gap(segments[i]) && segments[i].samples > 0) described_by = i;
  }
  if (described_by == segments.size())
    throw Error(master.file_name + ": every segment is a gap; there is no data to read");
  const Header h = parse_segment_header(master, segments[described_by].name, companions);
  for (std::size_t i = 0; i < h.signals.size(); ++i) {
    DecodedSignal d = describe_signal(h, i);
    d.fs = master.fs * static_cast<double>(d.samples_per_frame);
    layout.signals.push_back(std::move(d));
  }
  return layout;
}

// Refuses records whose samples could not fit: gaps cost memory without data behind them.
// `samples_per_frame` is the sum over the record's signals.
void check_size(const Header& master, std::uint64_t frames, std::uint64_t gap_frames,
                std::uint64_t samples_per_frame, const std::vector<NamedBuffer>& companions) {
  const std::uint64_t total = frames * samples_per_frame;
  if (total > limits().max_total_samples) {
    throw Error(master.file_name + ": " + std::to_string(total) + " samples in all is more than " +
                accepted_samples(limits().max_total_samples));
  }
  // Gaps, and segments listed many times over, produce samples that no data stands behind; allow
  // generous room for real gaps (64 samples per byte dropped) but never an unbounded expansion.
  std::uint64_t dropped_bytes = 0;
  for (const NamedBuffer& c : companions) dropped_bytes += c.bytes.size();
  const std::uint64_t allowed = 64 * dropped_bytes + 10'000'000;
  if (total > allowed) {
    throw Error(master.file_name + ": the segments add up to " + std::to_string(total) +
                " samples, far more than the data given with it can hold (" +
                std::to_string(gap_frames) + " of " + std::to_string(frames) +
                " frames are gaps); refusing to expand it");
  }
}

void check_signal_lengths(const Header& master, const Layout& layout, std::uint64_t frames) {
  for (const DecodedSignal& s : layout.signals) {
    if (frames * s.samples_per_frame > limits().max_samples_per_lead) {
      throw Error(master.file_name + ": segments add up to " +
                  std::to_string(frames * s.samples_per_frame) + " samples of signal '" + s.name +
                  "', more than " + accepted_samples(limits().max_samples_per_lead));
    }
  }
}

// Which of the segment's signals feeds record signal `k`: the same position in a fixed layout
// (checked to have the same samples per frame), the first unused one of the same name in a
// variable layout. part.size() when the segment lacks it.
std::size_t source_signal(const Header& master, const Layout& layout, const SegmentSpec& segment,
                          const std::vector<DecodedSignal>& part, std::vector<bool>& used,
                          std::size_t k, std::vector<std::string>& warnings) {
  const DecodedSignal& target = layout.signals[k];
  if (!layout.variable) {
    if (part[k].samples_per_frame != target.samples_per_frame) {
      throw Error(master.file_name + ": segment " + segment.name + ": signal " + std::to_string(k) +
                  " '" + part[k].name + "' has " + std::to_string(part[k].samples_per_frame) +
                  " samples per frame but the record " + std::to_string(target.samples_per_frame) +
                  " (a fixed-layout record keeps each signal's layout in every segment)");
    }
    return k;
  }
  for (std::size_t j = 0; j < part.size(); ++j) {
    if (used[j] || part[j].name != target.name) continue;
    used[j] = true;
    if (part[j].samples_per_frame != target.samples_per_frame) {
      warnings.push_back(master.file_name + ": segment " + segment.name + ": signal '" +
                         part[j].name + "' has " + std::to_string(part[j].samples_per_frame) +
                         " samples per frame but the layout header " +
                         std::to_string(target.samples_per_frame) +
                         "; read as WFDB does (the first samples of each frame, the rest "
                         "invalid)");
    }
    return j;
  }
  return part.size();
}

// Copies `frames` frames of a segment signal into the record signal from frame `position` on.
void place(const DecodedSignal& from, std::size_t frames, std::size_t position, DecodedSignal& to) {
  const std::size_t in_spf = from.samples_per_frame, out_spf = to.samples_per_frame;
  if (in_spf == out_spf) {
    std::copy(from.samples.begin(), from.samples.begin() + std::ptrdiff_t(frames * in_spf),
              to.samples.begin() + std::ptrdiff_t(position * out_spf));
    return;
  }
  const std::size_t shared = std::min(in_spf, out_spf);
  for (std::size_t f = 0; f < frames; ++f) {
    std::copy_n(from.samples.begin() + std::ptrdiff_t(f * in_spf), shared,
                to.samples.begin() + std::ptrdiff_t((position + f) * out_spf));
  }
}

}  // namespace

std::vector<Record> read_multi_segment(const Header& master,
                                       const std::vector<NamedBuffer>& companions,
                                       const ReadOptions& options,
                                       std::vector<std::string>& warnings) {
  // A layout header has length 0, so summing every segment counts the frames either way.
  std::uint64_t frames = 0, gap_frames = 0;
  for (const SegmentSpec& segment : master.segments) {
    frames += segment.samples;
    if (is_gap(segment)) gap_frames += segment.samples;
    if (frames > limits().max_samples_per_lead) {
      throw Error(master.file_name + ": segments add up to more samples per signal than " +
                  accepted_samples(limits().max_samples_per_lead));
    }
  }
  // The segments' lengths decide, as in WFDB; a record line that declares another length (a
  // segment count one short of the segment lines, a segment line lost) is said, not passed over.
  if (master.samples && *master.samples != frames) {
    std::string after;
    if (!master.lines_after.empty()) {
      after = " (the header has " + std::to_string(master.lines_after.size()) + " more line" +
              (master.lines_after.size() == 1 ? "" : "s") + " after them, not read: '" +
              text::to_utf8(master.lines_after.front()) + "'" +
              (master.lines_after.size() > 1 ? ", ..." : "") + "; is the segment count " +
              std::to_string(master.segments.size()) + " too small?)";
    }
    warnings.push_back(master.file_name + ": the record line declares " +
                       std::to_string(*master.samples) + " samples per signal but its " +
                       std::to_string(master.segments.size()) + " segments add up to " +
                       std::to_string(frames) + after + "; read as the segments give");
  }
  // Before any segment is read, with one sample per frame per declared signal; then exactly.
  check_size(master, frames, gap_frames, std::max<std::uint64_t>(master.signal_count, 1),
             companions);
  Layout layout = read_layout(master, companions);
  check_signal_lengths(master, layout, frames);
  std::uint64_t samples_per_frame = 0;
  for (const DecodedSignal& s : layout.signals) samples_per_frame += s.samples_per_frame;
  check_size(master, frames, gap_frames, samples_per_frame, companions);
  for (DecodedSignal& s : layout.signals)
    s.samples.assign(static_cast<std::size_t>(frames) * s.samples_per_frame, kNaN);

  std::size_t position = 0;  // in frames
  for (std::size_t i = layout.first_segment; i < master.segments.size(); ++i) {
    const SegmentSpec& seg = master.segments[i];
    const std::size_t length = static_cast<std::size_t>(seg.samples);
    if (!is_gap(seg) && length > 0) {
      const Header h = parse_segment_header(master, seg.name, companions);
      const std::vector<DecodedSignal> part = decode_signals(h, companions, warnings, seg.samples);
      if (!layout.variable && part.size() != layout.signals.size()) {
        throw Error(master.file_name + ": segment " + seg.name + " has " +
                    std::to_string(part.size()) + " signals but the record " +
                    std::to_string(layout.signals.size()) +
                    " (a fixed-layout record needs the same signals in every segment)");
      }
      std::vector<bool> used(part.size(), false);
      for (std::size_t k = 0; k < layout.signals.size(); ++k) {
        const std::size_t source = source_signal(master, layout, seg, part, used, k, warnings);
        if (source < part.size()) place(part[source], length, position, layout.signals[k]);
      }
    }
    position += length;
  }
  return assemble_records(std::move(layout.signals), master, options, warnings);
}

}  // namespace qrs::formats::wfdb
