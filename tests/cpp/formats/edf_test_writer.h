#pragma once
// Test helper: builds EDF / EDF+ / BDF files byte by byte from digital sample values, following
// the EDF specification's header layout (written here independently of src/formats/edf_header.cpp).
// Header fields can be overridden as raw text to build malformed files.
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs::test {

struct EdfSignalOut {
  std::string label = "ECG II";
  std::string dimension = "uV";
  std::string physical_min = "-3276.8", physical_max = "3276.7";
  std::string digital_min = "-32768", digital_max = "32767";
  std::size_t samples_per_record = 0;
  std::vector<std::int32_t> digital;  // records * samples_per_record values
  std::vector<std::string> tal;       // annotation signals: each data record's bytes, 0-padded
};

struct EdfOut {
  bool bdf = false;
  std::string reserved;  // "EDF+C", "EDF+D", "24BIT", ...
  std::size_t records = 0;
  std::string duration = "1";
  std::vector<EdfSignalOut> signals;
  // Raw overrides of fixed fields by name ("header size", "number of data records",
  // "number of signals"), to write lies.
  std::map<std::string, std::string> override_fixed;
};

inline void put_field(std::string& out, const std::string& value, std::size_t width) {
  std::string v = value.substr(0, width);
  v.resize(width, ' ');
  out += v;
}

inline std::string num_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

inline NamedBuffer write_edf(const std::string& name, const EdfOut& edf) {
  const std::size_t ns = edf.signals.size();
  auto fixed = [&](const std::string& key, const std::string& value) {
    const auto it = edf.override_fixed.find(key);
    return it == edf.override_fixed.end() ? value : it->second;
  };
  std::string h;
  if (edf.bdf) {
    h += static_cast<char>(0xFF);
    h += "BIOSEMI";
  } else {
    put_field(h, "0", 8);
  }
  put_field(h, "X X X X", 80);
  put_field(h, "Startdate X X X X", 80);
  put_field(h, "21.11.26", 8);
  put_field(h, "22.00.00", 8);
  put_field(h, fixed("header size", std::to_string(256 * (ns + 1))), 8);
  put_field(h, edf.reserved, 44);
  put_field(h, fixed("number of data records", std::to_string(edf.records)), 8);
  put_field(h, edf.duration, 8);
  put_field(h, fixed("number of signals", std::to_string(ns)), 4);
  for (const auto& s : edf.signals) put_field(h, s.label, 16);
  for (std::size_t i = 0; i < ns; ++i) put_field(h, "AgAgCl electrode", 80);
  for (const auto& s : edf.signals) put_field(h, s.dimension, 8);
  for (const auto& s : edf.signals) put_field(h, s.physical_min, 8);
  for (const auto& s : edf.signals) put_field(h, s.physical_max, 8);
  for (const auto& s : edf.signals) put_field(h, s.digital_min, 8);
  for (const auto& s : edf.signals) put_field(h, s.digital_max, 8);
  for (std::size_t i = 0; i < ns; ++i) put_field(h, "HP:0.1Hz LP:75Hz", 80);
  for (const auto& s : edf.signals) put_field(h, std::to_string(s.samples_per_record), 8);
  for (std::size_t i = 0; i < ns; ++i) put_field(h, "", 32);
  std::vector<std::uint8_t> bytes(h.begin(), h.end());
  const int width = edf.bdf ? 3 : 2;
  for (std::size_t r = 0; r < edf.records; ++r) {
    for (const auto& s : edf.signals) {
      if (!s.tal.empty()) {  // annotation text, padded with NULs to the signal's size
        std::string text = r < s.tal.size() ? s.tal[r] : "";
        text.resize(s.samples_per_record * width, '\0');
        bytes.insert(bytes.end(), text.begin(), text.end());
        continue;
      }
      for (std::size_t i = 0; i < s.samples_per_record; ++i) {
        const std::size_t at = r * s.samples_per_record + i;
        const auto v = static_cast<std::uint32_t>(at < s.digital.size() ? s.digital[at] : 0);
        for (int b = 0; b < width; ++b) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
      }
    }
  }
  return {name, bytes};
}

}  // namespace qrs::test
