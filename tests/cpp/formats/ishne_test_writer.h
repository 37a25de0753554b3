#pragma once
// Test helper: writes ISHNE Holter files (.ecg) byte by byte from 16-bit samples, following the
// ISHNE Holter standard's header layout (written here independently of
// src/formats/ishne_header.cpp): magic, CRC-16/CCITT over the header, the 512-byte fixed header
// with the patient's and recorder's fields filled as a recorder would, an optional variable-length
// block, then the samples interleaved lead by lead. Header fields can be overridden to write lies.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "formats/record.h"
#include "util/crc_ccitt.h"

namespace qrs::test {

struct IshneLeadOut {
  int specification = 6;  // II
  int quality = 1;        // good
  int resolution_nv = 1000;
  std::vector<std::int16_t> samples;
};

struct IshneOut {
  int sampling_rate = 500;
  int pacemaker = 0;
  std::string variable_block;  // free text between the fixed header and the samples
  std::vector<IshneLeadOut> leads;
  // Lies: each replaces what the leads above would give.
  std::optional<std::int32_t> samples_per_lead;
  std::optional<int> lead_count;
  std::optional<std::int32_t> data_offset;
  bool wrong_crc = false;
};

inline void put_ishne_int(std::vector<std::uint8_t>& out, std::size_t at, std::int64_t v,
                          int bytes) {
  for (int i = 0; i < bytes; ++i)
    out[at + i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i));
}

inline void put_ishne_text(std::vector<std::uint8_t>& out, std::size_t at,
                           const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) out[at + i] = static_cast<std::uint8_t>(text[i]);
}

inline NamedBuffer write_ishne(const std::string& name, const IshneOut& ecg) {
  const std::size_t fixed_end = 522;
  const std::size_t length = ecg.leads.empty() ? 0 : ecg.leads[0].samples.size();
  std::vector<std::uint8_t> out(fixed_end + ecg.variable_block.size(), 0);
  put_ishne_text(out, 0, "ISHNE1.0");
  put_ishne_int(out, 10, static_cast<std::int64_t>(ecg.variable_block.size()), 4);
  put_ishne_int(out, 14, ecg.samples_per_lead.value_or(static_cast<std::int32_t>(length)), 4);
  put_ishne_int(out, 18, static_cast<std::int64_t>(fixed_end), 4);
  put_ishne_int(out, 22, ecg.data_offset.value_or(static_cast<std::int32_t>(out.size())), 4);
  put_ishne_int(out, 26, 1, 2);  // file version
  put_ishne_text(out, 28, "Jane");
  put_ishne_text(out, 68, "Doe");
  put_ishne_text(out, 108, "TEST-0001");
  put_ishne_int(out, 128, 2, 2);  // sex: female
  put_ishne_int(out, 130, 0, 2);  // race: unknown
  const int dates[4][3] = {{14, 3, 1961}, {2, 5, 2024}, {3, 5, 2024}, {9, 30, 0}};
  for (int d = 0; d < 4; ++d)
    for (int k = 0; k < 3; ++k) put_ishne_int(out, 132 + 6 * d + 2 * k, dates[d][k], 2);
  put_ishne_int(out, 156, ecg.lead_count.value_or(static_cast<int>(ecg.leads.size())), 2);
  for (std::size_t i = 0; i < 12; ++i) {
    const bool used = i < ecg.leads.size();
    put_ishne_int(out, 158 + 2 * i, used ? ecg.leads[i].specification : -9, 2);
    put_ishne_int(out, 182 + 2 * i, used ? ecg.leads[i].quality : -9, 2);
    put_ishne_int(out, 206 + 2 * i, used ? ecg.leads[i].resolution_nv : -9, 2);
  }
  put_ishne_int(out, 230, ecg.pacemaker, 2);
  put_ishne_text(out, 232, "digital");
  put_ishne_int(out, 272, ecg.sampling_rate, 2);
  put_ishne_text(out, 274, "written by ishne_test_writer.h");
  put_ishne_text(out, fixed_end, ecg.variable_block);
  std::uint16_t crc = crc_ccitt(out.data() + 10, out.size() - 10);
  if (ecg.wrong_crc) crc ^= 0x0101;
  put_ishne_int(out, 8, crc, 2);
  for (std::size_t t = 0; t < length; ++t) {
    for (const IshneLeadOut& lead : ecg.leads) {
      const auto v = static_cast<std::uint16_t>(lead.samples[t]);
      out.push_back(static_cast<std::uint8_t>(v & 0xFF));
      out.push_back(static_cast<std::uint8_t>(v >> 8));
    }
  }
  return {name, std::move(out)};
}

}  // namespace qrs::test
