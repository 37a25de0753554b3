// Exact-then-case-insensitive name lookup (name_lookup.h).
#include "formats/name_lookup.h"

#include <algorithm>

#include "formats/csv_cells.h"

namespace qrs::formats {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower_ascii(a) == to_lower_ascii(b);
}

std::vector<std::size_t> find_name(std::size_t count,
                                   const std::function<std::string_view(std::size_t)>& name_at,
                                   std::string_view wanted) {
  for (std::size_t i = 0; i < count; ++i)
    if (name_at(i) == wanted) return {i};
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < count; ++i)
    if (same_ignoring_case(name_at(i), wanted)) found.push_back(i);
  return found;
}

std::vector<std::size_t> find_name(const std::vector<std::string>& names, std::string_view wanted) {
  return find_name(
      names.size(), [&](std::size_t i) { return std::string_view(names[i]); }, wanted);
}

std::string case_clash_message(std::string_view wanted, std::vector<std::string> found) {
  std::sort(found.begin(), found.end());  // the same message whatever order a directory lists
  std::string list;
  for (std::size_t i = 0; i < found.size(); ++i)
    list += (i == 0 ? "" : i + 1 == found.size() ? " or " : ", ") + found[i];
  return std::string(wanted) + " could be " + list +
         " (the names differ only in case); keep only the one meant";
}

}  // namespace qrs::formats
