#pragma once
// LUDB's cardiologists mark every lead on its own, and each lead keeps a habit of its own: in one
// record lead III's onset may sit 10 ms after the beat's, beat after beat (MODEL_CARD.md, "Does
// each lead keep its own boundary?"). So a lead's boundary of one beat has two estimates: the
// one the net found in that lead, and the beat's global boundary (all leads' evidence) plus the
// lead's usual distance from it, its convention (the lower median over the lead's beats nearby).
// blend_with_lead_conventions() moves each boundary `weight` of the way to the second estimate.
// The first alone carries the lead's beat-to-beat noise and its occasional slip; the second alone
// loses what really differs from beat to beat in that lead. Halfway was best on validation.
#include <cstddef>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Fewer matched beats than this (within the context) give no convention to speak of: the
// complex is left as found.
constexpr std::size_t kMinBeatsForConvention = 3;
// A lead's habit is taken from its beats within this many seconds of each complex, so in a long
// recording it follows slow changes (posture, rate) instead of one median for hours. A 10 s
// record, LUDB's included, is one context: every figure in MODEL_CARD.md holds.
constexpr double kConventionContextS = 10.0;

// Uses result.beats. Each complex of a lead is matched to the beat it overlaps most; a beat
// claimed by two complexes of one lead (a split complex) leaves both as they are. The habit is
// the lower median of the matched complexes' distances within kConventionContextS of the
// complex. weight is in [0, 1]: 0 leaves every lead as found, 1 puts every matched boundary at
// beat + convention.
void blend_with_lead_conventions(Annotation& result, double weight);

}  // namespace qrs::annotate
