#pragma once
// Numbers with thousands separators, as spreadsheets save them with a "1000 separator" number
// format: Excel (en-US) "1,247.1", quoted in a ',' file since it holds a comma; German Excel
// 1.247,1 in a ';' file. A separator is read only where it cannot mean anything else.
#include <string_view>

namespace qrs::formats {

enum class Grouping {
  None,       // no number with digits grouped in threes
  Read,       // read into `value`
  Ambiguous,  // grouped, but it could be read two ways: refused, never guessed
};

// `cell` (trimmed, unquoted) as a number whose whole part is grouped in threes by ',' or '.'
// (the first group 1 to 3 digits not starting with 0, then groups of 3), with an optional
// fraction after the other mark. Read when its decimal mark is the file's ('.' where the
// delimiter is ',', ',' with `decimal_comma`) and the grouping cannot be a decimal mark: a
// fraction follows ("1,247.1", "1.247,1") or there are several groups ("1,247,000"). "1,247" is
// 1247 or 1.247, and "1,247.5" in a file of decimal commas mixes the marks: Ambiguous.
Grouping read_grouped(std::string_view cell, bool decimal_comma, double& value);

}  // namespace qrs::formats
