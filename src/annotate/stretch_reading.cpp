// Reading only the noisy stretches of a long record (see stretch_reading.h).
#include "annotate/stretch_reading.h"

#include <algorithm>
#include <cmath>

namespace qrs::annotate {
namespace {

template <typename T, typename Key>
void add_in_order(std::vector<T>& into, const std::vector<T>& more, Key key) {
  into.insert(into.end(), more.begin(), more.end());
  std::stable_sort(into.begin(), into.end(),
                   [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

std::size_t restart_grid(double fs_in, double fs_model, std::size_t input_multiple,
                         std::size_t model_multiple, std::size_t max_step) {
  if (!(fs_in > 0) || !(fs_model > 0) || input_multiple == 0 || model_multiple == 0) return 1;
  for (std::size_t step = input_multiple; step <= max_step; step += input_multiple) {
    const double model = static_cast<double>(step) * fs_model / fs_in;
    const double whole = std::round(model);
    if (std::abs(model - whole) > 1e-6 * std::max(1.0, model)) continue;
    if (static_cast<std::size_t>(whole) % model_multiple == 0) return step;
  }
  return 1;
}

std::vector<SampleSpan> reading_windows(const std::vector<SampleSpan>& stretches,
                                        std::size_t length, std::size_t context, std::size_t grid) {
  grid = std::max<std::size_t>(grid, 1);
  std::vector<SampleSpan> out;
  for (const SampleSpan& s : stretches) {
    const std::size_t begin = s.begin > context ? (s.begin - context) / grid * grid : 0;
    const std::size_t end = std::min(length, s.end + context);
    if (!out.empty() && begin <= out.back().end)
      out.back().end = std::max(out.back().end, end);
    else
      out.push_back({begin, end});
  }
  return out;
}

Annotation empty_reading(const Annotation& like, std::size_t length, bool curves) {
  Annotation out;
  out.record = like.record;
  out.fs = like.fs;
  out.length = length;
  for (const LeadAnnotation& lead : like.leads) {
    LeadAnnotation empty;
    empty.name = lead.name;
    if (curves) {
      empty.onset_prob.assign(length, 0.0f);
      empty.offset_prob.assign(length, 0.0f);
    }
    out.leads.push_back(std::move(empty));
  }
  return out;
}

void place_reading(Annotation& into, const Annotation& piece, std::size_t offset) {
  const auto shift = static_cast<double>(offset);
  for (std::size_t i = 0; i < into.leads.size() && i < piece.leads.size(); ++i) {
    LeadAnnotation& lead = into.leads[i];
    const LeadAnnotation& from = piece.leads[i];
    // Without curves (AnnotatorOptions::keep_probabilities false) only the marks are placed.
    const std::size_t room = lead.onset_prob.size() > offset ? lead.onset_prob.size() - offset : 0;
    const std::size_t n = std::min(from.onset_prob.size(), room);
    if (n > 0) {  // an empty curve's begin() + offset would point nowhere (UBSan)
      std::copy_n(from.onset_prob.begin(), n, lead.onset_prob.begin() + static_cast<long>(offset));
      std::copy_n(from.offset_prob.begin(), n, lead.offset_prob.begin() + static_cast<long>(offset));
    }
    std::vector<QrsEvent> qrs = from.qrs;
    for (QrsEvent& q : qrs) q.onset += shift, q.offset += shift;
    add_in_order(lead.qrs, qrs, [](const QrsEvent& q) { return q.onset; });
    std::vector<SampleSpan> silenced = from.silenced;
    for (SampleSpan& s : silenced) s.begin += offset, s.end += offset;
    add_in_order(lead.silenced, silenced, [](const SampleSpan& s) { return s.begin; });
  }
  std::vector<Beat> beats = piece.beats;
  for (Beat& b : beats) {
    b.onset += shift, b.offset += shift;
    b.first_onset += shift, b.last_offset += shift;
  }
  add_in_order(into.beats, beats, [](const Beat& b) { return b.onset; });
  std::vector<PacingSpike> spikes = piece.pacing_spikes;
  for (PacingSpike& s : spikes) s.sample += offset;
  add_in_order(into.pacing_spikes, spikes, [](const PacingSpike& s) { return s.sample; });
  into.read_by = piece.read_by;
}

Annotation slice_reading(const Annotation& reading, std::size_t begin, std::size_t end) {
  const auto from = static_cast<double>(begin), to = static_cast<double>(end);
  const auto starts_here = [&](double at) { return at >= from && at < to; };
  // Spans cut to [begin, end) and moved back by begin; those outside it go.
  const auto cut = [&](const std::vector<SampleSpan>& spans) {
    std::vector<SampleSpan> out;
    for (const SampleSpan& s : spans)
      if (s.end > begin && s.begin < end)
        out.push_back({std::max(s.begin, begin) - begin, std::min(s.end, end) - begin});
    return out;
  };
  Annotation out = empty_reading(reading, end - begin, false);
  out.read_by = reading.read_by;
  out.leads_disagreeing = reading.leads_disagreeing;
  for (std::size_t i = 0; i < reading.leads.size(); ++i) {
    const LeadAnnotation& lead = reading.leads[i];
    LeadAnnotation& part = out.leads[i];
    if (lead.onset_prob.size() >= end) {
      part.onset_prob.assign(lead.onset_prob.begin() + static_cast<long>(begin),
                             lead.onset_prob.begin() + static_cast<long>(end));
      part.offset_prob.assign(lead.offset_prob.begin() + static_cast<long>(begin),
                              lead.offset_prob.begin() + static_cast<long>(end));
    }
    for (QrsEvent q : lead.qrs) {
      if (!starts_here(q.onset)) continue;
      q.onset -= from, q.offset -= from;
      part.qrs.push_back(q);
    }
    part.silenced = cut(lead.silenced);
  }
  for (Beat b : reading.beats) {
    if (!starts_here(b.onset)) continue;
    b.onset -= from, b.offset -= from;
    b.first_onset -= from, b.last_offset -= from;
    out.beats.push_back(b);
  }
  for (PacingSpike s : reading.pacing_spikes) {
    if (!starts_here(static_cast<double>(s.sample))) continue;
    s.sample -= begin;
    out.pacing_spikes.push_back(s);
  }
  out.noise_reader_spans = cut(reading.noise_reader_spans);
  return out;
}

}  // namespace qrs::annotate
