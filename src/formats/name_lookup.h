#pragma once
// Finding a file by the name another file gives it (a WFDB header's signal files and segment
// headers, the record an annotation file belongs to) among the names at hand: the files of a
// drop, or a directory's for the CLI. Records copied from old PhysioNet CD-ROMs and FAT file
// systems are "100.HEA" and "100.DAT" while the header names "100.dat", so a name that is not
// there exactly is looked for ignoring ASCII case. Two names that differ only in case are both
// returned: which one was meant is not for the reader to guess, and the caller says so
// (case_clash_message).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace qrs::formats {

bool same_ignoring_case(std::string_view a, std::string_view b);

// The indices below `count` of the names (`name_at(i)`) that `wanted` refers to: the first one
// equal to it; else every one equal to it ignoring ASCII case (none, one, or several).
std::vector<std::size_t> find_name(std::size_t count,
                                   const std::function<std::string_view(std::size_t)>& name_at,
                                   std::string_view wanted);
std::vector<std::size_t> find_name(const std::vector<std::string>& names, std::string_view wanted);

// For two or more names found for `wanted`: "100.dat could be 100.DAT or 100.Dat (the names
// differ only in case); keep only the one meant", the names sorted.
std::string case_clash_message(std::string_view wanted, std::vector<std::string> found);

}  // namespace qrs::formats
