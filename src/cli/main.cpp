// ecg-annotate: QRS onsets and offsets for ECG files from the command line (docs/cli.md).
// Exit status: 0 all files annotated; 1 some file (or the model) could not be read or annotated,
// the others are still processed; 2 usage error.
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "annotator.h"
#include "cli/input_files.h"
#include "cli/options.h"
#include "cli/output.h"
#include "formats/csv_writer.h"

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// One line per kind, names separated by spaces: scripts and tests read it (docs/cli.md).
void print_build_info() {
  const qrs::BuildInfo info = qrs::build_info();
  auto line = [](const char* kind, const std::vector<std::string>& names) {
    std::cout << kind << ':';
    for (const std::string& name : names) std::cout << ' ' << name;
    std::cout << '\n';
  };
  std::cout << "ecg-annotate (QRS annotator)\n";
  line("backends", info.backends);
  line("codecs", info.codecs);
}

int run(const qrs::cli::CliOptions& options) {
  int status = 0;
  qrs::cli::InputFiles inputs = qrs::cli::load_input_files(options.files);
  for (const std::string& error : inputs.errors) std::cerr << "ecg-annotate: " << error << '\n';
  if (!inputs.errors.empty()) status = kExitFailure;

  qrs::ReadOptions read_options;
  read_options.fs = options.fs;
  read_options.all_channels = options.all_channels;
  std::vector<qrs::ReadResult> results;
  // Each file's bytes go once decoded, before anything is annotated: a day-long Holter's are
  // half the size of its samples again (2 bytes a sample in WFDB format 16 or EDF).
  if (!inputs.buffers.empty()) results = qrs::read_files(std::move(inputs.buffers), read_options);

  std::vector<const qrs::Record*> records;
  std::vector<const qrs::ReadResult*> record_files;
  for (const qrs::ReadResult& result : results) {
    for (const std::string& warning : result.warnings)  // each starts with the file's name
      std::cerr << "ecg-annotate: warning: " << warning << '\n';
    if (!result.error.empty()) {
      std::cerr << "ecg-annotate: " << result.error << '\n';
      status = kExitFailure;
      continue;
    }
    for (const qrs::Record& record : result.records) {
      records.push_back(&record);
      record_files.push_back(&result);
    }
  }

  if (options.dump) {
    for (const qrs::Record* record : records) std::cout << qrs::write_csv(*record);
    return status;
  }
  // The JSON's shape follows what was asked for, never what failed: an array when several files
  // are named (a header's data files given beside it are part of its one) or the one file holds
  // several records, so a script reads one shape whichever files fail; an object for one file of
  // one record, as before.
  const bool json_array = results.size() + inputs.errors.size() > 1 || records.size() > 1;
  if (records.empty()) {
    if (options.json && json_array) std::cout << "[]\n";
    return status == 0 ? kExitFailure : status;
  }
  if (!options.wfdb_annotations.empty()) {
    try {
      qrs::cli::check_annotation_folder(options.wfdb_annotations, options.files);
    } catch (const std::exception& e) {
      std::cerr << "ecg-annotate: " << e.what() << '\n';
      return kExitFailure;
    }
  }

  qrs::AnnotatorOptions annotator_options;
  annotator_options.backend = options.backend;
  annotator_options.keep_probabilities = options.probabilities;
  annotator_options.threads = options.threads;
  annotator_options.events = options.events;
  std::unique_ptr<qrs::Annotator> annotator;
  try {
    annotator = qrs::Annotator::from_model_file(
        options.model.empty() ? qrs::default_model_path() : options.model, annotator_options);
    if (options.no_noise_model && !options.noise_model.empty())
      throw qrs::Error("--noise-model and --no-noise-model contradict each other");
    const std::string noise_model =
        qrs::noise_model_for(options.model, options.noise_model, options.no_noise_model);
    if (!noise_model.empty())
      annotator->set_noise_reader(qrs::Annotator::from_model_file(noise_model, annotator_options));
  } catch (const std::exception& e) {
    std::cerr << "ecg-annotate: " << e.what() << '\n';
    return kExitFailure;
  }

  std::vector<qrs::cli::AnnotatedRecord> annotated;
  for (std::size_t r = 0; r < records.size(); ++r) {
    try {
      qrs::cli::AnnotatedRecord item;
      item.file = record_files[r]->file;
      item.format = record_files[r]->format;
      item.file_warnings = record_files[r]->warnings;
      item.annotation = annotator->annotate(*records[r]);
      if (!options.wfdb_annotations.empty()) {
        for (const std::string& path : qrs::cli::write_wfdb_annotations(
                 options.wfdb_annotations, *records[r], item.annotation))
          std::cerr << "ecg-annotate: wrote " << path << '\n';
      }
      if (options.json) {
        annotated.push_back(std::move(item));
      } else {
        qrs::cli::write_table(std::cout, item);  // stream as we go: long batches show progress
      }
    } catch (const std::exception& e) {
      std::cerr << "ecg-annotate: " << record_files[r]->file << ": " << e.what() << '\n';
      status = kExitFailure;
    }
  }
  if (options.json && (json_array || !annotated.empty()))
    qrs::cli::write_json(std::cout, annotated, options.probabilities, json_array);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  qrs::cli::CliOptions options;
  try {
    options = qrs::cli::parse_options(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const qrs::cli::UsageError& e) {
    std::cerr << "ecg-annotate: " << e.what() << '\n' << qrs::cli::usage_text();
    return kExitUsage;
  }
  if (options.help) {
    std::cout << qrs::cli::usage_text();
    return 0;
  }
  if (options.version) {
    print_build_info();
    return 0;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::cerr << "ecg-annotate: " << e.what() << '\n';
    return kExitFailure;
  }
}
