// Python bindings (pybind11) of the core: the CLI's annotator for Python programs and for the
// batch tool (qrs_batch.py). Thin, like the Embind glue: files are loaded and written as the CLI
// loads and writes them (src/cli/input_files.h, output.h), so a result here is the CLI's --json
// document as a dict, key for key; with probabilities=True each lead's curves come as float32
// numpy arrays instead of JSON lists. Errors are Python exceptions whose message names the file
// or the argument: qrs_annotator.AnnotationError (a ValueError) for what the core or a reader
// rejects, ValueError for an option out of range, TypeError for an unknown one or a value of the
// wrong kind. The options are the table's (annotate/event_option_table.h), by their Python names.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "annotate/event_option_table.h"
#include "annotator.h"
#include "cli/input_files.h"
#include "cli/output.h"
#include "python/lead_arrays.h"

namespace py = pybind11;

namespace {

// The CLI's JSON document of one annotated record, as Python objects. The annotation is moved in,
// not copied: a day-long record's curves are hundreds of megabytes.
py::object to_python(qrs::Annotation&& annotation, const std::string& file,
                     const std::string& format, bool probabilities,
                     const std::vector<std::string>& file_warnings = {}) {
  std::vector<qrs::cli::AnnotatedRecord> records(1);
  records[0] = {file, format, std::move(annotation), file_warnings};
  std::ostringstream text;
  qrs::cli::write_json(text, records, false);
  py::object doc = py::module_::import("json").attr("loads")(text.str());
  if (probabilities) {
    py::list leads = doc["leads"];
    const std::vector<qrs::LeadAnnotation>& annotated = records[0].annotation.leads;
    for (std::size_t i = 0; i < annotated.size(); ++i) {
      const qrs::LeadAnnotation& lead = annotated[i];
      py::dict out = leads[i];
      out["onsetProb"] = py::array_t<float>(lead.onset_prob.size(), lead.onset_prob.data());
      out["offsetProb"] = py::array_t<float>(lead.offset_prob.size(), lead.offset_prob.data());
    }
  }
  return doc;
}

using qrs::annotate::EventOption;
using qrs::annotate::Spelling;

// One option's value from Python, set in `events`; a value of the wrong kind is a TypeError and
// one out of range a ValueError (EventOptionError), each naming the option as `spelling` spells
// it.
void set_option(qrs::annotate::EventOptions& events, const EventOption& option,
                const py::handle& value, Spelling spelling) {
  using qrs::annotate::OptionKind;
  const auto wrong = [&] {
    return py::type_error(
        qrs::annotate::wrong_value_message(option, spelling, py::repr(value).cast<std::string>()));
  };
  switch (option.kind) {
    case OptionKind::Number: {
      double number;
      try {
        number = value.cast<double>();
      } catch (const py::cast_error&) {
        throw wrong();
      }
      qrs::annotate::set_number(events, option, number, spelling);
      break;
    }
    case OptionKind::Choice:
      if (!py::isinstance<py::str>(value)) throw wrong();
      qrs::annotate::set_choice(events, option, value.cast<std::string>(), spelling);
      break;
    case OptionKind::Switch:
      qrs::annotate::set_switch(events, option,
                                py::bool_(py::reinterpret_borrow<py::object>(value)), spelling);
      break;
  }
}

// annotate()'s event options (annotate/event_option_table.h) on top of `events`: Python's
// keywords, or qrs_batch's flags in the CLI's spelling. None keeps the default. An unknown name
// is a TypeError listing the names `spelling` knows.
qrs::annotate::EventOptions read_event_options(qrs::annotate::EventOptions events,
                                               const py::dict& given, Spelling spelling) {
  try {
    for (const auto& item : given) {
      const std::string name = py::str(item.first);
      const EventOption* option = qrs::annotate::find_event_option(name, spelling);
      if (!option) throw py::type_error(qrs::annotate::unknown_option_message(name, spelling));
      if (!item.second.is_none()) set_option(events, *option, item.second, spelling);
    }
    qrs::annotate::check_event_options(events, spelling);
  } catch (const qrs::annotate::EventOptionError& e) {
    throw py::value_error(e.what());
  }
  return events;
}

// qrs_batch's event flags, {"--max-qrs-ms": 200.0, "--no-pacing": True, ...} (None or a switch's
// False: not given), checked as ecg-annotate checks them, with its flags in the messages; returns
// them as annotate()'s keywords: {"max_qrs_ms": 200.0, "detect_pacing": False}.
py::dict options_from_flags(const py::dict& flags) {
  const qrs::annotate::EventOptions events =
      read_event_options(qrs::annotate::EventOptions{}, flags, Spelling::Cli);
  py::dict keywords;
  for (const auto& item : flags) {
    const EventOption& option =
        *qrs::annotate::find_event_option(py::str(item.first), Spelling::Cli);
    if (item.second.is_none()) continue;
    if (option.kind == qrs::annotate::OptionKind::Switch) {
      if (py::bool_(py::reinterpret_borrow<py::object>(item.second)))
        keywords[option.python] = py::bool_(option.get(events) != 0);
    } else {
      keywords[option.python] = item.second;
    }
  }
  return keywords;
}

// The table itself, one dict per option (annotate::describe): what qrs_batch builds its flags
// from, and what a program may show.
py::list event_option_table() {
  py::list table;
  for (const EventOption& option : qrs::annotate::event_option_table()) {
    py::dict entry;
    for (const auto& [key, value] : qrs::annotate::describe(option)) entry[key.c_str()] = value;
    table.append(entry);
  }
  return table;
}

class PyAnnotator {
 public:
  // model: None = the shipped one; noise_model: None = as the CLI without --noise-model (the
  // shipped reader with the shipped model only: qrs::noise_model_for), "" or False = none, True =
  // the shipped reader, a str = that file.
  PyAnnotator(std::optional<std::string> model, py::object noise_model, int threads,
              const std::string& backend) {
    qrs::AnnotatorOptions options;
    options.threads = threads;
    options.backend = qrs::nn::parse_backend(backend);
    annotator_ = qrs::Annotator::from_model_file(model ? *model : qrs::default_model_path(),
                                                 options);
    std::string named;  // True: the shipped reader; a str: that file
    bool none = false;  // False or ""
    if (py::isinstance<py::bool_>(noise_model)) {
      if (noise_model.cast<bool>())
        named = qrs::default_noise_model_path();
      else
        none = true;
    } else if (!noise_model.is_none()) {
      named = noise_model.cast<std::string>();
      none = named.empty();
    }
    const std::string reader = qrs::noise_model_for(model.value_or(""), named, none);
    if (!reader.empty())
      annotator_->set_noise_reader(qrs::Annotator::from_model_file(reader, options));
  }

  // leads: a 2-D array [leads, samples] or a sequence of 1-D arrays, in mV (python/lead_arrays.h).
  py::object annotate(const py::object& leads, double fs, const std::string& record,
                      std::optional<std::vector<std::string>> lead_names, bool probabilities,
                      const py::kwargs& options) {
    qrs::Record r;
    r.name = record;
    r.fs = fs;
    r.leads = qrs::python::leads_from_python(leads, record, lead_names);
    const qrs::annotate::EventOptions events =
        read_event_options(defaults_, options, Spelling::Python);
    qrs::Annotation a;
    {
      py::gil_scoped_release unlocked;  // other Python threads run while this one annotates
      // Curves only when asked for: a day's are 8 bytes a sample.
      annotator_->set_keep_probabilities(probabilities);
      a = annotator_->annotate(r, events);
    }
    return to_python(std::move(a), record, "array", probabilities);
  }

  // Every record of one file (a WFDB header brings its data files, as on the command line).
  py::list annotate_file(const std::string& path, double fs, bool probabilities,
                         bool all_channels, const py::kwargs& options) {
    const qrs::annotate::EventOptions events =
        read_event_options(defaults_, options, Spelling::Python);
    py::list out;
    for (const qrs::ReadResult& file : read(path, fs, all_channels)) {
      for (const qrs::Record& record : file.records) {
        qrs::Annotation a;
        {
          py::gil_scoped_release unlocked;
          annotator_->set_keep_probabilities(probabilities);
          a = annotator_->annotate(record, events);
        }
        out.append(to_python(std::move(a), file.file, file.format, probabilities, file.warnings));
      }
    }
    return out;
  }

  py::dict model_info() const {
    const qrs::nn::ModelInfo& info = annotator_->model_info();
    py::dict out;
    out["name"] = info.name;
    const qrs::Annotator* noise = annotator_->noise_reader();
    out["noise_reader"] = noise ? py::object(py::str(noise->model_info().name)) : py::none();
    out["sample_rate_hz"] = info.sample_rate_hz;
    out["parameter_count"] = info.parameter_count;
    out["backend"] = std::string(qrs::nn::backend_name(annotator_->backend()));
    return out;
  }

  // The files the readers made of `path` (one primary file and its companions); throws
  // ValueError naming the file when it cannot be opened or read.
  static std::vector<qrs::ReadResult> read(const std::string& path, double fs, bool all_channels) {
    qrs::cli::InputFiles input = qrs::cli::load_input_files({path});
    if (!input.errors.empty()) throw qrs::Error(input.errors.front());
    qrs::ReadOptions options;
    options.fs = fs;
    options.rate_hint = "fs=500, say, to annotate_file or read_file";
    options.all_channels = all_channels;
    options.all_channels_hint = "all_channels=True to read_file or annotate_file";
    std::vector<qrs::ReadResult> results = qrs::read_files(std::move(input.buffers), options);
    for (const qrs::ReadResult& r : results)
      if (!r.error.empty()) throw qrs::Error(r.error);
    return results;
  }

 private:
  std::unique_ptr<qrs::Annotator> annotator_;
  qrs::annotate::EventOptions defaults_;
};

// Records of a file as dicts: name, source, fs, leads [{name, unit, samples (float32 array)}].
py::list read_file(const std::string& path, double fs, bool all_channels) {
  py::list out;
  for (const qrs::ReadResult& file : PyAnnotator::read(path, fs, all_channels)) {
    for (const qrs::Record& record : file.records) {
      py::list leads;
      for (const qrs::Lead& lead : record.leads) {
        py::dict l;
        l["name"] = lead.name;
        l["unit"] = lead.unit;
        l["samples"] = py::array_t<float>(lead.samples.size(), lead.samples.data());
        leads.append(l);
      }
      py::dict r;
      r["name"] = record.name;
      r["source"] = record.source;
      r["format"] = file.format;
      r["fs"] = record.fs;
      r["leads"] = leads;
      std::vector<std::string> warnings = file.warnings;  // the file's first, as in the JSON
      warnings.insert(warnings.end(), record.warnings.begin(), record.warnings.end());
      r["warnings"] = warnings;
      out.append(r);
    }
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(qrs_annotator, m) {
  m.doc() = "QRS onset/offset annotation with the project's C++ core (docs/python.md).";
  // The core's own errors are bad input (a record with no samples, fs <= 0, a damaged file).
  py::register_exception<qrs::Error>(m, "AnnotationError", PyExc_ValueError);
  py::class_<PyAnnotator>(m, "Annotator")
      .def(py::init<std::optional<std::string>, py::object, int, const std::string&>(),
           py::arg("model") = py::none(), py::arg("noise_model") = py::none(),
           py::arg("threads") = 1, py::arg("backend") = "auto")
      .def("annotate", &PyAnnotator::annotate, py::arg("leads"), py::arg("fs"),
           py::arg("record") = "record", py::arg("lead_names") = py::none(),
           py::arg("probabilities") = false)
      .def("annotate_file", &PyAnnotator::annotate_file, py::arg("path"), py::arg("fs") = 0.0,
           py::arg("probabilities") = false, py::arg("all_channels") = false)
      .def_property_readonly("model_info", &PyAnnotator::model_info);
  m.def("read_file", &read_file, py::arg("path"), py::arg("fs") = 0.0,
        py::arg("all_channels") = false);
  // Checks annotate()'s options without a model or a record, so a batch refuses a wrong option
  // before it starts instead of failing on every file.
  m.def("check_options", [](const py::kwargs& options) {
    read_event_options(qrs::annotate::EventOptions{}, options, Spelling::Python);
  });
  m.def("options_from_flags", &options_from_flags, py::arg("flags"));
  m.def("event_option_table", &event_option_table);
}
