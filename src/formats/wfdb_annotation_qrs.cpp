#include "formats/wfdb_annotation_qrs.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace qrs::formats::wfdb {
namespace {

constexpr int kNormal = 1;   // 'N'
constexpr int kOnset = 39;   // '('
constexpr int kOffset = 40;  // ')'

// The sample in (onset, offset) farthest from the chord between the trace's values at the two
// ends, over every given trace; the middle when the complex is too short to have an inside.
std::int64_t peak_sample(std::int64_t onset, std::int64_t offset,
                         const std::vector<const std::vector<float>*>& traces) {
  std::int64_t best = (onset + offset) / 2;
  double best_distance = -1;
  for (const std::vector<float>* trace : traces) {
    if (!trace || trace->empty()) continue;
    const auto n = static_cast<std::int64_t>(trace->size());
    const std::int64_t a = std::clamp<std::int64_t>(onset, 0, n - 1);
    const std::int64_t b = std::clamp<std::int64_t>(offset, 0, n - 1);
    if (b - a < 2 || !std::isfinite((*trace)[a]) || !std::isfinite((*trace)[b])) continue;
    for (std::int64_t i = a + 1; i < b; ++i) {
      const float v = (*trace)[i];
      if (!std::isfinite(v)) continue;
      const double chord =
          (*trace)[a] + ((*trace)[b] - (*trace)[a]) * double(i - a) / double(b - a);
      const double distance = std::abs(v - chord);
      if (distance > best_distance) {
        best_distance = distance;
        best = i;
      }
    }
  }
  return best;
}

std::string extension_for(const std::string& lead, std::size_t index) {
  std::string out;
  for (char c : lead) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? char(std::tolower(u)) : '_';
  }
  return out.empty() ? "lead" + std::to_string(index) : out;
}

// WFDB record names hold letters, digits, '_' and '-': "x.npy[3]" -> "x_npy_3_".
std::string record_name_for(const std::string& record) {
  std::string out;
  for (char c : record) {
    const auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) || c == '_' || c == '-' ? c : '_';
  }
  return out.empty() ? "record" : out;
}

NamedBuffer file_of(const std::string& name, const std::vector<AnnotationMark>& marks) {
  return {name, write_annotations(marks)};
}

}  // namespace

std::vector<AnnotationMark> qrs_annotations(const std::vector<QrsMark>& qrs,
                                            const std::vector<const std::vector<float>*>& traces,
                                            int chan) {
  std::vector<AnnotationMark> marks;
  marks.reserve(qrs.size() * 3);
  for (const QrsMark& q : qrs) {
    const auto onset = static_cast<std::int64_t>(std::llround(q.onset));
    const auto offset = static_cast<std::int64_t>(std::llround(q.offset));
    const std::string source = q.edited ? "edited" : "model";
    const std::int64_t peak = peak_sample(onset, offset, traces);
    for (auto [sample, code] : {std::pair{onset, kOnset}, {peak, kNormal}, {offset, kOffset}})
      marks.push_back({sample, code, 0, chan, 0, source});
  }
  return marks;
}

std::vector<NamedBuffer> qrs_annotation_files(const std::string& record,
                                              const std::vector<LeadQrsMarks>& leads,
                                              const std::vector<QrsMark>& beats) {
  std::vector<NamedBuffer> files;
  const std::string stem = record_name_for(record);
  std::set<std::string> taken = {"qrs"};
  std::vector<const std::vector<float>*> every_trace;
  for (std::size_t i = 0; i < leads.size(); ++i) {
    std::string extension = extension_for(leads[i].name, i);
    for (int k = 2; taken.count(extension); ++k)
      extension = extension_for(leads[i].name, i) + std::to_string(k);
    taken.insert(extension);
    files.push_back(
        file_of(stem + "." + extension, qrs_annotations(leads[i].qrs, {leads[i].samples})));
    every_trace.push_back(leads[i].samples);
  }
  files.push_back(file_of(stem + ".qrs", qrs_annotations(beats, every_trace)));
  return files;
}

}  // namespace qrs::formats::wfdb
