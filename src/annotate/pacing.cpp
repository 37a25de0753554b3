// Spikes across leads, paced beats and the paced-onset convention (see pacing.h).
#include "annotate/pacing.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "annotate/beat_overlap.h"
#include "annotate/paced_second_look.h"
#include "util/median.h"

namespace qrs::annotate {
namespace {

// The leads' candidates merged: one spike per group within kSameSpikeMs of its first member,
// placed at the group's lower-median sample. pulse_only: per spike, whether the pulse test alone
// found it (no lead's edge test did).
std::vector<PacingSpike> merge_leads(
    const std::vector<std::vector<signal::SpikeCandidate>>& candidates, double fs,
    std::vector<bool>& pulse_only) {
  std::vector<std::pair<std::size_t, bool>> at;  // (sample, found by the pulse test)
  for (const auto& lead : candidates)
    for (const signal::SpikeCandidate& c : lead) at.emplace_back(c.at, c.pulse);
  std::sort(at.begin(), at.end());
  const double tolerance = std::max(1.0, kSameSpikeMs * fs / 1000.0);
  std::vector<PacingSpike> spikes;
  pulse_only.clear();
  for (std::size_t first = 0; first < at.size();) {
    std::size_t end = first + 1;
    bool pulses = at[first].second;
    for (; end < at.size() && static_cast<double>(at[end].first - at[first].first) <= tolerance;
         ++end)
      pulses = pulses && at[end].second;
    spikes.push_back({at[first + (end - first - 1) / 2].first, end - first});
    pulse_only.push_back(pulses);
    first = end;
  }
  return spikes;
}

// A paced beat's QRS starts at its spike at the earliest, in every lead: the ventricles are not
// excited before the pulse. The network, which sees the spike's step, spreads a lead's onset
// probability over the calm baseline before it (LUDB records 8 and 34: V1-V5 and aVR marked up
// to 16 ms before the spike), so such an onset is moved onto the spike. A complex that ends
// before the spike is left alone. Beats are matched before any beat boundary moves.
void start_no_qrs_before_its_spike(Annotation& result, const std::vector<std::size_t>& spike_of) {
  for (LeadAnnotation& lead : result.leads)
    for (QrsEvent& q : lead.qrs) {
      const std::size_t b = most_overlapping_beat(result.beats, q);
      if (b == kNoBeat || spike_of[b] == kNoSpike) continue;
      const auto spike = static_cast<double>(spike_of[b]);
      if (q.onset < spike && spike < q.offset) q.onset = spike;
    }
  for (std::size_t b = 0; b < result.beats.size(); ++b) {
    if (spike_of[b] == kNoSpike) continue;
    const auto spike = static_cast<double>(spike_of[b]);
    Beat& beat = result.beats[b];
    beat.onset = std::max(beat.onset, spike);
    beat.first_onset = std::max(beat.first_onset, spike);
  }
}

// Each beat's pacing spike (its sample, or kNoSpike): the latest one from kMaxSpikeToResponseMs
// before its response onset to kMaxResponseBeforeSpikeMs after it (an atrial spike comes
// earlier), passing over a notch (pacing.h: a spike that only the pulse test found, more than
// kMaxPulseAfterResponseMs after the response onset, in fewer than half of the `leads`
// searched), by binary search over the spikes in time order.
std::vector<std::size_t> match_spikes(const std::vector<Beat>& beats,
                                      const std::vector<PacingSpike>& spikes,
                                      const std::vector<bool>& pulse_only, std::size_t leads,
                                      double fs) {
  const double before = kMaxSpikeToResponseMs * fs / 1000.0;
  const double after = kMaxResponseBeforeSpikeMs * fs / 1000.0;
  const double pulse_after = std::max(1.0, kMaxPulseAfterResponseMs * fs / 1000.0);
  const auto notch = [&](std::size_t s, double onset) {
    return pulse_only[s] && static_cast<double>(spikes[s].sample) > onset + pulse_after &&
           2 * spikes[s].leads < leads;
  };
  std::vector<std::size_t> spike_of(beats.size(), kNoSpike);
  for (std::size_t b = 0; b < beats.size(); ++b) {
    const double onset = beats[b].onset;
    auto past = std::upper_bound(
        spikes.begin(), spikes.end(), onset + after,
        [](double t, const PacingSpike& s) { return t < static_cast<double>(s.sample); });
    // A few at most.
    while (past != spikes.begin() &&
           notch(static_cast<std::size_t>(std::prev(past) - spikes.begin()), onset))
      --past;
    if (past == spikes.begin()) continue;
    const auto at = static_cast<double>(std::prev(past)->sample);
    if (at >= onset - before) spike_of[b] = std::prev(past)->sample;
  }
  return spike_of;
}

}  // namespace

void mark_pacing(Annotation& result,
                 const std::vector<std::vector<signal::SpikeCandidate>>& candidates,
                 const EventOptions& options, const std::vector<const float*>& samples) {
  result.pacing_spikes.clear();
  for (Beat& beat : result.beats) beat.paced = false;
  if (!options.detect_pacing) return;
  std::vector<bool> pulse_only;
  std::vector<PacingSpike> spikes = merge_leads(candidates, result.fs, pulse_only);
  if (spikes.empty()) return;
  // The leads searched: those that had a say in the beats (given their samples), else all.
  const std::size_t leads =
      samples.empty() ? candidates.size()
                      : static_cast<std::size_t>(std::count_if(samples.begin(), samples.end(),
                                                               [](const float* x) { return x; }));
  std::vector<std::size_t> spike_of =
      match_spikes(result.beats, spikes, pulse_only, leads, result.fs);
  const auto paced = static_cast<std::size_t>(
      std::count_if(spike_of.begin(), spike_of.end(), [](std::size_t s) { return s != kNoSpike; }));
  const bool record_paced = paced >= kMinPacedBeats || (paced == 1 && result.beats.size() == 1);
  if (!record_paced) return;
  std::vector<double> intervals;
  for (std::size_t b = 0; b < result.beats.size(); ++b)
    if (spike_of[b] != kNoSpike)
      intervals.push_back(result.beats[b].onset - static_cast<double>(spike_of[b]));
  if (!samples.empty())
    search_paced_beats_again(result, samples, lower_median(intervals), spikes, spike_of);
  result.pacing_spikes = spikes;
  for (std::size_t b = 0; b < result.beats.size(); ++b)
    result.beats[b].paced = spike_of[b] != kNoSpike;
  start_no_qrs_before_its_spike(result, spike_of);
  // Each lead keeps its own onset, where that lead's QRS deflection starts (LUDB's annotators mark
  // most leads' paced onsets there, 0-45 ms after the spike); only the beat's QRS starts at the
  // spike.
  if (options.paced_onset != PacedOnset::Spike) return;
  for (std::size_t b = 0; b < result.beats.size(); ++b) {
    if (!result.beats[b].paced) continue;
    const auto spike = static_cast<double>(spike_of[b]);
    result.beats[b].onset = spike;
    result.beats[b].first_onset = spike;
  }
}

}  // namespace qrs::annotate
