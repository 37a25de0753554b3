// Parses ecg-annotate's command line. Accepts "--opt value" and "--opt=value".
#include "cli/options.h"

#include <cmath>
#include <cstdlib>

#include "annotate/option_ranges.h"

namespace qrs::cli {
namespace {

double parse_number(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
    throw UsageError(option + ": '" + text + "' is not a number");
  return value;
}

// The option's value, which must lie in `range` (annotate/option_ranges.h, shared with the JS
// module's options of the same meaning).
double number_in(const std::string& option, const std::string& text,
                 const annotate::ValueRange& range) {
  const double v = parse_number(option, text);
  if (!range.contains(v)) throw UsageError(annotate::out_of_range_message(option, range, v));
  return v;
}

}  // namespace

const char* usage_text() {
  return "usage: ecg-annotate FILE... [--json] [--probabilities] [--backend auto|xnnpack|builtin]\n"
         "                    [--fs HZ] [--model PATH] [--noise-model PATH | --no-noise-model]\n"
         "                    [--threshold P] [--centroid-ms MS] [--refractory-ms MS]\n"
         "                    [--min-qrs-ms MS] [--max-qrs-ms MS]\n"
         "                    [--convention-weight W] [--noise-convention-weight W]\n"
         "                    [--paced-onset spike|response]\n"
         "                    [--no-pacing] [--threads N] [--wfdb-annotations DIR] [--dump]\n"
         "       ecg-annotate --version\n"
         "Finds QRS onsets and offsets in ECG files (WFDB, EDF/BDF, CSV, NPY/NPZ, JSON).\n"
         "  --json           one JSON document per record (an array for several records)\n"
         "  --probabilities  with --json: include per-sample onsetProb/offsetProb arrays\n"
         "  --backend NAME   inference backend: auto (default), xnnpack or builtin\n"
         "  --fs HZ          sampling rate for files that carry none (CSV without time column)\n"
         "  --model PATH     model file (default: $QRS_MODEL or model_weights/qrs_unet.qrsm)\n"
         "  --noise-model PATH  second model for records whose leads agree on under 97 %\n"
         "                   of the beats, as noisy ones do (default with the shipped model:\n"
         "                   model_weights/qrs_unet_noisy.qrsm; none with --model)\n"
         "  --no-noise-model every record read by the first model alone\n"
         "  --threshold P    minimum peak probability for an onset/offset, 0 < P < 1\n"
         "  --centroid-ms MS boundary = probability mass centre within +-MS of the peak\n"
         "                   (default 30; 0 = the peak itself), 0 <= MS <= 150\n"
         "  --refractory-ms MS  two onsets (or offsets) closer than this: the stronger is kept\n"
         "                   (default 200), 0 <= MS <= 2000\n"
         "  --min-qrs-ms MS, --max-qrs-ms MS  shortest and longest QRS an onset and the next\n"
         "                   offset may make (default 30 and 250), 0 < MS <= 500\n"
         "  --convention-weight W  share of each lead's boundary taken from the beat's\n"
         "                   boundary plus the lead's usual distance from it, 0 <= W <= 1\n"
         "                   (default 0.5; 0 = every lead's own marks)\n"
         "  --noise-convention-weight W  the same where the noise reader reads\n"
         "                   (default 0.8)\n"
         "  --paced-onset AT where a paced beat's QRS starts: spike (default: at the\n"
         "                   pacemaker spike, as paced QRS duration is measured) or response\n"
         "                   (at the ventricular response after it)\n"
         "  --no-pacing      do not look for pacemaker spikes (none is reported, no beat\n"
         "                   is paced)\n"
         "  --threads N      annotate up to N leads in parallel (default 1)\n"
         "  --wfdb-annotations DIR  also write each record's marks as WFDB annotation files\n"
         "                   into DIR: '(' 'N' ')' per lead (<record>.<lead>, as LUDB) and for\n"
         "                   the beats across the leads (<record>.qrs); never an input's folder\n"
         "  --dump           print the decoded signals as CSV (mV) instead of annotating\n"
         "  --version        list the backends and codecs this build holds\n"
         "A WFDB record may be named by its .hea or without extension; the files its header\n"
         "names are loaded from the same directory. See docs/cli.md.\n";
}

CliOptions parse_options(const std::vector<std::string>& args) {
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
    } else if (arg == "--model") {
      options.model = take_value();
      if (options.model.empty()) throw UsageError("--model: empty path");
    } else if (arg == "--noise-model") {
      options.noise_model = take_value();
      if (options.noise_model.empty()) throw UsageError("--noise-model: empty path");
    } else if (arg == "--no-noise-model") {
      options.no_noise_model = true;
    } else if (arg == "--threshold") {
      options.threshold =
          static_cast<float>(number_in(arg, take_value(), annotate::kThresholdRange));
    } else if (arg == "--centroid-ms") {
      options.centroid_ms = number_in(arg, take_value(), annotate::kCentroidMsRange);
    } else if (arg == "--refractory-ms") {
      options.refractory_ms = number_in(arg, take_value(), annotate::kRefractoryMsRange);
    } else if (arg == "--min-qrs-ms") {
      options.min_qrs_ms = number_in(arg, take_value(), annotate::kQrsMsRange);
    } else if (arg == "--max-qrs-ms") {
      options.max_qrs_ms = number_in(arg, take_value(), annotate::kQrsMsRange);
    } else if (arg == "--convention-weight" || arg == "--noise-convention-weight") {
      const double w = number_in(arg, take_value(), annotate::kWeightRange);
      std::optional<double>& weight = arg == "--convention-weight"
                                          ? options.convention_weight
                                          : options.noise_convention_weight;
      weight = w;
    } else if (arg == "--paced-onset") {
      const std::string at = take_value();
      try {
        options.paced_onset = annotate::parse_paced_onset(at);
      } catch (const Error&) {
        throw UsageError("--paced-onset: '" + at + "' is not one of spike, response");
      }
    } else if (arg == "--no-pacing") {
      no_value();
      options.detect_pacing = false;
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
  const annotate::EventOptions defaults;
  const std::string span = annotate::qrs_span_problem(
      "--min-qrs-ms", options.min_qrs_ms.value_or(defaults.min_qrs_ms), "--max-qrs-ms",
      options.max_qrs_ms.value_or(defaults.max_qrs_ms));
  if (!span.empty()) throw UsageError(span);
  if (options.files.empty()) throw UsageError("no input files");
  if (options.probabilities && !options.json)
    throw UsageError("--probabilities only applies to --json output");
  if (options.dump && !options.wfdb_annotations.empty())
    throw UsageError("--dump prints the decoded signals; it writes no annotation files");
  if (options.dump && (options.json || options.probabilities))
    throw UsageError("--dump prints the decoded signals; it cannot be combined with --json");
  return options;
}

}  // namespace qrs::cli
