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
// Stored at 200-400 Hz after a resampler's or a recorder's anti-alias filter, a pulse narrower
// than a sample is that filter's impulse response: a peak one or two samples wide, a fraction of
// the pulse's height, and often too low for the edge test (LUDB's 500 Hz spikes resampled to
// 250 Hz keep a median of 6 times the lead's typical steep slope, against 20 at 500 Hz). At
// these rates the Nyquist frequency (100-200 Hz) lies above the band in which a QRS has its
// energy, so a peak that turns back within a sample is not a QRS's: the pulse test takes the
// peak's second difference instead of its edge, at least kMinPulseToSlope times the lead's
// typical steep slope and kMinEdgeToCalm times the steps before it, at most two samples above
// half its height (the filter's main lobe; a QRS's narrow deflection is wider), with the same
// size and return tests. Chosen on LUDB's 150 records outside the test split (MODEL_CARD.md,
// "Spikes smeared by resampling"): at 7 it finds no unpaced complex's feature twice in a record
// under any recorder condition, at 6 record 122's narrow r in V3 at 250 Hz; 8 keeps a margin.
// Below 200 Hz the QRS's own notches are that sharp, and at 500 Hz (where the edge test finds every
// LUDB spike) records 39's and 130's are too, so the test is left out there. A paced record's beats
// are searched again for fainter pulses (annotate/pacing.h), each only in a window of a few
// milliseconds where the record's own spikes say its spike should be: there the pulse test runs at
// kMinFaintPulseToSlope and kMinFaintPulseToCalm. The windows it is measured on tell it apart
// (MODEL_CARD.md, "A second look at a paced record's beats"): in the 190 unpaced LUDB records at
// 250 Hz (after 0.05-100 Hz) and 360 Hz, three leads, no beat's window 8-40 ms before its QRS holds
// a second difference of 4 times the lead's typical steep step with the steps before it a quarter
// of it (highest 3.1 and 3.9), where most of the paced records' smeared spikes do (3-16 at 250 Hz,
// 4-40 at 360 Hz). Removal replaces the spike by a straight line from the sample before the edge to
// the first sample that is back within a quarter of the jump (at most kBlankMs after the edge).
// Which candidates are pacing, rather than a lone glitch, needs the beats: annotate/pacing.h.
#include <cstddef>
#include <optional>
#include <vector>

namespace qrs::signal {

constexpr double kMinEdgeToSlope = 4.0;
constexpr double kMinEdgeToCalm = 8.0;
constexpr double kMinEdgeToRange = 0.1;
constexpr double kReturnMs = 6.0;
constexpr double kBlankMs = 10.0;
constexpr double kMinPulseToSlope = 8.0;
constexpr double kMinPulseRateHz = 200.0;
constexpr double kMaxPulseRateHz = 400.0;
constexpr double kMinFaintPulseToSlope = 4.0;
constexpr double kMinFaintPulseToCalm = 4.0;
// The rates of the faint search: below, a QRS's own notches are as sharp as what is left of a
// spike; from 400 Hz the edge test finds the spikes.
constexpr double kMinFaintRateHz = kMinPulseRateHz;
constexpr double kMaxFaintRateHz = kMaxPulseRateHz;

struct SpikeCandidate {
  std::size_t at = 0;   // first sample of the spike (the one after the calm baseline)
  std::size_t end = 0;  // first sample after it that removal keeps
  double height = 0;    // the jump, in the lead's units (signed)
  bool pulse = false;   // found by the pulse test (200-400 Hz), not the edge test
};

// Samples per block over which a lead's typical steep slope and range are taken (10 s), laid
// from the lead's first sample (a reading of part of a record restarts on this grid:
// annotate/stretch_reading.h).
std::size_t slope_block_samples(double fs);

// Candidates in one lead of n samples at fs Hz, in time order, non-overlapping.
std::vector<SpikeCandidate> find_spike_candidates(const float* x, std::size_t n, double fs);

// A lead's scale for the spike tests: per slope block (block samples, the last one taking the
// remainder), its typical steep slope and typical 1 s range.
struct SpikeScale {
  std::size_t block = 1;
  std::vector<double> slopes;
  std::vector<double> ranges;
};
SpikeScale spike_scale(const float* x, std::size_t n, double fs);

struct FaintSpike {
  SpikeCandidate spike;
  double strength = 0;  // the pulse's second difference in units of the lead's typical steep step
};

// The strongest pulse peaking in samples [from, to] of the lead that passes the faint pulse test,
// or nothing (also outside kMinFaintRateHz to kMaxFaintRateHz and where an invalid sample lies
// within the tests' reach). scale: spike_scale of the same lead. Costs a few dozen samples per
// call.
std::optional<FaintSpike> find_faint_spike(const float* x, std::size_t n, double fs,
                                           const SpikeScale& scale, std::size_t from,
                                           std::size_t to);

// x with each candidate's samples [at, end) replaced by the straight line from x[at - 1] to
// x[end] (end clamped to the last sample).
std::vector<float> remove_spikes(const float* x, std::size_t n,
                                 const std::vector<SpikeCandidate>& spikes);

}  // namespace qrs::signal
