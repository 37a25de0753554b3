#pragma once
// What annotate/ produces: per lead, the per-sample onset/offset probabilities on the input's own
// sample grid and the QRS complexes found in them; across leads, one global beat list. All sample
// positions are in the input's own rate and may be fractional (sub-sample interpolation). This is
// the shape of the CLI's JSON and of the JS module's result (docs/api.md): keep it stable.
#include <cstddef>
#include <string>
#include <vector>

namespace qrs {

struct QrsEvent {
  double onset = 0;  // samples at the input rate (fractional)
  double offset = 0;
  float onset_prob = 0;  // peak probability at the detected onset
  float offset_prob = 0;
  double duration_ms(double fs) const { return (offset - onset) * 1000.0 / fs; }
};

// A stretch of input samples [begin, end).
struct SampleSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct LeadAnnotation {
  std::string name;
  std::vector<float> onset_prob;  // one per input sample
  std::vector<float> offset_prob;
  std::vector<QrsEvent> qrs;
  // Stretches judged to hold no ECG (a loose electrode, a lead of noise: annotate/flat_parts.h,
  // stray_leads.h), where marks were dropped and both curves zeroed. In time order, disjoint.
  std::vector<SampleSpan> silenced;
};

struct Beat {
  // The beat's boundaries on the mean of the leads' curves (annotate/events.h, find_beats): where
  // a typical lead's QRS starts and ends. The checks and the lead-habit blend anchor on these.
  double onset = 0;
  double offset = 0;
  // The QRS across all leads, the span a cardiologist's QRS duration measures: the earliest onset
  // and the latest offset that any lead marks in this beat (annotate/beat_extent.h).
  double first_onset = 0;
  double last_offset = 0;
  double duration_ms(double fs) const { return (last_offset - first_onset) * 1000.0 / fs; }
  // A pacemaker spike came 0-80 ms before this beat's ventricular response (annotate/pacing.h).
  // Which onset a paced beat carries is EventOptions::paced_onset's choice.
  bool paced = false;
};

// A pacemaker spike across the leads: its first sample in the input's rate, and how many leads
// show it (annotate/pacing.h).
struct PacingSpike {
  std::size_t sample = 0;
  std::size_t leads = 0;
};

struct Annotation {
  std::string record;
  double fs = 0;
  std::size_t length = 0;  // input samples per lead
  std::vector<LeadAnnotation> leads;
  std::vector<Beat> beats;
  std::vector<PacingSpike> pacing_spikes;  // in time order; empty unless the record is paced
  std::vector<std::string> warnings;
  std::string read_by;  // the name of the model whose marks these are (the first reader's when
                        // only some stretches were handed over)
  // Where the noise reader's marks stand in for the first reader's (Annotator::set_noise_reader,
  // annotate/noise_handover.h): [0, length) when the whole record was handed over.
  std::vector<SampleSpan> noise_reader_spans;
  // Leads whose complexes mostly miss the beats, when they are too many to silence (a wrong
  // sampling rate, or leads from several recordings: annotate/stray_leads.h); 0 otherwise.
  std::size_t leads_disagreeing = 0;
};

}  // namespace qrs
