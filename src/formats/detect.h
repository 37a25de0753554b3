#pragma once
// Which reader a file goes to. Magic bytes decide first ("\x93NUMPY" npy, "PK\3\4" npz, an EDF
// "0       " version field, "\xffBIOSEMI" BDF, "ISHNE1.0" ISHNE Holter, never its name: .ecg is
// also a WFDB annotator's; the signatures of clinical ECG exports this tool does not read,
// clinical_exports.h; a leading '{' or '[' JSON); then a .hea name whose
// first record line has the WFDB shape; then the extension (.csv .tsv .txt .npy .npz .json .edf
// .bdf .hea .dat); last, text that reads as a table of numbers is taken as CSV. Also small helpers
// on file names that every reader uses for record names and messages.
#include <string>
#include <string_view>

#include "formats/record.h"

namespace qrs::formats {

// ClinicalExport: an ECG format recognised but not read (clinical_exports.h), refused saying so.
enum class FileFormat {
  Unknown, Wfdb, WfdbSignal, Edf, Bdf, Ishne, Csv, Npy, Npz, Json, ClinicalExport
};

FileFormat detect_format(const NamedBuffer& file);

// "wfdb", "edf", ..., as in ReadResult::format; "wfdb-signal" for a .dat, "" for Unknown and
// ClinicalExport (no reader).
const char* format_name(FileFormat format);

// For "unrecognised file format (supported: ...)" messages.
const char* supported_formats_text();

// "dir/5.hea" -> "5.hea"; "5.hea" -> "5"; "x.tar.gz" -> "x.tar"; extension lower case without dot.
std::string base_name(std::string_view path);
std::string file_stem(std::string_view path);
std::string file_extension(std::string_view path);

}  // namespace qrs::formats
