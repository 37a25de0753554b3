// Flat stretches of a lead, found block by block against the record's median lead (see
// flat_parts.h).
#include "annotate/flat_parts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "annotate/missing_samples.h"
#include "annotate/silence.h"
#include "util/median.h"

namespace qrs::annotate {
namespace {

std::string three_digits(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

std::string tenths(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds);
  return text;
}

}  // namespace

std::vector<bool> silence_flat_parts(Annotation& result, const std::vector<signal::LeadSize>& sizes,
                                     double fs_model,
                                     const std::vector<std::vector<bool>>& with_samples,
                                     const PlaceInRecording& place) {
  const std::size_t lead_count = result.leads.size();
  const std::size_t n = result.length;
  // A lead silenced throughout already (no samples at all) has no say in the beats.
  std::vector<bool> usable(lead_count, true);
  for (std::size_t i = 0; i < lead_count; ++i) usable[i] = !silenced_throughout(result.leads[i], n);
  if (lead_count < 2 || sizes.size() != lead_count || sizes.front().ranges.empty()) return usable;
  const std::size_t blocks = sizes.front().ranges.size();
  // Only the blocks that hold samples say how large a lead is (missing_samples.h).
  const auto judged = [&](std::size_t i, std::size_t b) {
    return with_samples.size() != lead_count || with_samples[i].empty() || with_samples[i][b];
  };
  const auto typical_of = [&](std::size_t i) {
    std::vector<double> ranges;
    for (std::size_t b = 0; b < blocks; ++b)
      if (judged(i, b)) ranges.push_back(sizes[i].ranges[b]);
    return ranges.empty() ? 0.0 : lower_median(ranges);
  };
  // Two leads have no majority: the larger one is the reference, each at most its typical size,
  // so a burst of artefact in one lead (an electrode pop, many times its size) does not make the
  // other look flat (see flat_parts.h).
  std::vector<double> typical(lead_count);
  if (lead_count < kMinLeadsToCompare)
    for (std::size_t i = 0; i < lead_count; ++i) typical[i] = typical_of(i);
  std::vector<double> median(blocks, 0.0), medians;
  for (std::size_t b = 0; b < blocks; ++b) {
    std::vector<double> column;
    for (std::size_t i = 0; i < lead_count; ++i)
      if (judged(i, b)) column.push_back(sizes[i].ranges[b]);
    if (column.empty()) continue;
    if (lead_count >= kMinLeadsToCompare) {
      median[b] = lower_median(column);
    } else {
      for (std::size_t i = 0; i < lead_count; ++i)
        if (judged(i, b)) median[b] = std::max(median[b], std::min(sizes[i].ranges[b], typical[i]));
    }
    medians.push_back(median[b]);
  }
  const double to_input = result.fs / fs_model;
  for (std::size_t i = 0; i < lead_count; ++i) {
    // Consecutive flat blocks of this lead as spans of input samples.
    std::vector<SampleSpan> spans;
    for (std::size_t b = 0; b < blocks; ++b) {
      if (!judged(i, b) || !(sizes[i].ranges[b] < kFlatLeadRatio * median[b])) continue;
      const SampleSpan block = block_input_span(sizes[i], b, to_input, n);
      if (!spans.empty() && spans.back().end >= block.begin)
        spans.back().end = std::max(spans.back().end, block.end);
      else
        spans.push_back(block);
    }
    if (spans.empty()) continue;
    LeadAnnotation& lead = result.leads[i];
    silence_stretches(lead, spans);
    usable[i] = !silenced_throughout(lead, n);
    const std::vector<SampleSpan> told = place.owned(spans);
    if (told.empty()) continue;  // only in a part's context: the part beside tells of it
    const bool whole = told.size() == 1 && told.front().begin <= place.own.begin &&
                       told.front().end == std::min(place.own.end, n);
    const std::string size = "(typical peak-to-peak " + three_digits(typical_of(i)) +
                             " against " + three_digits(lower_median(medians)) +
                             " for the record's " +
                             (lead_count < kMinLeadsToCompare ? "other" : "median") + " lead)";
    result.warnings.push_back(
        result.record + ": lead '" + lead.name + "' is flat or holds only noise " +
        (whole ? size + ": no QRS marked in it"
               : describe_stretches(told, result.fs, tenths, place.first_sample) + " " + size +
                     ": no QRS marked there"));
  }
  return usable;
}

}  // namespace qrs::annotate
