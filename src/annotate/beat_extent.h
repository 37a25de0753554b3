#pragma once
// A beat's QRS across all leads. The beat's own onset and offset come from the mean of the leads'
// curves, so they sit about where the median lead's do: on LUDB validation that span is 28.6 ms
// shorter than the reference's earliest-onset-to-latest-offset over the 12 leads, the QRS
// duration of a 12-lead ECG (MODEL_CARD.md, "The global beat list"). The earliest and latest of
// the leads' own marks come within about 10 ms of it.
#include "annotate/annotation.h"

namespace qrs::annotate {

// Sets every beat's first_onset and last_offset to the earliest onset and the latest offset among
// the leads' complexes that belong to it (the beat each overlaps most, beat_overlap.h). Silenced
// stretches hold no complexes, so they have no say. A beat that no lead's complex overlaps keeps
// its own onset and offset. Call it after the marks are final (after the lead-habit blend), so
// the span is that of the marks a user sees.
void mark_beat_extents(Annotation& result);

}  // namespace qrs::annotate
