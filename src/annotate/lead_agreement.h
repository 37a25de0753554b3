#pragma once
// How far the leads of a record agree on its beats: the smaller of the share of (lead, beat)
// pairs where the lead marks a complex on the beat and the share of the leads' complexes that
// lie on a beat. A beat inside a lead's silenced stretch (a flat or loose electrode, a lead of
// noise) is no pair: that lead has no say there. Clean records agree (LUDB's 160 non-test
// records: 1.0 at the median, 0.98 at the 5th percentile with 12 leads, 0.97 with 3); electrode
// motion or muscle noise at 6 dB brings it to about 0.9, at 0 dB to 0.7-0.8 (MODEL_CARD.md, "A
// second reader for noisy records").
#include "annotate/annotation.h"

namespace qrs::annotate {

// Below this the Annotator hands the record to its noise reader, when it has one.
constexpr double kNoisyAgreement = 0.97;

// 1 for a record without beats or without marks: nothing to disagree about (a threshold above
// every peak, a record with no QRS), which a second reader would not change.
double lead_agreement(const Annotation& result);
// The same over the beats and complexes whose onset lies in [begin, end) (input samples).
double lead_agreement(const Annotation& result, double begin, double end);

}  // namespace qrs::annotate
