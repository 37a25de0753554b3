#include "formats/clinical_exports.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

#include "formats/detect.h"
#include "formats/little_endian.h"

namespace qrs::formats {
namespace {

// Every signature lies in the first bytes: the XML root after a declaration, comments and a
// DOCTYPE; DICOM's meta information, which names the SOP class, within a few hundred bytes.
constexpr std::size_t kHeadBytes = 8192;

// The first bytes as text. UTF-16 (told by its byte-order mark) is taken one byte in two, which
// keeps its ASCII, so that an XML export saved as UTF-16 is told too.
std::string text_head(const NamedBuffer& f) {
  const auto& b = f.bytes;
  const std::size_t n = std::min(b.size(), kHeadBytes);
  std::string text;
  if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
    for (std::size_t i = b[0] == 0xFF ? 2 : 3; i < n; i += 2) text.push_back(char(b[i]));
    return text;
  }
  const std::size_t bom = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0;
  return std::string(b.begin() + bom, b.begin() + n);
}

// The name of an XML document's root element without its namespace prefix ("AnnotatedECG" of
// "<v3:AnnotatedECG xmlns:v3=...>"), or "" when the text does not start as XML. The XML
// declaration, processing instructions, comments and a DOCTYPE (with an internal subset) before
// it are skipped.
std::string xml_root_element(std::string_view text) {
  std::size_t at = 0;
  for (;;) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    if (at >= text.size() || text[at] != '<') return "";
    const std::string_view rest = text.substr(at);
    std::size_t end = std::string_view::npos;
    if (rest.rfind("<?", 0) == 0) {
      end = rest.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (rest.rfind("<!--", 0) == 0) {
      end = rest.find("-->");
      if (end != std::string_view::npos) end += 3;
    } else if (rest.rfind("<!", 0) == 0) {
      const std::size_t subset = rest.find('[');
      end = rest.find('>');
      if (subset < end) end = rest.find('>', rest.find(']', subset));
      if (end != std::string_view::npos) end += 1;
    } else {
      std::size_t n = 1;
      while (n < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[n])) ||
                                 (rest[n] != '\0' && std::strchr("_-.:", rest[n]))))
        ++n;
      std::string_view name = rest.substr(1, n - 1);
      const std::size_t colon = name.rfind(':');
      if (colon != std::string_view::npos) name.remove_prefix(colon + 1);
      return std::string(name);
    }
    if (end == std::string_view::npos) return "";
    at += end;
  }
}

bool bytes_at(const NamedBuffer& f, std::size_t offset, std::string_view magic) {
  return f.bytes.size() >= offset + magic.size() &&
         std::memcmp(f.bytes.data() + offset, magic.data(), magic.size()) == 0;
}

// SCP-ECG (EN 1064): a CRC (2 bytes), the record's length (4), then section 0, whose 16-byte
// header (CRC, section ID 0, length, versions) ends in the reserved "SCPECG". A file named .scp
// whose section 0 has the ID and whose length field is its size counts too, for writers that
// leave the reserved bytes empty.
bool is_scp_ecg(const NamedBuffer& f) {
  if (bytes_at(f, 16, "SCPECG")) return true;
  return file_extension(f.name) == "scp" && f.bytes.size() >= 22 && f.bytes[8] == 0 &&
         f.bytes[9] == 0 && le_u32(f.bytes.data() + 2) == f.bytes.size();
}

// A file name as one word of a shell command: quoted when it holds more than letters, digits and
// ._-+ (a space, say).
std::string shell_word(const std::string& name) {
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr("._-+", c));
  });
  return plain ? name : "'" + name + "'";
}

// A file name as a Python string literal.
std::string python_string(const std::string& name) {
  std::string out = "'";
  for (char c : name) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string clinical_export_message(const NamedBuffer& file) {
  // What the file is, then what to do with it: convert it with a common tool to a format read here.
  enum class Advice { BioSigToEdf, Muse2Wfdb, SierraEcg, Pydicom };
  std::string what;
  Advice advice;
  if (bytes_at(file, 128, "DICM")) {
    // The meta information names the SOP class: 1.2.840.10008.5.1.4.1.1.9.1.x are the ECG
    // waveforms (12-lead, general, ambulatory), 1.2.840.10008.5.1.4.1.1.9.x any waveform.
    const std::string head = text_head(file);
    const bool ecg = head.find("1.2.840.10008.5.1.4.1.1.9.1.") != std::string::npos;
    const bool waveform = head.find("1.2.840.10008.5.1.4.1.1.9.") != std::string::npos;
    what = ecg ? "a DICOM ECG waveform file" : waveform ? "a DICOM waveform file" : "a DICOM file";
    advice = Advice::Pydicom;
  } else if (is_scp_ecg(file)) {
    what = "an SCP-ECG file (EN 1064)";
    advice = Advice::BioSigToEdf;
  } else {
    const std::string root = xml_root_element(text_head(file));
    if (root == "AnnotatedECG") {
      what = "an HL7 aECG file (XML <AnnotatedECG>)";
      advice = Advice::BioSigToEdf;
    } else if (root == "RestingECG") {
      what = "a GE MUSE ECG file (XML <RestingECG>)";
      advice = Advice::Muse2Wfdb;
    } else if (root == "restingecgdata") {
      what = "a Philips SierraECG file (XML <restingecgdata>)";
      advice = Advice::SierraEcg;
    } else {
      return "";
    }
  }
  const std::string name = base_name(file.name);
  const std::string stem = file_stem(name);
  const std::string as_npz = " and save that with numpy.savez(" + python_string(stem + ".npz") +
                             ", signal=..., fs=...), which this tool reads";
  std::string todo;
  switch (advice) {
    case Advice::BioSigToEdf:
      todo =
          "convert it to EDF first, e.g. with BioSig's save2gdf (Debian and Ubuntu package "
          "biosig-tools): save2gdf -f=EDF " +
          shell_word(name) + " " + shell_word(stem + ".edf");
      break;
    case Advice::Muse2Wfdb:
      todo =
          "convert it to WFDB first, e.g. with the Python package muse2wfdb "
          "(muse2wfdb.converter.muse_to_wfdb(" +
          python_string(name) + ", " + python_string(stem) + ") writes " + stem + ".hea and " +
          stem + ".dat)";
      break;
    case Advice::SierraEcg:
      todo = "read it with the Python package sierraecg (sierraecg.read_file(" +
             python_string(name) + ").leads: each lead's samples and sampling_freq)" + as_npz;
      break;
    case Advice::Pydicom:
      todo = "read it with pydicom (ds = pydicom.dcmread(" + python_string(name) +
             "): ds.waveform_array(0) holds samples x channels, "
             "ds.WaveformSequence[0].SamplingFrequency their rate)" +
             as_npz;
      break;
  }
  return what + ", which this tool does not read yet; " + todo;
}

}  // namespace qrs::formats
