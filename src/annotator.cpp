// The Annotator facade (see annotator.h): preprocess each lead, one windowed forward pass, map the
// probabilities back to the input's grid, find QRS events; then the global beats across leads.
#include "annotator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>
#include <thread>

#include "annotate/beat_extent.h"
#include "annotate/complex_likeness.h"
#include "annotate/flat_parts.h"
#include "annotate/lead_agreement.h"
#include "annotate/lead_conventions.h"
#include "annotate/lone_complexes.h"
#include "annotate/missing_samples.h"
#include "annotate/noise_handover.h"
#include "annotate/pacing.h"
#include "annotate/silence.h"
#include "annotate/stray_leads.h"
#include "annotate/stretch_reading.h"
#include "annotate/tiny_record.h"
#include "signal/pacing_spikes.h"
#include "signal/preprocess.h"

namespace qrs {

struct Annotator::Impl {
  std::unique_ptr<nn::Network> network;
  // One more Network per extra thread: a Network owns its activation buffers, so threads never
  // share one.
  std::vector<std::unique_ptr<nn::Network>> extra_networks;
  AnnotatorOptions options;
  std::size_t onset_channel = 0;
  std::size_t offset_channel = 0;
  std::unique_ptr<Annotator> noise_reader;  // see Annotator::set_noise_reader
};

namespace {

// Every message and warning about a record starts with this label, so a record with neither name
// nor source (an embedding app's call) still gets a readable one instead of ": lead 'v1' is flat".
std::string record_label(const Record& record) {
  return !record.name.empty() ? record.name : !record.source.empty() ? record.source : "record";
}

// Index of the model output called `name`; the model file names its channels so the order is
// never assumed.
std::size_t output_channel(const nn::ModelInfo& info, const std::string& name) {
  for (std::size_t c = 0; c < info.outputs.size(); ++c)
    if (info.outputs[c] == name) return c;
  throw Error("model '" + info.name + "' has no output named '" + name +
              "' (an annotator model needs \"onset\" and \"offset\" outputs)");
}

// Channel c of a channels-last [length, channels] buffer.
std::vector<float> take_channel(const std::vector<float>& y, std::size_t channels, std::size_t c) {
  const std::size_t length = y.size() / channels;
  std::vector<float> out(length);
  for (std::size_t i = 0; i < length; ++i) out[i] = y[i * channels + c];
  return out;
}

// The global beats from the leads that hold ECG: flat stretches are silenced first
// (annotate/flat_parts.h), then leads whose marks miss the beats (annotate/stray_leads.h), and
// the beats are found again without those. Returns which leads had a say in the beats.
std::vector<bool> find_beats_from_usable_leads(Annotation& result,
                                               const std::vector<signal::LeadSize>& sizes,
                                               double fs_model,
                                               const annotate::EventOptions& events) {
  std::vector<bool> usable = annotate::silence_flat_parts(result, sizes, fs_model);
  result.beats = annotate::find_beats(result.leads, usable, result.fs, events);
  const std::vector<bool> stray = annotate::silence_stray_leads(result);
  if (std::none_of(stray.begin(), stray.end(), [](bool s) { return s; })) return usable;
  for (std::size_t i = 0; i < usable.size(); ++i) usable[i] = usable[i] && !stray[i];
  result.beats = annotate::find_beats(result.leads, usable, result.fs, events);
  return usable;
}

// Builds without threads (wasm plain/SIMD) must never start one: std::thread would abort there.
int usable_threads(int requested) {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
  (void)requested;
  return 1;
#else
  return std::clamp(requested, 1, 16);
#endif
}

}  // namespace

Annotator::Annotator() : impl_(std::make_unique<Impl>()) {}
Annotator::~Annotator() = default;

std::unique_ptr<Annotator> Annotator::from_model_bytes(const std::uint8_t* bytes, std::size_t size,
                                                       const AnnotatorOptions& options) {
  std::unique_ptr<Annotator> annotator(new Annotator());
  Impl& impl = *annotator->impl_;
  // The first network may also split each layer over every thread (XNNPACK), for records with
  // one lead; the others only ever run one lead each on a thread of their own.
  impl.network = nn::Network::load(bytes, size, options.backend, usable_threads(options.threads));
  impl.options = options;
  const nn::ModelInfo& info = impl.network->info();
  if (info.channels_in != 1)
    throw Error("model '" + info.name + "' expects " + std::to_string(info.channels_in) +
                " input channels; the annotator feeds one lead at a time");
  if (!(info.sample_rate_hz > 0))
    throw Error("model '" + info.name + "' has no valid sample_rate_hz");
  impl.onset_channel = output_channel(info, "onset");
  impl.offset_channel = output_channel(info, "offset");
  for (int t = 1; t < usable_threads(options.threads); ++t)
    impl.extra_networks.push_back(nn::Network::load(bytes, size, options.backend));
  return annotator;
}

std::unique_ptr<Annotator> Annotator::from_model_file(const std::string& path,
                                                      const AnnotatorOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the model file (set QRS_MODEL or pass --model PATH)");
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  try {
    return from_model_bytes(bytes.data(), bytes.size(), options);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

Annotation Annotator::annotate(const Record& record) {
  return annotate(record, impl_->options.events);
}

void Annotator::set_noise_reader(std::unique_ptr<Annotator> reader) {
  impl_->noise_reader = std::move(reader);
}

const Annotator* Annotator::noise_reader() const {
  return impl_->noise_reader.get();
}

Annotation Annotator::annotate(const Record& record, const annotate::EventOptions& events) {
  // An array handed over as (samples, leads) instead of one row per lead reads as thousands of
  // "leads" of a few samples each, which annotate to nothing without a word: no recording has
  // more leads than samples per lead (body-surface maps have hundreds of leads, and thousands of
  // samples).
  if (record.leads.size() > 1 && record.leads.size() > record.length())
    throw Error(record_label(record) + ": " + std::to_string(record.leads.size()) + " leads of " +
                std::to_string(record.length()) +
                " samples each, more leads than samples: not a recording laid out one lead per row "
                "or column; an array of shape (samples, leads) must be transposed to (leads, "
                "samples)");
  Annotation result = read(record, events);
  if (!impl_->noise_reader) return result;
  // Leads judge each other; one lead cannot (it always agrees with itself), so a record with one
  // lead with a say is read by both models, and their agreement judges it.
  const bool by_readers = annotate::leads_with_a_say(result) < 2;
  annotate::EventOptions in_noise = events;
  in_noise.convention_weight = events.convention_weight_in_noise;
  Annotation second;
  if (by_readers) second = impl_->noise_reader->read(record, in_noise);
  const std::vector<SampleSpan> stretches =
      annotate::noisy_stretches(result, by_readers ? &second : nullptr);
  if (stretches.empty()) return result;
  if (!by_readers) second = impl_->noise_reader->read_stretches(record, stretches, in_noise);
  const std::string who = by_readers ? "on its one lead, the two models (" + result.read_by +
                                           " and " + second.read_by + ")"
                                     : "the leads";
  const bool whole =
      stretches.size() == 1 && stretches[0].begin == 0 && stretches[0].end >= result.length;
  if (whole) {
    const double everything = std::numeric_limits<double>::infinity();
    const double agreement =
        by_readers ? annotate::reader_agreement(result, second, -everything, everything)
                   : annotate::lead_agreement(result);
    char share[32];
    // Rounded down, so a share just under the threshold never reads as the threshold itself.
    std::snprintf(share, sizeof share, "%.0f %%", std::floor(100.0 * agreement));
    const std::string whose = by_readers ? "" : " (" + result.read_by + ")";
    second.warnings.insert(second.warnings.begin(),
                           result.record + ": " + who + " agree on " + share + " of the beats" +
                               whose + ", as in noisy recordings: read by " + second.read_by +
                               ", the model trained on recorder noise");
    if (result.leads_disagreeing > 0 && second.leads_disagreeing == 0)
      annotate::warn_leads_disagree(second, result.leads_disagreeing);
    second.noise_reader_spans = stretches;
    return second;
  }
  Annotation spliced = annotate::splice_readings(result, second, stretches);
  double seconds = 0;
  for (const SampleSpan& s : stretches) seconds += static_cast<double>(s.end - s.begin) / result.fs;
  char text[200];
  std::snprintf(text, sizeof text,
                " agree on under %.0f %% of the beats in %zu stretch%s (%.0f s of "
                "%.0f s), as in noisy recordings: read there by ",
                100.0 * annotate::kNoisyAgreement, stretches.size(),
                stretches.size() == 1 ? "" : "es", seconds,
                static_cast<double>(result.length) / result.fs);
  spliced.warnings.insert(spliced.warnings.begin(),
                          result.record + ": " + who + text + second.read_by +
                              ", the model trained on recorder noise (noiseReaderSpans)");
  spliced.noise_reader_spans = stretches;
  return spliced;
}

// The record's `stretches` read by this annotator: the whole record when they (with context)
// would cover much of it, otherwise each stretch with its context (annotate/stretch_reading.h),
// placed on an empty reading of the record. Only what lies inside the stretches is used.
Annotation Annotator::read_stretches(const Record& record, const std::vector<SampleSpan>& stretches,
                                     const annotate::EventOptions& events) {
  const nn::ModelInfo& info = impl_->network->info();
  const signal::PreprocessSpec& spec = info.preprocess;
  // A model whose amplitude scale is taken over the whole lead (context 0) reads a part of it
  // at another scale: it reads everything.
  const bool local = !(spec.amplitude_window_s > 0) || spec.amplitude_context_s > 0;
  const auto seconds = [&](double s) { return static_cast<std::size_t>(std::ceil(s * record.fs)); };
  const std::size_t amplitude_block = signal::samples_for(
      spec.amplitude_window_s > 0 ? spec.amplitude_window_s : signal::kAmplitudeWindowS,
      info.sample_rate_hz);
  const auto multiple = static_cast<std::size_t>(std::max(1, info.length_multiple));
  const std::size_t grid =
      annotate::restart_grid(record.fs, info.sample_rate_hz, signal::slope_block_samples(record.fs),
                             std::lcm(amplitude_block, multiple), seconds(600));
  const double context_s = annotate::kStretchContextS + spec.amplitude_context_s +
                           static_cast<double>(info.receptive_radius) / info.sample_rate_hz;
  const std::vector<SampleSpan> windows =
      annotate::reading_windows(stretches, record.length(), seconds(context_s), grid);
  std::size_t covered = 0;
  for (const SampleSpan& w : windows) covered += w.end - w.begin;
  if (!local || static_cast<double>(covered) >
                    annotate::kReadWholeShare * static_cast<double>(record.length()))
    return read(record, events);
  Annotation out;
  for (const SampleSpan& w : windows) {
    Record part;
    part.name = record.name;
    part.source = record.source;
    part.fs = record.fs;
    for (const Lead& lead : record.leads)
      part.leads.push_back({lead.name, lead.unit,
                            std::vector<float>(lead.samples.begin() + static_cast<long>(w.begin),
                                               lead.samples.begin() + static_cast<long>(w.end))});
    const Annotation piece = read(part, events);
    if (out.leads.empty()) out = annotate::empty_reading(piece, record.length());
    annotate::place_reading(out, piece, w.begin);
  }
  return out;
}

Annotation Annotator::read(const Record& record, const annotate::EventOptions& events) {
  const std::string label = record_label(record);
  if (record.leads.empty()) throw Error(label + ": the record has no leads");
  if (!(record.fs > 0) || !std::isfinite(record.fs))
    throw Error(label + ": sampling rate must be positive (got " + std::to_string(record.fs) +
                " Hz)");
  const std::size_t n = record.length();
  if (n == 0) throw Error(label + ": the record has no samples");
  for (const Lead& lead : record.leads)
    if (lead.samples.size() != n)
      throw Error(label + ": lead '" + lead.name + "' has " + std::to_string(lead.samples.size()) +
                  " samples, lead '" + record.leads.front().name + "' has " + std::to_string(n));

  const nn::ModelInfo& info = impl_->network->info();
  const auto channels = static_cast<std::size_t>(info.channels_out);
  Annotation result;
  result.record = label;
  result.fs = record.fs;
  result.length = n;
  result.warnings = record.warnings;
  result.read_by = info.name;
  const std::size_t lead_count = record.leads.size();
  std::vector<signal::LeadSize> sizes(lead_count);
  std::vector<double> likeness(lead_count, std::numeric_limits<double>::quiet_NaN());
  std::vector<std::vector<signal::SpikeCandidate>> spikes(lead_count);
  // Lead i from raw mV to events, on the given network. Pacemaker spikes are found at the
  // file's own rate and, for a model trained without them, cut out before resampling.
  const auto annotate_lead = [&](nn::Network& network, std::size_t i) {
    const Lead& lead = record.leads[i];
    if (events.detect_pacing)
      spikes[i] = signal::find_spike_candidates(lead.samples.data(), n, record.fs);
    const bool cut = info.preprocess.pacing_spikes_removed && !spikes[i].empty();
    const std::vector<float> without_spikes =
        cut ? signal::remove_spikes(lead.samples.data(), n, spikes[i]) : std::vector<float>{};
    const float* mv = cut ? without_spikes.data() : lead.samples.data();
    const std::vector<float> input =
        signal::preprocess_lead(mv, n, record.fs, info.sample_rate_hz, info.preprocess, &sizes[i]);
    const std::vector<float> output = network.run(input.data(), input.size());
    const std::vector<float> onset = take_channel(output, channels, impl_->onset_channel);
    const std::vector<float> offset = take_channel(output, channels, impl_->offset_channel);
    LeadAnnotation annotated;
    annotated.name = lead.name;
    annotated.onset_prob =
        signal::to_input_rate(onset.data(), onset.size(), info.sample_rate_hz, n, record.fs);
    annotated.offset_prob =
        signal::to_input_rate(offset.data(), offset.size(), info.sample_rate_hz, n, record.fs);
    annotated.qrs = annotate::find_qrs_events(annotated.onset_prob.data(),
                                              annotated.offset_prob.data(), n, record.fs, events);
    // Only records too small to judge a lead against the others judge it on its own.
    if (lead_count < annotate::kMinLeadsToCompare)
      likeness[i] = annotate::complex_likeness(input.data(), input.size(), info.sample_rate_hz,
                                               annotated.qrs, record.fs);
    return annotated;
  };

  // Leads are independent: worker t takes leads t, t + T, t + 2T, ... on its own network. The
  // result order is the record's lead order whatever the thread count.
  const std::size_t workers = std::min(impl_->extra_networks.size() + 1, lead_count);
  impl_->network->set_intra_op_parallel(workers == 1);
  result.leads.resize(lead_count);
  std::vector<std::exception_ptr> failures(workers);
  const auto run_worker = [&](std::size_t t) {
    nn::Network& network = t == 0 ? *impl_->network : *impl_->extra_networks[t - 1];
    try {
      for (std::size_t i = t; i < lead_count; i += workers)
        result.leads[i] = annotate_lead(network, i);
    } catch (...) {
      failures[t] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(run_worker, t);
  run_worker(0);
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
  // Where a lead has no samples it keeps no marks and has no say in the beats, which the leads
  // that record there find as they would on their own (annotate/missing_samples.h).
  std::vector<std::vector<SampleSpan>> missing(lead_count);
  for (std::size_t i = 0; i < lead_count; ++i)
    missing[i] = annotate::missing_stretches(record.leads[i].samples.data(), n);
  annotate::silence_missing(result, missing);
  const std::vector<bool> usable =
      find_beats_from_usable_leads(result, sizes, info.sample_rate_hz, events);
  annotate::drop_lone_complexes(result, usable);
  annotate::warn_unlike_complexes(result, likeness);
  annotate::warn_tiny_record(result, sizes, info.preprocess);
  annotate::warn_short_record(result, events.min_qrs_ms);
  annotate::blend_with_lead_conventions(result, events.convention_weight);
  // Only the leads that had a say in the beats vouch for a spike, or are searched again for one.
  std::vector<const float*> searched(lead_count, nullptr);
  for (std::size_t i = 0; i < lead_count; ++i) {
    if (usable[i])
      searched[i] = record.leads[i].samples.data();
    else
      spikes[i].clear();
  }
  annotate::mark_beat_extents(result);
  annotate::mark_pacing(result, spikes, events, searched);
  if (!impl_->options.keep_probabilities) {
    for (LeadAnnotation& lead : result.leads) {
      lead.onset_prob = {};
      lead.offset_prob = {};
    }
  }
  return result;
}

const nn::ModelInfo& Annotator::model_info() const {
  return impl_->network->info();
}

nn::BackendKind Annotator::backend() const {
  return impl_->network->backend();
}

std::string default_model_path() {
  const char* from_env = std::getenv("QRS_MODEL");
  if (from_env && *from_env) return from_env;
  return std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm";
}

bool model_overridden() {
  const char* from_env = std::getenv("QRS_MODEL");
  return from_env && *from_env;
}

std::string default_noise_model_path() {
  const char* from_env = std::getenv("QRS_NOISE_MODEL");
  if (from_env && *from_env) return from_env;
  return std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet_noisy.qrsm";
}

std::string noise_model_for(const std::string& model, const std::string& noise_model,
                            bool no_noise_model) {
  if (!noise_model.empty() || no_noise_model) return noise_model;
  return model.empty() && !model_overridden() ? default_noise_model_path() : "";
}

}  // namespace qrs
