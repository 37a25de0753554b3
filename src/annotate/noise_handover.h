#pragma once
// Where a record's noise reader takes over from its first reading (Annotator::set_noise_reader).
// A short record is judged as a whole. A long one (a Holter day, noisy for a while when the
// wearer moves) is judged minute by minute, so its noisy stretches get the noise reader's marks
// and its clean hours keep the first reader's: each stretch whose leads agree on fewer than
// kNoisyAgreement of its beats (annotate/lead_agreement.h) is handed over, and the two readings
// are spliced between beats (the noise reader reads only those stretches and their context when
// that saves work: stretch_reading.h). Where the leads cannot judge each other (one lead with a
// say), the two readers' agreement judges instead, so such a record is read by both.
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Records shorter than two windows are judged as a whole.
constexpr double kHandOverWindowS = 60.0;
// A window with fewer beats than this is not judged (a pause, a flat stretch): it stays.
constexpr std::size_t kMinBeatsToJudge = 10;

// The stretches of `first` (input samples [begin, end), in time order, disjoint) to hand over:
// [0, length) or nothing for a short record; for a long one the merged noisy windows, each inner
// edge moved to the middle of the gap between the beats either side of it (of both readings when
// `second` is given).
// Without `second` a stretch is noisy by its leads' agreement; with the noise reader's reading
// `second` (for a record with fewer than two leads with a say), by the readers' agreement.
// The windows lie on the recording's whole minutes: `first_sample` is where `first`'s sample 0
// lies in the recording (a part of a long record, record_parts.h, whose first window is then
// shorter), so a part is judged minute by minute as the whole record would be.
std::vector<SampleSpan> noisy_stretches(const Annotation& first,
                                        const Annotation* second = nullptr,
                                        std::size_t first_sample = 0);

// `first` with `second`'s beats, complexes, curves, silenced spans and pacing spikes inside the
// stretches (a beat or complex belongs to the stretch its onset lies in), and second's warnings
// that first does not have. read_by stays first's.
Annotation splice_readings(const Annotation& first, const Annotation& second,
                           const std::vector<SampleSpan>& stretches);

}  // namespace qrs::annotate
