#pragma once
// ISHNE Holter files (the ISHNE Holter standard output format, version 1.0; Badilini et al., Ann
// Noninvasive Electrocardiol 1998): the magic "ISHNE1.0", a CRC-16/CCITT of the header
// (util/crc_ccitt.h), a 512-byte fixed header of little-endian fields, a variable-length block of
// free text, then the samples: 16-bit little-endian integers, one of each lead per sampling
// instant (interleaved), each lead's unit its own amplitude resolution in nanovolts. The header
// gives up to 12 leads, each with a specification code (the standard's table: I, II, ..., V6,
// the bipolar X, Y, Z and the Holter leads ES, AS, AI), a quality code and a resolution; one
// sampling rate in whole Hz; and whether the patient has a pacemaker. read_ishne (readers.h,
// ishne.cpp) reads the leads into a Record in mV; this header parses and checks the header alone,
// which is what the size check of a file not yet read needs too.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs::formats::ishne {

constexpr std::size_t kHeaderBytes = 522;  // magic (8), CRC (2) and the fixed header (512)
constexpr std::size_t kMaxLeads = 12;      // the fixed header has room for 12 leads

bool has_magic(const NamedBuffer& file);             // an ISHNE Holter file: "ISHNE1.0"
bool has_annotation_magic(const NamedBuffer& file);  // its annotation companion: "ANN  1.0"

struct LeadHeader {
  int specification = 0;  // the standard's table: 5 I, 6 II, ..., 16 V6, 17 ES, 18 AS, 19 AI
  int quality = 0;        // 1 good, 2..5 noise or disconnection, 0 unknown, -9 absent
  int resolution_nv = 0;  // what one unit of a sample is, in nanovolts
};

struct Header {
  std::string file_name;
  std::int64_t samples_per_lead = 0;  // as declared (some writers give the count over all leads)
  std::size_t data_offset = 0;        // where the samples start, checked to lie within the file
  std::vector<LeadHeader> leads;      // 1..12
  int pacemaker = 0;                  // 0 none, 1..5 a pacemaker (pacemaker_text), -9 unknown
  int sampling_rate = 0;              // Hz, as declared (not checked here)
  std::uint16_t stored_crc = 0;
  // Over the header from byte 10 to the samples; none when `size` stops before the samples.
  std::optional<std::uint16_t> computed_crc;
};

// `bytes` holds the file's first `size` bytes (all of it, or a head for a size check) and the
// file has `file_size`. Throws qrs::Error naming the file when the bytes are no ISHNE header or
// its lead count or data offset cannot be so.
Header parse_header(const std::uint8_t* bytes, std::size_t size, std::uint64_t file_size,
                    const std::string& file_name);

// "II", "V5", "ES", ...; "lead<index>" for the unknown and generic bipolar codes and any other.
std::string lead_name(int specification, std::size_t index);
// Why a file with the annotation magic is not read: "<file>: an ISHNE annotation file (ANN  1.0,
// the beat labels of an ISHNE Holter recording), which this tool does not read yet". Said where
// such a file is dropped as a recording and where it would be read as WFDB annotations, whose
// reader could otherwise take its bytes for marks.
std::string annotation_file_message(const std::string& file_name);

// "single chamber unipolar", ... for codes 1..5, "code 7" for another positive code, "" for none
// (0) and unknown (negative).
std::string pacemaker_text(int code);
// "intermittent noise", "frequent noise", "intermittent disconnection", "frequent disconnection",
// "absent"; "" for good (1) and unknown (0) and any other code.
std::string quality_text(int code);

}  // namespace qrs::formats::ishne
