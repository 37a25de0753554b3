// Loads command-line paths and the companion files of WFDB headers (see input_files.h).
#include "cli/input_files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>

#include "formats/csv_cells.h"
#include "formats/wfdb_header.h"

namespace qrs::cli {
namespace {

bool is_regular_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::string basename_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && formats::to_lower_ascii(a) == formats::to_lower_ascii(b);
}

// Extensions in any case: records copied from old PhysioNet CD-ROMs and FAT file systems are
// "100.HEA" and "100.DAT".
bool has_extension(const std::string& name, std::string_view extension) {
  return name.size() >= extension.size() &&
         same_ignoring_case(std::string_view(name).substr(name.size() - extension.size()),
                            extension);
}

// `directory` + `name` when that file exists, else the one file in `directory` whose name
// differs from `name` only in case (a header naming "100.dat" beside "100.DAT"), else "".
std::string find_ignoring_case(const std::string& directory, const std::string& name) {
  if (is_regular_file(directory + name)) return directory + name;
  DIR* folder = ::opendir(directory.empty() ? "." : directory.c_str());
  if (!folder) return "";
  std::string found;
  int matches = 0;
  while (const dirent* entry = ::readdir(folder)) {
    if (same_ignoring_case(entry->d_name, name) && is_regular_file(directory + entry->d_name)) {
      found = directory + entry->d_name;
      ++matches;
    }
  }
  ::closedir(folder);
  return matches == 1 ? found : "";  // two that differ only in case: neither is the one meant
}

bool read_whole_file(const std::string& path, std::vector<std::uint8_t>& bytes, std::string& why) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = errno ? std::strerror(errno) : "cannot open";
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) {
    why = "read error";
    return false;
  }
  return true;
}

// File names a WFDB header refers to (formats::wfdb::referenced_files), as plain names only: the
// readers see basenames, so paths inside headers are not followed. A header that does not parse
// pulls in nothing; its reader reports why.
std::vector<std::string> header_references(const NamedBuffer& header) {
  std::vector<std::string> names;
  try {
    const std::string_view text(reinterpret_cast<const char*>(header.bytes.data()),
                                header.bytes.size());
    for (const std::string& name :
         formats::wfdb::referenced_files(formats::wfdb::parse_header(text, header.name)))
      if (name.find('/') == std::string::npos) names.push_back(name);
  } catch (const std::exception&) {
  }
  return names;
}

class Loader {
 public:
  InputFiles result;

  void add_given(const std::string& path) {
    std::string actual = path;
    // "data/5" names the record "5" when data/5 is not itself a file but data/5.hea is.
    if (!is_regular_file(actual)) {
      const std::string header = find_ignoring_case(directory_of(path), basename_of(path) + ".hea");
      if (!header.empty()) actual = header;
    }
    // A lone .dat: its header makes it readable, and loads it under the name it gives it.
    if (has_extension(actual, ".dat")) {
      const std::string stem = basename_of(actual).substr(0, basename_of(actual).size() - 4);
      const std::string header = find_ignoring_case(directory_of(actual), stem + ".hea");
      if (!header.empty()) add(header, basename_of(header), /*is_companion=*/true);
      if (loaded_paths_.count(actual)) return;
    }
    add(actual, basename_of(actual), /*is_companion=*/false);
  }

 private:
  std::set<std::string> loaded_;        // names: the readers see only these
  std::set<std::string> loaded_paths_;  // paths read, under whatever name

  // Loads `path` once, as the readers will call it (`name`: a header's reference, whatever case
  // the file on disk has); a header also pulls in the files it names. Missing companions are
  // left to the reader, which reports which signal file of which header is absent.
  bool add(const std::string& path, const std::string& name, bool is_companion) {
    if (loaded_.count(name)) return true;
    NamedBuffer buffer;
    buffer.name = name;
    std::string why;
    if (!read_whole_file(path, buffer.bytes, why)) {
      if (!is_companion) result.errors.push_back(path + ": cannot open (" + why + ")");
      return false;
    }
    loaded_.insert(name);
    loaded_paths_.insert(path);
    std::vector<std::string> references;
    if (has_extension(name, ".hea")) references = header_references(buffer);
    result.buffers.push_back(std::move(buffer));
    for (const std::string& reference : references) {
      const std::string companion = find_ignoring_case(directory_of(path), reference);
      if (!companion.empty()) add(companion, reference, /*is_companion=*/true);
    }
    return true;
  }
};

}  // namespace

InputFiles load_input_files(const std::vector<std::string>& paths) {
  Loader loader;
  for (const std::string& path : paths) loader.add_given(path);
  return std::move(loader.result);
}

}  // namespace qrs::cli
