#pragma once
// Probabilities -> QRS events. Peak picking on the onset and offset curves (threshold, refractory
// distance, sub-sample position: the probability mass centre around each peak), then pairing
// each onset with the next offset inside [min_qrs_ms, max_qrs_ms]. Works at any sampling rate:
// all distances are given in milliseconds. Defaults are chosen on the validation split only
// (MODEL_CARD.md).
#include <cstddef>
#include <string>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Where a paced beat's QRS starts (annotate/pacing.h): at the pacemaker spike, as paced QRS
// duration is measured in common ECG practice, or at the ventricular response the network marks
// after it. Named "spike" and "response" by every surface (event_option_table.h).
enum class PacedOnset { Spike, Response };

struct EventOptions {
  float threshold = 0.4f;  // minimum peak probability (chosen on LUDB validation, MODEL_CARD.md)
  double refractory_ms = 200;  // two onsets (or offsets) closer than this: keep the stronger
  double min_qrs_ms = 30;
  double max_qrs_ms = 250;
  // Half-width of the window whose probability mass centre is the boundary (peaks.h,
  // move_to_mass_centre); 0 keeps the parabolic vertex of the peak. Chosen on validation.
  double centroid_ms = 30;
  // Share of each lead's boundary taken from the beat's global boundary plus the lead's usual
  // distance from it (lead_conventions.h); 0 keeps every lead's own marks. Chosen on validation.
  double convention_weight = 0.5;
  // The same share where the noise reader reads (annotator.h, set_noise_reader): a noisy lead's
  // own boundaries scatter more, so the leads' common boundary is worth more there. Chosen on the
  // cross-validated Holter conditions (MODEL_CARD.md, "The noise reader sees the spikes").
  double convention_weight_in_noise = 0.8;
  // Look for pacemaker spikes (signal/pacing_spikes.h), cut them out of what the network sees and
  // report them; false: the signal goes to the network as it is and no spike is reported.
  bool detect_pacing = true;
  PacedOnset paced_onset = PacedOnset::Spike;
};

std::vector<QrsEvent> find_qrs_events(const float* onset_prob, const float* offset_prob,
                                      std::size_t n, double fs, const EventOptions& options = {});

// Global beats: combine the leads' evidence (mean of their probability curves), then find one
// onset/offset per beat on the combined curves, at kBeatThresholdShare of options.threshold.
std::vector<Beat> find_beats(const std::vector<LeadAnnotation>& leads, double fs,
                             const EventOptions& options = {});
// The same from the leads whose `usable` flag is set (one flag per lead): the others (a flat or
// stray lead) have no say. Nor has a usable lead where it is silenced (lead.silenced: no samples
// there, or a flat stretch), nor within options.max_qrs_ms of such a stretch (at most the
// stretch's length) unless no lead has a say there but for that margin: each sample's mean is
// over the leads with a say there (silence.h), 0 where none has. None usable: no beats.
std::vector<Beat> find_beats(const std::vector<LeadAnnotation>& leads,
                             const std::vector<bool>& usable, double fs,
                             const EventOptions& options = {});

// Where the leads disagree on a boundary by more than a peak's width (a wide QRS, a bundle branch
// block, paced beats), the mean curve peaks lower than any lead's. At the leads' own threshold
// (0.4) the mean missed 13 of the 1,276 beats of the 140 training records (records 83, 93, 109:
// AF with LBBB, pacing, and a wide QRS); at 0.3 it finds all of them and no extra one, and the
// validation records are the same at 0.4, 0.3, 0.2 and 0.15 (MODEL_CARD.md).
constexpr float kBeatThresholdShare = 0.75f;

}  // namespace qrs::annotate
