// ecg-annotate's usage text (--help, and after a usage error). The event options' part is written
// from the table of options (annotate/event_option_table.h), so --help lists exactly the flags
// the parser accepts, with their ranges and defaults.
#include <sstream>

#include "annotate/event_option_table.h"
#include "cli/options.h"

namespace qrs::cli {
namespace {

constexpr std::size_t kWidth = 92;       // the longest line
constexpr std::size_t kSynopsis = 20;    // where the synopsis's continued lines start
constexpr std::size_t kHelpColumn = 19;  // where each option's help starts

// `units` (words, or bracketed synopsis items) after `line`, separated by spaces, wrapped at
// kWidth onto lines that start at column `indent`; ends with a newline.
std::string wrapped(std::string line, const std::vector<std::string>& units, std::size_t indent) {
  std::string out;
  bool line_has_unit = false;
  for (const std::string& unit : units) {
    if (line_has_unit && line.size() + 1 + unit.size() > kWidth) {
      out += line + '\n';
      line = std::string(indent, ' ');
      line_has_unit = false;
    }
    if (line_has_unit || (!line.empty() && line.back() != ' ')) line += ' ';
    line += unit;
    line_has_unit = true;
  }
  return out + line + '\n';
}

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// "[--threshold P]", "[--paced-onset spike|response]", "[--no-pacing]".
std::string synopsis_item(const annotate::EventOption& option) {
  std::string value = option.metavar;
  if (option.kind == annotate::OptionKind::Choice) {
    value.clear();
    for (const std::string& choice : option.choices) value += (value.empty() ? "" : "|") + choice;
  }
  return "[" + std::string(option.cli) + (value.empty() ? "" : " " + value) + "]";
}

// "  --threshold P    minimum peak probability ... (above 0, below 1; default 0.4)".
std::string help_lines(const annotate::EventOption& option) {
  std::string head = "  " + std::string(option.cli);
  if (*option.metavar) head += " " + std::string(option.metavar);
  head += head.size() + 1 < kHelpColumn ? std::string(kHelpColumn - head.size(), ' ') : "  ";
  const std::string values = annotate::allowed_values(option);
  return wrapped(head, words(option.help + (values.empty() ? "" : " (" + values + ")")),
                 kHelpColumn);
}

std::string build_usage() {
  std::vector<std::string> synopsis;
  std::string event_help;
  for (const annotate::EventOption& option : annotate::event_option_table()) {
    synopsis.push_back(synopsis_item(option));
    event_help += help_lines(option);
  }
  for (const char* item : {"[--threads N]", "[--wfdb-annotations DIR]", "[--dump]"})
    synopsis.push_back(item);
  const std::string indent(kSynopsis, ' ');
  return "usage: ecg-annotate FILE... [--json] [--probabilities] [--backend auto|xnnpack|builtin]\n"
         "                    [--fs HZ] [--all-channels] [--model PATH]\n"
         "                    [--noise-model PATH | --no-noise-model]\n" +
         wrapped(indent, synopsis, kSynopsis) +
         "       ecg-annotate --version\n"
         "Finds QRS onsets and offsets in ECG files (WFDB, EDF/BDF, CSV, NPY/NPZ, JSON).\n"
         "  --json           one JSON document per record (an array for several records)\n"
         "  --probabilities  with --json: include per-sample onsetProb/offsetProb arrays\n"
         "  --backend NAME   inference backend: auto (default), xnnpack or builtin\n"
         "  --fs HZ          sampling rate for files that carry none (CSV without time column)\n"
         "  --all-channels   read every channel as a lead, whatever its label: channels labelled\n"
         "                   as another kind of signal (EEG, EOG, SpO2, ...) are otherwise left\n"
         "                   out next to ECG, and a file with only such channels refused\n"
         "  --model PATH     model file (default: $QRS_MODEL or model_weights/qrs_unet.qrsm)\n"
         "  --noise-model PATH  second model for records whose leads agree on under 97 %\n"
         "                   of the beats, as noisy ones do (default with the shipped model:\n"
         "                   model_weights/qrs_unet_noisy.qrsm; none with --model)\n"
         "  --no-noise-model every record read by the first model alone\n" +
         event_help +
         "  --threads N      annotate up to N leads in parallel (default 1)\n"
         "  --wfdb-annotations DIR  also write each record's marks as WFDB annotation files\n"
         "                   into DIR: '(' 'N' ')' per lead (<record>.<lead>, as LUDB) and for\n"
         "                   the beats across the leads (<record>.qrs); never an input's folder\n"
         "  --dump           print the decoded signals as CSV (mV) instead of annotating\n"
         "  --version        list the backends and codecs this build holds\n"
         "A WFDB record may be named by its .hea or without extension; the files its header\n"
         "names are loaded from the same directory. See docs/cli.md.\n";
}

}  // namespace

const char* usage_text() {
  static const std::string text = build_usage();
  return text.c_str();
}

}  // namespace qrs::cli
