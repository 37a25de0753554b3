// Loads command-line paths and the companion files of WFDB headers (see input_files.h).
#include "cli/input_files.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <string_view>

#include "formats/name_lookup.h"
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

// Extensions in any case: records copied from old PhysioNet CD-ROMs and FAT file systems are
// "100.HEA" and "100.DAT".
bool has_extension(const std::string& name, std::string_view extension) {
  return name.size() >= extension.size() &&
         formats::same_ignoring_case(std::string_view(name).substr(name.size() - extension.size()),
                                     extension);
}

// The files in `directory` that `name` means (formats/name_lookup.h): `directory` + `name` when
// that file exists, else those whose names differ from it only in case (a header naming
// "100.dat" beside "100.DAT"); several of them are all loaded, for the reader to name the clash.
std::vector<std::string> find_ignoring_case(const std::string& directory, const std::string& name) {
  if (is_regular_file(directory + name)) return {directory + name};
  DIR* folder = ::opendir(directory.empty() ? "." : directory.c_str());
  if (!folder) return {};
  std::vector<std::string> files;
  while (const dirent* entry = ::readdir(folder))
    if (is_regular_file(directory + entry->d_name)) files.push_back(entry->d_name);
  ::closedir(folder);
  std::vector<std::string> found;
  for (std::size_t i : formats::find_name(files, name)) found.push_back(directory + files[i]);
  return found;
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

// The files a header at `header_path` means by `reference`: beside it, or, for a name with a
// folder in it ("data/100.dat"), in that folder under the header's, as the WFDB library resolves
// it; in any case (find_ignoring_case).
std::vector<std::string> companion_paths(const std::string& header_path,
                                         const std::string& reference) {
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
      const std::optional<std::string> header =
          find_header(path, directory_of(path), basename_of(path));
      if (!header) return;
      if (!header->empty()) actual = *header;
    }
    // A signal file named alone (a .dat, a Challenge .mat, ...): the header beside it that names
    // it makes it readable, and reads it.
    if (const std::optional<std::string> header = signal_files_header(actual)) {
      if (header->empty()) return;  // two headers differing only in case: reported
      add(*header, /*is_companion=*/true);
      if (loaded_paths_.count(actual) || refused_paths_.count(*header)) return;
    }
    add(actual, /*is_companion=*/false);
  }

 private:
  std::set<std::string> loaded_;        // names: the readers see only these
  std::set<std::string> loaded_paths_;  // paths read
  std::set<std::string> refused_paths_;  // refused for their size, unread

  // For a file that is not a header: the header beside it of the record its name's stem names
  // ("A0001" for "A0001.mat"), when that header names the file as one of its signal files (in
  // any case); "" when such headers clash in case (reported); nothing otherwise. A .dat always
  // goes to its record's header when there is one, even one that does not parse: its reader then
  // says what is wrong with the record.
  std::optional<std::string> signal_files_header(const std::string& path) {
    const std::string name = basename_of(path);
    const std::size_t dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0 || has_extension(path, ".hea")) return std::nullopt;
    const std::optional<std::string> header = find_header(path, directory_of(path), name.substr(0, dot));
    if (!header) return "";
    if (header->empty()) return std::nullopt;
    if (has_extension(path, ".dat")) return header;
    NamedBuffer text{basename_of(*header), {}};
    std::string why;
    const std::optional<std::uint64_t> size = size_of_file(*header);
    if (!size || *size > kSizeCheckHeadBytes || !read_file_bytes(*header, *size, text.bytes, why))
      return std::nullopt;
    const std::optional<formats::wfdb::Header> parsed = formats::wfdb::try_parse_header(text);
    if (!parsed) return std::nullopt;
    for (const std::string& file : formats::wfdb::referenced_files(*parsed))
      if (formats::same_ignoring_case(file, name)) return header;
    return std::nullopt;
  }

  // The header of record `stem` in `directory`; "" when there is none; nullopt, and an error of
  // `given`'s, when two have names that differ only in case (which one is meant is for the person
  // to say).
  std::optional<std::string> find_header(const std::string& given, const std::string& directory,
                                         const std::string& stem) {
    const std::vector<std::string> found = find_ignoring_case(directory, stem + ".hea");
    if (found.size() <= 1) return found.empty() ? "" : found.front();
    std::vector<std::string> names;
    for (const std::string& path : found) names.push_back(basename_of(path));
    result.errors.push_back(given + ": " + formats::case_clash_message(stem + ".hea", names));
    return std::nullopt;
  }

  // Loads a file of each name once, under its own name (the readers match a header's reference
  // to it whatever its case); a header also pulls in the files it names. Missing companions are
  // left to the reader, which reports which signal file of which header is absent. A file the
  // readers would refuse for its size is refused here, in their words, before its bytes are read.
  bool add(const std::string& path, bool is_companion) {
    NamedBuffer buffer;
    buffer.name = basename_of(path);
    if (loaded_.count(buffer.name)) return true;
    std::string why;
    const std::optional<std::uint64_t> size = size_of_file(path);
    if (!size) why = errno ? std::strerror(errno) : "cannot open";
    // Its head first (all of a small file): what the readers would refuse for its size is
    // refused before the rest is read.
    if (!size || !read_file_bytes(path, std::min<std::uint64_t>(*size, kSizeCheckHeadBytes),
                                  buffer.bytes, why)) {
      return cannot_open(path, why, is_companion);
    }
    const std::string problem =
        size_problem(buffer, *size, [&](const std::string& reference) -> std::optional<std::uint64_t> {
          const std::vector<std::string> found = companion_paths(path, reference);
          return found.size() == 1 ? size_of_file(found.front()) : std::nullopt;
        });
    if (!problem.empty()) return refuse(path, problem);
    if (buffer.bytes.size() < *size && !read_file_bytes(path, *size, buffer.bytes, why))
      return cannot_open(path, why, is_companion);
    std::optional<formats::wfdb::Header> header;
    if (has_extension(buffer.name, ".hea")) header = formats::wfdb::try_parse_header(buffer);
    loaded_.insert(buffer.name);
    loaded_paths_.insert(path);
    result.buffers.push_back(std::move(buffer));
    if (!header) return true;
    for (const std::string& reference : formats::wfdb::referenced_files(*header))
      for (const std::string& companion : companion_paths(path, reference))
        add(companion, /*is_companion=*/true);
    return true;
  }

  bool cannot_open(const std::string& path, const std::string& why, bool is_companion) {
    // A missing companion is left to the reader, which names the header that needs it.
    if (!is_companion) result.errors.push_back(path + ": cannot open (" + why + ")");
    return false;
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
