#include "formats/detect.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "formats/clinical_exports.h"
#include "formats/csv_cells.h"
#include "formats/ishne_header.h"

namespace qrs::formats {
namespace {

bool starts_with(const NamedBuffer& f, const char* magic, std::size_t n) {
  return f.bytes.size() >= n && std::memcmp(f.bytes.data(), magic, n) == 0;
}

// The first non-blank byte after an optional UTF-8 byte-order mark.
char first_content_char(const NamedBuffer& f) {
  std::size_t i = 0;
  const auto& b = f.bytes;
  if (b.size() >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) i = 3;
  for (; i < b.size() && i < 4096; ++i)
    if (!std::isspace(b[i])) return char(b[i]);
  return 0;
}

// The first line that is not a comment: for a WFDB header "name[/segments] nsig [fs ...]", where
// nsig is a whole number.
bool looks_like_wfdb_record_line(const NamedBuffer& f) {
  const std::size_t n = std::min<std::size_t>(f.bytes.size(), 4096);
  std::string_view text(reinterpret_cast<const char*>(f.bytes.data()), n);
  while (!text.empty()) {
    const std::size_t end = text.find_first_of("\r\n");
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    split_fields(line, ' ', fields);
    if (fields.size() < 2) return false;
    for (char c : fields[1])
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  }
  return false;
}

// No control bytes other than line breaks and tabs in the first 4 KiB: binary files (a WFDB
// annotation file that happens to start with '[') are not taken for JSON or CSV.
bool is_text(const NamedBuffer& f) {
  const std::size_t n = std::min<std::size_t>(f.bytes.size(), 4096);
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char c = f.bytes[i];
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
  }
  return true;
}

// Printable text whose first non-comment lines hold numbers: a table without a known extension.
bool looks_like_numeric_text(const NamedBuffer& f) {
  const std::size_t n = std::min<std::size_t>(f.bytes.size(), 4096);
  if (n == 0 || !is_text(f)) return false;
  std::string_view text(reinterpret_cast<const char*>(f.bytes.data()), n);
  std::vector<std::string_view> fields;
  int numeric_lines = 0;
  for (int lines = 0; !text.empty() && lines < 5;) {
    const std::size_t end = text.find_first_of("\r\n");
    std::string_view line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    ++lines;
    split_fields(line, sniff_dialect({line}).delimiter, fields);
    bool numeric = !fields.empty();
    for (std::string_view cell : fields) {
      double v;
      if (parse_cell(cell, true, v) == CellKind::Text) numeric = false;
    }
    numeric_lines += numeric;
  }
  return numeric_lines >= 1;
}

// EDF's fixed header: bytes 184..191 hold the header size, a whole number of 256-byte blocks.
// Checked so that a whitespace-separated table starting with "0       " is not taken for EDF.
bool has_edf_header_size(const NamedBuffer& f) {
  if (f.bytes.size() < 256) return false;
  std::string field(reinterpret_cast<const char*>(f.bytes.data()) + 184, 8);
  std::string_view digits = trim(field);
  if (digits.empty()) return false;
  for (char c : digits)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string file_stem(std::string_view path) {
  std::string base = base_name(path);
  const std::size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base.resize(dot);
  return base;
}

std::string file_extension(std::string_view path) {
  const std::string base = base_name(path);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string::npos || dot == 0) return "";
  return to_lower_ascii(std::string_view(base).substr(dot + 1));
}

FileFormat detect_format(const NamedBuffer& f) {
  if (starts_with(f, "\x93NUMPY", 6)) return FileFormat::Npy;
  if (starts_with(f, "PK\x03\x04", 4) || starts_with(f, "PK\x05\x06", 4)) return FileFormat::Npz;
  if (starts_with(f, "\xff" "BIOSEMI", 8)) return FileFormat::Bdf;
  if (starts_with(f, "0       ", 8) && has_edf_header_size(f)) return FileFormat::Edf;
  // By magic only: ".ecg" is also a WFDB annotator's name (an annotation file of a record).
  if (ishne::has_magic(f)) return FileFormat::Ishne;
  // Before names: a MUSE export is often saved as .txt.
  if (!clinical_export_message(f).empty()) return FileFormat::ClinicalExport;
  const std::string ext = file_extension(f.name);
  const char first = first_content_char(f);
  if ((first == '{' || first == '[') && ext != "hea" && is_text(f)) return FileFormat::Json;
  if (ext == "hea" && looks_like_wfdb_record_line(f)) return FileFormat::Wfdb;
  if (ext == "hea") return FileFormat::Wfdb;  // the reader explains what is wrong with it
  if (ext == "csv" || ext == "tsv" || ext == "txt") return FileFormat::Csv;
  if (ext == "npy") return FileFormat::Npy;
  if (ext == "npz") return FileFormat::Npz;
  if (ext == "json") return FileFormat::Json;
  if (ext == "edf" || ext == "rec") return FileFormat::Edf;
  if (ext == "bdf") return FileFormat::Bdf;
  if (ext == "dat") return FileFormat::WfdbSignal;
  if (looks_like_numeric_text(f)) return FileFormat::Csv;
  return FileFormat::Unknown;
}

const char* format_name(FileFormat format) {
  switch (format) {
    case FileFormat::Wfdb: return "wfdb";
    case FileFormat::WfdbSignal: return "wfdb-signal";
    case FileFormat::Edf: return "edf";
    case FileFormat::Bdf: return "bdf";
    case FileFormat::Ishne: return "ishne";
    case FileFormat::Csv: return "csv";
    case FileFormat::Npy: return "npy";
    case FileFormat::Npz: return "npz";
    case FileFormat::Json: return "json";
    case FileFormat::Unknown:
    case FileFormat::ClinicalExport: break;
  }
  return "";
}

const char* supported_formats_text() {
  return "WFDB .hea+.dat, EDF/EDF+ .edf, BDF .bdf, ISHNE Holter .ecg, CSV/TSV/text .csv .tsv .txt, "
         "NumPy .npy .npz, JSON .json";
}

}  // namespace qrs::formats
