// Handing noisy stretches of a record to the noise reader (see noise_handover.h).
#include "annotate/noise_handover.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "annotate/beat_overlap.h"
#include "annotate/lead_agreement.h"

namespace qrs::annotate {
namespace {

// Whether `at` lies in one of the stretches (in time order, disjoint), by binary search: a day
// has up to 1440 of them and every complex of every lead is asked.
bool inside(double at, const std::vector<SampleSpan>& stretches) {
  const auto after = std::upper_bound(
      stretches.begin(), stretches.end(), at,
      [](double t, const SampleSpan& s) { return t < static_cast<double>(s.begin); });
  return after != stretches.begin() && at < static_cast<double>(std::prev(after)->end);
}

// Items of `first` outside the stretches and of `second` inside them, ordered by `key`.
template <typename T, typename Key>
std::vector<T> splice(const std::vector<T>& first, const std::vector<T>& second,
                      const std::vector<SampleSpan>& stretches, Key key) {
  std::vector<T> out;
  for (const T& item : first)
    if (!inside(key(item), stretches)) out.push_back(item);
  for (const T& item : second)
    if (inside(key(item), stretches)) out.push_back(item);
  std::stable_sort(out.begin(), out.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
  return out;
}

// `spans` cut to the part inside the stretches (keep_inside) or outside them.
std::vector<SampleSpan> clip(const std::vector<SampleSpan>& spans,
                             const std::vector<SampleSpan>& stretches, bool keep_inside) {
  std::vector<SampleSpan> out;
  for (const SampleSpan& span : spans) {
    std::size_t at = span.begin;
    for (const SampleSpan& s : stretches) {
      if (s.end <= at || s.begin >= span.end) continue;
      if (!keep_inside && s.begin > at) out.push_back({at, s.begin});
      if (keep_inside) out.push_back({std::max(at, s.begin), std::min(span.end, s.end)});
      at = std::max(at, std::min(span.end, s.end));
    }
    if (!keep_inside && at < span.end) out.push_back({at, span.end});
  }
  return out;
}

}  // namespace

std::vector<SampleSpan> noisy_stretches(const Annotation& first, const Annotation* second,
                                        std::size_t first_sample) {
  const auto agreement = [&](double begin, double end) {
    return second ? reader_agreement(first, *second, begin, end)
                  : lead_agreement(first, begin, end);
  };
  // A window where the first reader found few beats (a pause, or a reading lost in noise) is
  // judged when the second found enough.
  const auto beats_in = [&](double begin, double end) {
    const auto count = [&](const Annotation& a) {
      const auto [from, to] = starting_in(a.beats, begin, end);
      return static_cast<std::size_t>(to - from);
    };
    return second ? std::max(count(first), count(*second)) : count(first);
  };
  const double window = kHandOverWindowS * first.fs;
  const double everything = std::numeric_limits<double>::infinity();
  if (static_cast<double>(first.length) < 2 * window) {
    if (agreement(-everything, everything) < kNoisyAgreement) return {{0, first.length}};
    return {};
  }
  // Window edges on the recording's whole minutes (0, window, 2 window, ... for a whole record);
  // the last window also takes the remainder (under one window).
  const double length = static_cast<double>(first.length);
  const double into_minute = std::fmod(static_cast<double>(first_sample), window);
  std::vector<double> edges{0};
  for (double edge = window - into_minute; length - edge >= window; edge += window)
    if (edge > 0) edges.push_back(edge);
  edges.push_back(length);
  std::vector<SampleSpan> noisy;
  for (std::size_t w = 0; w + 1 < edges.size(); ++w) {
    const double begin = edges[w], end = edges[w + 1];
    if (beats_in(begin, end) < kMinBeatsToJudge) continue;
    if (!(agreement(begin, end) < kNoisyAgreement)) continue;
    const SampleSpan span{static_cast<std::size_t>(begin), static_cast<std::size_t>(end)};
    if (!noisy.empty() && noisy.back().end == span.begin)
      noisy.back().end = span.end;
    else
      noisy.push_back(span);
  }
  // Inner edges to the middle of the gap between the beats either side (of both readings, when
  // there are two), so no beat is cut in two or read twice where the readings meet.
  const auto between_beats = [&](std::size_t edge) {
    const auto at = static_cast<double>(edge);
    double before = -everything, after = everything;
    for (const Annotation* reading : {&first, second})
      if (reading != nullptr) narrow_to_gap(reading->beats, at, before, after);
    if (!std::isfinite(before) || !std::isfinite(after)) return edge;
    return static_cast<std::size_t>(std::max(0.0, std::round(0.5 * (before + after))));
  };
  for (SampleSpan& span : noisy) {
    if (span.begin > 0) span.begin = between_beats(span.begin);
    if (span.end < first.length) span.end = between_beats(span.end);
  }
  return noisy;
}

Annotation splice_readings(const Annotation& first, const Annotation& second,
                           const std::vector<SampleSpan>& stretches) {
  Annotation out = first;
  out.beats = splice(first.beats, second.beats, stretches, [](const Beat& b) { return b.onset; });
  out.pacing_spikes = splice(first.pacing_spikes, second.pacing_spikes, stretches,
                             [](const PacingSpike& s) { return static_cast<double>(s.sample); });
  for (std::size_t i = 0; i < out.leads.size() && i < second.leads.size(); ++i) {
    LeadAnnotation& lead = out.leads[i];
    const LeadAnnotation& other = second.leads[i];
    lead.qrs =
        splice(first.leads[i].qrs, other.qrs, stretches, [](const QrsEvent& q) { return q.onset; });
    std::vector<SampleSpan> silenced = clip(first.leads[i].silenced, stretches, false);
    for (const SampleSpan& s : clip(other.silenced, stretches, true)) silenced.push_back(s);
    std::sort(silenced.begin(), silenced.end(),
              [](const SampleSpan& a, const SampleSpan& b) { return a.begin < b.begin; });
    lead.silenced = silenced;
    for (const SampleSpan& s : stretches) {
      const std::size_t end =
          std::min(s.end, std::min(lead.onset_prob.size(), other.onset_prob.size()));
      for (std::size_t k = s.begin; k < end; ++k) {
        lead.onset_prob[k] = other.onset_prob[k];
        lead.offset_prob[k] = other.offset_prob[k];
      }
    }
  }
  for (const std::string& warning : second.warnings)
    if (std::find(out.warnings.begin(), out.warnings.end(), warning) == out.warnings.end())
      out.warnings.push_back(warning);
  return out;
}

}  // namespace qrs::annotate
