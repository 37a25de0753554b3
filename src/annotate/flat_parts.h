#pragma once
// A loose or disconnected electrode leaves a lead far smaller than the record's others, holding
// only noise, which the amplitude normalisation (docs/signal.md section 2, step 3) would blow up
// to the size of a QRS for the network to mark. silence_flat_parts() finds, block by block, where
// a lead's range is under kFlatLeadRatio of the record's median lead's range in that block, and
// there drops the lead's marks and zeroes its probabilities, with a warning naming the lead and
// when. Each block is judged on its own range, not on the normalisation's context, so a loose
// stretch is silenced to the block (2 s) and no further.
#include <vector>

#include "annotate/annotation.h"
#include "annotate/silence.h"
#include "signal/preprocess.h"

namespace qrs::annotate {

// In LUDB no lead's block is under 0.16 of its record's median lead's (the non-test records); a
// lead of ADC noise next to 1 mV leads is about 0.02.
constexpr double kFlatLeadRatio = 0.05;

// sizes[i]: what preprocess_lead measured for result.leads[i] (blocks at fs_model; every lead of
// a record has the same length, so the same blocks). Returns, per lead, whether anything of it is
// left to count in the global beats (false: flat throughout). A two-lead record (a Holter
// recorder's, one of its electrodes off) has no median to speak of, so each block's larger lead
// is the reference, taken at most at its typical size (an artefact many times a lead's size must
// not make the other lead flat): in LUDB no lead's block is under 0.117 of any other lead's of its
// record (all 66 pairs of leads, 200 records, 2 s blocks). One lead has nothing to be compared
// with.
// with_samples[i][b]: whether block b of lead i holds samples (missing_samples.h
// blocks_with_samples); the others are not judged and take no part in the median (an empty list
// or none: every block holds samples). A lead silenced throughout before (no samples at all) is
// not usable either. A part of a long record warns only of the flat stretches in the samples it
// owns, in the recording's times (silence.h PlaceInRecording).
std::vector<bool> silence_flat_parts(Annotation& result, const std::vector<signal::LeadSize>& sizes,
                                     double fs_model,
                                     const std::vector<std::vector<bool>>& with_samples = {},
                                     const PlaceInRecording& place = {});

}  // namespace qrs::annotate
