// Probabilities -> QRS events (see events.h): peaks on each curve, then onset/offset pairing.
#include "annotate/events.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "annotate/peaks.h"
#include "util/error.h"

namespace qrs::annotate {

namespace {

double ms_to_samples(double ms, double fs) {
  return ms * fs / 1000.0;
}

// Calls visit(begin, end) for each stretch of [0, n) where the lead has a say: outside its
// silenced stretches, each widened by `margin` samples either side (at most its own length).
template <class Visit>
void for_each_say(const LeadAnnotation& lead, std::size_t n, std::size_t margin, Visit visit) {
  std::size_t from = 0;
  for (const SampleSpan& s : lead.silenced) {
    const std::size_t reach = std::min(margin, s.end - s.begin);
    const std::size_t to = std::min(n, s.begin - std::min(s.begin, reach));
    if (to > from) visit(from, to);
    from = std::max(from, std::min(n, s.end + reach));
  }
  if (n > from) visit(from, n);
}

}  // namespace

std::vector<QrsEvent> find_qrs_events(const float* onset_prob, const float* offset_prob,
                                      std::size_t n, double fs, const EventOptions& options) {
  if (!(fs > 0) || !std::isfinite(fs))
    throw Error("find_qrs_events: sampling rate must be positive (got " + std::to_string(fs) +
                " Hz)");
  const double refractory = ms_to_samples(options.refractory_ms, fs);
  const double centroid_radius = ms_to_samples(options.centroid_ms, fs);
  std::vector<Peak> onsets = find_peaks(onset_prob, n, options.threshold, refractory);
  std::vector<Peak> offsets = find_peaks(offset_prob, n, options.threshold, refractory);
  move_to_mass_centre(onset_prob, n, centroid_radius, onsets);
  move_to_mass_centre(offset_prob, n, centroid_radius, offsets);
  const double min_len = ms_to_samples(options.min_qrs_ms, fs);
  const double max_len = ms_to_samples(options.max_qrs_ms, fs);

  // Each onset takes the strongest unused offset that lies inside [min, max] after it and before
  // the next onset: an offset past the next onset belongs to that next beat. Onsets or offsets
  // left without a partner are dropped (a QRS needs both ends).
  std::vector<QrsEvent> events;
  std::vector<bool> used(offsets.size(), false);
  std::size_t first_candidate = 0;
  for (std::size_t i = 0; i < onsets.size(); ++i) {
    const double onset = onsets[i].position;
    const double next_onset =
        i + 1 < onsets.size() ? onsets[i + 1].position : std::numeric_limits<double>::infinity();
    while (first_candidate < offsets.size() && offsets[first_candidate].position < onset + min_len)
      ++first_candidate;
    std::size_t best = offsets.size();
    for (std::size_t k = first_candidate; k < offsets.size(); ++k) {
      const double offset = offsets[k].position;
      if (offset > onset + max_len || offset > next_onset) break;
      if (!used[k] && (best == offsets.size() || offsets[k].value > offsets[best].value)) best = k;
    }
    if (best == offsets.size()) continue;
    used[best] = true;
    QrsEvent event;
    event.onset = onset;
    event.offset = offsets[best].position;
    event.onset_prob = onsets[i].value;
    event.offset_prob = offsets[best].value;
    events.push_back(event);
  }
  return events;
}

std::vector<Beat> find_beats(const std::vector<LeadAnnotation>& leads, double fs,
                             const EventOptions& options) {
  return find_beats(leads, std::vector<bool>(leads.size(), true), fs, options);
}

std::vector<Beat> find_beats(const std::vector<LeadAnnotation>& leads,
                             const std::vector<bool>& usable, double fs,
                             const EventOptions& options) {
  if (usable.size() != leads.size())
    throw Error("find_beats: " + std::to_string(usable.size()) + " usable flags for " +
                std::to_string(leads.size()) + " leads");
  const auto first = std::find(usable.begin(), usable.end(), true);
  if (first == usable.end()) return {};
  const LeadAnnotation& reference = leads[static_cast<std::size_t>(first - usable.begin())];
  const std::size_t n = reference.onset_prob.size();
  for (std::size_t l = 0; l < leads.size(); ++l) {
    if (!usable[l]) continue;
    if (leads[l].onset_prob.size() != n || leads[l].offset_prob.size() != n)
      throw Error("find_beats: lead '" + leads[l].name +
                  "' has probability curves of a different length than lead '" + reference.name +
                  "'");
  }
  // The mean curve rises where most leads agree, so one lead's noise or a flat lead does not
  // create or hide a beat. It is the mean of the leads with a say at each sample (silence.h):
  // a lead without samples there, or silenced there, would otherwise vote against every beat
  // the leads that record there find, and where only a few leads record the mean of all would
  // fall under the threshold. Nor has a lead a say within the longest QRS of its silenced
  // stretch (or the stretch's own length, if shorter: a lone invalid sample cuts nothing), since
  // a complex running into the stretch is not whole in that lead (a beat cut by the start of a
  // gap was lost, the gappy leads' curves showing no QRS there) -- unless no lead has a say there
  // but for that margin (next to a gap every lead shares, between the segments of a record):
  // there each lead with samples has its say back, or the beats next to the gap would be lost.
  const auto margin = static_cast<std::size_t>(std::ceil(ms_to_samples(options.max_qrs_ms, fs)));
  std::vector<double> onset_sum(n, 0.0), offset_sum(n, 0.0);
  std::vector<std::uint32_t> voters(n, 0);
  for (std::size_t l = 0; l < leads.size(); ++l) {
    if (!usable[l]) continue;
    for_each_say(leads[l], n, margin, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        onset_sum[i] += leads[l].onset_prob[i];
        offset_sum[i] += leads[l].offset_prob[i];
        ++voters[i];
      }
    });
  }
  std::vector<bool> margins_only(n);
  for (std::size_t i = 0; i < n; ++i) margins_only[i] = voters[i] == 0;
  for (std::size_t l = 0; l < leads.size(); ++l) {
    if (!usable[l]) continue;
    for_each_say(leads[l], n, 0, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        if (!margins_only[i]) continue;
        onset_sum[i] += leads[l].onset_prob[i];
        offset_sum[i] += leads[l].offset_prob[i];
        ++voters[i];
      }
    });
  }
  std::vector<float> onset_mean(n, 0.0f), offset_mean(n, 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    if (voters[i] == 0) continue;
    const double scale = 1.0 / static_cast<double>(voters[i]);
    onset_mean[i] = static_cast<float>(onset_sum[i] * scale);
    offset_mean[i] = static_cast<float>(offset_sum[i] * scale);
  }
  EventOptions beat_options = options;
  beat_options.threshold = options.threshold * kBeatThresholdShare;
  std::vector<Beat> beats;
  for (const QrsEvent& event :
       find_qrs_events(onset_mean.data(), offset_mean.data(), n, fs, beat_options)) {
    // Until annotate/beat_extent.h widens them to the leads' marks, the beat spans itself.
    beats.push_back(Beat{event.onset, event.offset, event.onset, event.offset});
  }
  return beats;
}

}  // namespace qrs::annotate
