#pragma once
// A paced record's beats searched again for the spikes the first search missed (annotate/
// pacing.h's record-level step).
//
// At Holter rates a resampler's or recorder's anti-alias filter leaves of a pacemaker pulse only
// a peak one or two samples wide, at a fraction of its height, so the strict tests of
// signal/pacing_spikes.h find some of a record's spikes and miss the rest. A record whose beats
// were then half moved to their spikes and half left at the ventricular response would be split
// in two. So once a record is paced, each beat without a spike that looks like the record's
// paced beats is searched again, with the faint pulse test (signal::find_faint_spike), only
// within kWindowMs of where the record's own spikes say its spike is: its response onset minus
// the record's spike-to-response interval (annotate/pacing.h). Only at the rates where spikes are
// smeared and the pulse test runs (signal::kMinFaintRateHz to kMaxFaintRateHz): at 500 Hz and
// above the edge test finds every LUDB spike. A beat looks
// like the paced beats when, over the leads searched, its signal over the first kLikenessMs of
// its QRS correlates on average at least kMinLikeness with the mean of the nearest
// kLikenessBeats paced beats' (a pacemaker excites the ventricles from one place, so its beats
// share a shape; a conducted beat or an ectopic one does not). A spike found this way is
// reported like the others and counts the leads within kSameSpikeMs of the strongest lead's.
// Linear in the record's length: one pass over each lead for its scale, then a few dozen samples
// per beat.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

constexpr double kWindowMs = 5.0;
constexpr double kLikenessMs = 100.0;
constexpr double kMinLikeness = 0.8;
constexpr std::size_t kLikenessBeats = 8;

constexpr std::size_t kNoSpike = static_cast<std::size_t>(-1);

// samples: per lead of result, its raw samples at result.fs (result.length of them), or nullptr
// for a lead that is not searched. interval: the record's spike-to-response interval, in
// samples. spike_of: per beat, the sample of its spike or kNoSpike. Adds each spike found to
// spikes (kept in time order) and to spike_of.
void search_paced_beats_again(const Annotation& result, const std::vector<const float*>& samples,
                              double interval, std::vector<PacingSpike>& spikes,
                              std::vector<std::size_t>& spike_of);

}  // namespace qrs::annotate
