// Parses ecg-annotate's command line. Accepts "--opt value" and "--opt=value".
#include "cli/options.h"

#include <cmath>
#include <cstdlib>

#include "annotate/event_option_table.h"

namespace qrs::cli {
namespace {

double parse_number(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
    throw UsageError(option + ": '" + text + "' is not a number");
  return value;
}

// One event option (annotate/event_option_table.h) from the command line; its value, where it
// takes one, from take_value.
template <class TakeValue, class NoValue>
void read_event_flag(annotate::EventOptions& events, const annotate::EventOption& option,
                     TakeValue&& take_value, NoValue&& no_value) {
  constexpr annotate::Spelling kCli = annotate::Spelling::Cli;
  switch (option.kind) {
    case annotate::OptionKind::Number:
      annotate::set_number(events, option, parse_number(option.cli, take_value()), kCli);
      break;
    case annotate::OptionKind::Choice:
      annotate::set_choice(events, option, take_value(), kCli);
      break;
    case annotate::OptionKind::Switch:
      no_value();
      annotate::set_switch(events, option, true, kCli);
      break;
  }
}

CliOptions read_options(const std::vector<std::string>& args) {
  CliOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    std::string value;
    bool has_inline_value = false;
    if (arg.rfind("--", 0) == 0) {
      const std::size_t eq = arg.find('=');
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline_value = true;
      }
    }
    auto take_value = [&]() -> std::string {
      if (has_inline_value) return value;
      if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
      return args[++i];
    };
    auto no_value = [&]() {
      if (has_inline_value) throw UsageError(arg + " takes no value");
    };
    if (arg == "--json") {
      no_value();
      options.json = true;
    } else if (arg == "--probabilities") {
      no_value();
      options.probabilities = true;
    } else if (arg == "--dump") {
      no_value();
      options.dump = true;
    } else if (arg == "--help" || arg == "-h") {
      options.help = true;
    } else if (arg == "--version") {
      no_value();
      options.version = true;
    } else if (arg == "--backend") {
      const std::string name = take_value();
      try {
        options.backend = nn::parse_backend(name);
      } catch (const Error&) {
        throw UsageError("--backend: '" + name + "' is not one of auto, xnnpack, builtin");
      }
    } else if (arg == "--fs") {
      options.fs = parse_number("--fs", take_value());
      if (!(options.fs > 0)) throw UsageError("--fs: the sampling rate must be > 0 Hz");
    } else if (arg == "--all-channels") {
      no_value();
      options.all_channels = true;
    } else if (arg == "--model") {
      options.model = take_value();
      if (options.model.empty()) throw UsageError("--model: empty path");
    } else if (arg == "--noise-model") {
      options.noise_model = take_value();
      if (options.noise_model.empty()) throw UsageError("--noise-model: empty path");
    } else if (arg == "--no-noise-model") {
      options.no_noise_model = true;
    } else if (const annotate::EventOption* event =
                   annotate::find_event_option(arg, annotate::Spelling::Cli)) {
      read_event_flag(options.events, *event, take_value, no_value);
    } else if (arg == "--threads") {
      const double t = parse_number("--threads", take_value());
      if (!(t >= 1 && t <= 16 && t == static_cast<int>(t)))
        throw UsageError("--threads: must be a whole number from 1 to 16");
      options.threads = static_cast<int>(t);
    } else if (arg == "--wfdb-annotations") {
      options.wfdb_annotations = take_value();
      if (options.wfdb_annotations.empty())
        throw UsageError("--wfdb-annotations: empty folder name");
    } else if (arg == "--") {
      for (++i; i < args.size(); ++i) options.files.push_back(args[i]);
    } else if (arg.size() > 1 && arg[0] == '-') {
      throw UsageError("unknown option '" + arg + "'");
    } else {
      options.files.push_back(arg);
    }
  }
  if (options.help || options.version) return options;
  annotate::check_event_options(options.events, annotate::Spelling::Cli);
  if (options.files.empty()) throw UsageError("no input files");
  if (options.probabilities && !options.json)
    throw UsageError("--probabilities only applies to --json output");
  if (options.dump && !options.wfdb_annotations.empty())
    throw UsageError("--dump prints the decoded signals; it writes no annotation files");
  if (options.dump && (options.json || options.probabilities))
    throw UsageError("--dump prints the decoded signals; it cannot be combined with --json");
  return options;
}

}  // namespace

CliOptions parse_options(const std::vector<std::string>& args) {
  try {
    return read_options(args);
  } catch (const annotate::EventOptionError& e) {  // the table's words, the CLI's flag names
    throw UsageError(e.what());
  }
}

}  // namespace qrs::cli
