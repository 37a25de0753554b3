#pragma once
// Records too small to annotate. In amplitude: a file in volts (or any unit in which an ECG spans a
// few thousandths) reaches the amplitude normalisation under its floor (docs/signal.md section 2,
// step 3): the floor keeps a flat lead flat, so such leads are annotated as near-flat and few or no
// QRS are found. Nothing in a unit-less file (CSV, NPY) says which it is, so warn_tiny_record()
// says what it sees instead: a warning when the record's median lead spans less than the floor.
#include <vector>

#include "annotate/annotation.h"
#include "signal/preprocess.h"

namespace qrs::annotate {

// sizes[i]: what preprocess_lead measured for result.leads[i]; with_samples[i][b] whether its
// block b holds samples (missing_samples.h; an empty list: every block does), only those blocks
// measuring the lead. Does nothing for a model without the amplitude step (it has no floor) or
// when the record's median lead is at the floor or above.
void warn_tiny_record(Annotation& result, const std::vector<signal::LeadSize>& sizes,
                      const signal::PreprocessSpec& spec,
                      const std::vector<std::vector<bool>>& with_samples = {});

// Tiny in time: a record shorter than the shortest QRS the events allow (min_qrs_ms) cannot hold
// one, so "no beats" is no finding about the heart; a warning says why instead.
void warn_short_record(Annotation& result, double min_qrs_ms);

}  // namespace qrs::annotate
