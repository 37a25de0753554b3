#pragma once
// Reading only the noisy stretches of a long record with the noise reader (noise_handover.h):
// a Holter day with a few noisy minutes should not cost a second reading of the whole day.
// Each stretch is read with context either side, from a start on the grid where the reader's
// preprocessing and windowing restart exactly as in a whole reading (amplitude blocks, pooling
// grid, pacing-spike blocks, resampling phase), so its probabilities inside the stretch are the
// whole reading's. What a reading judges over the record it is given (each lead's habit for the
// lead-habit blend, stray leads, flat parts) sees the stretch and its context instead.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Seconds read either side of a noisy stretch: more than the network's receptive field and the
// amplitude normalisation's context (10 s in the shipped models), and enough beats for each
// lead's habit.
constexpr double kStretchContextS = 30.0;
// Read the whole record instead when the stretches with their context would cover this share of
// it: little would be saved, and the record-level steps see everything.
constexpr double kReadWholeShare = 0.5;

// The smallest step of input samples (at fs_in) that is a multiple of input_multiple and maps to
// a whole number of model samples (at fs_model) that is a multiple of model_multiple; 1 when no
// step of at most max_step does. The windows then start anywhere, and what the reader marks in
// the stretch is another reading of the same signal, not the whole reading's: off the pooling
// grid, a noisy minute of LUDB record 5 read at 500 Hz gave 54 beats against the whole
// reading's 56.
std::size_t restart_grid(double fs_in, double fs_model, std::size_t input_multiple,
                         std::size_t model_multiple, std::size_t max_step);

// The parts of a record of `length` samples to read for `stretches` (in time order, disjoint):
// each stretch widened by `context` samples either side, its start moved down onto the `grid`,
// clamped to the record, overlapping ones merged.
std::vector<SampleSpan> reading_windows(const std::vector<SampleSpan>& stretches,
                                        std::size_t length, std::size_t context, std::size_t grid);

// An empty reading of `length` samples with `like`'s record name, rate and lead names: curves
// of zeros (none with `curves` false), no marks.
Annotation empty_reading(const Annotation& like, std::size_t length, bool curves = true);

// `piece`, a reading of the record's samples [offset, offset + piece.length), moved onto the
// record's positions inside `into` (its curves copied in when `into` has curves, its marks,
// beats, spikes and silenced spans added in time order). Its warnings are not: they speak of the
// piece (flat-part times, counts of a lead's complexes), and the record's own reading has already
// warned about the record.
void place_reading(Annotation& into, const Annotation& piece, std::size_t offset);

// What of `reading` lies in its samples [begin, end), as a reading of those samples alone: the
// marks, beats and spikes that start there, its curves there (when it has curves), its silenced
// and noise reader spans cut to there, every position moved back by `begin`. Warnings are left
// out, as place_reading() leaves them.
Annotation slice_reading(const Annotation& reading, std::size_t begin, std::size_t end);

}  // namespace qrs::annotate
