// Loads command-line paths and the companion files of WFDB headers (see input_files.h).
#include "cli/input_files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <optional>
#include <set>
#include <string_view>

#include "formats/csv_cells.h"
#include "formats/read.h"
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

// The size of a regular file, or nothing (errno says why when stat failed).
std::optional<std::uint64_t> size_of_file(const std::string& path) {
  struct stat info {};
  errno = 0;
  if (path.empty() || ::stat(path.c_str(), &info) != 0) return {};
  if (!S_ISREG(info.st_mode)) {
    errno = EISDIR;  // a folder or a device: nothing the readers can take
    return {};
  }
  return static_cast<std::uint64_t>(info.st_size);
}

// The first `count` bytes of `path` (all of them when `count` is larger), in one sized read: a
// byte-by-byte read into a growing vector took 30 s and twice the file's size for a 2 GB file.
bool read_file_bytes(const std::string& path, std::uint64_t count, std::vector<std::uint8_t>& bytes,
                     std::string& why) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = errno ? std::strerror(errno) : "cannot open";
    return false;
  }
  bytes.resize(static_cast<std::size_t>(count));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(count));
  if (in.bad()) {
    why = "read error";
    return false;
  }
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

std::optional<formats::wfdb::Header> parse_wfdb_header(const NamedBuffer& header) {
  try {
    const std::string_view text(reinterpret_cast<const char*>(header.bytes.data()),
                                header.bytes.size());
    return formats::wfdb::parse_header(text, header.name);
  } catch (const std::exception&) {
    return {};  // its reader reports why
  }
}

// Where a file a header names lies: beside the header, or, for a name with a folder in it
// ("data/100.dat"), in that folder under the header's, as the WFDB library resolves it.
std::string companion_path(const std::string& header_path, const std::string& reference) {
  const std::string full =
      !reference.empty() && reference.front() == '/' ? reference : directory_of(header_path) + reference;
  return find_ignoring_case(directory_of(full), basename_of(full));
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
      if (loaded_paths_.count(actual) || refused_paths_.count(header)) return;
    }
    add(actual, basename_of(actual), /*is_companion=*/false);
  }

 private:
  std::set<std::string> loaded_;        // names: the readers see only these
  std::set<std::string> loaded_paths_;  // paths read, under whatever name
  std::set<std::string> refused_paths_;  // refused for their size, unread

  // Loads `path` once, as the readers will call it (`name`: a header's reference, whatever case
  // the file on disk has); a header also pulls in the files it names. Missing companions are
  // left to the reader, which reports which signal file of which header is absent. A file the
  // readers would refuse for its size is refused here, in their words, before its bytes are read.
  bool add(const std::string& path, const std::string& name, bool is_companion) {
    if (loaded_.count(name)) return true;
    NamedBuffer buffer;
    buffer.name = name;
    std::string why;
    const std::optional<std::uint64_t> size = size_of_file(path);
    if (!size) why = errno ? std::strerror(errno) : "cannot open";
    if (size && *size > kSizeCheckHeadBytes && read_file_bytes(path, kSizeCheckHeadBytes, buffer.bytes, why)) {
      const std::string problem = size_problem(buffer, *size);
      if (!problem.empty()) return refuse(path, problem);
    }
    if (!size || !read_file_bytes(path, *size, buffer.bytes, why)) {
      if (!is_companion) result.errors.push_back(path + ": cannot open (" + why + ")");
      return false;
    }
    std::optional<formats::wfdb::Header> header;
    if (has_extension(name, ".hea")) header = parse_wfdb_header(buffer);
    if (header) {
      const std::string problem = formats::wfdb::size_problem(
          *header, [&](const std::string& reference) { return size_of_file(companion_path(path, reference)); });
      if (!problem.empty()) return refuse(path, problem);
    }
    loaded_.insert(name);
    loaded_paths_.insert(path);
    result.buffers.push_back(std::move(buffer));
    if (!header) return true;
    for (const std::string& reference : formats::wfdb::referenced_files(*header)) {
      const std::string companion = companion_path(path, reference);
      if (!companion.empty()) add(companion, reference, /*is_companion=*/true);
    }
    return true;
  }

  // A file refused for its size; said even for a companion (a segment header), whose record
  // would otherwise only say that it is missing.
  bool refuse(const std::string& path, const std::string& problem) {
    result.errors.push_back(problem);
    refused_paths_.insert(path);
    return false;
  }
};

}  // namespace

InputFiles load_input_files(const std::vector<std::string>& paths) {
  Loader loader;
  for (const std::string& path : paths) loader.add_given(path);
  return std::move(loader.result);
}

}  // namespace qrs::cli
