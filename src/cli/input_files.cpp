// Loads command-line paths and the companion files of WFDB headers (see input_files.h).
#include "cli/input_files.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <set>
#include <string_view>

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

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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
    if (!is_regular_file(actual) && is_regular_file(actual + ".hea")) actual += ".hea";
    if (!add(actual, /*is_companion=*/false)) return;
    // A lone .dat: its header makes it readable.
    if (ends_with(actual, ".dat")) {
      const std::string header = actual.substr(0, actual.size() - 4) + ".hea";
      if (is_regular_file(header)) add(header, /*is_companion=*/true);
    }
  }

 private:
  std::set<std::string> loaded_;  // basenames: the readers see only these

  // Loads `path` once; a header also pulls in the files it names. Missing companions are left to
  // the reader, which reports which signal file of which header is absent.
  bool add(const std::string& path, bool is_companion) {
    const std::string name = basename_of(path);
    if (loaded_.count(name)) return true;
    NamedBuffer buffer;
    buffer.name = name;
    std::string why;
    if (!read_whole_file(path, buffer.bytes, why)) {
      if (!is_companion) result.errors.push_back(path + ": cannot open (" + why + ")");
      return false;
    }
    loaded_.insert(name);
    const bool is_header = ends_with(name, ".hea");
    std::vector<std::string> references;
    if (is_header) references = header_references(buffer);
    result.buffers.push_back(std::move(buffer));
    for (const std::string& reference : references) {
      const std::string companion = directory_of(path) + reference;
      if (is_regular_file(companion)) add(companion, /*is_companion=*/true);
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
