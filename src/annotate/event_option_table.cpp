// The table of event options (event_option_table.h) and the one way every surface sets them.
#include "annotate/event_option_table.h"

#include <sstream>
#include <type_traits>

namespace qrs::annotate {
namespace {

// A member of EventOptions as a number and back, whatever its type (float, double, bool, enum).
template <auto Member>
double read_member(const EventOptions& events) {
  const auto value = events.*Member;
  if constexpr (std::is_enum_v<decltype(value)>)
    return static_cast<int>(value);
  else
    return static_cast<double>(value);
}

template <auto Member>
void write_member(EventOptions& events, double value) {
  using Type = std::remove_reference_t<decltype(events.*Member)>;
  if constexpr (std::is_enum_v<Type>)
    events.*Member = static_cast<Type>(static_cast<int>(value));
  else if constexpr (std::is_same_v<Type, bool>)
    events.*Member = value != 0;
  else
    events.*Member = static_cast<Type>(value);
}

// The member's name and its accessors from one token, so an entry cannot name one member and
// set another.
// clang-format off
#define QRS_EVENT_MEMBER(m) #m, &read_member<&EventOptions::m>, &write_member<&EventOptions::m>
// clang-format on

constexpr ValueRange kNoRange{0, 0};

std::string number_text(double v) {
  std::ostringstream text;
  text << v;
  return text.str();
}

// "'spike' or 'response'"; "'a', 'b' or 'c'".
std::string choices_text(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i)
    text += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + ("'" + choices[i] + "'");
  return text;
}

const char* kind_name(OptionKind kind) {
  static const char* const names[] = {"number", "choice", "switch"};  // OptionKind's order
  return names[static_cast<int>(kind)];
}

const EventOption& option_setting(const char* member) {
  for (const EventOption& option : event_option_table())
    if (std::string(option.member) == member) return option;
  throw Error(std::string("no event option sets ") + member);  // a broken table, not bad input
}

}  // namespace

const char* EventOption::name(Spelling spelling) const {
  switch (spelling) {
    case Spelling::Cli:
      return cli;
    case Spelling::Python:
      return python;
    case Spelling::Js:
      break;
  }
  return js;
}

// One entry in a few lines reads better than one field a line.
// clang-format off
const std::vector<EventOption>& event_option_table() {
  static const std::vector<EventOption> table = {
      {"--threshold", "threshold", "threshold", QRS_EVENT_MEMBER(threshold), OptionKind::Number,
       "P", kThresholdRange, {}, "minimum peak probability for an onset or offset"},
      {"--centroid-ms", "centroid_ms", "centroidMs", QRS_EVENT_MEMBER(centroid_ms),
       OptionKind::Number, "MS", kCentroidMsRange, {},
       "each boundary is the probability mass centre within this many ms of its peak; 0 keeps "
       "the peak itself"},
      {"--refractory-ms", "refractory_ms", "refractoryMs", QRS_EVENT_MEMBER(refractory_ms),
       OptionKind::Number, "MS", kRefractoryMsRange, {},
       "two onsets (or two offsets) closer than this many ms keep only the stronger"},
      {"--min-qrs-ms", "min_qrs_ms", "minQrsMs", QRS_EVENT_MEMBER(min_qrs_ms), OptionKind::Number,
       "MS", kQrsMsRange, {}, "shortest QRS (ms) an onset and the next offset may make"},
      {"--max-qrs-ms", "max_qrs_ms", "maxQrsMs", QRS_EVENT_MEMBER(max_qrs_ms), OptionKind::Number,
       "MS", kQrsMsRange, {},
       "longest QRS (ms) an onset and the next offset may make, above the shortest"},
      {"--convention-weight", "convention_weight", "conventionWeight",
       QRS_EVENT_MEMBER(convention_weight), OptionKind::Number, "W", kWeightRange, {},
       "share of each lead's boundary taken from the beat's boundary plus the lead's usual "
       "distance from it; 0 keeps every lead's own marks"},
      {"--noise-convention-weight", "noise_convention_weight", "noiseConventionWeight",
       QRS_EVENT_MEMBER(convention_weight_in_noise), OptionKind::Number, "W", kWeightRange, {},
       "the same share where the noise reader reads"},
      {"--paced-onset", "paced_onset", "pacedOnset", QRS_EVENT_MEMBER(paced_onset),
       OptionKind::Choice, "AT", kNoRange, {"spike", "response"},
       "where a paced beat's QRS starts: at the pacemaker spike, as paced QRS duration is "
       "measured, or at the ventricular response after it"},
      {"--no-pacing", "detect_pacing", "detectPacing", QRS_EVENT_MEMBER(detect_pacing),
       OptionKind::Switch, "", kNoRange, {},
       "no pacemaker spike search: none is reported, no beat is paced, every lead reaches the "
       "network as it is"},
  };
  return table;
}
// clang-format on

#undef QRS_EVENT_MEMBER

const EventOption* find_event_option(const std::string& name, Spelling spelling) {
  for (const EventOption& option : event_option_table())
    if (name == option.name(spelling)) return &option;
  return nullptr;
}

std::string event_option_names(Spelling spelling) {
  std::string names;
  for (const EventOption& option : event_option_table())
    names += (names.empty() ? "" : ", ") + std::string(option.name(spelling));
  return names;
}

void set_number(EventOptions& events, const EventOption& option, double value, Spelling spelling) {
  if (!option.range.contains(value))
    throw EventOptionError(out_of_range_message(option.name(spelling), option.range, value));
  option.set(events, value);
}

void set_choice(EventOptions& events, const EventOption& option, const std::string& value,
                Spelling spelling) {
  for (std::size_t i = 0; i < option.choices.size(); ++i) {
    if (option.choices[i] == value) {
      option.set(events, static_cast<double>(i));
      return;
    }
  }
  throw EventOptionError(wrong_value_message(option, spelling, "'" + value + "'"));
}

void set_switch(EventOptions& events, const EventOption& option, bool value, Spelling spelling) {
  if (spelling == Spelling::Cli) {
    if (value) option.set(events, option.get(EventOptions{}) == 0 ? 1 : 0);
    return;
  }
  option.set(events, value ? 1 : 0);
}

void check_event_options(const EventOptions& events, Spelling spelling) {
  const EventOption& min = option_setting("min_qrs_ms");
  const EventOption& max = option_setting("max_qrs_ms");
  const std::string span =
      qrs_span_problem(min.name(spelling), min.get(events), max.name(spelling), max.get(events));
  if (!span.empty()) throw EventOptionError(span);
}

std::string wrong_value_message(const EventOption& option, Spelling spelling,
                                const std::string& got) {
  const std::string wanted = option.kind == OptionKind::Number   ? "a number"
                             : option.kind == OptionKind::Choice ? choices_text(option.choices)
                                                                 : "true or false";
  return std::string(option.name(spelling)) + " must be " + wanted + " (got " + got + ")";
}

std::string unknown_option_message(const std::string& name, Spelling spelling,
                                   const std::string& others) {
  return "annotate: unknown option '" + name + "' (the options are " +
         (others.empty() ? "" : others + ", ") + event_option_names(spelling) + ")";
}

std::string allowed_values(const EventOption& option) {
  const double fallback = option.get(EventOptions{});
  if (option.kind == OptionKind::Choice)
    return choices_text(option.choices) + "; default '" +
           option.choices[static_cast<std::size_t>(fallback)] + "'";
  if (option.kind == OptionKind::Switch) return "";
  const ValueRange& r = option.range;
  const std::string low = number_text(r.low), high = number_text(r.high);
  const std::string from = r.low_included ? "from " + low : "above " + low;
  const std::string to =
      r.high_included ? (r.low_included ? " to " : ", at most ") + high : ", below " + high;
  return from + to + "; default " + number_text(fallback);
}

std::vector<std::pair<std::string, OptionField>> describe(const EventOption& option) {
  const double fallback = option.get(EventOptions{});
  // Texts as std::string: a bare const char* would pick the variant's bool.
  std::vector<std::pair<std::string, OptionField>> fields = {
      {"cli", std::string(option.cli)},
      {"python", std::string(option.python)},
      {"js", std::string(option.js)},
      {"member", std::string(option.member)},
      {"kind", std::string(kind_name(option.kind))},
      {"metavar", std::string(option.metavar)},
      {"help", std::string(option.help)},
      {"values", allowed_values(option)}};
  switch (option.kind) {
    case OptionKind::Number:
      // As --help shows it: a float member's 0.4 is 0.4, not 0.4000000059604645.
      fields.emplace_back("default", std::stod(number_text(fallback)));
      fields.emplace_back("low", option.range.low);
      fields.emplace_back("high", option.range.high);
      fields.emplace_back("inclusive",
                          std::vector<bool>{option.range.low_included, option.range.high_included});
      break;
    case OptionKind::Choice:
      fields.emplace_back("default", option.choices[static_cast<std::size_t>(fallback)]);
      fields.emplace_back("choices", option.choices);
      break;
    case OptionKind::Switch:
      fields.emplace_back("default", fallback != 0);
      break;
  }
  return fields;
}

}  // namespace qrs::annotate
