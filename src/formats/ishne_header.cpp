// The ISHNE header (ishne_header.h): field offsets, the checks that keep later reading in bounds,
// and the standard's code tables.
#include "formats/ishne_header.h"

#include <array>
#include <cstring>

#include "formats/little_endian.h"
#include "util/crc_ccitt.h"
#include "util/error.h"

namespace qrs::formats::ishne {
namespace {

constexpr char kMagic[] = "ISHNE1.0";
constexpr char kAnnotationMagic[] = "ANN  1.0";
constexpr std::size_t kMagicBytes = 8;
constexpr std::size_t kCrcAt = 8;
constexpr std::size_t kCrcFrom = 10;  // the CRC covers the header after the magic and itself

// Byte offsets of the fixed header's fields this reader uses (from the start of the file).
enum Field : std::size_t {
  kSamplesPerLead = 14,   // int32; 10: variable-length block size, 18: its offset (522)
  kDataOffset = 22,       // int32
  kLeadCount = 156,       // int16; before it: version, patient, dates, start time
  kSpecifications = 158,  // 12 x int16
  kQualities = 182,       // 12 x int16
  kResolutions = 206,     // 12 x int16, nV
  kPacemaker = 230,       // int16; then the recorder type, 40 characters
  kSamplingRate = 272,    // int16, Hz; then proprietary, copyright and reserved text to 522
};

// The standard's lead specification table, by code.
constexpr std::array<const char*, 20> kLeadNames = {"",    "",    "X",   "Y",   "Z",  "I",  "II",
                                                    "III", "aVR", "aVL", "aVF", "V1", "V2", "V3",
                                                    "V4",  "V5",  "V6",  "ES",  "AS", "AI"};

constexpr std::array<const char*, 6> kPacemakers = {"",
                                                    "type not given",
                                                    "single chamber unipolar",
                                                    "dual chamber unipolar",
                                                    "single chamber bipolar",
                                                    "dual chamber bipolar"};

bool starts_with(const NamedBuffer& file, const char* magic) {
  return file.bytes.size() >= kMagicBytes &&
         std::memcmp(file.bytes.data(), magic, kMagicBytes) == 0;
}

}  // namespace

bool has_magic(const NamedBuffer& file) {
  return starts_with(file, kMagic);
}
bool has_annotation_magic(const NamedBuffer& file) {
  return starts_with(file, kAnnotationMagic);
}

Header parse_header(const std::uint8_t* bytes, std::size_t size, std::uint64_t file_size,
                    const std::string& file_name) {
  auto fail = [&](const std::string& what) { throw Error(file_name + ": " + what); };
  if (size < kHeaderBytes) {
    fail("only " + std::to_string(file_size) + " bytes, too short for an ISHNE header (" +
         std::to_string(kHeaderBytes) + " bytes)");
  }
  if (std::memcmp(bytes, kMagic, kMagicBytes) != 0)
    fail("not an ISHNE Holter file (it does not start with ISHNE1.0)");
  Header h;
  h.file_name = file_name;
  h.stored_crc = le_u16(bytes + kCrcAt);
  h.samples_per_lead = le_i32(bytes + kSamplesPerLead);
  h.pacemaker = le_i16(bytes + kPacemaker);
  h.sampling_rate = le_i16(bytes + kSamplingRate);

  const int lead_count = le_i16(bytes + kLeadCount);
  if (lead_count < 1)
    fail("declares " + std::to_string(lead_count) + " leads; at least 1 is needed");
  if (lead_count > static_cast<int>(kMaxLeads)) {
    fail("declares " + std::to_string(lead_count) + " leads; an ISHNE header has room for " +
         std::to_string(kMaxLeads));
  }
  for (int i = 0; i < lead_count; ++i) {
    h.leads.push_back({le_i16(bytes + kSpecifications + 2 * i), le_i16(bytes + kQualities + 2 * i),
                       le_i16(bytes + kResolutions + 2 * i)});
  }

  const std::int32_t data_offset = le_i32(bytes + kDataOffset);
  if (data_offset < static_cast<std::int32_t>(kHeaderBytes) ||
      static_cast<std::uint64_t>(data_offset) > file_size) {
    fail("the samples' offset " + std::to_string(data_offset) + " lies outside the file (" +
         std::to_string(kHeaderBytes) + " to " + std::to_string(file_size) +
         " bytes): the header is damaged");
  }
  h.data_offset = static_cast<std::size_t>(data_offset);
  if (h.data_offset <= size) h.computed_crc = crc_ccitt(bytes + kCrcFrom, h.data_offset - kCrcFrom);
  return h;
}

std::string annotation_file_message(const std::string& file_name) {
  return file_name +
         ": an ISHNE annotation file (ANN  1.0, the beat labels of an ISHNE Holter recording), "
         "which this tool does not read yet";
}

std::string lead_name(int specification, std::size_t index) {
  if (specification >= 0 && specification < static_cast<int>(kLeadNames.size()) &&
      *kLeadNames[static_cast<std::size_t>(specification)])
    return kLeadNames[static_cast<std::size_t>(specification)];
  return "lead" + std::to_string(index);
}

std::string pacemaker_text(int code) {
  if (code <= 0) return "";
  if (code < static_cast<int>(kPacemakers.size()))
    return kPacemakers[static_cast<std::size_t>(code)];
  return "code " + std::to_string(code);
}

std::string quality_text(int code) {
  switch (code) {
    case -9:
      return "absent";
    case 2:
      return "intermittent noise";
    case 3:
      return "frequent noise";
    case 4:
      return "intermittent disconnection";
    case 5:
      return "frequent disconnection";
    default:
      return "";
  }
}

}  // namespace qrs::formats::ishne
