#pragma once
// Probabilities -> QRS events. Peak picking on the onset and offset curves (threshold, refractory
// distance, sub-sample position: the probability mass centre around each peak), then pairing
// each onset with the next offset inside [min_qrs_ms, max_qrs_ms]. Works at any sampling rate:
// all distances are given in milliseconds. Defaults are chosen on the validation split only
// (MODEL_CARD.md).
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

struct EventOptions {
  float threshold = 0.4f;      // minimum peak probability (chosen on LUDB validation, MODEL_CARD.md)
  double refractory_ms = 200;  // two onsets (or offsets) closer than this: keep the stronger
  double min_qrs_ms = 30;
  double max_qrs_ms = 250;
  // Half-width of the window whose probability mass centre is the boundary (peaks.h,
  // move_to_mass_centre); 0 keeps the parabolic vertex of the peak. Chosen on validation.
  double centroid_ms = 30;
};

std::vector<QrsEvent> find_qrs_events(const float* onset_prob, const float* offset_prob,
                                      std::size_t n, double fs, const EventOptions& options = {});

// Global beats: combine the leads' evidence (mean of their probability curves), then find one
// onset/offset per beat on the combined curves.
std::vector<Beat> find_beats(const std::vector<LeadAnnotation>& leads, double fs,
                             const EventOptions& options = {});

}  // namespace qrs::annotate
