#pragma once
// Long records read part by part (Annotator::annotate). Read whole, a record holds every lead's
// onset and offset curves at the input rate, and each lead's working copies while it is
// preprocessed, beside its samples: 23 bytes per sample at the peak, 12 GB for a day of 12 leads
// at 500 Hz (docs/performance.md, "Long records natively"). Part by part, only one part's
// reading is held beyond the marks, so the memory beside the samples no longer grows with the
// record. Each part is read with context either side, from a start on the grid where the
// preprocessing and windowing restart exactly as in a whole reading (stretch_reading.h), and two
// parts meet in the gap between beats, so a part's curves and marks are the whole reading's.
// What a reading judges over the record it is given (flat and stray leads, the noise reader's
// hand-over, whether the record is paced) is judged part by part, as for the noise reader's
// stretches; its warnings name the part.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Samples across the leads in one part: an hour of 12 leads at 500 Hz, half an hour at 1000 Hz.
constexpr std::size_t kPartSamples = 21'600'000;
// Context read either side of a part, at least (rounded up to the restart grid): what the noise
// reader's stretches take (kStretchContextS plus the amplitude context and the network's reach)
// is about 41 s with the shipped models; parts meet within half of it from their cores' edges.
constexpr double kPartContextS = 60.0;

struct RecordPart {
  SampleSpan core;    // the samples this part gives the record (its ends then move between beats)
  SampleSpan window;  // the samples read for it: the core with context either side, in the record
};

// Samples per lead in a part: part_samples across `leads` leads, rounded down to the `step` (at
// least one step and at least `context`).
std::size_t part_length(std::size_t part_samples, std::size_t leads, std::size_t step,
                        std::size_t context);

// A record of `length` samples per lead in parts of `part_length` (cores laid from sample 0, the
// last taking the remainder), each read with `context` samples either side: one part (the whole
// record) when it is shorter than two.
std::vector<RecordPart> record_parts(std::size_t length, std::size_t part_length,
                                     std::size_t context);

// Where the readings of two consecutive parts meet near their cores' `edge` (record samples): in
// the middle of the gap between the beats either side of it in both readings (`earlier` read
// from record sample `earlier_from`, `later` from `later_from`), at most `reach` from `edge`.
std::size_t meeting_point(const Annotation& earlier, std::size_t earlier_from,
                          const Annotation& later, std::size_t later_from, std::size_t edge,
                          std::size_t reach);

// Adds to `into` (a reading of the whole record, empty_reading() at first) what `reading` (of the
// record's samples from `reading_from`) gives the record's samples [begin, end): its marks, beats
// and spikes that start there, its curves there (when `into` has curves), its silenced and noise
// reader spans cut to there (joined to those that `into` ends with), its warnings; and the most
// leads it found disagreeing.
void add_part(Annotation& into, const Annotation& reading, std::size_t reading_from,
              std::size_t begin, std::size_t end);

}  // namespace qrs::annotate
