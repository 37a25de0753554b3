// Real data: every LUDB record decodes as 12 leads x 5000 samples at 500 Hz with matching header
// checksums, and sample values equal what this test computes itself from the raw bytes and the
// header's gain and baseline (parsed here with sscanf, not with the reader's parser).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "formats/readers.h"
#include "test_paths.h"

namespace qrs {
namespace {

struct LudbFiles {
  NamedBuffer header;
  std::vector<NamedBuffer> companions;
};

LudbFiles load_ludb(int record) {
  const std::string dir = test::ludb_dir();
  const std::string base = std::to_string(record);
  return {{base + ".hea", test::read_bytes(dir + "/" + base + ".hea")},
          {{base + ".dat", test::read_bytes(dir + "/" + base + ".dat")}}};
}

TEST(WfdbLudb, EveryRecordDecodesWithMatchingChecksums) {
  const char* kLeads[] = {"i",  "ii", "iii", "avr", "avl", "avf",
                          "v1", "v2", "v3",  "v4",  "v5",  "v6"};
  for (int r = 1; r <= 200; ++r) {
    SCOPED_TRACE("LUDB record " + std::to_string(r));
    const LudbFiles files = load_ludb(r);
    ASSERT_FALSE(files.header.bytes.empty());
    std::vector<std::string> warnings;
    const std::vector<Record> records =
        formats::read_wfdb(files.header, files.companions, warnings);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
    ASSERT_EQ(records.size(), 1u);
    const Record& rec = records[0];
    EXPECT_EQ(rec.name, std::to_string(r));
    EXPECT_EQ(rec.fs, 500.0);
    ASSERT_EQ(rec.leads.size(), 12u);
    for (std::size_t k = 0; k < 12; ++k) {
      EXPECT_EQ(rec.leads[k].name, kLeads[k]);
      EXPECT_EQ(rec.leads[k].unit, "mV");
      ASSERT_EQ(rec.leads[k].samples.size(), 5000u);
    }
  }
}

// Gains and baselines straight from the header text: "<file> 16 <gain>(<baseline>)/mV ...".
struct Calibration {
  double gain;
  double baseline;
};
std::vector<Calibration> calibrations(const NamedBuffer& header) {
  std::istringstream in(std::string(header.bytes.begin(), header.bytes.end()));
  std::string line;
  std::getline(in, line);  // record line
  std::vector<Calibration> out;
  while (std::getline(in, line) && out.size() < 12) {
    double gain = 0, baseline = 0;
    char file[64];
    int format = 0;
    if (std::sscanf(line.c_str(), "%63s %d %lf(%lf)", file, &format, &gain, &baseline) == 4) {
      out.push_back({gain, baseline});
    }
  }
  return out;
}

TEST(WfdbLudb, SampleValuesMatchRawBytesAndGains) {
  for (int r : {1, 5, 95, 200}) {
    SCOPED_TRACE("LUDB record " + std::to_string(r));
    const LudbFiles files = load_ludb(r);
    const std::vector<Calibration> cal = calibrations(files.header);
    ASSERT_EQ(cal.size(), 12u);
    std::vector<std::string> warnings;
    const Record rec = formats::read_wfdb(files.header, files.companions, warnings).at(0);
    const std::vector<std::uint8_t>& dat = files.companions[0].bytes;
    for (std::size_t frame : {std::size_t(0), std::size_t(1234), std::size_t(4999)}) {
      for (std::size_t lead : {std::size_t(0), std::size_t(1), std::size_t(6), std::size_t(11)}) {
        const std::size_t at = 2 * (frame * 12 + lead);
        const auto adu = static_cast<std::int16_t>(dat[at] | (dat[at + 1] << 8));
        const double mv = (adu - cal[lead].baseline) / cal[lead].gain;
        EXPECT_NEAR(rec.leads[lead].samples[frame], mv, 1e-6)
            << "frame " << frame << " lead " << lead;
      }
    }
  }
}

TEST(WfdbLudb, RecordOneFirstSampleIsItsInitialValue) {
  // 1.hea line 2: "1.dat 16 1716(6)/mV 0 0 -120 ..." -> first sample -120 adu = (-120-6)/1716 mV.
  const LudbFiles files = load_ludb(1);
  std::vector<std::string> warnings;
  const Record rec = formats::read_wfdb(files.header, files.companions, warnings).at(0);
  EXPECT_NEAR(rec.leads[0].samples[0], (-120.0 - 6.0) / 1716.0, 1e-7);
}

}  // namespace
}  // namespace qrs
