#pragma once
// A lead of noise (a detached electrode, a file that holds no ECG) is normalised to the size of
// a real lead and the net then marks "complexes" in it. With three leads or more such marks miss
// the record's beats (stray_leads.h); with one or two there is nothing to compare against, except
// the lead itself: one heart's QRS complexes look alike in a lead, beat after beat, while noise
// picked at random times does not. complex_likeness() measures that (the median correlation
// between pairs of the lead's complexes); warn_unlike_complexes() warns, for records of one or two
// leads, about a lead whose complexes do not look alike. It only warns: paced beats mixed with
// conducted ones, or AF with a bundle branch block, are real ECG whose complexes differ too.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// LUDB (2,400 leads, complexes compared on the network's input): median 0.98, 1st percentile
// 0.49. Each lead fed alone through the CLI, 7 of the 2,400 are warned about: 83 III (AF with
// LBBB), 93 I and V6, 95 II and aVR (paced beats among others), 130 III and aVF (small limb
// leads, LVH). Noise leads of 10-60 s (white, EMG-like bursts, baseline wander, heavy-tailed
// spikes, random walk): -0.04 to 0.10, one short one at 0.19; mains hum 0.29-0.32, but the net
// marks few complexes in it (MODEL_CARD.md, "Known failure modes").
constexpr double kUnlikeComplexes = 0.1;
constexpr std::size_t kMinComplexesToCompare = 4;
// Long recordings: this many complexes, spread evenly, are compared (pairs grow as the square).
constexpr std::size_t kMaxComplexesCompared = 64;

// Median Pearson correlation over pairs of windows of `signal` (n samples at fs_signal) from
// 30 ms before each complex's onset to 120 ms after it; onsets are in samples at fs_events.
// NaN when fewer than kMinComplexesToCompare windows fit in the signal.
double complex_likeness(const float* signal, std::size_t n, double fs_signal,
                        const std::vector<QrsEvent>& qrs, double fs_events);

// likeness[i] for result.leads[i]; adds a warning for each lead under kUnlikeComplexes when the
// record has fewer than three leads (with three or more, silence_stray_leads judges).
void warn_unlike_complexes(Annotation& result, const std::vector<double>& likeness);

}  // namespace qrs::annotate
