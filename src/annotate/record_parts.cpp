// Long records read part by part (see record_parts.h).
#include "annotate/record_parts.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "annotate/beat_overlap.h"
#include "annotate/stretch_reading.h"

namespace qrs::annotate {
namespace {

// `spans` (in time order) with those that touch or overlap joined.
void join_touching(std::vector<SampleSpan>& spans) {
  std::vector<SampleSpan> joined;
  for (const SampleSpan& s : spans) {
    if (!joined.empty() && s.begin <= joined.back().end)
      joined.back().end = std::max(joined.back().end, s.end);
    else
      joined.push_back(s);
  }
  spans = std::move(joined);
}

}  // namespace

std::size_t part_length(std::size_t part_samples, std::size_t leads, std::size_t step,
                        std::size_t context) {
  step = std::max<std::size_t>(step, 1);
  const std::size_t per_lead = part_samples / std::max<std::size_t>(leads, 1) / step * step;
  return std::max({per_lead, step, context});
}

std::vector<RecordPart> record_parts(std::size_t length, std::size_t part_length,
                                     std::size_t context) {
  const std::size_t count = part_length > 0 ? length / part_length : 0;
  if (count < 2) return {{{0, length}, {0, length}}};
  std::vector<RecordPart> parts;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t begin = k * part_length;
    const std::size_t end = k + 1 == count ? length : begin + part_length;
    parts.push_back({{begin, end}, {begin > context ? begin - context : 0,
                                    std::min(length, end + context)}});
  }
  return parts;
}

std::size_t meeting_point(const Annotation& earlier, std::size_t earlier_from,
                          const Annotation& later, std::size_t later_from, std::size_t edge,
                          std::size_t reach) {
  const double everything = std::numeric_limits<double>::infinity();
  double before = -everything, after = everything;
  // Each reading's beats in its own samples, the gap moved back onto the record's.
  const auto narrow = [&](const Annotation& reading, std::size_t from) {
    const auto shift = static_cast<double>(from);
    double gap_before = -everything, gap_after = everything;
    narrow_to_gap(reading.beats, static_cast<double>(edge) - shift, gap_before, gap_after);
    before = std::max(before, gap_before + shift);
    after = std::min(after, gap_after + shift);
  };
  narrow(earlier, earlier_from);
  narrow(later, later_from);
  const auto lowest = static_cast<double>(edge > reach ? edge - reach : 0);
  const auto highest = static_cast<double>(edge + reach);
  const double middle = std::isfinite(before) && std::isfinite(after) && before < after
                            ? std::round(0.5 * (before + after))
                            : static_cast<double>(edge);
  return static_cast<std::size_t>(std::clamp(middle, lowest, highest));
}

void add_part(Annotation& into, const Annotation& reading, std::size_t reading_from,
              std::size_t begin, std::size_t end) {
  const Annotation piece = slice_reading(reading, begin - reading_from, end - reading_from);
  place_reading(into, piece, begin);
  for (LeadAnnotation& lead : into.leads) join_touching(lead.silenced);
  for (const SampleSpan& s : piece.noise_reader_spans)
    into.noise_reader_spans.push_back({s.begin + begin, s.end + begin});
  join_touching(into.noise_reader_spans);
  into.warnings.insert(into.warnings.end(), reading.warnings.begin(), reading.warnings.end());
  into.leads_disagreeing = std::max(into.leads_disagreeing, reading.leads_disagreeing);
}

}  // namespace qrs::annotate
