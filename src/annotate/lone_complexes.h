#pragma once
// A QRS is the ventricles' depolarisation, so every lead sees it, small as it may be in some.
// Where a lead marks a complex and the leads' mean curves find no beat there, that lead has
// taken something else for a QRS: in LUDB's paced and AV-block records a P wave or an atrial
// pacing spike, 250-400 ms before the next beat (MODEL_CARD.md, "Lone complexes").
// drop_lone_complexes() removes such complexes where the record's beats can be trusted to stand
// for the leads:
//   - at least kMinLeadsToCompare leads have a say over the complex: usable, and not silenced
//     there (silence.h; a lead without samples there has no say);
//   - the lead itself agrees with the beats: at least kMinShareOnBeats of its complexes overlap
//     one (stray_leads.h), so a record whose beats failed loses nothing;
//   - fewer than half of those leads mark a complex there, so a real beat that the mean curves
//     missed (its leads disagreeing on a wide QRS) keeps its marks;
//   - it is not near the record's start or end, where a beat cut off by the edge may be whole in
//     a few leads only.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// A complex that starts or ends within this of the record's first or last sample is kept even
// when no beat overlaps it: the longest QRS the events allow (EventOptions::max_qrs_ms).
constexpr double kLoneEdgeMs = 250;

// Uses result.beats, found on the leads marked `usable` (one flag per lead). Returns how many
// complexes were dropped.
std::size_t drop_lone_complexes(Annotation& result, const std::vector<bool>& usable);

}  // namespace qrs::annotate
