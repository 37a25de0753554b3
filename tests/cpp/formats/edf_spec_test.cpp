// EDF, EDF+ and BDF files whose every byte is laid out here from the specifications, not by the
// tests' own writer (edf_test_writer.h), so a misreading that writer and reader share cannot pass:
//  - EDF (Kemp et al. 1992): a 256-byte fixed header of ASCII fields, left-aligned and padded
//    with spaces; then 256 bytes per signal, stored field by field (all labels, then all
//    transducer types, ...); then the data records, each holding every signal's samples in turn
//    as 16-bit little-endian two's complement integers.
//    physical = (digital - digital min) * (physical max - physical min)
//               / (digital max - digital min) + physical min.
//  - EDF+ (Kemp & Olivan 2003): "EDF+C" at the start of the reserved field, an "EDF Annotations"
//    signal holding text (time-stamped annotation lists, TALs), which is not a signal to plot.
//  - BDF (BioSemi): first byte 0xFF then "BIOSEMI" as the version, "24BIT" reserved, samples as
//    24-bit little-endian two's complement; BDF+ marks itself "BDF+C" with "BDF Annotations".
// The expected values are worked out by hand in the comments, in mV (what readers return).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "formats/read.h"

namespace qrs {
namespace {

// One header field: `text` left-aligned, padded with spaces to `width` bytes.
std::string field(const std::string& text, std::size_t width) {
  EXPECT_LE(text.size(), width) << "'" << text << "' does not fit in " << width << " bytes";
  return text + std::string(width - std::min(width, text.size()), ' ');
}

struct SpecSignal {
  std::string label, dimension, physical_min, physical_max, digital_min, digital_max;
  std::string samples_per_record;
};

// The fixed header then the per-signal header, field by field in the specification's order.
std::string header(const std::string& version, const std::string& reserved,
                   const std::string& records, const std::string& duration,
                   const std::vector<SpecSignal>& signals) {
  const std::size_t ns = signals.size();
  std::string h = version;  // 8 bytes, given whole (BDF's starts with a non-ASCII byte)
  h += field("X M 01-JAN-1950 Spec_Patient", 80);         // local patient identification
  h += field("Startdate 01-JAN-2020 X X spec_test", 80);  // local recording identification
  h += field("01.01.20", 8) + field("12.00.00", 8);       // start date, start time
  h += field(std::to_string(256 + 256 * ns), 8);          // number of bytes in the header
  h += field(reserved, 44);
  h += field(records, 8) + field(duration, 8);
  h += field(std::to_string(ns), 4);
  for (const SpecSignal& s : signals) h += field(s.label, 16);
  for (std::size_t i = 0; i < ns; ++i) h += field("AgAgCl electrode", 80);  // transducer type
  for (const SpecSignal& s : signals) h += field(s.dimension, 8);
  for (const SpecSignal& s : signals) h += field(s.physical_min, 8);
  for (const SpecSignal& s : signals) h += field(s.physical_max, 8);
  for (const SpecSignal& s : signals) h += field(s.digital_min, 8);
  for (const SpecSignal& s : signals) h += field(s.digital_max, 8);
  for (std::size_t i = 0; i < ns; ++i) h += field("HP:0.1Hz LP:75Hz", 80);  // prefiltering
  for (const SpecSignal& s : signals) h += field(s.samples_per_record, 8);
  for (std::size_t i = 0; i < ns; ++i) h += field("", 32);  // reserved
  EXPECT_EQ(h.size(), 256 + 256 * ns);
  return h;
}

ReadResult read(const std::string& name, const std::string& header_bytes,
                const std::vector<std::uint8_t>& data) {
  NamedBuffer file{name, std::vector<std::uint8_t>(header_bytes.begin(), header_bytes.end())};
  file.bytes.insert(file.bytes.end(), data.begin(), data.end());
  return read_file(file);
}

void expect_samples(const Lead& lead, const std::vector<double>& want_mv, double tolerance) {
  ASSERT_EQ(lead.samples.size(), want_mv.size()) << lead.name;
  for (std::size_t i = 0; i < want_mv.size(); ++i)
    EXPECT_NEAR(lead.samples[i], want_mv[i], tolerance) << lead.name << " sample " << i;
}

// Two ECG signals in different units and ranges, 4 samples per 8 ms data record (500 Hz), with
// the EDF+ annotation signal stored between them, so its bytes must be stepped over.
TEST(EdfSpec, EdfPlusSamplesScaleToTheirPhysicalValues) {
  const std::string h =
      header("0       ", "EDF+C", "2", "0.008",
             {// 0.1 uV per step: physical = -3276.8 + (d + 32768) * 6553.5 / 65535 = 0.1 * d uV.
              {"ECG II", "uV", "-3276.8", "3276.7", "-32768", "32767", "4"},
              // Text, 16 bytes a record: two bytes per "sample".
              {"EDF Annotations", "", "-1", "1", "-32768", "32767", "8"},
              // A 12-bit converter: physical = -10 + (d + 2048) * 20 / 4095 mV.
              {"ECG V1", "mV", "-10", "10", "-2048", "2047", "4"}});
  std::vector<std::uint8_t> data;
  auto put16 = [&](std::uint8_t low, std::uint8_t high) {
    data.push_back(low), data.push_back(high);
  };
  auto annotation_record = [&](const char* tal) {  // "+0\x14\x14\0" etc., zero-padded to 16
    std::string text(tal, 16);
    data.insert(data.end(), text.begin(), text.end());
  };
  // Record 1. ECG II: 12345 (0x3039), -1 (0xFFFF), -32768 (0x8000), 32767 (0x7FFF).
  put16(0x39, 0x30), put16(0xFF, 0xFF), put16(0x00, 0x80), put16(0xFF, 0x7F);
  annotation_record("+0\x14\x14\0\0\0\0\0\0\0\0\0\0\0\0");
  // ECG V1: 2047 (0x07FF), -2048 (0xF800), 0, 1024 (0x0400).
  put16(0xFF, 0x07), put16(0x00, 0xF8), put16(0x00, 0x00), put16(0x00, 0x04);
  // Record 2. ECG II: 1, 2, -2 (0xFFFE), 256 (0x0100).
  put16(0x01, 0x00), put16(0x02, 0x00), put16(0xFE, 0xFF), put16(0x00, 0x01);
  annotation_record("+0.008\x14\x14\0\0\0\0\0\0\0\0");
  // ECG V1: -1 (0xFFFF), -1024 (0xFC00), 1, 2046 (0x07FE).
  put16(0xFF, 0xFF), put16(0x00, 0xFC), put16(0x01, 0x00), put16(0xFE, 0x07);

  const ReadResult r = read("spec.edf", h, data);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.format, "edf");
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  ASSERT_EQ(r.records.size(), 1u);
  const Record& rec = r.records[0];
  EXPECT_DOUBLE_EQ(rec.fs, 500.0);  // 4 samples per 0.008 s
  ASSERT_EQ(rec.leads.size(), 2u);  // the annotation signal is not a lead
  EXPECT_EQ(rec.leads[0].name, "ECG II");
  EXPECT_EQ(rec.leads[1].name, "ECG V1");
  EXPECT_EQ(rec.leads[0].unit, "mV");
  // 0.1 uV * d, in mV.
  expect_samples(rec.leads[0], {1.2345, -0.0001, -3.2768, 3.2767, 0.0001, 0.0002, -0.0002, 0.0256},
                 1e-7);
  // -10 + (d + 2048) * 20 / 4095 mV: 2047 -> 10, -2048 -> -10, 0 -> 0.0024420, 1024 ->
  // 5.0036630, -1 -> -0.0024420, -1024 -> -4.9987790, 1 -> 0.0073260, 2046 -> 9.9951160.
  expect_samples(rec.leads[1],
                 {10.0, -10.0, 0.0024420, 5.0036630, -0.0024420, -4.9987790, 0.0073260, 9.9951160},
                 1e-6);
}

// Plain EDF (no "EDF+C"): a record count of -1 means "unknown" (the spec's value while
// recording), so every whole record in the file is read: 3 records of 250 samples per 0.5 s,
// 500 Hz, in volts.
TEST(EdfSpec, UnknownRecordCountReadsEveryWholeRecord) {
  const std::string h = header("0       ", "", "-1", "0.5",
                               // physical = -3.2768 + (d + 32768) * 6.5535 / 65535 = d / 1e4 V.
                               {{"II", "V", "-3.2768", "3.2767", "-32768", "32767", "250"}});
  std::vector<std::uint8_t> data;
  std::vector<double> want;
  for (int r = 0; r < 3; ++r) {
    for (int i = 0; i < 250; ++i) {
      const int d = (r * 250 + i) * 40 - 16000;  // -16000 .. 13960
      data.push_back(std::uint8_t(d & 0xFF));
      data.push_back(std::uint8_t((d >> 8) & 0xFF));
      want.push_back(d / 10.0);  // mV
    }
  }
  const ReadResult r = read("unknown_count.edf", h, data);
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_DOUBLE_EQ(r.records[0].fs, 500.0);
  ASSERT_EQ(r.records[0].leads.size(), 1u);
  expect_samples(r.records[0].leads[0], want, 1e-6);
}

// BDF+: 0xFF "BIOSEMI", 24-bit samples, one microvolt per step, the annotation signal first.
TEST(EdfSpec, BdfPlusTwentyFourBitSamples) {
  const std::string version =
      "\xFF"
      "BIOSEMI";
  const std::string h =
      header(version, "BDF+C", "1", "1",
             {{"BDF Annotations", "", "-1", "1", "-8388608", "8388607",
               "6"},  // 18 bytes of text
                      // physical = -8388608 + (d + 8388608) * 16777215 / 16777215 = d uV.
              {"ECG I", "uV", "-8388608", "8388607", "-8388608", "8388607", "500"}});
  std::vector<std::uint8_t> data;
  const std::string tal("+0\x14\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 18);
  data.insert(data.end(), tal.begin(), tal.end());
  // 1193046 (0x123456), -2 (0xFFFFFE), -8388608 (0x800000), 8388607 (0x7FFFFF), 65536 (0x010000).
  for (std::uint8_t b :
       {0x56, 0x34, 0x12, 0xFE, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x00, 0x00, 0x01})
    data.push_back(b);
  data.resize(18 + 3 * 500, 0);  // then zeros: 500 samples in the 1 s record, 500 Hz
  const ReadResult r = read("spec.bdf", h, data);
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.format, "bdf");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_DOUBLE_EQ(r.records[0].fs, 500.0);
  ASSERT_EQ(r.records[0].leads.size(), 1u);
  const Lead& lead = r.records[0].leads[0];
  EXPECT_EQ(lead.name, "ECG I");
  ASSERT_EQ(lead.samples.size(), 500u);
  std::vector<double> want = {1193.046, -0.002, -8388.608, 8388.607, 65.536};
  want.resize(500, 0.0);
  expect_samples(lead, want, 5e-4);  // a float holds 8388.608 to within 0.0005
}

}  // namespace
}  // namespace qrs
