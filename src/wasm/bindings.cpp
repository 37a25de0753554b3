// Embind glue: the JS face of src/annotator.h and src/formats/read.h, and nothing more. Typed
// arrays are copied in and out (wasm memory may grow and detach views, so nothing returned keeps a
// view into it). Every C++ exception becomes a JS Error carrying what() verbatim. The friendly API
// (variant choice, option defaults, docs) is web/qrs-annotator.js; this file only forwards.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "annotate/event_option_table.h"
#include "annotator.h"
#include "formats/drop_size_check.h"
#include "formats/wfdb_annotation.h"
#include "formats/wfdb_annotation_qrs.h"

namespace {

using emscripten::val;

[[noreturn]] void throw_js_error(std::string message) {
  val error = val::global("Error").new_(message);
  std::string().swap(message);  // the JS throw skips C++ destructors: free the text first
  error.throw_();
}

// Runs body(); a C++ exception leaves as a JS Error with the same message.
template <class Body>
auto guarded(Body&& body) -> decltype(body()) {
  std::string message;
  try {
    return body();
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
    message = "internal error (non-standard exception)";
  }
  throw_js_error(std::move(message));
}

// What a person sees instead of "std::bad_alloc" when a recording outgrows the module's memory
// (MAXIMUM_MEMORY, cmake/wasm.cmake): which record, how big, and where it does fit.
std::string out_of_memory_message(const std::string& record, unsigned leads, double samples,
                                  double fs) {
  char size[160];
  std::snprintf(size, sizeof size, "%u lead%s of %.0f samples at %g Hz (%.1f h)", leads,
                leads == 1 ? "" : "s", samples, fs, fs > 0 ? samples / fs / 3600 : 0.0);
  return (record.empty() ? std::string("record") : record) + ": out of memory: " + size +
         " and their per-sample probabilities do not fit in the 4 GB a WebAssembly module can "
         "address; annotate it with the command-line tool (ecg-annotate), or in shorter parts";
}

template <class T>
std::vector<T> to_vector(const val& typed_array) {
  return emscripten::convertJSArrayToNumberVector<T>(typed_array);
}

// bad_alloc, or length_error for more than a wasm32 vector can hold: what copying a large file or
// lead into the module's memory throws when it does not fit.
bool is_out_of_memory(const std::exception& e) {
  return dynamic_cast<const std::bad_alloc*>(&e) || dynamic_cast<const std::length_error*>(&e);
}

val to_float32_array(const std::vector<float>& v) {
  return val::global("Float32Array").new_(emscripten::typed_memory_view(v.size(), v.data()));
}

val to_string_array(const std::vector<std::string>& items) {
  val out = val::array();
  for (const std::string& s : items) out.call<void>("push", s);
  return out;
}

bool is_object(const val& v) {
  return !v.isNull() && v.typeOf().as<std::string>() == "object";
}

double number_or(const val& object, const char* key, double fallback) {
  if (!is_object(object)) return fallback;
  const val v = object[key];
  return v.isNumber() ? v.as<double>() : fallback;
}

// [{start, end}] in input samples.
val to_js(const std::vector<qrs::SampleSpan>& spans) {
  val out = val::array();
  for (const qrs::SampleSpan& span : spans) {
    val stretch = val::object();
    stretch.set("start", static_cast<double>(span.begin));
    stretch.set("end", static_cast<double>(span.end));
    out.call<void>("push", stretch);
  }
  return out;
}

val to_js(const qrs::Annotation& a) {
  val leads = val::array();
  for (const qrs::LeadAnnotation& lead : a.leads) {
    val qrs = val::array();
    for (const qrs::QrsEvent& e : lead.qrs) {
      val event = val::object();
      event.set("onset", e.onset);
      event.set("offset", e.offset);
      event.set("onsetProb", e.onset_prob);
      event.set("offsetProb", e.offset_prob);
      event.set("durationMs", e.duration_ms(a.fs));
      qrs.call<void>("push", event);
    }
    val out = val::object();
    out.set("name", lead.name);
    out.set("onsetProb", to_float32_array(lead.onset_prob));
    out.set("offsetProb", to_float32_array(lead.offset_prob));
    out.set("qrs", qrs);
    out.set("silenced", to_js(lead.silenced));
    leads.call<void>("push", out);
  }
  val beats = val::array();
  for (const qrs::Beat& b : a.beats) {
    val beat = val::object();
    beat.set("onset", b.onset);
    beat.set("offset", b.offset);
    beat.set("firstOnset", b.first_onset);
    beat.set("lastOffset", b.last_offset);
    beat.set("durationMs", b.duration_ms(a.fs));
    beat.set("paced", b.paced);
    beats.call<void>("push", beat);
  }
  val spikes = val::array();
  for (const qrs::PacingSpike& s : a.pacing_spikes) {
    val spike = val::object();
    spike.set("sample", static_cast<double>(s.sample));
    spike.set("leads", static_cast<double>(s.leads));
    spikes.call<void>("push", spike);
  }
  val out = val::object();
  out.set("record", a.record);
  out.set("fs", a.fs);
  out.set("length", static_cast<double>(a.length));
  out.set("leads", leads);
  out.set("beats", beats);
  out.set("pacingSpikes", spikes);
  out.set("readBy", a.read_by);
  out.set("noiseReaderSpans", to_js(a.noise_reader_spans));
  out.set("warnings", to_string_array(a.warnings));
  return out;
}

val to_js(const qrs::Record& r) {
  val leads = val::array();
  for (const qrs::Lead& lead : r.leads) {
    val out = val::object();
    out.set("name", lead.name);
    out.set("unit", lead.unit);
    out.set("samples", to_float32_array(lead.samples));
    leads.call<void>("push", out);
  }
  val out = val::object();
  out.set("name", r.name);
  out.set("source", r.source);
  out.set("fs", r.fs);
  out.set("leads", leads);
  out.set("warnings", to_string_array(r.warnings));
  return out;
}

val to_js(const qrs::ReadResult& result) {
  val records = val::array();
  for (const qrs::Record& r : result.records) records.call<void>("push", to_js(r));
  val entry = val::object();
  entry.set("file", result.file);
  entry.set("format", result.format);
  entry.set("records", records);
  entry.set("error", result.error);
  entry.set("warnings", to_string_array(result.warnings));
  return entry;
}

// The keys of annotate()'s options object besides the event options (record_from reads them).
const std::vector<std::string> kRecordKeys = {"record", "leadNames"};

// How a message shows a value of the wrong kind: a string quoted, an object by its type.
std::string shown(const val& v) {
  const std::string type = v.typeOf().as<std::string>();
  if (v.isString()) return "'" + v.as<std::string>() + "'";
  if (is_object(v) || type == "function") return type;
  return val::global("String")(v).as<std::string>();
}

// One option's value from the JS object, set in `events`; a value of the wrong kind or out of
// range is an Error naming the option as JS spells it.
void set_option(qrs::annotate::EventOptions& events, const qrs::annotate::EventOption& option,
                const val& value) {
  using namespace qrs::annotate;
  switch (option.kind) {
    case OptionKind::Number:
      if (!value.isNumber()) break;
      return set_number(events, option, value.as<double>(), Spelling::Js);
    case OptionKind::Choice:
      if (!value.isString()) break;
      return set_choice(events, option, value.as<std::string>(), Spelling::Js);
    case OptionKind::Switch:
      if (!value.isTrue() && !value.isFalse()) break;
      return set_switch(events, option, value.isTrue(), Spelling::Js);
  }
  throw qrs::Error(wrong_value_message(option, Spelling::Js, shown(value)));
}

// annotate()'s event options (annotate/event_option_table.h, by their JS names); left out or
// undefined, the core's defaults. An unknown key is an Error listing the keys there are.
qrs::annotate::EventOptions event_options(const val& options) {
  using namespace qrs::annotate;
  EventOptions events;
  if (!is_object(options)) return events;
  const val keys = val::global("Object").call<val>("keys", options);
  const unsigned count = keys["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i) {
    const std::string key = keys[i].as<std::string>();
    if (std::find(kRecordKeys.begin(), kRecordKeys.end(), key) != kRecordKeys.end()) continue;
    const EventOption* option = find_event_option(key, Spelling::Js);
    if (!option)
      throw qrs::Error(
          unknown_option_message(key, Spelling::Js, kRecordKeys[0] + ", " + kRecordKeys[1]));
    const val value = options[key];
    if (!value.isUndefined()) set_option(events, *option, value);
  }
  check_event_options(events, Spelling::Js);
  return events;
}

// The table itself, one object per option (annotate::describe): what an embedder may show.
val event_option_table() {
  val table = val::array();
  for (const qrs::annotate::EventOption& option : qrs::annotate::event_option_table()) {
    val entry = val::object();
    for (const auto& [key, value] : qrs::annotate::describe(option))
      entry.set(key, std::visit(
                         [](const auto& v) -> val {
                           using T = std::decay_t<decltype(v)>;
                           if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                             return to_string_array(v);
                           } else if constexpr (std::is_same_v<T, std::vector<bool>>) {
                             val out = val::array();
                             for (const bool b : v) out.call<void>("push", b);
                             return out;
                           } else {
                             return val(v);
                           }
                         },
                         value));
    table.call<void>("push", entry);
  }
  return table;
}

// The record annotate() was given: `count` Float32Arrays copied into the module's memory, named
// by options.leadNames where given.
qrs::Record record_from(const val& leads, unsigned count, double fs, const std::string& name,
                        const val& options) {
  qrs::Record record;
  record.name = name;
  record.fs = fs;
  const val names = is_object(options) ? options["leadNames"] : val::undefined();
  for (unsigned i = 0; i < count; ++i) {
    qrs::Lead lead;
    lead.name = names.isArray() && i < names["length"].as<unsigned>()
                    ? names[i].as<std::string>()
                    : "lead" + std::to_string(i);
    lead.samples = to_vector<float>(leads[i]);
    record.leads.push_back(std::move(lead));
  }
  return record;
}

class JsAnnotator {
 public:
  JsAnnotator(const val& model_bytes, int threads, const std::string& backend) {
    const std::vector<std::uint8_t> bytes = to_vector<std::uint8_t>(model_bytes);
    qrs::AnnotatorOptions options;
    options.threads = threads;  // the core ignores it in builds without pthreads
    options.backend = qrs::nn::parse_backend(backend);
    annotator_ = qrs::Annotator::from_model_bytes(bytes.data(), bytes.size(), options);
    options_ = options;
  }

  // leads: Float32Array[] in mV; options: {record?, leadNames?} and the event options by their JS
  // names (threshold?, minQrsMs?, ...: event_option_table()); left out, the core's defaults.
  val annotate(const val& leads, double fs, const val& options) {
    return guarded([&] {
      const qrs::annotate::EventOptions events = event_options(options);  // before any copy
      const std::string name = is_object(options) && options["record"].isString()
                                   ? options["record"].as<std::string>()
                                   : std::string();
      const unsigned count = leads["length"].as<unsigned>();
      try {
        return to_js(annotator_->annotate(record_from(leads, count, fs, name, options), events));
      } catch (const std::exception& e) {
        if (!is_out_of_memory(e)) throw;
        const double samples = count ? leads[0]["length"].as<double>() : 0.0;
        throw qrs::Error(out_of_memory_message(name, count, samples, fs));
      }
    });
  }

  // The second reader for noisy records (qrs::Annotator::set_noise_reader); null removes it.
  void set_noise_reader(const val& model_bytes) {
    guarded([&] {
      if (model_bytes.isNull() || model_bytes.isUndefined()) {
        annotator_->set_noise_reader(nullptr);
        return 0;
      }
      const std::vector<std::uint8_t> bytes = to_vector<std::uint8_t>(model_bytes);
      annotator_->set_noise_reader(
          qrs::Annotator::from_model_bytes(bytes.data(), bytes.size(), options_));
      return 0;
    });
  }

  val model_info() const {
    const qrs::nn::ModelInfo& info = annotator_->model_info();
    val out = val::object();
    out.set("name", info.name);
    const qrs::Annotator* noise = annotator_->noise_reader();
    out.set("noiseReader", noise ? val(noise->model_info().name) : val::null());
    out.set("sampleRateHz", info.sample_rate_hz);
    out.set("outputs", to_string_array(info.outputs));
    out.set("lengthMultiple", info.length_multiple);
    out.set("receptiveRadius", info.receptive_radius);
    out.set("parameterCount", static_cast<double>(info.parameter_count));
    out.set("flopsPerSample", info.flops_per_sample);
    out.set("backend", std::string(qrs::nn::backend_name(annotator_->backend())));
    const qrs::BuildInfo build = qrs::build_info();
    val parts = val::object();
    parts.set("backends", to_string_array(build.backends));
    parts.set("codecs", to_string_array(build.codecs));
    out.set("build", parts);
    return out;
  }

 private:
  std::unique_ptr<qrs::Annotator> annotator_;
  qrs::AnnotatorOptions options_;
};

std::unique_ptr<JsAnnotator> create_annotator(const val& model_bytes, int threads,
                                              const std::string& backend) {
  return guarded([&] { return std::make_unique<JsAnnotator>(model_bytes, threads, backend); });
}

// files: [{name, bytes: Uint8Array}]; options: {fs?, rateHint?, allChannels?, allChannelsHint?}.
// One entry per primary file, each with records or an error (never throws for a bad file; only
// for a malformed call).
val read_files(const val& files, const val& options) {
  return guarded([&] {
    std::vector<qrs::NamedBuffer> buffers;
    val out = val::array();
    const unsigned count = files["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i) {
      const std::string name = files[i]["name"].as<std::string>();
      try {
        buffers.push_back({name, to_vector<std::uint8_t>(files[i]["bytes"])});
      } catch (const std::exception& e) {
        // This file's error, in the readers' words; the others are still read.
        if (!is_out_of_memory(e)) throw;
        qrs::ReadResult failed;
        failed.file = name;
        failed.error = qrs::out_of_memory_reading_message(name);
        out.call<void>("push", to_js(failed));
      }
    }
    qrs::ReadOptions read_options;
    read_options.fs = number_or(options, "fs", 0);
    read_options.rate_hint = is_object(options) && options["rateHint"].isString()
                                 ? options["rateHint"].as<std::string>()
                                 : "the fs option of readFiles, e.g. { fs: 500 }";
    read_options.all_channels = is_object(options) && options["allChannels"].isTrue();
    read_options.all_channels_hint =
        is_object(options) && options["allChannelsHint"].isString()
            ? options["allChannelsHint"].as<std::string>()
            : "the allChannels option of readFiles, e.g. { allChannels: true }";
    for (const qrs::ReadResult& result : qrs::read_files(buffers, read_options))
      out.call<void>("push", to_js(result));
    return out;
  });
}

// files: [{name, head: Uint8Array (the first kSizeCheckHeadBytes, or the whole file), size}] of
// one drop, before the rest is read -> per file {file, problem, refusedHeader}
// (formats/drop_size_check.h): problem, why the readers would refuse it for its size ("" when
// nothing shows); refusedHeader, the refused header this is a signal file of ("" when none).
val size_problems(const val& files) {
  return guarded([&] {
    std::vector<qrs::FileHead> heads;
    const unsigned count = files["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i)
      heads.push_back({{files[i]["name"].as<std::string>(), to_vector<std::uint8_t>(files[i]["head"])},
                       static_cast<std::uint64_t>(files[i]["size"].as<double>())});
    val out = val::array();
    const std::vector<qrs::SizeCheck> checks = qrs::size_problems(heads);
    for (std::size_t i = 0; i < checks.size(); ++i) {
      val entry = val::object();
      entry.set("file", heads[i].head.name);
      entry.set("problem", checks[i].problem);
      entry.set("refusedHeader", checks[i].refused_header);
      out.call<void>("push", entry);
    }
    return out;
  });
}

// The raw forward pass (tests compare it with PyTorch): input is already preprocessed, channels
// last; the result is length * channels_out floats, channels last. threads > 1 splits each layer
// over that many threads (XNNPACK in the threads variant).
val run_network(const val& model_bytes, const val& input, const std::string& backend, int threads) {
  return guarded([&] {
    const std::vector<std::uint8_t> bytes = to_vector<std::uint8_t>(model_bytes);
    const std::vector<float> x = to_vector<float>(input);
    auto network = qrs::nn::Network::load(bytes.data(), bytes.size(),
                                          qrs::nn::parse_backend(backend), threads);
    const std::size_t length = x.size() / std::max(1, network->info().channels_in);
    return to_float32_array(network->run(x.data(), length));
  });
}

// files: [{name, bytes}] -> [{file, marks: [{sample, symbol, code, subtype, chan, num, aux}],
// error}]: WFDB annotation files, each read on its own (a bad one never spoils the others).
val read_annotations(const val& files) {
  return guarded([&] {
    namespace wfdb = qrs::formats::wfdb;
    val out = val::array();
    const unsigned count = files["length"].as<unsigned>();
    for (unsigned i = 0; i < count; ++i) {
      const qrs::NamedBuffer file{files[i]["name"].as<std::string>(),
                                  to_vector<std::uint8_t>(files[i]["bytes"])};
      val entry = val::object();
      entry.set("file", file.name);
      val marks = val::array();
      try {
        for (const wfdb::AnnotationMark& m : wfdb::read_annotations(file)) {
          val mark = val::object();
          mark.set("sample", static_cast<double>(m.sample));
          mark.set("symbol", wfdb::annotation_symbol(m.code));
          mark.set("code", m.code);
          mark.set("subtype", m.subtype);
          mark.set("chan", m.chan);
          mark.set("num", m.num);
          mark.set("aux", m.aux);
          marks.call<void>("push", mark);
        }
        entry.set("error", std::string());
      } catch (const std::exception& e) {
        marks = val::array();
        entry.set("error", std::string(e.what()));
      }
      entry.set("marks", marks);
      out.call<void>("push", entry);
    }
    return out;
  });
}

std::vector<qrs::formats::wfdb::QrsMark> to_qrs_marks(const val& list) {
  std::vector<qrs::formats::wfdb::QrsMark> out;
  const unsigned count = list["length"].as<unsigned>();
  for (unsigned i = 0; i < count; ++i)
    out.push_back(
        {list[i]["onset"].as<double>(), list[i]["offset"].as<double>(),
         list[i]["source"].isString() && list[i]["source"].as<std::string>() == "edited"});
  return out;
}

// record: name; leads: [{name, samples: Float32Array, qrs: [{onset, offset, source}]}]; beats:
// [{onset, offset, source}] -> [{name, bytes: Uint8Array}]: one file per lead and <record>.qrs.
val write_qrs_annotations(const std::string& record, const val& leads, const val& beats) {
  return guarded([&] {
    namespace wfdb = qrs::formats::wfdb;
    const unsigned count = leads["length"].as<unsigned>();
    std::vector<std::vector<float>> traces(count);
    std::vector<wfdb::LeadQrsMarks> marks;
    for (unsigned i = 0; i < count; ++i) {
      traces[i] = to_vector<float>(leads[i]["samples"]);
      marks.push_back(
          {leads[i]["name"].as<std::string>(), &traces[i], to_qrs_marks(leads[i]["qrs"])});
    }
    val out = val::array();
    for (const qrs::NamedBuffer& file :
         wfdb::qrs_annotation_files(record, marks, to_qrs_marks(beats))) {
      val entry = val::object();
      entry.set("name", file.name);
      entry.set("bytes",
                val::global("Uint8Array")
                    .new_(emscripten::typed_memory_view(file.bytes.size(), file.bytes.data())));
      out.call<void>("push", entry);
    }
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(qrs_annotator) {
  emscripten::class_<JsAnnotator>("Annotator")
      .function("annotate", &JsAnnotator::annotate)
      .function("modelInfo", &JsAnnotator::model_info)
      .function("setNoiseReader", &JsAnnotator::set_noise_reader);
  emscripten::function("createAnnotator", &create_annotator);
  emscripten::function("eventOptionTable", &event_option_table);
  emscripten::function("readFiles", &read_files);
  emscripten::function("sizeProblems", &size_problems);
  emscripten::function("runNetwork", &run_network);
  emscripten::function("readAnnotations", &read_annotations);
  emscripten::function("writeQrsAnnotations", &write_qrs_annotations);
}
