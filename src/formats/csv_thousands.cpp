#include "formats/csv_thousands.h"

#include <cstdlib>
#include <string>

namespace qrs::formats {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whether `s` (no sign) is digits grouped by `group` with an optional fraction after `decimal`;
// `plain` gets the number without the separators, in C notation, and `groups` their count.
bool grouped_in_threes(std::string_view s, char group, char decimal, std::string& plain,
                       int& groups, bool& fraction) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0 || i > 3 || s[0] == '0') return false;
  plain.assign(s.substr(0, i));
  groups = 0;
  while (i < s.size() && s[i] == group) {
    if (i + 4 > s.size() || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
      return false;
    plain.append(s.substr(i + 1, 3));
    i += 4;
    ++groups;
  }
  if (groups == 0) return false;
  fraction = i < s.size();
  if (fraction) {
    if (s[i] != decimal || i + 1 == s.size()) return false;
    plain.push_back('.');
    for (++i; i < s.size(); ++i) {
      if (!is_digit(s[i])) return false;
      plain.push_back(s[i]);
    }
  }
  return true;
}

}  // namespace

Grouping read_grouped(std::string_view cell, bool decimal_comma, double& value) {
  const bool negative = !cell.empty() && cell[0] == '-';
  if (!cell.empty() && (cell[0] == '-' || cell[0] == '+')) cell.remove_prefix(1);
  std::string plain;
  int groups = 0;
  bool fraction = false;
  const char file_decimal = decimal_comma ? ',' : '.';
  for (const char group : {',', '.'}) {
    const char decimal = group == ',' ? '.' : ',';
    if (!grouped_in_threes(cell, group, decimal, plain, groups, fraction)) continue;
    if (decimal != file_decimal || !(fraction || groups > 1)) return Grouping::Ambiguous;
    value = std::strtod(plain.c_str(), nullptr);
    if (negative) value = -value;
    return Grouping::Read;
  }
  return Grouping::None;
}

}  // namespace qrs::formats
