// WFDB formats 508, 516 and 524 (FLAC), written by the tests with libFLAC's encoder
// (flac_test_writer.h; the same pinned libFLAC the reader decodes with). What WFDB 10.7 defines
// and these tests hold the reader to: one FLAC channel per signal of a file, up to 8 signals per
// file, samples per frame stored consecutively in each channel, the format's bit depth as a
// ceiling, FLAC files mixed with uncompressed ones and with other rates in one record, and the
// header's checksums verified on the decoded samples. Every comparison is exact: a FLAC record
// must read as the same floats as its uncompressed twin.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "formats/csv_writer.h"
#include "formats/read.h"
#include "formats/readers.h"
#include "test_paths.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

using test::WfdbFileOut;
using test::WfdbSignalOut;

std::vector<Record> read(const test::WfdbRecordOut& r, std::vector<std::string>& warnings) {
  return formats::read_wfdb(r.header, r.files, warnings);
}

// The same samples, bit for bit (NaN where the other has NaN).
void expect_same_records(const std::vector<Record>& a, const std::vector<Record>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t r = 0; r < a.size(); ++r) {
    EXPECT_EQ(a[r].name, b[r].name);
    EXPECT_EQ(a[r].fs, b[r].fs);
    ASSERT_EQ(a[r].leads.size(), b[r].leads.size());
    for (std::size_t l = 0; l < a[r].leads.size(); ++l) {
      const auto& x = a[r].leads[l].samples;
      const auto& y = b[r].leads[l].samples;
      EXPECT_EQ(a[r].leads[l].name, b[r].leads[l].name);
      ASSERT_EQ(x.size(), y.size()) << a[r].leads[l].name;
      for (std::size_t i = 0; i < x.size(); ++i) {
        ASSERT_TRUE(std::memcmp(&x[i], &y[i], sizeof(float)) == 0)
            << a[r].name << " " << a[r].leads[l].name << " sample " << i << ": " << x[i] << " vs "
            << y[i];
      }
    }
  }
}

// A signal in adu spanning the format's range: a wave, noise, both extremes and (once) the
// format's invalid code, which must read as NaN.
WfdbSignalOut test_signal(const std::string& name, int bits, std::size_t n, std::size_t spf,
                          unsigned seed) {
  WfdbSignalOut s;
  s.description = name;
  s.samples_per_frame = spf;
  const std::int32_t top = (1 << (bits - 1)) - 1;
  s.gain = top / 4.0;
  s.baseline = bits == 8 ? 3 : -17;
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::int32_t> noise(-top / 50, top / 50);
  for (std::size_t i = 0; i < n; ++i) {
    const double wave = 0.8 * std::sin(static_cast<double>(i) * 0.01 * (seed + 1));
    s.adu.push_back(std::clamp<std::int32_t>(std::int32_t(wave * top) + noise(random), -top, top));
  }
  s.adu[n / 3] = top;
  s.adu[n / 2] = -top;
  s.adu[n / 4] = -top - 1;  // invalid sample
  return s;
}

TEST(WfdbFlac, EveryFlacFormatReadsExactlyAsItsUncompressedTwin) {
  const struct { int flac, twin, bits; } formats[] = {{508, 80, 8}, {516, 16, 16}, {524, 24, 24}};
  for (const auto& f : formats) {
    SCOPED_TRACE("format " + std::to_string(f.flac));
    constexpr std::size_t kFrames = 3000;  // several FLAC blocks of 4096 at 4 samples per frame
    const std::vector<WfdbSignalOut> fast = {test_signal("II", f.bits, kFrames * 4, 4, 1),
                                             test_signal("V", f.bits, kFrames * 4, 4, 2)};
    const std::vector<WfdbSignalOut> slow = {test_signal("X", f.bits, kFrames, 1, 3)};
    const auto record = [&](int fast_format, int slow_format) {
      return test::write_wfdb_record(
          "r", 125, {{"r_e.dat", fast_format, fast, {}}, {"r_r.dat", slow_format, slow, {}}});
    };
    std::vector<std::string> flac_warnings, twin_warnings;
    const auto flac = read(record(f.flac, f.flac), flac_warnings);
    const auto twin = read(record(f.twin, f.twin), twin_warnings);
    expect_same_records(flac, twin);
    ASSERT_EQ(flac.size(), 2u);  // 500 Hz and 125 Hz
    EXPECT_EQ(flac[0].name, "r (500 Hz)");
    EXPECT_EQ(flac[0].length(), kFrames * 4);
    EXPECT_TRUE(std::isnan(flac[0].leads[0].samples[kFrames]));  // the invalid code
    EXPECT_FLOAT_EQ(flac[1].leads[0].samples[1],
                    static_cast<float>((slow[0].adu[1] - slow[0].baseline) / slow[0].gain));
    EXPECT_EQ(flac_warnings, twin_warnings);  // only the two-rates note; checksums all match
  }
}

// Block sizes that do not divide the frame, a stream without STREAMINFO sample count or MD5 (WFDB
// writing to a pipe) and a 16-bit stream in format 524 (shallower than the format allows, which
// WFDB reads) all give the same samples.
TEST(WfdbFlac, BlockSizesUnknownLengthAndShallowStreamsReadTheSame) {
  const std::vector<WfdbSignalOut> signals = {test_signal("I", 16, 2000 * 3, 3, 4),
                                              test_signal("II", 16, 2000 * 3, 3, 5)};
  test::FlacOptions odd_blocks;
  odd_blocks.blocksize = 1153;
  test::FlacOptions unseekable;
  unseekable.seekable = false;
  test::FlacOptions shallow;
  shallow.bits = 16;
  const struct {
    int format, twin;
    test::FlacOptions options;
  } cases[] = {{516, 16, odd_blocks}, {516, 16, unseekable}, {524, 24, shallow}};
  for (const auto& c : cases) {
    std::vector<std::string> warnings, twin_warnings;
    const auto flac = read(
        test::write_wfdb_record("r", 250, {{"r.dat", c.format, signals, c.options}}), warnings);
    const auto twin =
        read(test::write_wfdb_record("r", 250, {{"r.dat", c.twin, signals, {}}}), twin_warnings);
    expect_same_records(flac, twin);
    EXPECT_TRUE(warnings.empty()) << warnings.front();
  }
}

// MIMIC-IV waveform style: ECG leads in one FLAC file at 4 samples per frame, ABP in mmHg in
// another at 2, a slow voltage 'X' uncompressed at 1 (where respiration is; a signal labelled
// RESP would be left out next to ECG, channel_kinds.h); frame rate 62.5 Hz. The ECG record
// (250 Hz) and X's (62.5 Hz) come out separately; ABP is not ECG and is left out.
TEST(WfdbFlac, MixedWithUncompressedFilesAndOtherRates) {
  constexpr std::size_t kFrames = 1500;  // 24 s
  std::vector<WfdbSignalOut> ecg = {test_signal("II", 16, kFrames * 4, 4, 6),
                                    test_signal("V", 16, kFrames * 4, 4, 7),
                                    test_signal("aVR", 16, kFrames * 4, 4, 8)};
  std::vector<WfdbSignalOut> abp = {test_signal("ABP", 16, kFrames * 2, 2, 9)};
  abp[0].units = "mmHg";
  std::vector<WfdbSignalOut> resp = {test_signal("X", 16, kFrames, 1, 10)};
  std::vector<std::string> w;
  const auto recs = read(
      test::write_wfdb_record(
          "p100", 62.5,
          {{"p100e.dat", 516, ecg, {}}, {"p100p.dat", 516, abp, {}}, {"p100r.dat", 16, resp, {}}}),
      w);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].name, "p100 (250 Hz)");
  ASSERT_EQ(recs[0].leads.size(), 3u);
  EXPECT_EQ(recs[0].leads[2].name, "aVR");
  ASSERT_EQ(recs[0].length(), kFrames * 4);
  for (std::size_t i = 0; i < kFrames * 4; ++i) {
    const std::int32_t adu = ecg[1].adu[i];
    const float mv = recs[0].leads[1].samples[i];
    if (adu == -32768) {
      ASSERT_TRUE(std::isnan(mv)) << i;
    } else {
      ASSERT_EQ(mv, static_cast<float>((adu - ecg[1].baseline) / ecg[1].gain)) << i;
    }
  }
  EXPECT_EQ(recs[1].name, "p100 (62.5 Hz)");
  EXPECT_EQ(recs[1].leads[0].name, "X");
  EXPECT_EQ(recs[1].length(), kFrames);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], "p100.hea: left out, not ECG: ABP (blood pressure)");
  EXPECT_NE(w[1].find("2 different sampling rates"), std::string::npos) << w[1];
}

// MIMIC-IV's own layout: a variable-layout multi-segment record whose segments store ECG in FLAC
// at 4 samples per frame and a slow voltage 'X' (where respiration is) uncompressed at 1, with a
// gap between the segments.
TEST(WfdbFlac, MultiSegmentRecordOfFlacSegments) {
  std::vector<NamedBuffer> files = {test::text_file(
      "m_layout.hea", "m_layout 2 62.5 0\n~ 0x4 100/mV 16 0 0 0 0 II\n~ 0 10/mV 16 0 0 0 0 X\n")};
  std::vector<std::vector<WfdbSignalOut>> segments;
  for (int k = 0; k < 2; ++k) {
    std::vector<WfdbSignalOut> ecg = {test_signal("II", 16, 100 * 4, 4, 20 + k)};
    std::vector<WfdbSignalOut> resp = {test_signal("X", 16, 100, 1, 30 + k)};
    ecg[0].gain = 100;  // the layout header's gains and baselines
    ecg[0].baseline = 0;
    resp[0].gain = 10;
    resp[0].baseline = 0;
    const std::string name = "m_" + std::to_string(k + 1);
    test::WfdbRecordOut r = test::write_wfdb_record(
        name, 62.5, {{name + "e.dat", 516, ecg, {}}, {name + "r.dat", 16, resp, {}}});
    files.push_back(r.header);
    for (NamedBuffer& f : r.files) files.push_back(std::move(f));
    segments.push_back({ecg[0], resp[0]});
  }
  std::vector<std::string> w;
  const auto recs = formats::read_wfdb(
      test::text_file("m.hea", "m/4 2 62.5 250\nm_layout 0\nm_1 100\n~ 50\nm_2 100\n"), files, w);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].name, "m (250 Hz)");
  const auto& ii = recs[0].leads[0].samples;
  ASSERT_EQ(ii.size(), 250u * 4);
  const auto expect_at = [](float got, std::int32_t adu, double gain) {
    if (adu == -32768) {
      EXPECT_TRUE(std::isnan(got));
    } else {
      EXPECT_EQ(got, static_cast<float>(adu / gain));
    }
  };
  for (std::size_t i = 0; i < 400; ++i) {
    expect_at(ii[i], segments[0][0].adu[i], 100);
    expect_at(ii[600 + i], segments[1][0].adu[i], 100);
  }
  EXPECT_TRUE(std::isnan(ii[400]) && std::isnan(ii[599]));  // the gap: 50 frames of 4
  EXPECT_EQ(recs[1].name, "m (62.5 Hz)");
  ASSERT_EQ(recs[1].length(), 250u);
  expect_at(recs[1].leads[0].samples[160], segments[1][1].adu[10], 10);
  ASSERT_EQ(w.size(), 1u) << w.front();  // the two rates
}

// Skew (frames) and the "byte offset", which for FLAC files counts samples to skip in each
// channel (WFDB library and wfdb-python): record sample i of a signal is channel sample
// offset + skew * spf + i.
TEST(WfdbFlac, SkewAndSampleOffset) {
  WfdbSignalOut s = test_signal("II", 16, 40, 2, 11);
  const std::string header = "r 1 100 15\nr.dat 516x2:2+6 " + std::to_string(s.gain) + "(" +
                             std::to_string(s.baseline) + ")/mV 16 0 0 0 0 II\n";
  const NamedBuffer dat = {"r.dat", test::encode_flac({s.adu}, {16, 0, true})};
  std::vector<std::string> w;
  const auto recs = formats::read_wfdb(test::text_file("r.hea", header), {dat}, w);
  ASSERT_EQ(recs.size(), 1u);
  const auto& x = recs[0].leads[0].samples;
  ASSERT_EQ(x.size(), 30u);
  for (std::size_t i = 0; i < 26; ++i) {
    const std::int32_t adu = s.adu[6 + 4 + i];
    if (adu == -32768) continue;
    ASSERT_FLOAT_EQ(x[i], static_cast<float>((adu - s.baseline) / s.gain)) << i;
  }
  EXPECT_TRUE(std::isnan(x[26]) && std::isnan(x[29]));  // skewed past the frames read
}

// No length in the header: everything the stream holds, in whole frames; a partial last frame is
// dropped with a warning, as WFDB does.
TEST(WfdbFlac, WithoutADeclaredLengthTheStreamDecides) {
  const WfdbSignalOut s = test_signal("II", 8, 43, 1, 12);
  const NamedBuffer dat = {"r.dat", test::encode_flac({s.adu}, {8, 0, true})};
  std::vector<std::string> w;
  const auto recs =
      formats::read_wfdb(test::text_file("r.hea", "r 1 100\nr.dat 508x4 20(3)\n"), {dat}, w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].length(), 40u);
  EXPECT_DOUBLE_EQ(recs[0].fs, 400);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0],
            "r.hea: signal 0 in r.dat: 3 samples per signal left over after the last whole "
            "frame; ignored");
}

// LUDB record 1 with its twelve leads spread as MIMIC does over FLAC and plain files: leads 1-8 in
// one 8-channel FLAC 516 file (the most a FLAC file holds), 9-10 in a format 16 file, 11-12 in a
// FLAC 524 file. Same header fields (gains, baselines, checksums), so it must read as the original.
struct LudbAsFlac {
  NamedBuffer original_header, original_dat;
  test::WfdbRecordOut flac;
};

LudbAsFlac ludb_record_as_flac(int record) {
  const std::string dir = test::ludb_dir(), base = std::to_string(record);
  LudbAsFlac out;
  out.original_header = {base + ".hea", test::read_bytes(dir + "/" + base + ".hea")};
  out.original_dat = {base + ".dat", test::read_bytes(dir + "/" + base + ".dat")};
  std::vector<std::vector<std::int32_t>> leads(12);
  const auto& raw = out.original_dat.bytes;
  for (std::size_t i = 0; i + 1 < raw.size(); i += 2)
    leads[(i / 2) % 12].push_back(static_cast<std::int16_t>(raw[i] | (raw[i + 1] << 8)));
  const std::string e = base + "_e.dat", r = base + "_r.dat", x = base + "_x.dat";
  std::string text(out.original_header.bytes.begin(), out.original_header.bytes.end());
  std::string rewritten;
  int signal = -1;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start + 1);
    start = end == std::string::npos ? text.size() : end + 1;
    const std::string prefix = base + ".dat 16 ";
    if (line.rfind(prefix, 0) == 0) {
      ++signal;
      const std::string file_format = signal < 8    ? e + " 516 "
                                      : signal < 10 ? r + " 16 "
                                                    : x + " 524 ";
      line = file_format + line.substr(prefix.size());
    }
    rewritten += line;
  }
  out.flac.header = test::text_file(base + ".hea", rewritten);
  const auto channels = [&](std::size_t from, std::size_t to) {
    return std::vector<std::vector<std::int32_t>>(leads.begin() + from, leads.begin() + to);
  };
  std::vector<std::int32_t> plain;
  for (std::size_t i = 0; i < leads[8].size(); ++i) {
    plain.push_back(leads[8][i]);
    plain.push_back(leads[9][i]);
  }
  out.flac.files = {{e, test::encode_flac(channels(0, 8), {16, 0, true})},
                    {r, test::pack_wfdb(16, plain)},
                    {x, test::encode_flac(channels(10, 12), {24, 0, true})}};
  return out;
}

TEST(WfdbFlac, LudbRecordSpreadOverFlacFilesReadsAsTheOriginal) {
  const LudbAsFlac files = ludb_record_as_flac(1);
  ASSERT_FALSE(files.original_dat.bytes.empty());
  const ReadResult original = read_file(files.original_header, {files.original_dat});
  const ReadResult flac = read_file(files.flac.header, files.flac.files);
  ASSERT_TRUE(flac.error.empty()) << flac.error;
  EXPECT_TRUE(flac.warnings.empty()) << flac.warnings.front();  // all 12 checksums match
  expect_same_records(flac.records, original.records);
  EXPECT_EQ(write_csv(flac.records[0]), write_csv(original.records[0]));  // what --dump prints
  // The compressed files are smaller than the 120,000-byte original.
  std::size_t compressed = 0;
  for (const auto& f : files.flac.files) compressed += f.bytes.size();
  EXPECT_LT(compressed, files.original_dat.bytes.size());
}

// End to end through the CLI: `ecg-annotate 1.hea --dump` prints the same physical values for the
// FLAC record as for the original (both written under the same record name, in two folders).
TEST(WfdbFlac, CliDumpOfTheFlacRecordEqualsTheOriginal) {
  // ctest always sets $QRS_CLI (tests/CMakeLists.txt); scripts/sanitize.sh runs the test binaries
  // alone and builds no CLI, so there (and only there) this step is skipped.
  namespace fs = std::filesystem;
  const std::string cli = test::env_or("QRS_CLI", "");
  if (cli.empty()) GTEST_SKIP() << "QRS_CLI is not set (not run by ctest)";
  const LudbAsFlac files = ludb_record_as_flac(7);
  const fs::path root = fs::temp_directory_path() / ("qrs-flac-" + std::to_string(::getpid()));
  const auto write_all = [&](const fs::path& dir, const std::vector<NamedBuffer>& buffers) {
    fs::create_directories(dir);
    for (const NamedBuffer& b : buffers) {
      std::ofstream(dir / b.name, std::ios::binary)
          .write(reinterpret_cast<const char*>(b.bytes.data()), std::streamsize(b.bytes.size()));
    }
  };
  std::vector<NamedBuffer> flac = files.flac.files;
  flac.push_back(files.flac.header);
  write_all(root / "flac", flac);
  write_all(root / "plain", {files.original_header, files.original_dat});
  const auto dump = [&](const fs::path& header) {
    std::string out;
    FILE* pipe = popen(("'" + cli + "' --dump '" + header.string() + "' 2>&1").c_str(), "r");
    char buffer[65536];
    for (std::size_t n; pipe && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      out.append(buffer, n);
    if (pipe) {
      EXPECT_EQ(pclose(pipe), 0) << out.substr(0, 500);
    }
    return out;
  };
  const std::string flac_dump = dump(root / "flac" / "7.hea");
  const std::string plain_dump = dump(root / "plain" / "7.hea");
  fs::remove_all(root);
  EXPECT_GT(plain_dump.size(), 5000u * 12 * 2);
  EXPECT_EQ(plain_dump.rfind("# record=7 source=7.hea\n# fs=500\n", 0), 0u)
      << plain_dump.substr(0, 200);
  EXPECT_TRUE(flac_dump == plain_dump) << "first 300 bytes of the FLAC dump:\n"
                                       << flac_dump.substr(0, 300);
}

}  // namespace
}  // namespace qrs
