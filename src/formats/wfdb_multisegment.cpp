// Multi-segment WFDB records: a master header lists segments (each a single-segment record of its
// own, or "~" for a gap). Fixed layout: every segment has the record's signals in the same order.
// Variable layout: the first segment has length 0 and is a "layout header" naming the record's
// signals; each segment holds some of them, matched by name, and the rest read as NaN, as do gaps.
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
    throw Error(master.file_name + ": needs segment header " + file +
                ", which was not dropped with it");
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
  for (const SignalSpec& s : h.signals) {
    if (s.samples_per_frame != 1) {
      throw Error(
          master.file_name + ": segment " + file +
          " has several samples per frame, which multi-segment records here do not support");
    }
  }
  return h;
}

}  // namespace

std::vector<Record> read_multi_segment(const Header& master,
                                       const std::vector<NamedBuffer>& companions,
                                       std::vector<std::string>& warnings) {
  const Limits& lim = limits();
  // Output signals: from the layout header (variable layout) or the first real segment (fixed).
  std::vector<DecodedSignal> out;
  std::size_t first = 0;
  bool variable_layout = false;
  if (!master.segments.empty() && master.segments.front().samples == 0 &&
      master.segments.front().name != "~") {
    const Header layout = parse_segment_header(master, master.segments.front().name, companions);
    for (std::size_t i = 0; i < layout.signals.size(); ++i) {
      const SignalSpec& s = layout.signals[i];
      DecodedSignal d;
      d.name = s.description.empty() ? "lead" + std::to_string(i) : text::to_utf8(s.description);
      d.units = s.units;
      d.mv_per_unit = text::millivolts_per_unit(s.units);
      d.fs = master.fs;
      out.push_back(std::move(d));
    }
    variable_layout = true;
    first = 1;
  }

  // Bound the total first: gaps cost memory without data behind them.
  std::uint64_t total = 0;
  std::uint64_t gap = 0;
  for (std::size_t i = first; i < master.segments.size(); ++i) {
    total += master.segments[i].samples;
    if (master.segments[i].name == "~") gap += master.segments[i].samples;
    if (total > lim.max_samples_per_lead) {
      throw Error(master.file_name + ": segments add up to more than the " +
                  std::to_string(lim.max_samples_per_lead) +
                  " samples per signal this reader accepts");
    }
  }
  const std::uint64_t nsig = std::max<std::uint64_t>(master.signal_count, 1);
  if (total * nsig > lim.max_total_samples) {
    throw Error(master.file_name + ": " + std::to_string(total * nsig) +
                " samples in all is more than this reader accepts");
  }
  // Gaps, and segments listed many times over, produce samples that no data stands behind; allow
  // generous room for real gaps (64 samples per byte dropped) but never an unbounded expansion.
  std::uint64_t dropped_bytes = 0;
  for (const NamedBuffer& c : companions) dropped_bytes += c.bytes.size();
  const std::uint64_t allowed = 64 * dropped_bytes + 10'000'000;
  if (total * nsig > allowed) {
    throw Error(master.file_name + ": the segments add up to " + std::to_string(total * nsig) +
                " samples, far more than the data dropped with it can hold (" +
                std::to_string(gap) + " of " + std::to_string(total) +
                " samples per signal are gaps); refusing to expand it");
  }

  std::size_t position = 0;
  for (std::size_t i = first; i < master.segments.size(); ++i) {
    const SegmentSpec& seg = master.segments[i];
    const std::size_t length = static_cast<std::size_t>(seg.samples);
    if (seg.name != "~" && length > 0) {
      const Header h = parse_segment_header(master, seg.name, companions);
      std::vector<DecodedSignal> part = decode_signals(h, companions, warnings, seg.samples);
      if (out.empty()) {  // fixed layout: the first segment names the signals
        for (const DecodedSignal& s : part) {
          DecodedSignal d;
          d.name = s.name;
          d.units = s.units;
          d.mv_per_unit = s.mv_per_unit;
          d.fs = master.fs;
          out.push_back(std::move(d));
        }
      }
      if (!variable_layout && part.size() != out.size()) {
        throw Error(master.file_name + ": segment " + seg.name + " has " +
                    std::to_string(part.size()) + " signals but the record " +
                    std::to_string(out.size()) +
                    " (a fixed-layout record needs the same signals in every segment)");
      }
      std::vector<bool> used(part.size(), false);
      for (std::size_t k = 0; k < out.size(); ++k) {
        std::vector<float>& dst = out[k].samples;
        dst.resize(total == 0 ? 0 : static_cast<std::size_t>(total), kNaN);
        std::size_t source = part.size();
        if (!variable_layout) {
          source = k;
        } else {
          for (std::size_t j = 0; j < part.size() && source == part.size(); ++j) {
            if (!used[j] && part[j].name == out[k].name) source = j;
          }
        }
        if (source == part.size()) continue;  // this segment lacks the signal: NaN
        used[source] = true;
        const std::vector<float>& src = part[source].samples;
        std::copy(src.begin(), src.begin() + static_cast<std::ptrdiff_t>(length),
                  dst.begin() + position);
      }
    }
    position += length;
  }
  if (out.empty())
    throw Error(master.file_name + ": every segment is a gap; there is no data to read");
  for (DecodedSignal& s : out) s.samples.resize(static_cast<std::size_t>(total), kNaN);
  return assemble_records(std::move(out), master, warnings);
}

}  // namespace qrs::formats::wfdb
