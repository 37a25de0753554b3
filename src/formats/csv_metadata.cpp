#include "formats/csv_metadata.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "formats/csv_cells.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"

namespace qrs::formats {
namespace {

// Keys that name the sampling rate, in a '#' comment or as a preamble key (spaces for '_').
const char* const kRateKeys[] = {"sampling frequency", "sampling rate",    "sample rate",
                                 "samplerate",         "sample frequency", "fs",
                                 "abtastrate"};

enum class Key { Rate, Interval, Unit, LeadNames, Other };

// "Sample Rate", "Interval=", "UNIT:", "sample_rate" -> the kind of key.
Key key_kind(const std::string& key) {
  for (const char* k : kRateKeys)
    if (key == k) return Key::Rate;
  // A preamble key is the whole first cell, so the bare word is safe here; in a comment it
  // could be a filter's cut-off ("# high-pass frequency: 0.5 Hz").
  if (key == "frequency") return Key::Rate;
  if (key == "interval" || key == "sample interval" || key == "sampling interval")
    return Key::Interval;
  if (key == "unit" || key == "units" || key == "unitname" || key == "einheit") return Key::Unit;
  if (key == "lead" || key == "leads" || key == "channel" || key == "channels" || key == "label" ||
      key == "labels" || key == "channeltitle" || key == "channel title" || key == "ableitung")
    return Key::LeadNames;
  return Key::Other;
}

struct KeyValues {
  std::string key;       // lower case, '_' as ' ', without a trailing '=' or ':'
  std::string key_unit;  // "Sampling rate (Hz)" -> "hz"
  bool marked = false;   // the key ended in '=' or ':'
  std::vector<std::string_view> values;
};

// Splits a preamble line at the first delimiter that splits it: tab, ';', ',', '|', then '='
// and ':' ("fs = 500", "Sample Rate: 512 Hz").
bool split_key_values(std::string_view line, KeyValues& out) {
  std::vector<std::string_view> fields;
  for (char delimiter : {'\t', ';', ',', '|', '=', ':'}) {
    split_fields(line, delimiter, fields);
    if (fields.size() >= 2) break;
  }
  if (fields.size() < 2) return false;
  std::string_view key = trim(fields[0]);
  if (!key.empty() && (key.back() == '=' || key.back() == ':')) {
    key = trim(key.substr(0, key.size() - 1));
    out.marked = true;
  }
  NameAndUnit parts = split_name_and_unit(key);
  for (char& c : parts.name)
    if (c == '_') c = ' ';
  out.key = parts.name;
  out.key_unit = parts.unit;
  out.values.assign(fields.begin() + 1, fields.end());
  while (!out.values.empty() && out.values.back().empty()) out.values.pop_back();
  return true;
}

// "512 hertz", "0.002 s", "512" -> 512 / 0.002 and the word after it ("" when none).
bool number_and_word(std::string_view value, double& number, std::string& word) {
  value = trim(value);
  if (value.empty() || value.size() > 40 ||
      !(std::isdigit(static_cast<unsigned char>(value[0])) || value[0] == '.' || value[0] == '+'))
    return false;
  const std::string copy(value);
  char* end = nullptr;
  number = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str()) return false;
  word = unit_key(std::string_view(end));
  return true;
}

double rate_in_hz(std::string_view value, const std::string& key_unit) {
  double number;
  std::string word;
  if (!number_and_word(value, number, word)) return -1;
  if (word.empty()) word = key_unit;
  if (word.empty() || word == "hz" || word == "hertz" || word == "sps" || word == "/s")
    return number;
  if (word == "khz") return number * 1000;
  return -1;
}

double rate_from_interval(std::string_view value, const std::string& key_unit) {
  double number;
  std::string word;
  if (!number_and_word(value, number, word) || !(number > 0)) return -1;
  if (word.empty()) word = key_unit.empty() ? "s" : key_unit;
  const TimeUnit unit = time_unit_of(word);
  return unit == TimeUnit::Unknown ? -1 : 1.0 / (number * seconds_per(unit));
}

}  // namespace

double rate_of_per_sample_line(std::string_view line) {
  double number;
  std::string word;
  if (!number_and_word(line, number, word) || !(number > 0)) return -1;
  const std::size_t slash = word.find('/');
  if (slash == std::string::npos) return -1;
  const std::string_view before = trim(std::string_view(word).substr(0, slash));
  const std::string_view after = trim(std::string_view(word).substr(slash + 1));
  if (after == "sample") {  // "0.5 msec/sample"
    const TimeUnit unit = time_unit_of(before);
    return unit == TimeUnit::Unknown ? -1 : 1.0 / (number * seconds_per(unit));
  }
  const TimeUnit per = time_unit_of(after);  // "2000 samples/sec"
  if ((before == "samples" || before == "sample") && per != TimeUnit::Unknown)
    return number / seconds_per(per);
  return -1;
}

namespace {

// A unit key's value: a voltage or time unit, or LabChart's "*" (no unit given).
bool is_unit(std::string_view value) {
  value = trim(value);
  return value == "*" || millivolts_per_unit(value) || time_unit_of(value) != TimeUnit::Unknown;
}

std::vector<std::string> as_utf8(const std::vector<std::string_view>& values) {
  std::vector<std::string> out;
  for (std::string_view v : values) out.push_back(text::to_utf8(trim(v)));
  return out;
}

}  // namespace

double fs_from_comment(std::string_view comment) {
  std::string text = to_lower_ascii(comment);
  for (char& c : text)
    if (c == '_') c = ' ';
  for (const char* key : kRateKeys) {
    const std::size_t at = text.find(key);
    if (at == std::string::npos) continue;
    if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) continue;
    std::size_t i = at + std::strlen(key);
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || (text[i] != '=' && text[i] != ':')) continue;
    ++i;
    const char* begin = text.c_str() + i;
    char* end = nullptr;
    const double fs = std::strtod(begin, &end);
    if (end != begin) return fs;
  }
  return -1;
}

KeyedLine classify_keyed_line(std::string_view line) {
  if (rate_of_per_sample_line(line) > 0) return KeyedLine::StatesValue;
  KeyValues kv;
  if (!split_key_values(line, kv)) return KeyedLine::NotKeyed;
  if (kv.marked) return KeyedLine::Marked;
  const auto stated = [](bool reads) {
    return reads ? KeyedLine::StatesValue : KeyedLine::ValueUnread;
  };
  switch (key_kind(kv.key)) {
    case Key::Rate:
      return stated(!kv.values.empty() && rate_in_hz(kv.values[0], kv.key_unit) > 0);
    case Key::Interval:
      return stated(!kv.values.empty() && rate_from_interval(kv.values[0], kv.key_unit) > 0);
    case Key::Unit:
      return stated(!kv.values.empty() && std::all_of(kv.values.begin(), kv.values.end(), is_unit));
    case Key::LeadNames:
      return KeyedLine::NamesLeads;
    case Key::Other:
      break;
  }
  return KeyedLine::NotKeyed;
}

void read_metadata_line(std::string_view line, std::size_t line_number, const std::string& where,
                        CsvMetadata& meta, std::vector<std::string>& warnings) {
  if (const double fs = rate_of_per_sample_line(line); fs > 0) {
    if (meta.fs <= 0) meta.fs = fs, meta.fs_line = line_number;
    return;
  }
  KeyValues kv;
  if (!split_key_values(line, kv) || kv.values.empty()) return;
  const std::string at = where + ": line " + std::to_string(line_number) + ": ";
  switch (key_kind(kv.key)) {
    case Key::Rate:
    case Key::Interval: {
      if (meta.fs > 0) return;
      const bool rate = key_kind(kv.key) == Key::Rate;
      const double fs = rate ? rate_in_hz(kv.values[0], kv.key_unit)
                             : rate_from_interval(kv.values[0], kv.key_unit);
      if (fs > 0) {
        meta.fs = fs;
        meta.fs_line = line_number;
      } else {
        warnings.push_back(at + kv.key + " '" + text::to_utf8(kv.values[0]) +
                           "' not understood (expected e.g. " + (rate ? "'512 Hz'" : "'0.002 s'") +
                           "); ignored");
      }
      return;
    }
    case Key::Unit:
      if (meta.units.empty()) meta.units = as_utf8(kv.values), meta.units_line = line_number;
      return;
    case Key::LeadNames:
      if (meta.lead_names.empty())
        meta.lead_names = as_utf8(kv.values), meta.lead_names_line = line_number;
      return;
    case Key::Other:
      return;
  }
}

}  // namespace qrs::formats
