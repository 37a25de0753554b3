// The one table of event options (annotate/event_option_table.h) that the CLI, Python and the JS
// module read their options from: each entry sets the member it names, each spelling finds it,
// and every message names the option in the spelling it was given in.
#include "annotate/event_option_table.h"

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <map>
#include <set>

namespace {

using namespace qrs::annotate;

// The members of EventOptions, read directly: the oracle the table's accessors are checked by.
const std::map<std::string, std::function<double(const EventOptions&)>>& members() {
  static const std::map<std::string, std::function<double(const EventOptions&)>> read = {
      {"threshold", [](const EventOptions& e) { return e.threshold; }},
      {"refractory_ms", [](const EventOptions& e) { return e.refractory_ms; }},
      {"min_qrs_ms", [](const EventOptions& e) { return e.min_qrs_ms; }},
      {"max_qrs_ms", [](const EventOptions& e) { return e.max_qrs_ms; }},
      {"centroid_ms", [](const EventOptions& e) { return e.centroid_ms; }},
      {"convention_weight", [](const EventOptions& e) { return e.convention_weight; }},
      {"convention_weight_in_noise",
       [](const EventOptions& e) { return e.convention_weight_in_noise; }},
      {"detect_pacing", [](const EventOptions& e) { return e.detect_pacing ? 1.0 : 0.0; }},
      {"paced_onset",
       [](const EventOptions& e) { return e.paced_onset == PacedOnset::Spike ? 0.0 : 1.0; }},
  };
  return read;
}

// A value the option accepts that is not its default, set as Python gives it.
EventOptions with_other_value(const EventOption& option) {
  EventOptions events;
  switch (option.kind) {
    case OptionKind::Number: {
      const double mid = (option.range.low + option.range.high) / 2;
      set_number(events, option, mid == option.get(events) ? mid / 2 : mid, Spelling::Python);
      break;
    }
    case OptionKind::Choice:
      set_choice(events, option, option.choices.back(), Spelling::Python);
      break;
    case OptionKind::Switch:
      set_switch(events, option, option.get(events) == 0, Spelling::Python);
      break;
  }
  return events;
}

TEST(EventOptionTable, EachEntrySetsTheMemberItNamesAndNoOther) {
  ASSERT_EQ(event_option_table().size(), members().size()) << "an EventOptions member unlisted";
  for (const EventOption& option : event_option_table()) {
    ASSERT_TRUE(members().count(option.member)) << option.member;
    const EventOptions defaults, changed = with_other_value(option);
    for (const auto& [member, read] : members()) {
      if (member == option.member)
        EXPECT_NE(read(changed), read(defaults)) << option.python << " did not set " << member;
      else
        EXPECT_EQ(read(changed), read(defaults)) << option.python << " also set " << member;
    }
    EXPECT_EQ(option.get(changed), members().at(option.member)(changed)) << option.member;
  }
}

std::string dashed(std::string name) {
  for (char& c : name)
    if (c == '_') c = '-';
  return "--" + name;
}

std::string camel(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i)
    out += name[i] == '_' && i + 1 < name.size() ? static_cast<char>(std::toupper(name[++i]))
                                                 : name[i];
  return out;
}

TEST(EventOptionTable, EachSpellingNamesEveryOptionOnceAndFindsIt) {
  for (const Spelling spelling : {Spelling::Cli, Spelling::Python, Spelling::Js}) {
    std::set<std::string> seen;
    for (const EventOption& option : event_option_table()) {
      EXPECT_TRUE(seen.insert(option.name(spelling)).second) << option.name(spelling);
      EXPECT_EQ(find_event_option(option.name(spelling), spelling), &option);
    }
  }
  // The spellings follow one rule, so a new entry's three names read alike; only a switch's flag
  // says what it does to the default (--no-pacing for detect_pacing).
  for (const EventOption& option : event_option_table()) {
    EXPECT_EQ(option.js, camel(option.python));
    if (option.kind != OptionKind::Switch) {
      EXPECT_EQ(option.cli, dashed(option.python));
    }
  }
  EXPECT_EQ(find_event_option("min_qrs_ms", Spelling::Js), nullptr);
  EXPECT_EQ(find_event_option("minQrsMs", Spelling::Cli), nullptr);
  EXPECT_EQ(find_event_option("--no-pacing", Spelling::Python), nullptr);
  EXPECT_EQ(find_event_option("--no-pacing", Spelling::Cli)->member, std::string("detect_pacing"));
}

TEST(EventOptionTable, AValueOutOfRangeIsNamedInTheSpellingItCameIn) {
  const EventOption& max = *find_event_option("max_qrs_ms", Spelling::Python);
  EventOptions events;
  const std::map<Spelling, std::string> expected = {
      {Spelling::Cli, "--max-qrs-ms must be > 0 and <= 500 (got 600)"},
      {Spelling::Python, "max_qrs_ms must be > 0 and <= 500 (got 600)"},
      {Spelling::Js, "maxQrsMs must be > 0 and <= 500 (got 600)"}};
  for (const auto& [spelling, message] : expected) {
    try {
      set_number(events, max, 600, spelling);
      FAIL() << "600 ms accepted";
    } catch (const EventOptionError& e) {
      EXPECT_EQ(e.what(), message);
    }
  }
  EXPECT_EQ(events.max_qrs_ms, EventOptions{}.max_qrs_ms) << "a refused value was kept";
  set_number(events, max, 500, Spelling::Js);  // the range's closed end
  EXPECT_EQ(events.max_qrs_ms, 500);
}

TEST(EventOptionTable, TheQrsSpanIsCheckedInTheSpellingGiven) {
  EventOptions events;
  check_event_options(events, Spelling::Cli);  // the defaults fit
  set_number(events, *find_event_option("--min-qrs-ms", Spelling::Cli), 300, Spelling::Cli);
  try {
    check_event_options(events, Spelling::Cli);
    FAIL() << "a shortest QRS above the longest accepted";
  } catch (const EventOptionError& e) {
    EXPECT_STREQ(e.what(), "--max-qrs-ms (250) must be above --min-qrs-ms (300) and at most 500");
  }
  EXPECT_THROW(
      {
        try {
          check_event_options(events, Spelling::Js);
        } catch (const EventOptionError& e) {
          EXPECT_STREQ(e.what(), "maxQrsMs (250) must be above minQrsMs (300) and at most 500");
          throw;
        }
      },
      EventOptionError);
}

TEST(EventOptionTable, AChoiceTakesOnlyItsNames) {
  const EventOption& onset = *find_event_option("pacedOnset", Spelling::Js);
  EventOptions events;
  set_choice(events, onset, "response", Spelling::Js);
  EXPECT_EQ(events.paced_onset, PacedOnset::Response);
  set_choice(events, onset, "spike", Spelling::Js);
  EXPECT_EQ(events.paced_onset, PacedOnset::Spike);
  for (const std::string bad : {"Spike", "", "qrs"}) {
    try {
      set_choice(events, onset, bad, Spelling::Cli);
      FAIL() << "'" << bad << "' accepted";
    } catch (const EventOptionError& e) {
      EXPECT_EQ(e.what(), "--paced-onset must be 'spike' or 'response' (got '" + bad + "')");
    }
  }
}

TEST(EventOptionTable, TheCliFlagOfASwitchTurnsItFromItsDefault) {
  const EventOption& pacing = *find_event_option("--no-pacing", Spelling::Cli);
  EventOptions events;
  set_switch(events, pacing, false, Spelling::Cli);  // flag not given
  EXPECT_TRUE(events.detect_pacing);
  set_switch(events, pacing, true, Spelling::Cli);  // --no-pacing
  EXPECT_FALSE(events.detect_pacing);
  set_switch(events, pacing, true, Spelling::Python);  // detect_pacing=True
  EXPECT_TRUE(events.detect_pacing);
  set_switch(events, pacing, false, Spelling::Js);  // detectPacing: false
  EXPECT_FALSE(events.detect_pacing);
}

TEST(EventOptionTable, MessagesForAWrongKindOrAnUnknownName) {
  EXPECT_EQ(
      wrong_value_message(*find_event_option("threshold", Spelling::Js), Spelling::Js, "a string"),
      "threshold must be a number (got a string)");
  EXPECT_EQ(
      wrong_value_message(*find_event_option("detectPacing", Spelling::Js), Spelling::Js, "0"),
      "detectPacing must be true or false (got 0)");
  EXPECT_EQ(unknown_option_message("thresold", Spelling::Python),
            "annotate: unknown option 'thresold' (the options are threshold, centroid_ms, "
            "refractory_ms, min_qrs_ms, max_qrs_ms, convention_weight, noise_convention_weight, "
            "paced_onset, detect_pacing)");
  EXPECT_EQ(unknown_option_message("x", Spelling::Js, "record, leadNames"),
            "annotate: unknown option 'x' (the options are record, leadNames, threshold, "
            "centroidMs, refractoryMs, minQrsMs, maxQrsMs, conventionWeight, "
            "noiseConventionWeight, pacedOnset, detectPacing)");
}

TEST(EventOptionTable, AllowedValuesAndDefaultsInWords) {
  auto values = [](const char* python) {
    return allowed_values(*find_event_option(python, Spelling::Python));
  };
  EXPECT_EQ(values("threshold"), "above 0, below 1; default 0.4");
  EXPECT_EQ(values("centroid_ms"), "from 0 to 150; default 30");
  EXPECT_EQ(values("max_qrs_ms"), "above 0, at most 500; default 250");
  EXPECT_EQ(values("paced_onset"), "'spike' or 'response'; default 'spike'");
  EXPECT_EQ(values("detect_pacing"), "");
  std::map<std::string, OptionField> threshold;
  for (auto& [key, value] : describe(*find_event_option("threshold", Spelling::Python)))
    threshold[key] = value;
  EXPECT_EQ(std::get<double>(threshold.at("default")), 0.4);  // not the float's 0.40000000596
  EXPECT_EQ(std::get<std::string>(threshold.at("cli")), "--threshold");
  EXPECT_EQ(std::get<std::string>(threshold.at("kind")), "number");
  EXPECT_EQ(std::get<std::vector<bool>>(threshold.at("inclusive")),
            std::vector<bool>({false, false}));
}

}  // namespace
