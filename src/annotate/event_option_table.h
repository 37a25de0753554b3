#pragma once
// Every per-call option of event finding (EventOptions, events.h), listed once: how each surface
// spells it (the CLI's flag, Python's keyword, the JS options object's key), the EventOptions
// member it sets, the values it may take and one line of help. The CLI's parser and --help
// (src/cli/options.cpp), Python's keywords and qrs_batch's flags (src/python) and the JS module's
// options object (src/wasm/bindings.cpp) take their list from here, so an option added here is
// offered everywhere, and each surface's messages name it in that surface's own spelling.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "annotate/events.h"
#include "annotate/option_ranges.h"
#include "util/error.h"

namespace qrs::annotate {

// A number within a range; one of a few names; a switch, on or off.
enum class OptionKind { Number, Choice, Switch };

// Whose words: the CLI's flags (--min-qrs-ms; qrs_batch's too), Python's keywords (min_qrs_ms),
// the keys of the JS options object (minQrsMs).
enum class Spelling { Cli, Python, Js };

struct EventOption {
  const char* cli;     // "--min-qrs-ms"; a switch's flag sets it to the opposite of its default
  const char* python;  // "min_qrs_ms"
  const char* js;      // "minQrsMs"
  const char* member;  // "min_qrs_ms": the EventOptions member it sets
  // That member as a number (a choice: its index in `choices`; a switch: 0 or 1), read and
  // written whatever its own type.
  double (*get)(const EventOptions&);
  void (*set)(EventOptions&, double);
  OptionKind kind;
  const char* metavar;               // the CLI's placeholder for the value ("MS"); "" for a switch
  ValueRange range;                  // a number's values; unused for the other kinds
  std::vector<std::string> choices;  // a choice's names, in the order of its enum's values
  const char* help;                  // one line; a switch's says what turning it off does

  const char* name(Spelling spelling) const;
};

// In the order --help lists them.
const std::vector<EventOption>& event_option_table();

// The option spelt `name` in `spelling`; nullptr when there is none.
const EventOption* find_event_option(const std::string& name, Spelling spelling);

// "threshold, centroid_ms, ...": every option's name in `spelling`, in table order.
std::string event_option_names(Spelling spelling);

// A value an option cannot take; the message names the option in the spelling it was given in.
class EventOptionError : public Error {
 public:
  using Error::Error;
};

// Each sets one option of `events` from a value given in `spelling`, or throws EventOptionError:
// "maxQrsMs must be > 0 and <= 500 (got 600)", "pacedOnset must be 'spike' or 'response' (got
// 'qrs')". A switch's value is the member's own in Python and JS; in the CLI's spelling true means
// the flag was given, which sets the opposite of the default (--no-pacing).
void set_number(EventOptions& events, const EventOption& option, double value, Spelling spelling);
void set_choice(EventOptions& events, const EventOption& option, const std::string& value,
                Spelling spelling);
void set_switch(EventOptions& events, const EventOption& option, bool value, Spelling spelling);

// What holds between options, checked once all are set (a default counts as set): the longest
// QRS must exceed the shortest (qrs_span_problem). Throws EventOptionError naming both.
void check_event_options(const EventOptions& events, Spelling spelling);

// "<name> must be a number (got <got>)", "... must be 'spike' or 'response' ...", "... must be
// true or false ...": for a value of the wrong kind, as the surface describes it in `got`.
std::string wrong_value_message(const EventOption& option, Spelling spelling,
                                const std::string& got);

// "annotate: unknown option 'x' (the options are a, b, ...)": `others` (the surface's options
// besides these, e.g. JS's record and leadNames) first, then the table's in `spelling`.
std::string unknown_option_message(const std::string& name, Spelling spelling,
                                   const std::string& others = "");

// The values it may take and its default, in words the same in every spelling: "above 0, below
// 1; default 0.4", "'spike' or 'response'; default 'spike'"; "" for a switch (on by default).
std::string allowed_values(const EventOption& option);

// One option as named fields for the surfaces that hand the table out (Python's
// event_option_table(), the JS module's eventOptionTable()): cli, python, js, member, kind
// ("number", "choice", "switch"), metavar, help, values (allowed_values), default; a number's
// low, high and inclusive ([low allowed, high allowed]); a choice's choices.
using OptionField =
    std::variant<bool, double, std::string, std::vector<std::string>, std::vector<bool>>;
std::vector<std::pair<std::string, OptionField>> describe(const EventOption& option);

}  // namespace qrs::annotate
