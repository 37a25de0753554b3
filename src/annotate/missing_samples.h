#pragma once
// Samples without a value (NaN): a lead absent from one segment of a WFDB multi-segment record, a
// WFDB invalid-sample code, an empty CSV cell, a JSON null, NaN in an array or an EDF+D gap.
// Preprocessing bridges them with a straight line (signal/preprocess.h fill_gaps) so the network
// sees no step there; what the network reads on that line is nothing. So a lead's missing
// stretches are silenced (silence.h): it keeps no marks there and has no say in the beats there
// (lead_say.h), and the leads that do record there find them as they would on their own.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// The runs of non-finite samples of one lead, in time order.
std::vector<SampleSpan> missing_stretches(const float* samples, std::size_t n);

// Silences each lead's missing stretches (missing[i], in time order, for result.leads[i]), in one
// pass per lead: a lead may miss thousands of scattered samples.
void silence_missing(Annotation& result, const std::vector<std::vector<SampleSpan>>& missing);

}  // namespace qrs::annotate
