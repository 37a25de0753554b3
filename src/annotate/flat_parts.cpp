// Flat stretches of a lead, found block by block against the record's median lead (see
// flat_parts.h).
#include "annotate/flat_parts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "annotate/silence.h"
#include "util/median.h"

namespace qrs::annotate {
namespace {

std::string three_digits(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

// "from 20.0 s to 80.0 s, from ..." for at most three spans, then how many more.
std::string describe(const std::vector<SampleSpan>& spans, double fs) {
  std::string text;
  for (std::size_t k = 0; k < spans.size() && k < 3; ++k) {
    char part[64];
    std::snprintf(part, sizeof part, "%sfrom %.1f s to %.1f s", k ? ", " : "",
                  static_cast<double>(spans[k].begin) / fs, static_cast<double>(spans[k].end) / fs);
    text += part;
  }
  if (spans.size() > 3) text += " and " + std::to_string(spans.size() - 3) + " more stretches";
  return text;
}

}  // namespace

std::vector<bool> silence_flat_parts(Annotation& result, const std::vector<signal::LeadSize>& sizes,
                                     double fs_model) {
  const std::size_t lead_count = result.leads.size();
  std::vector<bool> usable(lead_count, true);
  if (lead_count < 2 || sizes.size() != lead_count || sizes.front().ranges.empty()) return usable;
  const std::size_t blocks = sizes.front().ranges.size();
  const std::size_t block_samples = sizes.front().block_samples;
  // Two leads have no majority: the larger one is the reference, each at most its typical size,
  // so a burst of artefact in one lead (an electrode pop, many times its size) does not make the
  // other look flat (see flat_parts.h).
  std::vector<double> typical(lead_count);
  if (lead_count < kMinLeadsToCompare)
    for (std::size_t i = 0; i < lead_count; ++i) typical[i] = lower_median(sizes[i].ranges);
  std::vector<double> median(blocks);
  for (std::size_t b = 0; b < blocks; ++b) {
    std::vector<double> column(lead_count);
    for (std::size_t i = 0; i < lead_count; ++i) column[i] = sizes[i].ranges[b];
    if (lead_count >= kMinLeadsToCompare) {
      median[b] = lower_median(column);
      continue;
    }
    median[b] = 0;
    for (std::size_t i = 0; i < lead_count; ++i)
      median[b] = std::max(median[b], std::min(column[i], typical[i]));
  }
  const double to_input = result.fs / fs_model;
  const std::size_t n = result.length;
  for (std::size_t i = 0; i < lead_count; ++i) {
    // Consecutive flat blocks of this lead as spans of input samples.
    std::vector<SampleSpan> spans;
    for (std::size_t b = 0; b < blocks; ++b) {
      if (!(sizes[i].ranges[b] < kFlatLeadRatio * median[b])) continue;
      const auto begin =
          static_cast<std::size_t>(std::floor(static_cast<double>(b * block_samples) * to_input));
      const auto end = std::min(n, static_cast<std::size_t>(std::ceil(
                                       static_cast<double>(sizes[i].block_end(b)) * to_input)));
      if (!spans.empty() && spans.back().end >= begin)
        spans.back().end = std::max(spans.back().end, end);
      else
        spans.push_back({begin, end});
    }
    if (spans.empty()) continue;
    const bool whole = spans.size() == 1 && spans.front().begin == 0 && spans.front().end == n;
    LeadAnnotation& lead = result.leads[i];
    for (const SampleSpan& s : spans) silence_stretch(lead, s.begin, s.end);
    usable[i] = !whole;
    const std::string size = "(typical peak-to-peak " +
                             three_digits(lower_median(sizes[i].ranges)) + " against " +
                             three_digits(lower_median(median)) + " for the record's " +
                             (lead_count < kMinLeadsToCompare ? "other" : "median") + " lead)";
    result.warnings.push_back(
        result.record + ": lead '" + lead.name + "' is flat or holds only noise " +
        (whole ? size + ": no QRS marked in it"
               : describe(spans, result.fs) + " " + size + ": no QRS marked there"));
  }
  return usable;
}

}  // namespace qrs::annotate
