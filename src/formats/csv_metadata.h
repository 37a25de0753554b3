#pragma once
// What a text table says about itself outside its columns: '#' comments ("# fs=500") and a
// preamble of "key, value" lines above the numbers, as Apple Watch's ECG export writes
// ("Sample Rate,512 hertz", "Lead,Lead I", "Unit,µV" under the wearer's name and birth date),
// LabChart's text export ("Interval=<tab>0.002 s", "ChannelTitle=<tab>ECG I<tab>ECG II") and
// AcqKnowledge's ("0.5 msec/sample" on a line of its own).
// Only the keys listed in docs/formats.md are read. Every other line (a name, a date of birth,
// a diagnosis) is skipped and never repeated in a message.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qrs::formats {

struct CsvMetadata {
  double fs = -1;  // from a rate or an interval key; -1 when none
  std::size_t fs_line = 0;
  std::vector<std::string> units;  // "unit(s)": one for all leads, or one per lead / column
  std::size_t units_line = 0;
  std::vector<std::string> lead_names;  // "lead", "channel", "label", "channeltitle"
  std::size_t lead_names_line = 0;
};

// "# fs=500", "# sampling rate: 250 Hz" -> the rate; -1 when the comment (without its '#')
// states none.
double fs_from_comment(std::string_view comment);

// AcqKnowledge's "Save as text" states the rate on a line of its own, as an interval
// ("0.5 msec/sample", "1 sec/sample", "500 µsec/sample") or as samples per time ("2000
// samples/sec"): the rate in Hz, or -1 for any other line.
double rate_of_per_sample_line(std::string_view line);

// How `line` reads as a "key, value" line, for telling a line of the preamble from a header row
// (csv_layout.cpp decides, knowing the rows below).
enum class KeyedLine {
  NotKeyed,     // no key read here ("Name,Jane Doe", "ii,v1")
  Marked,       // the key ends in '=' or ':' (LabChart's "DateFormat=" with no value, "Units: uV")
  StatesValue,  // a rate or interval with a number ("Sample Rate,512 hertz"), units ("Unit,µV")
  NamesLeads,   // a lead-names key ("Lead,Lead I", "Channels,II,V5"), whose values may be any text
  ValueUnread,  // a rate, interval or unit key whose value is none ("fs,ecg", "Unit,Lead I")
};
KeyedLine classify_keyed_line(std::string_view line);

// Reads one preamble line into `meta` (a later key of the same kind does not override an
// earlier one). A known key whose value does not read adds a warning naming the line and key.
void read_metadata_line(std::string_view line, std::size_t line_number, const std::string& where,
                        CsvMetadata& meta, std::vector<std::string>& warnings);

}  // namespace qrs::formats
