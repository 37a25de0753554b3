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
#include "annotate/clipped_samples.h"
#include "annotate/complex_likeness.h"
#include "annotate/flat_parts.h"
#include "annotate/lead_agreement.h"
#include "annotate/lead_conventions.h"
#include "annotate/lone_complexes.h"
#include "annotate/low_rate.h"
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

// An infinite sample is no voltage any recorder makes: a bug or an overflow upstream (1e39 read
// into a float). Refused, naming where, as the .npy reader refuses it; NaN stays an invalid sample.
void refuse_infinite_samples(const Record& record) {
  for (const Lead& lead : record.leads)
    for (std::size_t k = 0; k < lead.samples.size(); ++k)
      if (std::isinf(lead.samples[k]))
        throw Error(record_label(record) + ": lead '" + lead.name + "' sample " + std::to_string(k) +
                    " is infinite; give finite values in mV (NaN marks a missing sample)");
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

// The global beats from the leads that hold ECG: stretches without samples and flat stretches
// are silenced first (annotate/missing_samples.h, annotate/flat_parts.h), then leads whose marks
// miss the beats (annotate/stray_leads.h), and the beats are found again without those. Returns
// which leads had a say in the beats.
std::vector<bool> find_beats_from_usable_leads(Annotation& result,
                                               const std::vector<signal::LeadSize>& sizes,
                                               double fs_model,
                                               const std::vector<std::vector<bool>>& with_samples,
                                               const annotate::EventOptions& events,
                                               const annotate::PlaceInRecording& place) {
  std::vector<bool> usable =
      annotate::silence_flat_parts(result, sizes, fs_model, with_samples, place);
  result.beats = annotate::find_beats(result.leads, usable, result.fs, events);
  const std::vector<bool> stray = annotate::silence_stray_leads(result);
  if (std::none_of(stray.begin(), stray.end(), [](bool s) { return s; })) return usable;
  for (std::size_t i = 0; i < usable.size(); ++i) usable[i] = usable[i] && !stray[i];
  result.beats = annotate::find_beats(result.leads, usable, result.fs, events);
  return usable;
}

// Where a reading of a record at `fs` restarts exactly as in a whole reading (stretch_reading.h):
// every `grid` input samples; and the context a part read alone needs either side.
struct RestartPoints {
  std::size_t grid = 1;
  double context_s = 0;
};

RestartPoints restart_points(const nn::ModelInfo& info, double fs) {
  const signal::PreprocessSpec& spec = info.preprocess;
  const std::size_t amplitude_block = signal::samples_for(
      spec.amplitude_window_s > 0 ? spec.amplitude_window_s : signal::kAmplitudeWindowS,
      info.sample_rate_hz);
  const auto multiple = static_cast<std::size_t>(std::max(1, info.length_multiple));
  RestartPoints out;
  out.grid = annotate::restart_grid(fs, info.sample_rate_hz, signal::slope_block_samples(fs),
                                    std::lcm(amplitude_block, multiple),
                                    static_cast<std::size_t>(std::ceil(600 * fs)));
  out.context_s = annotate::kStretchContextS + spec.amplitude_context_s +
                  static_cast<double>(info.receptive_radius) / info.sample_rate_hz;
  return out;
}

// The parts a record is read in (annotate/record_parts.h): one, the whole record, unless it is
// at least two parts long.
std::vector<annotate::RecordPart> parts_of(const Record& record, const nn::ModelInfo& info,
                                           std::size_t part_samples) {
  const std::size_t n = record.length();
  if (part_samples == 0) return {{{0, n}, {0, n}}};
  const RestartPoints restart = restart_points(info, record.fs);
  const double context_s = std::max(annotate::kPartContextS, restart.context_s);
  const std::size_t context =
      static_cast<std::size_t>(std::ceil(context_s * record.fs / static_cast<double>(restart.grid))) *
      restart.grid;
  return annotate::record_parts(
      n, annotate::part_length(part_samples, record.leads.size(), restart.grid, context), context);
}

// A part of a long record as a record of its own, named for the stretch it gives the record
// ("5 (3600 s to 7200 s)"), so its warnings say which part they speak of.
Record part_record(const Record& record, const annotate::RecordPart& part) {
  char stretch[80];
  std::snprintf(stretch, sizeof stretch, " (%.0f s to %.0f s)",
                static_cast<double>(part.core.begin) / record.fs,
                static_cast<double>(part.core.end) / record.fs);
  Record out;
  out.name = record_label(record) + stretch;
  out.source = record.source;
  out.fs = record.fs;
  for (const Lead& lead : record.leads)
    out.leads.push_back(
        {lead.name, lead.unit,
         std::vector<float>(lead.samples.begin() + static_cast<long>(part.window.begin),
                            lead.samples.begin() + static_cast<long>(part.window.end))});
  return out;
}

// Where a record is judged by the two models' agreement (fewer than two leads mark a complex),
// which lead that is: "on its one lead" for a one-lead record, otherwise the lead that marks, or
// none: a 12-lead record whose other leads were silenced is no one-lead record.
std::string one_lead_phrase(const Annotation& result) {
  if (result.leads.size() == 1) return "on its one lead";
  const std::string of = " of its " + std::to_string(result.leads.size()) + " leads";
  for (const LeadAnnotation& lead : result.leads)
    if (!lead.qrs.empty())
      return "on lead '" + lead.name + "', the only one" + of + " with QRS marks";
  return "with no QRS marked in any" + of;
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

// The record with each lead's `clipped` stretches (annotate/clipped_samples.h) made missing
// (NaN), so the preprocessing bridges them as it bridges samples without a value.
Record with_clipped_missing(const Record& record,
                            const std::vector<std::vector<SampleSpan>>& clipped) {
  Record out = record;
  for (std::size_t i = 0; i < out.leads.size(); ++i)
    for (const SampleSpan& s : clipped[i])
      std::fill(out.leads[i].samples.begin() + static_cast<long>(s.begin),
                out.leads[i].samples.begin() + static_cast<long>(s.end),
                std::numeric_limits<float>::quiet_NaN());
  return out;
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
  // (A record with no samples at all is not one of them: read() says so.)
  if (record.leads.size() > 1 && record.length() > 0 && record.leads.size() > record.length())
    throw Error(record_label(record) + ": " + std::to_string(record.leads.size()) + " leads of " +
                std::to_string(record.length()) +
                " samples each, more leads than samples: not a recording laid out one lead per row "
                "or column; an array of shape (samples, leads) must be transposed to (leads, "
                "samples)");
  refuse_infinite_samples(record);
  if (record.leads.empty() || !(record.fs > 0) || !std::isfinite(record.fs))
    return annotate_whole(record, events, {});  // read() says what is wrong
  const std::vector<annotate::RecordPart> parts =
      parts_of(record, impl_->network->info(), impl_->options.part_samples);
  Annotation result = parts.size() > 1 ? annotate_in_parts(record, parts, events)
                                        : annotate_whole(record, events, {});
  annotate::warn_low_rate(result);  // once for the record, not per part or reader
  return result;
}

Annotation Annotator::annotate_in_parts(const Record& record,
                                        const std::vector<annotate::RecordPart>& parts,
                                        const annotate::EventOptions& events) {
  const std::size_t n = record.length();
  Annotation out;
  // The reading of the part before, until it is known where it meets this one's.
  Annotation earlier;
  std::size_t earlier_from = 0, taken_to = 0;
  bool one_reader = true;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const annotate::RecordPart& part = parts[k];
    // The part warns of its own stretch only; its context is its neighbours'.
    const annotate::PlaceInRecording place{
        part.window.begin,
        {part.core.begin - part.window.begin, part.core.end - part.window.begin}};
    Annotation reading = annotate_whole(part_record(record, part), events, place);
    if (k == 0) {
      out = annotate::empty_reading(reading, n, impl_->options.keep_probabilities);
      out.record = record_label(record);
      out.warnings = record.warnings;
    } else {
      one_reader = one_reader && reading.read_by == earlier.read_by;
      const std::size_t meet =
          annotate::meeting_point(earlier, earlier_from, reading, part.window.begin,
                                  part.core.begin, (part.core.begin - part.window.begin) / 2);
      annotate::add_part(out, earlier, earlier_from, taken_to, meet);
      taken_to = meet;
    }
    earlier = std::move(reading);
    earlier_from = part.window.begin;
  }
  annotate::add_part(out, earlier, earlier_from, taken_to, n);
  // The first reader's name unless the noise reader read every part (Annotation::read_by).
  out.read_by = one_reader ? earlier.read_by : impl_->network->info().name;
  return out;
}

Annotation Annotator::annotate_whole(const Record& record, const annotate::EventOptions& events,
                                     const annotate::PlaceInRecording& place) {
  Annotation result = read(record, events, place);
  if (!impl_->noise_reader) return result;
  // Leads judge each other; one lead cannot (it always agrees with itself), so a record with one
  // lead with a say is read by both models, and their agreement judges it.
  const bool by_readers = annotate::leads_with_a_say(result) < 2;
  annotate::EventOptions in_noise = events;
  in_noise.convention_weight = events.convention_weight_in_noise;
  Annotation second;
  if (by_readers) second = impl_->noise_reader->read(record, in_noise, place);
  const std::vector<SampleSpan> stretches =
      annotate::noisy_stretches(result, by_readers ? &second : nullptr, place.first_sample);
  if (stretches.empty()) return result;
  if (!by_readers)
    second = impl_->noise_reader->read_stretches(record, stretches, in_noise, place);
  const std::string who = by_readers ? one_lead_phrase(result) + ", the two models (" +
                                           result.read_by + " and " + second.read_by + ")"
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
                                     const annotate::EventOptions& events,
                                     const annotate::PlaceInRecording& place) {
  const nn::ModelInfo& info = impl_->network->info();
  const signal::PreprocessSpec& spec = info.preprocess;
  // A model whose amplitude scale is taken over the whole lead (context 0) reads a part of it
  // at another scale: it reads everything.
  const bool local = !(spec.amplitude_window_s > 0) || spec.amplitude_context_s > 0;
  const RestartPoints restart = restart_points(info, record.fs);
  const std::vector<SampleSpan> windows = annotate::reading_windows(
      stretches, record.length(), static_cast<std::size_t>(std::ceil(restart.context_s * record.fs)),
      restart.grid);
  std::size_t covered = 0;
  for (const SampleSpan& w : windows) covered += w.end - w.begin;
  if (!local || static_cast<double>(covered) >
                    annotate::kReadWholeShare * static_cast<double>(record.length()))
    return read(record, events, place);
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
    // The piece's warnings are left out (place_reading): where it lies is all it needs.
    const Annotation piece = read(part, events, {place.first_sample + w.begin});
    if (out.leads.empty()) out = annotate::empty_reading(piece, record.length());
    annotate::place_reading(out, piece, w.begin);
  }
  return out;
}

Annotation Annotator::read(const Record& given, const annotate::EventOptions& events,
                           const annotate::PlaceInRecording& place) {
  const std::string label = record_label(given);
  if (given.leads.empty()) throw Error(label + ": the record has no leads");
  if (!(given.fs > 0) || !std::isfinite(given.fs))
    throw Error(label + ": sampling rate must be positive (got " + std::to_string(given.fs) +
                " Hz)");
  const std::size_t n = given.length();
  if (n == 0) throw Error(label + ": the record has no samples");
  for (const Lead& lead : given.leads)
    if (lead.samples.size() != n)
      throw Error(label + ": lead '" + lead.name + "' has " + std::to_string(lead.samples.size()) +
                  " samples, lead '" + given.leads.front().name + "' has " + std::to_string(n));
  // Stretches held at the recorder's limit are read as samples without a value
  // (annotate/clipped_samples.h); the record is copied only when a lead has one.
  std::vector<std::vector<SampleSpan>> clipped(given.leads.size());
  bool any_clipped = false;
  for (std::size_t i = 0; i < given.leads.size(); ++i) {
    clipped[i] = annotate::clipped_stretches(given.leads[i].samples.data(), n, given.fs);
    any_clipped = any_clipped || !clipped[i].empty();
  }
  const Record unclipped = any_clipped ? with_clipped_missing(given, clipped) : Record{};
  const Record& record = any_clipped ? unclipped : given;

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
  // Where a lead has no samples (or sits at its limit) it has no marks, and its size is measured
  // where it has them.
  std::vector<std::vector<SampleSpan>> missing(lead_count);
  std::vector<std::vector<bool>> with_samples(lead_count);
  for (std::size_t i = 0; i < lead_count; ++i) {
    missing[i] = annotate::missing_stretches(given.leads[i].samples.data(), n);
    if (!missing[i].empty() || !clipped[i].empty())
      with_samples[i] = annotate::blocks_with_samples(
          annotate::both_stretches(missing[i], clipped[i]), sizes[i],
          record.fs / info.sample_rate_hz, n);
  }
  annotate::silence_missing(result, missing, place);
  annotate::silence_clipped(result, clipped, place);
  const std::vector<bool> usable =
      find_beats_from_usable_leads(result, sizes, info.sample_rate_hz, with_samples, events,
                                   place);
  annotate::drop_lone_complexes(result, usable);
  annotate::warn_unlike_complexes(result, likeness);
  annotate::warn_tiny_record(result, sizes, info.preprocess, with_samples);
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

void Annotator::set_keep_probabilities(bool keep) {
  impl_->options.keep_probabilities = keep;
  if (impl_->noise_reader) impl_->noise_reader->set_keep_probabilities(keep);
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
