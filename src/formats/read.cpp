// Groups a drop of files and dispatches each group to its reader (read.h). Grouping is by file
// name: a WFDB header claims the .dat files its signal lines name and, for a multi-segment
// record, the segment headers and their .dat files; files that share a header's record name but
// have no format of their own (annotation files such as "1.i", "1.ii") ride along silently.
// Names are compared without directories, so "data/1.dat" matches "1.dat" in a header, and,
// where no name matches exactly, ignoring case (name_lookup.h: "100.DAT" for "100.dat").
#include "formats/read.h"

#include <algorithm>
#include <exception>
#include <new>
#include <type_traits>

#include "formats/clinical_exports.h"
#include "formats/detect.h"
#include "formats/ishne_header.h"
#include "formats/name_lookup.h"
#include "formats/readers.h"
#include "formats/wfdb_header.h"
#include "util/error.h"

namespace qrs {
namespace {

using formats::FileFormat;

struct Group {
  std::size_t primary;
  std::vector<std::size_t> companions;
  std::vector<std::string> ignored;  // annotation files and the like, named in a warning
};

std::string with_file_prefix(const std::string& file, const std::string& message) {
  const std::string base = formats::base_name(file);
  if (message.compare(0, file.size(), file) == 0 || message.compare(0, base.size(), base) == 0)
    return message;
  return file + ": " + message;
}

ReadResult read_group(const NamedBuffer& file, FileFormat format,
                      const std::vector<NamedBuffer>& companions, const ReadOptions& options) {
  ReadResult result;
  result.file = file.name;
  result.format = formats::format_name(format);
  try {
    switch (format) {
      case FileFormat::Wfdb:
        result.records = formats::read_wfdb(file, companions, result.warnings, options);
        break;
      case FileFormat::Edf:
      case FileFormat::Bdf:
        result.records = formats::read_edf(file, result.warnings, options);
        break;
      case FileFormat::Ishne:
        result.records = formats::read_ishne(file, result.warnings);
        break;
      case FileFormat::Csv:
        result.records = formats::read_csv(file, options, result.warnings);
        break;
      case FileFormat::Npy:
        result.records = formats::read_npy(file, options, result.warnings);
        break;
      case FileFormat::Npz:
        result.records = formats::read_npz(file, options, result.warnings);
        break;
      case FileFormat::Json:
        result.records = formats::read_json_record(file, result.warnings);
        break;
      case FileFormat::WfdbSignal:
        throw Error(file.name + ": a WFDB signal file cannot be read without its header; add " +
                    formats::file_stem(file.name) + ".hea (or the .hea that names it) to the drop");
      case FileFormat::ClinicalExport:
        throw Error(file.name + ": " + formats::clinical_export_message(file));
      case FileFormat::Unknown:
        if (formats::ishne::has_annotation_magic(file))
          throw Error(formats::ishne::annotation_file_message(file.name));
        throw Error(file.name + ": unrecognised file format (supported: " +
                    formats::supported_formats_text() + ")");
    }
    if (result.records.empty()) throw Error(file.name + ": no records in the file");
  } catch (const std::bad_alloc&) {
    result.records.clear();
    result.error = out_of_memory_reading_message(file.name);
  } catch (const std::exception& e) {
    result.records.clear();
    result.error = with_file_prefix(file.name, e.what());
  }
  return result;
}

std::vector<Group> group_files(const std::vector<NamedBuffer>& files,
                               const std::vector<FileFormat>& formats_of) {
  std::vector<std::string> base_names;
  for (const NamedBuffer& f : files) base_names.push_back(formats::base_name(f.name));

  std::vector<int> owner(files.size(), -1);  // index of the header that claims a file
  std::vector<std::vector<std::size_t>> claimed(files.size());
  // Every file the name can mean: names that differ only in case all go to the header, whose
  // reader then says which (wfdb_decode.h find_companion) rather than leaving them to err alone.
  auto claim = [&](std::size_t header, const std::string& name) {
    const std::vector<std::size_t> found = formats::find_name(base_names, formats::base_name(name));
    for (std::size_t file : found) {
      if (file == header || owner[file] >= 0) continue;
      owner[file] = int(header);
      claimed[header].push_back(file);
    }
    return found;
  };
  auto claim_signals = [&](std::size_t header, const formats::wfdb::Header& h) {
    for (const std::string& name : formats::wfdb::referenced_files(h)) claim(header, name);
  };
  // Multi-segment headers first, so their segment headers are claimed before being primaries.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (formats_of[i] != FileFormat::Wfdb || owner[i] >= 0) continue;
      // A header that does not parse names no files; its reader reports why.
      const formats::wfdb::Header h = formats::wfdb::try_parse_header(files[i]).value_or(formats::wfdb::Header{});
      if (h.multi_segment != (pass == 0)) continue;
      if (pass == 1) {
        claim_signals(i, h);
        continue;
      }
      for (const std::string& segment_header : formats::wfdb::referenced_files(h))
        for (std::size_t segment : claim(i, segment_header))
          claim_signals(i, formats::wfdb::try_parse_header(files[segment]).value_or(formats::wfdb::Header{}));
    }
  }

  std::vector<Group> groups;
  std::vector<std::string> record_stems;  // of the WFDB headers' groups, for annotation files
  std::vector<std::size_t> record_groups;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (owner[i] >= 0) continue;
    if (formats_of[i] == FileFormat::Unknown) continue;  // placed below
    groups.push_back({i, claimed[i], {}});
    if (formats_of[i] == FileFormat::Wfdb) {
      record_stems.push_back(formats::file_stem(files[i].name));
      record_groups.push_back(groups.size() - 1);
    }
  }
  // Unknown files: WFDB annotation files ride with their record (the first of several whose
  // names differ only in case; they are only named in a warning); the rest are errors of their
  // own.
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (owner[i] >= 0 || formats_of[i] != FileFormat::Unknown) continue;
    const std::vector<std::size_t> record =
        formats::find_name(record_stems, formats::file_stem(files[i].name));
    if (!record.empty())
      groups[record_groups[record.front()]].ignored.push_back(base_names[i]);
    else
      groups.push_back({i, {}, {}});
  }
  // Keep the drop's order so results line up with what the person dropped.
  std::stable_sort(groups.begin(), groups.end(),
                   [](const Group& a, const Group& b) { return a.primary < b.primary; });
  return groups;
}

// read_files() over `files` as given (const: each group's companions copied for its reader) or
// to be let go (each companion moved to its group, each file's bytes freed once read).
template <class Files>
std::vector<ReadResult> read_groups(Files& files, const ReadOptions& options) {
  std::vector<FileFormat> formats_of;
  formats_of.reserve(files.size());
  for (const NamedBuffer& f : files) formats_of.push_back(formats::detect_format(f));

  std::vector<ReadResult> results;
  for (const Group& g : group_files(files, formats_of)) {
    std::vector<NamedBuffer> companions;
    for (std::size_t c : g.companions) companions.push_back(std::move(files[c]));
    ReadResult r = read_group(files[g.primary], formats_of[g.primary], companions, options);
    if constexpr (!std::is_const_v<Files>) files[g.primary].bytes = {};
    if (!g.ignored.empty()) {
      std::string names;
      for (const std::string& n : g.ignored) names += (names.empty() ? "" : ", ") + n;
      r.warnings.push_back(files[g.primary].name + ": not read (no signal format): " + names);
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace

std::vector<ReadResult> read_files(const std::vector<NamedBuffer>& files,
                                   const ReadOptions& options) {
  return read_groups(files, options);
}

std::vector<ReadResult> read_files(std::vector<NamedBuffer>&& files, const ReadOptions& options) {
  return read_groups(files, options);
}

ReadResult read_file(const NamedBuffer& file, const std::vector<NamedBuffer>& companions,
                     const ReadOptions& options) {
  return read_group(file, formats::detect_format(file), companions, options);
}

std::string out_of_memory_reading_message(const std::string& file) {
  return file + ": out of memory while reading (file too large?)";
}

std::string size_problem(const NamedBuffer& head, std::uint64_t file_size,
                         const CompanionSize& companion_size) {
  const formats::FileFormat format = formats::detect_format(head);
  if (format == formats::FileFormat::Edf || format == formats::FileFormat::Bdf)
    return formats::edf_size_problem(head, file_size);
  if (format == formats::FileFormat::Ishne) return formats::ishne_size_problem(head, file_size);
  if (format != formats::FileFormat::Wfdb || head.bytes.size() != file_size) return "";
  const std::optional<formats::wfdb::Header> header = formats::wfdb::try_parse_header(head);
  return header ? formats::wfdb::size_problem(*header, companion_size) : "";
}

}  // namespace qrs
