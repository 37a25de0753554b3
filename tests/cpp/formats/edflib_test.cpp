// EDF+ and BDF+ written by other software: EDFlib (Debian libedf-dev, the library behind
// EDFbrowser) writes files with values this test chooses, and the reader must return them.
// EDFlib lays out its own headers (its number formatting, its annotation signal last, its
// record counts), so a misreading that our writer and reader share cannot pass here.
#include <edflib.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "formats/read.h"

namespace qrs {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "qrs_edflib_" + std::to_string(::getpid()) + "_" + name;
}

// Signal `signal`'s physical values as EDFlib's own reader returns them from `path`.
std::vector<double> edflib_physical(const std::string& path, int signal, int count) {
  auto header = std::make_unique<edf_hdr_struct>();
  EXPECT_EQ(edfopen_file_readonly(path.c_str(), header.get(), EDFLIB_DO_NOT_READ_ANNOTATIONS), 0)
      << "EDFlib cannot read back " << path << " (error " << header->filetype << ")";
  std::vector<double> values(static_cast<std::size_t>(count));
  EXPECT_EQ(edfread_physical_samples(header->handle, signal, count, values.data()), count);
  edfclose_file(header->handle);
  return values;
}

ReadResult read_back(const std::string& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "EDFlib wrote no " << path;
  NamedBuffer file{name, std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {})};
  std::remove(path.c_str());
  return read_file(file);
}

// `r` holds one record of `format` at 500 Hz whose leads, in mV, are `names`, `length` samples
// each.
void expect_one_record(const ReadResult& r, const std::string& format,
                       const std::vector<std::string>& names, std::size_t length) {
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.format, format);
  ASSERT_EQ(r.records.size(), 1u);
  const Record& rec = r.records[0];
  EXPECT_DOUBLE_EQ(rec.fs, 500.0);
  ASSERT_EQ(rec.leads.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(rec.leads[i].name, names[i]);
    EXPECT_EQ(rec.leads[i].unit, "mV");
    ASSERT_EQ(rec.leads[i].samples.size(), length) << names[i];
  }
}

struct EdflibSignal {
  const char* label;
  const char* dimension;
  double physical_min, physical_max;
  int digital_min, digital_max;
  int samples_per_record;
};

// Opens `path` for writing with EDFlib and sets every signal's header; returns the handle.
int open_for_writing(const std::string& path, int file_type,
                     const std::vector<EdflibSignal>& signals) {
  const int handle = edfopen_file_writeonly(path.c_str(), file_type, int(signals.size()));
  EXPECT_GE(handle, 0) << "EDFlib cannot open " << path << " (error " << handle << ")";
  for (int s = 0; s < int(signals.size()); ++s) {
    const EdflibSignal& sig = signals[std::size_t(s)];
    EXPECT_EQ(edf_set_samplefrequency(handle, s, sig.samples_per_record), 0);
    EXPECT_EQ(edf_set_physical_minimum(handle, s, sig.physical_min), 0);
    EXPECT_EQ(edf_set_physical_maximum(handle, s, sig.physical_max), 0);
    EXPECT_EQ(edf_set_digital_minimum(handle, s, sig.digital_min), 0);
    EXPECT_EQ(edf_set_digital_maximum(handle, s, sig.digital_max), 0);
    EXPECT_EQ(edf_set_label(handle, s, sig.label), 0);
    EXPECT_EQ(edf_set_physical_dimension(handle, s, sig.dimension), 0);
  }
  return handle;
}

// EDF+ with two ECG leads in different units and ranges, a respiration signal in ohms at another
// rate, and annotations; 4 data records of 1 s.
TEST(Edflib, EdfPlusWrittenByEdflibReadsBackItsValues) {
  const std::vector<EdflibSignal> signals = {
      // Digital samples written as they are: 0.1 uV per step (physical = d / 10 uV).
      {"ECG I", "uV", -3276.8, 3276.7, -32768, 32767, 500},
      // Physical samples EDFlib converts itself (truncating), 12-bit: a step is 20 / 4095 mV.
      {"ECG II", "mV", -10.0, 10.0, -2048, 2047, 500},
      {"Resp", "Ohm", 0.0, 1000.0, -32768, 32767, 25},
  };
  const std::string path = temp_path("ecg.edf");
  const int handle = open_for_writing(path, EDFLIB_FILETYPE_EDFPLUS, signals);
  ASSERT_GE(handle, 0);
  std::vector<double> want_i, want_ii;
  for (int record = 0; record < 4; ++record) {
    std::vector<int> lead_i(500);
    std::vector<double> lead_ii(500), resp(25, 500.0);
    for (int k = 0; k < 500; ++k) {
      const int n = record * 500 + k;
      lead_i[std::size_t(k)] = int(std::lround(12000 * std::sin(2 * kPi * 1.2 * n / 500.0)));
      want_i.push_back(lead_i[std::size_t(k)] / 10.0 / 1000.0);  // 0.1 uV steps, in mV
      lead_ii[std::size_t(k)] = 1.5 * std::sin(2 * kPi * 1.2 * n / 500.0 + 1.0) - 0.25;
      want_ii.push_back(lead_ii[std::size_t(k)]);
    }
    ASSERT_EQ(edfwrite_digital_samples(handle, lead_i.data()), 0);
    ASSERT_EQ(edfwrite_physical_samples(handle, lead_ii.data()), 0);
    ASSERT_EQ(edfwrite_physical_samples(handle, resp.data()), 0);
  }
  ASSERT_EQ(edfwrite_annotation_utf8(handle, 10000, -1, "R-peak"), 0);  // at 1 s (100 us units)
  ASSERT_EQ(edfwrite_annotation_utf8(handle, 25000, 5000, "artefact"), 0);
  ASSERT_EQ(edfclose_file(handle), 0);
  const std::vector<double> edflib_ii = edflib_physical(path, 1, int(want_ii.size()));

  const ReadResult r = read_back(path, "ecg.edf");
  ASSERT_NO_FATAL_FAILURE(expect_one_record(r, "edf", {"ECG I", "ECG II"}, want_i.size()));
  ASSERT_EQ(r.warnings.size(), 1u);  // the respiration signal, named, is left out
  EXPECT_EQ(r.warnings[0], "ecg.edf: left out, not ECG: Resp (respiration)");
  const Record& rec = r.records[0];
  ASSERT_EQ(edflib_ii.size(), want_ii.size());
  const double step_ii = 20.0 / 4095.0;
  for (std::size_t n = 0; n < want_i.size(); ++n) {
    ASSERT_NEAR(rec.leads[0].samples[n], want_i[n], 1e-6) << "ECG I sample " << n;
    // What EDFlib stored, as EDFlib reads it, and within the step it truncated to.
    ASSERT_NEAR(rec.leads[1].samples[n], edflib_ii[n], 1e-6) << "ECG II sample " << n;
    ASSERT_NEAR(rec.leads[1].samples[n], want_ii[n], step_ii + 1e-6) << "ECG II sample " << n;
  }
}

// BDF+ at 0.1 s data records (50 samples each: 500 Hz), 24-bit samples over the whole range.
TEST(Edflib, BdfPlusWrittenByEdflibReadsBackItsValues) {
  const std::vector<EdflibSignal> signals = {
      // One microvolt per step over the full 24-bit range.
      {"ECG V2", "uV", -8388608.0, 8388607.0, -8388608, 8388607, 50},
      // 1 mV per 1000 steps, a narrower digital range than the format's.
      {"ECG V3", "mV", -4000.0, 4000.0, -4000000, 4000000, 50},
  };
  const std::string path = temp_path("ecg.bdf");
  const int handle = open_for_writing(path, EDFLIB_FILETYPE_BDFPLUS, signals);
  ASSERT_GE(handle, 0);
  ASSERT_EQ(edf_set_datarecord_duration(handle, 10000), 0);  // 10 us units: 0.1 s
  // Values that need all three bytes and the sign: extremes, -1, 0, and a slow ramp.
  const std::vector<int> edges = {-8388608, 8388607, -1, 0, 1, 65536, -65537, 0x123456};
  std::vector<double> want_v2, want_v3;
  for (int record = 0; record < 20; ++record) {
    std::vector<int> v2(50), v3(50);
    for (int k = 0; k < 50; ++k) {
      const int n = record * 50 + k;
      v2[std::size_t(k)] = n < int(edges.size()) ? edges[std::size_t(n)] : (n - 500) * 7919;
      v3[std::size_t(k)] = n < 8 ? (n % 2 ? 4000000 : -4000000) : (n - 500) * 3001;
      want_v2.push_back(v2[std::size_t(k)] / 1000.0);  // uV -> mV
      want_v3.push_back(v3[std::size_t(k)] / 1000.0);  // 1/1000 mV per step
    }
    ASSERT_EQ(edfwrite_digital_samples(handle, v2.data()), 0);
    ASSERT_EQ(edfwrite_digital_samples(handle, v3.data()), 0);
  }
  ASSERT_EQ(edfwrite_annotation_utf8(handle, 5000, -1, "start"), 0);
  ASSERT_EQ(edfclose_file(handle), 0);

  const ReadResult r = read_back(path, "ecg.bdf");
  ASSERT_NO_FATAL_FAILURE(expect_one_record(r, "bdf", {"ECG V2", "ECG V3"}, 1000));
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  const Record& rec = r.records[0];
  for (std::size_t n = 0; n < 1000; ++n) {
    // float: 7 significant digits, so allow a relative 1e-7 and a floor of 1e-6 mV.
    ASSERT_NEAR(rec.leads[0].samples[n], want_v2[n], 1e-6 + 1e-7 * std::fabs(want_v2[n])) << n;
    ASSERT_NEAR(rec.leads[1].samples[n], want_v3[n], 1e-6 + 1e-7 * std::fabs(want_v3[n])) << n;
  }
}

}  // namespace
}  // namespace qrs
