#include "formats/edf_discontinuous.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats::edf {
namespace {

constexpr char kTalEnd = 0x14;        // ends an onset (and each annotation)
constexpr char kDurationMark = 0x15;  // starts an optional duration after the onset

// The onset of the TAL at the start of an annotation signal's bytes: '+' or '-', digits with an
// optional fraction, then 0x14 or a duration. nullopt when the bytes do not start that way.
std::optional<double> leading_onset(std::string_view tal) {
  if (tal.empty() || (tal.front() != '+' && tal.front() != '-')) return std::nullopt;
  std::size_t end = 1;
  while (end < tal.size() && tal[end] != kTalEnd && tal[end] != kDurationMark) ++end;
  if (end == tal.size() || end == 1) return std::nullopt;
  return text::parse_double(tal.substr(0, end));
}

// Byte offset of signal `s` inside a data record.
std::size_t offset_in_record(const Header& h, std::size_t s) {
  std::size_t offset = 0;
  for (std::size_t i = 0; i < s; ++i) offset += h.signals[i].samples_per_record;
  return offset * h.bytes_per_sample();
}

std::string duration_text(double seconds) {
  if (seconds >= 60) return offset_text(seconds).substr(1);
  char text[32];
  std::snprintf(text, sizeof text, "%.6g s", std::round(seconds * 1000) / 1000);  // as times
  return text;
}

std::string gap_text(const Stretch& before, const Stretch& after) {
  return duration_text(after.start_seconds - before.end_seconds) + " from " +
         offset_text(before.end_seconds) + " to " + offset_text(after.start_seconds);
}

}  // namespace

std::vector<Stretch> continuous_stretches(const Header& h, const std::uint8_t* bytes,
                                          std::size_t records, double fs) {
  std::size_t annotations = h.signals.size();
  for (std::size_t s = h.signals.size(); s-- > 0;)
    if (h.signals[s].is_annotation) annotations = s;  // the first one keeps the time
  if (annotations == h.signals.size()) {
    throw Error(h.file_name +
                ": discontinuous EDF+ (EDF+D) without an annotation signal: the data records' "
                "start times are missing");
  }
  const std::size_t offset = offset_in_record(h, annotations);
  const std::size_t size = h.signals[annotations].samples_per_record * h.bytes_per_sample();
  const double tolerance = 0.5 / fs;
  std::vector<Stretch> stretches;
  for (std::size_t r = 0; r < records; ++r) {
    const char* tal =
        reinterpret_cast<const char*>(bytes + h.header_bytes + r * h.record_bytes() + offset);
    const std::optional<double> start = leading_onset(std::string_view(tal, size));
    if (!start) {
      throw Error(h.file_name + ": data record " + std::to_string(r + 1) + " of " +
                  std::to_string(records) +
                  ": its annotation signal does not start with the record's start time (a TAL "
                  "'+<seconds>' 0x14 0x14), which discontinuous EDF+ (EDF+D) needs in every "
                  "data record");
    }
    if (!stretches.empty()) {
      Stretch& last = stretches.back();
      const double late = *start - last.end_seconds;
      if (late < -tolerance) {
        throw Error(h.file_name + ": data record " + std::to_string(r + 1) + " starts at " +
                    offset_text(*start) + ", before the previous one ends (" +
                    offset_text(last.end_seconds) +
                    "); EDF+D data records must follow each other in time");
      }
      if (late <= tolerance) {
        ++last.record_count;
        last.end_seconds = *start + h.record_duration;
        continue;
      }
    }
    stretches.push_back({r, 1, *start, *start + h.record_duration});
  }
  return stretches;
}

std::string offset_text(double seconds) {
  const char* sign = seconds < 0 ? "-" : "+";
  const double rounded = std::round(std::fabs(seconds) * 1000) / 1000;  // to the millisecond
  const auto whole = static_cast<long long>(rounded);
  const int millis = static_cast<int>(std::lround((rounded - static_cast<double>(whole)) * 1000));
  char text[64];
  std::snprintf(text, sizeof text, "%s%lld:%02lld:%02lld", sign, whole / 3600, whole / 60 % 60,
                whole % 60);
  std::string out = text;
  if (millis != 0) {
    std::snprintf(text, sizeof text, ".%03d", millis);
    out += text;
    while (out.back() == '0') out.pop_back();
  }
  return out;
}

std::string gaps_warning(const Header& h, const std::vector<Stretch>& stretches) {
  const std::size_t gaps = stretches.size() - 1;
  std::string text = "discontinuous EDF+ (EDF+D): " + std::to_string(gaps) +
                     (gaps == 1 ? " gap splits" : " gaps split") + " it into " +
                     std::to_string(stretches.size()) +
                     " stretches, each read and annotated as its own record (times after the "
                     "start, " +
                     h.start_date + " " + h.start_time + "): ";
  for (std::size_t i = 1; i < stretches.size(); ++i) {
    if (i > 1) text += "; ";
    text += "gap of " + gap_text(stretches[i - 1], stretches[i]);
  }
  return h.file_name + ": " + text;
}

std::string stretch_warning(const Header& h, const std::vector<Stretch>& stretches,
                            std::size_t index) {
  const Stretch& s = stretches[index];
  std::string text = h.file_name + ": stretch " + std::to_string(index + 1) + " of " +
                     std::to_string(stretches.size()) + " of a discontinuous EDF+ file, " +
                     offset_text(s.start_seconds) + " to " + offset_text(s.end_seconds);
  if (index > 0) text += "; after a gap of " + gap_text(stretches[index - 1], s);
  if (index + 1 < stretches.size())
    text += "; before a gap of " + gap_text(s, stretches[index + 1]);
  return text;
}

}  // namespace qrs::formats::edf
