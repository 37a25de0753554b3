// Stretches of a lead without samples (see missing_samples.h).
#include "annotate/missing_samples.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>

#include "annotate/silence.h"

namespace qrs::annotate {
namespace {

// Seconds to the millisecond, without the zeros after the first decimal: 10.0, 2.5, 5.102. A gap
// of two samples is named where it is, not rounded away.
std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  std::string s = text;
  while (s.size() > 2 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

std::size_t total(const std::vector<SampleSpan>& spans) {
  std::size_t sum = 0;
  for (const SampleSpan& s : spans) sum += s.end - s.begin;
  return sum;
}

}  // namespace

std::vector<SampleSpan> missing_stretches(const float* samples, std::size_t n) {
  std::vector<SampleSpan> out;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(samples[i])) continue;
    if (!out.empty() && out.back().end == i)
      out.back().end = i + 1;
    else
      out.push_back({i, i + 1});
  }
  return out;
}

SampleSpan block_input_span(const signal::LeadSize& size, std::size_t b, double to_input,
                            std::size_t n) {
  const auto begin =
      static_cast<std::size_t>(std::floor(static_cast<double>(b * size.block_samples) * to_input));
  const auto end =
      static_cast<std::size_t>(std::ceil(static_cast<double>(size.block_end(b)) * to_input));
  return {std::min(begin, n), std::min(end, n)};
}

std::vector<bool> blocks_with_samples(const std::vector<SampleSpan>& missing,
                                      const signal::LeadSize& size, double to_input,
                                      std::size_t n) {
  std::vector<bool> out(size.ranges.size(), true);
  std::size_t first = 0;  // the first missing stretch that may reach into block b or later
  for (std::size_t b = 0; b < out.size() && first < missing.size(); ++b) {
    const SampleSpan block = block_input_span(size, b, to_input, n);
    while (first < missing.size() && missing[first].end <= block.begin) ++first;
    std::size_t absent = 0;
    for (std::size_t k = first; k < missing.size() && missing[k].begin < block.end; ++k)
      absent += std::min(block.end, missing[k].end) - std::max(block.begin, missing[k].begin);
    out[b] = 2 * absent < block.end - block.begin;
  }
  return out;
}

void silence_and_tell(Annotation& result, const std::vector<std::vector<SampleSpan>>& missing,
                      const PlaceInRecording& place, const StretchWords& words) {
  // Leads missing the same stretches (a segment without several leads) share one warning.
  std::map<std::vector<std::pair<std::size_t, std::size_t>>, std::vector<std::size_t>> groups;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> order;
  std::vector<std::vector<SampleSpan>> told(missing.size());
  for (std::size_t i = 0; i < result.leads.size() && i < missing.size(); ++i) {
    if (missing[i].empty()) continue;
    silence_stretches(result.leads[i], missing[i]);
    told[i] = place.owned(missing[i]);
    if (told[i].empty()) continue;  // only in the context: the part beside tells of it
    std::vector<std::pair<std::size_t, std::size_t>> key;
    for (const SampleSpan& s : told[i]) key.emplace_back(s.begin, s.end);
    if (groups.find(key) == groups.end()) order.push_back(key);
    groups[key].push_back(i);
  }
  const double fs = result.fs;
  const std::size_t length = place.owned_length(result.length);
  for (const auto& key : order) {
    const std::vector<std::size_t>& leads = groups[key];
    const std::vector<SampleSpan>& spans = told[leads.front()];
    std::string names;
    for (std::size_t i : leads) names += (names.empty() ? "'" : ", '") + result.leads[i].name + "'";
    const std::string who = result.record + ": " + (leads.size() > 1 ? "leads " : "lead ") + names;
    const std::size_t absent = total(spans);
    if (absent == length) {
      result.warnings.push_back(who + (leads.size() > 1 ? " have " : " has ") + words.every +
                                ": no QRS marked in " + (leads.size() > 1 ? "them" : "it"));
      continue;
    }
    result.warnings.push_back(
        who + ": " + seconds_text(static_cast<double>(absent) / fs) + " s of " +
        seconds_text(static_cast<double>(length) / fs) + " s " + words.stretch + " " +
        describe_stretches(spans, fs, seconds_text, place.first_sample) + "; no QRS marked there");
  }
}

void silence_missing(Annotation& result, const std::vector<std::vector<SampleSpan>>& missing,
                     const PlaceInRecording& place) {
  silence_and_tell(result, missing, place,
                   {"missing (no samples)", "no samples (every sample is missing)"});
}

std::vector<SampleSpan> both_stretches(const std::vector<SampleSpan>& a,
                                       const std::vector<SampleSpan>& b) {
  std::vector<SampleSpan> out;
  out.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out),
             [](const SampleSpan& x, const SampleSpan& y) { return x.begin < y.begin; });
  return out;
}

}  // namespace qrs::annotate
