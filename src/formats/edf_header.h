#pragma once
// EDF / EDF+ / BDF header parsing (the fixed 256-byte part and 256 bytes per signal), following
// the EDF specification (Kemp et al. 1992), EDF+ (2003) and BioSemi's 24-bit BDF. Fields are
// ASCII, left-aligned and space-padded; the per-signal fields are stored field by field (all
// labels, then all transducers, ...). Every failure throws qrs::Error naming the file and the
// field; a signal whose range gives no scale is marked (SignalHeader::no_scale), not refused, so
// that one unconnected channel does not refuse the whole file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qrs::formats::edf {

struct SignalHeader {
  std::string label;               // raw bytes, trimmed
  std::string physical_dimension;  // "uV", "mV", ...
  double physical_min = 0, physical_max = 0;
  long long digital_min = 0, digital_max = 0;
  std::size_t samples_per_record = 0;
  bool is_annotation = false;  // "EDF Annotations" / "BDF Annotations"
  // Why no sample of this signal can be scaled: "physical minimum equals physical maximum (both
  // 0 uV)", or the same of the digital range (an unconnected input, as PSG recorders and devices
  // write unused channels); "" when it can. The reader skips such a signal (edf.cpp).
  std::string no_scale;
};

struct Header {
  std::string file_name;
  bool bdf = false;            // 24-bit samples
  bool edf_plus = false;       // "EDF+C" or "EDF+D" (BDF+C, BDF+D)
  bool discontinuous = false;  // EDF+D: each data record's start time is in its first TAL
  std::string start_date;      // "dd.mm.yy" as written
  std::string start_time;      // "hh.mm.ss" as written
  std::size_t header_bytes = 0;
  long long records = -1;      // as declared; -1 = unknown (still recording)
  double record_duration = 0;  // seconds
  std::vector<SignalHeader> signals;
  std::size_t bytes_per_sample() const { return bdf ? 3 : 2; }
  std::size_t record_bytes() const;  // bytes of one data record, all signals
};

Header parse_header(const std::uint8_t* bytes, std::size_t size, const std::string& file_name);

}  // namespace qrs::formats::edf
