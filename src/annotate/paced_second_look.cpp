// A paced record's beats searched again for faint spikes (see paced_second_look.h).
#include "annotate/paced_second_look.h"

#include <algorithm>
#include <cmath>

#include "annotate/pacing.h"
#include "signal/pacing_spikes.h"
#include "signal/preprocess.h"
#include "util/correlation.h"

namespace qrs::annotate {
namespace {

// x[start, start + length) as doubles into out; false when that leaves the lead or holds an
// invalid sample.
bool segment(const float* x, std::size_t n, double start, std::size_t length,
             std::vector<double>& out) {
  if (!(start >= 0)) return false;
  const auto first = static_cast<std::size_t>(std::lround(start));
  if (first + length > n) return false;
  out.assign(x + first, x + first + length);
  return std::all_of(out.begin(), out.end(), [](double v) { return std::isfinite(v); });
}

// Pearson's correlation of a and b (of one length, util/correlation.h); NaN when either is flat.
double correlation(std::vector<double> a, std::vector<double> b) {
  if (!centre_to_unit_length(a) || !centre_to_unit_length(b)) return std::nan("");
  return dot(a, b);
}

// Where a beat's shape is compared: from its response onset, or from just after its spike (the
// spike's own samples left out) when that is later.
double likeness_start(const Beat& beat, double spike, double fs) {
  return std::max(beat.onset, spike + signal::kBlankMs * fs / 1000.0);
}

}  // namespace

void search_paced_beats_again(const Annotation& result, const std::vector<const float*>& samples,
                              double interval, std::vector<PacingSpike>& spikes,
                              std::vector<std::size_t>& spike_of) {
  const double fs = result.fs;
  const std::size_t n = result.length;
  const std::vector<Beat>& beats = result.beats;
  std::vector<std::size_t> paced;  // the beats with a spike, in time order
  for (std::size_t b = 0; b < beats.size(); ++b)
    if (spike_of[b] != kNoSpike) paced.push_back(b);
  if (paced.empty() || paced.size() == beats.size() || fs < signal::kMinFaintRateHz ||
      fs >= signal::kMaxFaintRateHz)
    return;
  const std::size_t length = std::max<std::size_t>(2, signal::samples_for(kLikenessMs / 1000, fs));
  const double half = std::max(1.0, std::round(kWindowMs * fs / 1000.0));
  const double same = std::max(1.0, kSameSpikeMs * fs / 1000.0);
  std::vector<signal::SpikeScale> scales(samples.size());
  for (std::size_t l = 0; l < samples.size(); ++l)
    if (samples[l]) scales[l] = signal::spike_scale(samples[l], n, fs);

  std::vector<double> mine, theirs, mean;
  // How much beat b looks like the paced beats nearest to it (their mean shape, lead by lead).
  const auto likeness = [&](std::size_t b) {
    const auto next =
        static_cast<std::size_t>(std::lower_bound(paced.begin(), paced.end(), b) - paced.begin());
    const std::size_t count = std::min(kLikenessBeats, paced.size());
    const std::size_t first = std::min(next - std::min(next, count / 2), paced.size() - count);
    double sum = 0;
    std::size_t leads = 0;
    for (std::size_t l = 0; l < samples.size(); ++l) {
      if (!samples[l] ||
          !segment(samples[l], n, likeness_start(beats[b], beats[b].onset - interval, fs), length,
                   mine))
        continue;
      mean.assign(length, 0.0);
      std::size_t used = 0;
      for (std::size_t p = first; p < first + count; ++p) {
        const Beat& other = beats[paced[p]];
        if (!segment(samples[l], n,
                     likeness_start(other, static_cast<double>(spike_of[paced[p]]), fs), length,
                     theirs))
          continue;
        for (std::size_t i = 0; i < length; ++i) mean[i] += theirs[i];
        ++used;
      }
      if (used == 0) continue;
      const double r = correlation(mine, mean);
      if (std::isnan(r)) continue;
      sum += r;
      ++leads;
    }
    return leads > 0 ? sum / static_cast<double>(leads) : 0.0;
  };

  std::vector<PacingSpike> found;
  std::vector<signal::FaintSpike> per_lead;
  for (std::size_t b = 0; b < beats.size(); ++b) {
    if (spike_of[b] != kNoSpike) continue;
    const double centre = beats[b].onset - interval;
    if (centre - half < 0 || centre + half > static_cast<double>(n - 1)) continue;
    if (likeness(b) < kMinLikeness) continue;
    const auto from = static_cast<std::size_t>(std::lround(centre - half));
    const auto to = static_cast<std::size_t>(std::lround(centre + half));
    per_lead.clear();
    for (std::size_t l = 0; l < samples.size(); ++l)
      if (samples[l])
        if (const auto spike = signal::find_faint_spike(samples[l], n, fs, scales[l], from, to))
          per_lead.push_back(*spike);
    if (per_lead.empty()) continue;
    const signal::FaintSpike& best =
        *std::max_element(per_lead.begin(), per_lead.end(),
                          [](const signal::FaintSpike& a, const signal::FaintSpike& c) {
                            return a.strength < c.strength;
                          });
    const std::size_t at = best.spike.at;
    // A spike another beat already has (the windows of neighbouring beats do not reach so far in
    // a physiological rhythm) is not found twice.
    const auto known = std::lower_bound(
        spikes.begin(), spikes.end(), static_cast<double>(at) - same,
        [](const PacingSpike& s, double t) { return static_cast<double>(s.sample) < t; });
    if (known != spikes.end() &&
        static_cast<double>(known->sample) <= static_cast<double>(at) + same)
      continue;
    std::size_t leads = 0;
    for (const signal::FaintSpike& s : per_lead)
      if (std::abs(static_cast<double>(s.spike.at) - static_cast<double>(at)) <= same) ++leads;
    found.push_back({at, leads});
    spike_of[b] = at;
  }
  spikes.insert(spikes.end(), found.begin(), found.end());
  std::sort(spikes.begin(), spikes.end(),
            [](const PacingSpike& a, const PacingSpike& c) { return a.sample < c.sample; });
}

}  // namespace qrs::annotate
