#pragma once
// Pacemaker spikes, found at the file's own sampling rate before any resampling, and cut out of
// the signal the network sees when the model was trained without them (PreprocessSpec::
// pacing_spikes_removed).
//
// A pacemaker pulse lasts 0.1-2 ms. Stored at 128-2000 Hz it is one or two samples that jump far
// from a calm baseline and come straight back (or decay within a few milliseconds: the
// recharge overshoot). The three tests on each sample edge, in the lead's own units:
//  - steep and isolated: the jump over one sample (two above 1500 Hz, where the recorder's
//    bandwidth spreads the edge) is kMinEdgeToSlope times the lead's typical steep slope (95th
//    percentile of |first difference| over 10 s blocks: the QRS upstrokes, not the spikes, which
//    fill under 3 % of samples even at 180 paced beats per minute and 250 Hz), and
//    kMinEdgeToCalm times the steepest of the two sample steps before it: a pacemaker fires on a
//    calm baseline, while a fast QRS upstroke or a notch in a fragmented QRS (LUDB record 39)
//    follows other steep steps;
//  - large: at least kMinEdgeToRange of the lead's typical 1 s peak-to-peak (quantisation steps
//    of a flat lead are not spikes);
//  - narrow: within kReturnMs after the edge the signal comes back at least half way. A steep
//    QRS (LUDB record 99) or a baseline step (record 109) does not.
// Removal replaces the spike by a straight line from the sample before the edge to the first
// sample that is back within a quarter of the jump (at most kBlankMs after the edge).
// Which candidates are pacing, rather than a lone glitch, needs the beats: annotate/pacing.h.
#include <cstddef>
#include <vector>

namespace qrs::signal {

constexpr double kMinEdgeToSlope = 4.0;
constexpr double kMinEdgeToCalm = 8.0;
constexpr double kMinEdgeToRange = 0.1;
constexpr double kReturnMs = 6.0;
constexpr double kBlankMs = 10.0;

struct SpikeCandidate {
  std::size_t at = 0;   // first sample of the spike (the one after the calm baseline)
  std::size_t end = 0;  // first sample after it that removal keeps
  double height = 0;    // the jump, in the lead's units (signed)
};

// Samples per block over which a lead's typical steep slope and range are taken (10 s), laid
// from the lead's first sample (a reading of part of a record restarts on this grid:
// annotate/stretch_reading.h).
std::size_t slope_block_samples(double fs);

// Candidates in one lead of n samples at fs Hz, in time order, non-overlapping.
std::vector<SpikeCandidate> find_spike_candidates(const float* x, std::size_t n, double fs);

// x with each candidate's samples [at, end) replaced by the straight line from x[at - 1] to
// x[end] (end clamped to the last sample).
std::vector<float> remove_spikes(const float* x, std::size_t n,
                                 const std::vector<SpikeCandidate>& spikes);

}  // namespace qrs::signal
