// --wfdb-annotations DIR: each record's marks as WFDB annotation files
// (formats/wfdb_annotation_qrs.h) written into DIR. A folder that holds one of the inputs is
// refused: LUDB keeps its cardiologists' annotations next to the record under the very names
// written here ("5.ii"), and overwriting them would destroy the reference.
#include <filesystem>
#include <fstream>

#include "cli/output.h"
#include "formats/wfdb_annotation_qrs.h"
#include "util/error.h"

namespace qrs::cli {

namespace fs = std::filesystem;

void check_annotation_folder(const std::string& folder, const std::vector<std::string>& inputs) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder))
    throw Error(folder + ": cannot create the folder for WFDB annotation files" +
                (error ? " (" + error.message() + ")" : ""));
  for (const std::string& input : inputs) {
    fs::path parent = fs::path(input).parent_path();
    if (parent.empty()) parent = ".";
    if (fs::equivalent(parent, folder, error))
      throw Error("--wfdb-annotations " + folder + ": the folder of " + input +
                  "; its own annotation files could be overwritten, choose another folder");
  }
}

std::vector<std::string> write_wfdb_annotations(const std::string& folder, const Record& record,
                                                const Annotation& annotation) {
  namespace wfdb = formats::wfdb;
  std::vector<wfdb::LeadQrsMarks> leads;
  for (std::size_t i = 0; i < annotation.leads.size(); ++i) {
    wfdb::LeadQrsMarks lead{annotation.leads[i].name, &record.leads.at(i).samples, {}};
    for (const QrsEvent& q : annotation.leads[i].qrs)
      lead.qrs.push_back({q.onset, q.offset, false});
    leads.push_back(std::move(lead));
  }
  std::vector<wfdb::QrsMark> beats;
  for (const Beat& b : annotation.beats) beats.push_back({b.first_onset, b.last_offset, false});
  std::vector<std::string> written;
  for (const NamedBuffer& file : wfdb::qrs_annotation_files(annotation.record, leads, beats)) {
    const fs::path path = fs::path(folder) / file.name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(file.bytes.data()), std::streamsize(file.bytes.size()));
    if (!out) throw Error(path.string() + ": cannot write the WFDB annotation file");
    written.push_back(path.string());
  }
  return written;
}

}  // namespace qrs::cli
