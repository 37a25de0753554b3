#pragma once
// Small text helpers shared by the binary-format readers (WFDB headers and EDF/BDF headers):
// strict number parsing (a field that is not entirely a number is an error, never a silent 0)
// and Latin-1 to UTF-8 so that names from old files survive the trip to JavaScript, which only
// accepts valid UTF-8. Units are read by formats/units.h, shared with the text readers.
#include <optional>
#include <string>
#include <string_view>

namespace qrs::formats::text {

// Whole-field parses: no leading/trailing junk, no hex, no inf/nan. nullopt when not a number.
std::optional<double> parse_double(std::string_view field);
std::optional<long long> parse_integer(std::string_view field);

// Returns `bytes` unchanged when it is valid UTF-8, else reads it as Latin-1 and re-encodes.
std::string to_utf8(std::string_view bytes);

// Trims ASCII spaces, tabs and NULs from both ends.
std::string_view trim(std::string_view s);

}  // namespace qrs::formats::text
