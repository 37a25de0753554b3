#pragma once
// The one public header of the core. The CLI, the Embind glue, the tests and any embedding C++
// program use only this (plus the value types it includes).
//
//   auto annotator = qrs::Annotator::from_model_bytes(bytes, size);       // checks the model
//   std::vector<qrs::ReadResult> files = qrs::read_files(buffers, {});   // any supported format
//   qrs::Annotation a = annotator->annotate(files[0].records[0]);
//
// annotate() runs the whole flow of docs/DESIGN: per lead, preprocess (resample to the model rate,
// baseline removal, amplitude normalisation: docs/signal.md), one windowed forward pass, map
// probabilities back to the input rate, find QRS events; then the global beat list. Where a lead
// is far flatter than the record's others (a loose or disconnected electrode) it keeps no marks,
// and a warning says so (annotate/flat_parts.h). Errors (empty record, fs <= 0, no leads) throw
// qrs::Error with a readable message. An Annotator is not thread-safe (one per calling thread);
// with options.threads > 1 it spreads the leads of one record over its own worker threads.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "annotate/annotation.h"
#include "annotate/events.h"
#include "annotate/record_parts.h"
#include "annotate/silence.h"
#include "formats/read.h"
#include "formats/record.h"
#include "nn/network.h"
#include "util/build_info.h"
#include "util/error.h"

namespace qrs {

struct AnnotatorOptions {
  nn::BackendKind backend = nn::BackendKind::Auto;
  annotate::EventOptions events;
  bool keep_probabilities = true;  // false: leave onset_prob/offset_prob empty (saves memory)
  // Leads annotated in parallel, each thread with its own Network (weights packed once per
  // thread); a record with one lead instead has each layer split over the threads (XNNPACK
  // backend). 1 = no threads. Builds without thread support (the plain and SIMD wasm variants)
  // always use 1.
  int threads = 1;
  // A record of at least two parts' length is read part by part, each part this many samples
  // across its leads (an hour of 12 leads at 500 Hz), so that memory beside the record's own
  // samples stays bounded however long it is (annotate/record_parts.h). 0: always read whole.
  std::size_t part_samples = annotate::kPartSamples;
};

class Annotator {
 public:
  static std::unique_ptr<Annotator> from_model_bytes(const std::uint8_t* bytes, std::size_t size,
                                                     const AnnotatorOptions& options = {});
  static std::unique_ptr<Annotator> from_model_file(const std::string& path,
                                                    const AnnotatorOptions& options = {});
  ~Annotator();

  Annotation annotate(const Record& record);
  // The same with event options for this call only (e.g. a threshold a page user picked), so the
  // events are found once with them rather than found with the defaults and found again.
  Annotation annotate(const Record& record, const annotate::EventOptions& events);
  const nn::ModelInfo& model_info() const;
  nn::BackendKind backend() const;
  // Whether the next annotate() calls keep the per-sample curves (AnnotatorOptions::
  // keep_probabilities), here and in the noise reader: a caller that wants them for one record
  // and not for the next (the Python module's probabilities=) need not hold them for a day.
  void set_keep_probabilities(bool keep);

  // A second reader for noisy records (model_weights/qrs_unet_noisy.qrsm: weights trained with
  // recorder noise, MODEL_CARD.md "A second reader for noisy records"). annotate() then reads
  // each record with this annotator's own model first and, where the leads agree on fewer than
  // annotate::kNoisyAgreement of the beats (annotate/lead_agreement.h), reads it again with the
  // noise reader and returns that result, with a warning saying so and read_by naming it. A
  // record with fewer than two leads that mark a complex cannot be judged by its leads: it is
  // always read by both, and judged by their agreement (MODEL_CARD.md "One lead"). On clean
  // records of two leads or more nothing changes and nothing more is computed. nullptr removes
  // it.
  void set_noise_reader(std::unique_ptr<Annotator> reader);
  const Annotator* noise_reader() const;

 private:
  Annotator();
  // annotate() of a record read whole: this annotator's reading, and the noise reader's where
  // the leads disagree. `place`: where the record lies in the recording (a part of a long one),
  // for what its warnings tell of and the times they give (annotate/silence.h).
  Annotation annotate_whole(const Record& record, const annotate::EventOptions& events,
                            const annotate::PlaceInRecording& place);
  // annotate() of a long record, part by part (annotate/record_parts.h).
  Annotation annotate_in_parts(const Record& record, const std::vector<annotate::RecordPart>& parts,
                               const annotate::EventOptions& events);
  // One reading with this annotator's own model (what annotate() returns on clean records).
  Annotation read(const Record& record, const annotate::EventOptions& events,
                  const annotate::PlaceInRecording& place);
  // Only `stretches` of the record (a long record's noisy minutes), read as read() would read
  // them in the whole record; outside them the result holds nothing.
  Annotation read_stretches(const Record& record, const std::vector<SampleSpan>& stretches,
                            const annotate::EventOptions& events,
                            const annotate::PlaceInRecording& place);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the shipped model lives relative to the source tree (for the CLI default and tests).
std::string default_model_path();
// True when $QRS_MODEL names another model than the shipped one.
bool model_overridden();
// The shipped noise reader ($QRS_NOISE_MODEL, or model_weights/qrs_unet_noisy.qrsm).
std::string default_noise_model_path();
// The noise reader that goes with a choice of model: `noise_model` when one is named, none when
// `no_noise_model`, otherwise the shipped reader, but only with the shipped model (`model` empty
// and $QRS_MODEL unset): a model of one's own is read alone unless a reader is named. "" = none.
// The CLI's --model / --noise-model / --no-noise-model and the Python module's arguments.
std::string noise_model_for(const std::string& model, const std::string& noise_model,
                            bool no_noise_model);

}  // namespace qrs
