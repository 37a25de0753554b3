#pragma once
// Taking a stretch of a lead out of the annotation: what the flat-stretch and stray-lead checks
// (flat_parts.h, stray_leads.h) do where a lead holds no ECG.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Judging a lead against the record's others (stray leads; flat stretches by the median lead)
// needs a majority for the others to stand for: three leads or more. With fewer, a lead is judged
// on its own (complex_likeness.h), and a flat stretch against the larger lead (flat_parts.h).
constexpr std::size_t kMinLeadsToCompare = 3;

// Drops the lead's complexes whose onset lies in any of `spans` (input samples [begin, end), in
// time order, disjoint, end <= the curves' length), zeroes both probability curves there and adds
// the spans to lead.silenced, merged with any stretch there already that they overlap or touch.
// One pass for all of them: a lead may miss thousands of scattered samples.
inline void silence_stretches(LeadAnnotation& lead, const std::vector<SampleSpan>& spans) {
  if (spans.empty()) return;
  const auto by_begin = [](const SampleSpan& a, const SampleSpan& b) { return a.begin < b.begin; };
  std::vector<SampleSpan> all = lead.silenced;
  all.insert(all.end(), spans.begin(), spans.end());
  std::sort(all.begin(), all.end(), by_begin);
  std::vector<SampleSpan> merged;
  for (const SampleSpan& s : all) {
    if (!merged.empty() && s.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, s.end);
    else
      merged.push_back(s);
  }
  lead.silenced = std::move(merged);
  const auto inside = [&](const QrsEvent& q) {
    // The last span starting at or before the onset is the only one that can hold it.
    auto after = std::upper_bound(spans.begin(), spans.end(), q.onset,
                                  [](double onset, const SampleSpan& s) {
                                    return onset < static_cast<double>(s.begin);
                                  });
    return after != spans.begin() && q.onset < static_cast<double>(std::prev(after)->end);
  };
  lead.qrs.erase(std::remove_if(lead.qrs.begin(), lead.qrs.end(), inside), lead.qrs.end());
  for (std::vector<float>* curve : {&lead.onset_prob, &lead.offset_prob})
    for (const SampleSpan& s : spans)
      std::fill(curve->begin() + static_cast<std::ptrdiff_t>(s.begin),
                curve->begin() + static_cast<std::ptrdiff_t>(s.end), 0.0f);
}

// One stretch (see silence_stretches).
inline void silence_stretch(LeadAnnotation& lead, std::size_t begin, std::size_t end) {
  silence_stretches(lead, {SampleSpan{begin, end}});
}

// Where a lead has a say in the record's beats: wherever it is usable and not silenced, that is
// wherever it holds samples that look like ECG. A lead in a silenced stretch (samples without a
// value, a flat or loose electrode, a lead of noise) neither votes for a beat nor
// against one: the beats there are found by the leads that record there (events.h find_beats,
// which also leaves a lead out within a QRS's length of such a stretch, where a complex running
// into it is not whole), a complex there is judged lone by them (lone_complexes.h), and the
// leads' agreement is counted over them (lead_agreement.h). So a stretch where only some leads
// record reads, in those leads, as the record of those leads alone would.
//
// Whether (onset, offset) overlaps one of the lead's silenced stretches, by binary search (a lead
// missing samples here and there has thousands): the last stretch starting before offset does if
// any does, the stretches being in time order and disjoint.
inline bool overlaps_silenced(const LeadAnnotation& lead, double onset, double offset) {
  const auto after = std::lower_bound(
      lead.silenced.begin(), lead.silenced.end(), offset,
      [](const SampleSpan& s, double t) { return static_cast<double>(s.begin) < t; });
  return after != lead.silenced.begin() && static_cast<double>(std::prev(after)->end) > onset;
}

// Whether the lead is silenced over all of its n samples (it has no say in the beats).
inline bool silenced_throughout(const LeadAnnotation& lead, std::size_t n) {
  return lead.silenced.size() == 1 && lead.silenced.front().begin == 0 &&
         lead.silenced.front().end >= n;
}

// Where a reading lies in the recording its warnings speak of: its sample 0 is the recording's
// sample `first_sample`, and its warnings tell of its samples `own` only. A part of a long record
// (record_parts.h) is read with context either side, which the parts beside it own: a stretch
// there is silenced in the part's reading but told of once, by the part that owns it, in the
// recording's times. A whole record: from 0, all of it.
struct PlaceInRecording {
  std::size_t first_sample = 0;
  SampleSpan own{0, std::numeric_limits<std::size_t>::max()};

  // `spans` (in the reading's samples) cut to `own`; those outside it go.
  std::vector<SampleSpan> owned(const std::vector<SampleSpan>& spans) const {
    std::vector<SampleSpan> out;
    for (const SampleSpan& s : spans)
      if (s.end > own.begin && s.begin < own.end)
        out.push_back({std::max(s.begin, own.begin), std::min(s.end, own.end)});
    return out;
  }
  // The samples `own` holds of a reading of n.
  std::size_t owned_length(std::size_t n) const {
    return std::min(own.end, n) - std::min(own.begin, n);
  }
};

// "from 20.0 s to 80.0 s, from ..." for at most three stretches (input samples at fs), then how
// many more, for a warning; `seconds` writes each time, counted from the recording's start (the
// stretches' sample 0 is its sample `first_sample`: a part of a long record, record_parts.h).
inline std::string describe_stretches(const std::vector<SampleSpan>& spans, double fs,
                                      std::string (*seconds)(double),
                                      std::size_t first_sample = 0) {
  const auto at = [&](std::size_t sample) {
    return seconds(static_cast<double>(first_sample + sample) / fs);
  };
  std::string text;
  for (std::size_t k = 0; k < spans.size() && k < 3; ++k)
    text += (k ? ", from " : "from ") + at(spans[k].begin) + " s to " + at(spans[k].end) + " s";
  if (spans.size() > 3) text += " and " + std::to_string(spans.size() - 3) + " more stretches";
  return text;
}

}  // namespace qrs::annotate
