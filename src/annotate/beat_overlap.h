#pragma once
// Which global beat a lead's complex belongs to: the beat it overlaps most. Shared by the checks
// and steps that relate a lead's marks to the record's beats (stray_leads.h, lone_complexes.h,
// lead_conventions.h, lead_agreement.h).
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

constexpr std::size_t kNoBeat = static_cast<std::size_t>(-1);

// The first of `spans` (beats, or one lead's complexes: in time order, not overlapping each
// other) that ends after t, by binary search.
template <class Span>
typename std::vector<Span>::const_iterator first_ending_after(const std::vector<Span>& spans,
                                                              double t) {
  return std::upper_bound(spans.begin(), spans.end(), t,
                          [](double v, const Span& s) { return v < s.offset; });
}

// The range of `spans` (in time order) whose onset lies in [begin, end), by binary search.
template <class Span>
std::pair<typename std::vector<Span>::const_iterator, typename std::vector<Span>::const_iterator>
starting_in(const std::vector<Span>& spans, double begin, double end) {
  const auto by_onset = [](const Span& s, double t) { return s.onset < t; };
  return {std::lower_bound(spans.begin(), spans.end(), begin, by_onset),
          std::lower_bound(spans.begin(), spans.end(), end, by_onset)};
}

// Whether one of `spans` (in time order, not overlapping each other) overlaps (onset, offset):
// the first one ending after onset does if any does.
template <class Span>
bool any_overlaps(const std::vector<Span>& spans, double onset, double offset) {
  const auto first = first_ending_after(spans, onset);
  return first != spans.end() && first->onset < offset;
}

// The gap around `at` between `beats` (in time order): `before` rises to the offset of the last
// beat whose onset lies before `at`, `after` falls to the onset of the first from `at` on. Called
// for each of several readings of the same samples, it leaves the gap that none of their beats
// enters, where two readings can meet without a beat cut in two or read twice.
inline void narrow_to_gap(const std::vector<Beat>& beats, double at, double& before,
                          double& after) {
  const auto next = std::lower_bound(beats.begin(), beats.end(), at,
                                     [](const Beat& b, double t) { return b.onset < t; });
  if (next != beats.begin()) before = std::max(before, std::prev(next)->offset);
  if (next != beats.end()) after = std::min(after, next->onset);
}

// The beat that overlaps q the most, or kNoBeat when none does.
inline std::size_t most_overlapping_beat(const std::vector<Beat>& beats, const QrsEvent& q) {
  auto it = first_ending_after(beats, q.onset);
  std::size_t best = kNoBeat;
  double best_overlap = 0;
  for (; it != beats.end() && it->onset < q.offset; ++it) {
    const double overlap = std::min(q.offset, it->offset) - std::max(q.onset, it->onset);
    if (overlap > best_overlap) {
      best_overlap = overlap;
      best = static_cast<std::size_t>(it - beats.begin());
    }
  }
  return best;
}

// How many of a lead's complexes overlap one of the beats.
inline std::size_t complexes_on_beats(const std::vector<Beat>& beats,
                                      const std::vector<QrsEvent>& qrs) {
  return static_cast<std::size_t>(std::count_if(qrs.begin(), qrs.end(), [&](const QrsEvent& q) {
    return most_overlapping_beat(beats, q) != kNoBeat;
  }));
}

}  // namespace qrs::annotate
