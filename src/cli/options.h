#pragma once
// Command-line options of ecg-annotate (docs/cli.md) and their parser. A wrong option is a
// UsageError: the CLI prints it with the usage text and exits with status 2.
#include <string>
#include <vector>

#include "annotate/events.h"
#include "nn/network.h"
#include "util/error.h"

namespace qrs::cli {

class UsageError : public Error {
 public:
  using Error::Error;
};

struct CliOptions {
  std::vector<std::string> files;
  bool json = false;
  bool probabilities = false;
  bool dump = false;
  bool help = false;
  bool version = false;  // print the build's backends and codecs, then exit
  nn::BackendKind backend = nn::BackendKind::Auto;
  double fs = 0;      // for formats without a rate (CSV without a time column)
  bool all_channels = false;  // every channel a lead, whatever its label (ReadOptions)
  std::string model;  // empty: qrs::default_model_path()
  // The second reader for noisy records (Annotator::set_noise_reader). Empty: the shipped one
  // (qrs::default_noise_model_path()) when the model is the shipped one too, else none.
  std::string noise_model;
  bool no_noise_model = false;              // --no-noise-model: every record read by --model alone
  // --threshold ... --no-pacing (annotate/event_option_table.h): the library's defaults but for
  // the flags given.
  annotate::EventOptions events;
  int threads = 1;               // leads annotated in parallel
  std::string wfdb_annotations;  // folder for WFDB annotation files of the marks; empty: none
};

CliOptions parse_options(const std::vector<std::string>& args);

const char* usage_text();

}  // namespace qrs::cli
