#pragma once
// How far the leads of a record agree on its beats: the smaller of the share of (lead, beat)
// pairs where the lead marks a complex on the beat and the share of the leads' complexes that
// lie on a beat. A beat that reaches into a lead's silenced stretch (a flat or loose electrode, a
// lead of noise, samples missing) is no pair, and a complex of the lead that does is not counted:
// that lead has no say there. Clean records agree (LUDB's 160 non-test
// records: 1.0 at the median, 0.98 at the 5th percentile with 12 leads, 0.97 with 3); electrode
// motion or muscle noise at 6 dB brings it to about 0.9, at 0 dB to 0.7-0.8 (MODEL_CARD.md, "A
// second reader for noisy records").
#include <cstddef>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Below this the Annotator hands the record to its noise reader, when it has one.
constexpr double kNoisyAgreement = 0.97;

// 1 for a record without beats or without marks: nothing to disagree about (a threshold above
// every peak, a record with no QRS), which a second reader would not change.
double lead_agreement(const Annotation& result);
// The same over the beats and complexes whose onset lies in [begin, end) (input samples).
double lead_agreement(const Annotation& result, double begin, double end);

// Leads that mark at least one complex. With fewer than two the leads cannot judge each other
// (a lead always agrees with itself): a one-lead recording, a wearable's, or a record whose other
// leads are flat or silenced throughout.
std::size_t leads_with_a_say(const Annotation& result);

// How far two readings of one record agree on its beats, for a record whose leads cannot judge
// each other: the smaller of the share of a's beats that overlap one of b's and the share of b's
// that overlap one of a's, over the beats whose onset lies in [begin, end). 1 where neither has a
// beat there, 0 where only one has. On one lead of the 160 non-test LUDB records the first and
// the noise reader agree on every beat at the 5th percentile; under muscle noise at 0 dB, on 69 %
// at the median (MODEL_CARD.md, "One lead").
double reader_agreement(const Annotation& a, const Annotation& b, double begin, double end);

}  // namespace qrs::annotate
