#pragma once
// Turns a lead in physical units (mV) at any sampling rate into the model's input, and maps the
// model's per-sample outputs back to the input's own sample grid. The exact arithmetic is
// specified in docs/signal.md; training/preprocess.py implements the same spec in numpy and a test
// checks that the two agree, so the network sees at inference what it saw in training.
#include <cstddef>
#include <string>
#include <vector>

namespace qrs::signal {

struct PreprocessSpec {
  double baseline_window_s = 1.0;  // centred moving-average width subtracted as baseline wander
  // When > 0, each lead is divided by its typical peak-to-peak (the median range over blocks of
  // this many seconds), so a file in real millivolts, microvolts or ADC counts reaches the net at
  // the scale it was trained on. 0 (off) keeps model files written before the key existed exact.
  double amplitude_window_s = 0.0;
  double amplitude_floor = 0.05;  // smallest divisor: a flat or noise-only lead is not blown up
  // Seconds each side whose blocks set a block's size, so a long recording whose amplitude
  // changes (or whose electrode is off for hours) is scaled where it is; 0: the whole lead.
  double amplitude_context_s = 0.0;
  double scale = 1.0;  // multiply after baseline removal (mV -> model units)
  double clip = 10.0;  // clamp to [-clip, clip] after scaling
  // The model was trained on leads whose pacemaker spikes were cut out (train.py
  // --remove-spikes): the Annotator then cuts them out too (signal/pacing_spikes.h) before
  // resampling. Models trained with spikes in view (every model before issue 17) learnt to use
  // them, and without them mark big P waves of paced records as beats (LUDB 45).
  bool pacing_spikes_removed = false;
};

// Samples in `seconds` at fs: round(seconds * fs), at least 1. The amplitude blocks and the
// pacing-spike search's blocks are laid from a lead's first sample with this length, so a reading
// of part of a record restarts on their grid (annotate/stretch_reading.h).
std::size_t samples_for(double seconds, double fs);

// Non-finite samples replaced by the straight line between the valid samples either side (the
// nearest valid sample held before the first and after the last; a lead with none becomes 0).
// Zeros instead made a step wherever the lead's level is not 0, which the network read as a QRS.
std::vector<float> fill_gaps(const float* x, std::size_t n);

// Windowed-sinc resampling from fs_in to fs_out (docs/signal.md). Identity when equal.
// Output length = floor((n - 1) * fs_out / fs_in + 1e-9) + 1 for n >= 1; empty for n == 0.
std::vector<float> resample(const float* x, std::size_t n, double fs_in, double fs_out);

// A lead's size block by block (docs/signal.md section 2, step 3): block b covers samples
// [b * block_samples, block_end(b)), the last block running to the end of the lead's `samples`;
// ranges[b] is the block's own max - min, per_block[b] the lower median of the ranges within the
// amplitude context of b (what the normalisation divides by).
struct LeadSize {
  std::size_t samples = 0;
  std::size_t block_samples = 1;
  std::vector<double> ranges;
  std::vector<double> per_block;
  std::size_t block_end(std::size_t b) const {
    return b + 1 == per_block.size() ? samples : (b + 1) * block_samples;
  }
};

// Baseline removal, amplitude normalisation, scale and clip, in place, at the model rate.
// Non-finite samples become 0. Returns the lead's size after baseline removal (blocks of
// spec.amplitude_window_s, or of kAmplitudeWindowS when the spec has no amplitude step), in the
// input's units: the Annotator compares leads with it.
LeadSize normalise(std::vector<float>& x, double fs, const PreprocessSpec& spec);
constexpr double kAmplitudeWindowS = 2.0;

// The size of a baseline-free lead: ranges (max - min) of consecutive blocks of
// round(window_s * fs) samples (at least 1), and for each block the lower median of the ranges
// of the blocks within context_s of it (0: all blocks). A pacing spike or an artefact touches few
// blocks, so it does not set the size the way the lead's whole range would.
// Blocks whose range is under min_range take no part in any median (0 counts every block); a
// median with none left is 0.
LeadSize lead_size(const std::vector<double>& y, double fs, double window_s, double context_s,
                   double min_range = 0.0);

// Step 3 in place on a baseline-free lead: each block divided by max(its size, amplitude_floor).
LeadSize normalise_amplitude(std::vector<double>& y, double fs, const PreprocessSpec& spec);

// fill_gaps + resample + normalise: raw mV at fs_in -> model input at fs_model. When size is given it
// receives what normalise() returned (blocks at the model rate).
std::vector<float> preprocess_lead(const float* mv, std::size_t n, double fs_in, double fs_model,
                                   const PreprocessSpec& spec, LeadSize* size = nullptr);

// Linear interpolation of a model-rate curve back onto n_out samples at fs_out (sample j sits at
// time j / fs_out; model sample i at i / fs_model; clamped at the ends).
std::vector<float> to_input_rate(const float* y, std::size_t n_model, double fs_model,
                                 std::size_t n_out, double fs_out);

}  // namespace qrs::signal
