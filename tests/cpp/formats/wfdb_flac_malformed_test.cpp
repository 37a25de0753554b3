// Damaged and mismatched FLAC signal files: each must be a clear error naming the header, the
// signal(s) and the signal file (or, where WFDB itself only warns, a warning), never a crash or
// made-up samples. The streams come from libFLAC's encoder and are then cut, patched or paired
// with a header that disagrees with them.
#include <gtest/gtest.h>

#include <cmath>

#include "formats/readers.h"
#include "util/error.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

// Two signals of 2,000 samples (several FLAC blocks of 4,096 would need more; 512 makes four).
std::vector<std::vector<std::int32_t>> two_channels(std::int32_t amplitude = 1000) {
  std::vector<std::vector<std::int32_t>> c(2);
  for (int i = 0; i < 2000; ++i) {
    c[0].push_back(static_cast<std::int32_t>(amplitude * std::sin(i * 0.05)));
    c[1].push_back(static_cast<std::int32_t>(amplitude * std::cos(i * 0.07)) / 2);
  }
  return c;
}

std::vector<std::uint8_t> flac_bytes(const std::vector<std::vector<std::int32_t>>& channels,
                                     unsigned bits = 16) {
  test::FlacOptions options;
  options.bits = bits;
  options.blocksize = 512;
  return test::encode_flac(channels, options);
}

const char* kTwoSignals = "r 2 500 2000\nr.dat 516 200 16 0 0 0 0 II\nr.dat 516 200 16 0 0 0 0 V\n";

struct Outcome {
  std::string error;
  std::vector<std::string> warnings;
};

Outcome read(const std::string& header, std::vector<std::uint8_t> dat) {
  Outcome out;
  try {
    formats::read_wfdb(test::text_file("r.hea", header), {{"r.dat", std::move(dat)}}, out.warnings);
  } catch (const Error& e) {
    out.error = e.what();
  }
  return out;
}

void expect_error(const Outcome& o, const std::string& start, const std::string& contains) {
  EXPECT_EQ(o.error.rfind(start, 0), 0u) << o.error;
  EXPECT_NE(o.error.find(contains), std::string::npos) << o.error;
}

const std::string kBoth = "r.hea: signals 0 'II', 1 'V' in r.dat: ";

TEST(WfdbFlacMalformed, TruncatedStream) {
  std::vector<std::uint8_t> bytes = flac_bytes(two_channels());
  bytes.resize(bytes.size() * 6 / 10);
  expect_error(read(kTwoSignals, bytes), kBoth, "(the file is truncated)");
}

TEST(WfdbFlacMalformed, TruncatedStreamWithoutSampleCountStillFallsShortOfTheHeader) {
  test::FlacOptions unseekable;
  unseekable.seekable = false;  // STREAMINFO knows no sample count
  unseekable.blocksize = 512;
  std::vector<std::uint8_t> bytes = test::encode_flac(two_channels(), unseekable);
  bytes.resize(bytes.size() / 2);
  expect_error(read(kTwoSignals, bytes), kBoth, "fewer than the 2000 the header declares");
}

TEST(WfdbFlacMalformed, HeaderDeclaresMoreSamplesThanTheStreamHolds) {
  const Outcome o = read("r 2 500 1000\nr.dat 516x4 200 16 0 0 0 0 II\nr.dat 516x4 200\n",
                         flac_bytes(two_channels()));
  EXPECT_EQ(o.error,
            "r.hea: signals 0 'II', 1 in r.dat: the FLAC stream holds 2000 samples per signal, "
            "fewer than the 4000 the header declares (1000 frames of 4)");
}

// A length no stream could hold is refused before anything is decoded (frames x samples per
// frame would overflow here).
TEST(WfdbFlacMalformed, HugeDeclaredLengthIsRefusedUpFront) {
  const Outcome o = read("r 1 500 4611686018427387904\nr.dat 516x8 200 16 0 0 0 0 II\n",
                         flac_bytes({two_channels()[0]}));
  EXPECT_NE(o.error.find("samples per signal is more than the 1200000000 this reader accepts"),
            std::string::npos)
      << o.error;
}

TEST(WfdbFlacMalformed, StreamDeeperThanItsFormat) {
  expect_error(read(kTwoSignals, flac_bytes(two_channels(100000), 24)), kBoth,
               "the FLAC stream has 24 bits per sample, more than the 16 of format 516");
  const Outcome eight =
      read("r 1 500 2000\nr.dat 508 200 8 0 0 0 0 II\n", flac_bytes({two_channels(100)[0]}, 16));
  EXPECT_EQ(eight.error.rfind("r.hea: signal 0 'II' in r.dat: the FLAC stream has 16 bits per "
                              "sample, more than the 8 of format 508",
                              0),
            0u)
      << eight.error;
}

TEST(WfdbFlacMalformed, FrameCrcMismatch) {
  std::vector<std::uint8_t> bytes = flac_bytes(two_channels());
  bytes.back() ^= 0x01;  // the last frame's CRC-16
  expect_error(read(kTwoSignals, bytes), kBoth,
               "a FLAC frame fails its CRC check after sample 1536; the file is damaged");
}

TEST(WfdbFlacMalformed, ChannelCountDisagreesWithTheHeader) {
  const Outcome o = read("r 1 500 2000\nr.dat 516 200 16 0 0 0 0 II\n", flac_bytes(two_channels()));
  EXPECT_EQ(o.error,
            "r.hea: signal 0 'II' in r.dat: the FLAC stream has 2 channel(s) but the header stores "
            "1 signal(s) in this file, one channel each");
}

TEST(WfdbFlacMalformed, NotAFlacStream) {
  const Outcome o = read(kTwoSignals, test::pack_wfdb(16, two_channels()[0]));
  EXPECT_EQ(o.error, kBoth +
                         "not a FLAC stream (it does not start with 'fLaC'), as formats 508, "
                         "516 and 524 need");
}

TEST(WfdbFlacMalformed, LayoutsWfdbForbids) {
  std::string nine = "r 9 500 10\n";
  for (int i = 0; i < 9; ++i) nine += "r.dat 516\n";
  EXPECT_EQ(read(nine, flac_bytes(two_channels())).error,
            "r.hea: line 2: r.dat holds 9 signals, but a FLAC signal file holds at most 8");
  EXPECT_EQ(read("r 2 500 10\nr.dat 516x2 200 16 0 0 0 0 II\nr.dat 516 200 16 0 0 0 0 V\n",
                 flac_bytes(two_channels()))
                .error,
            "r.hea: line 3: r.dat is a FLAC file, whose signals all have the same samples per "
            "frame (signal 0 'II' has 2, signal 1 'V' has 1)");
}

// Where WFDB warns and reads on: a wrong MD5 signature (every frame passed its CRC) and a header
// checksum that disagrees with the decoded samples.
TEST(WfdbFlacMalformed, Md5AndChecksumMismatchesAreWarnings) {
  std::vector<std::uint8_t> bytes = flac_bytes(two_channels());
  // "fLaC", the 4-byte metadata block header, then STREAMINFO: its MD5 is the last 16 of 34 bytes.
  bytes[4 + 4 + 18] ^= 0xFF;
  std::int16_t v_checksum = 0;  // V's checksum is right, II's is not
  const auto channels = two_channels();
  for (std::int32_t v : channels[1]) v_checksum = static_cast<std::int16_t>(v_checksum + v);
  const Outcome o = read("r 2 500 2000\nr.dat 516 200 16 0 0 1 0 II\nr.dat 516 200 16 0 0 " +
                             std::to_string(v_checksum) + " 0 V\n",
                         bytes);
  EXPECT_TRUE(o.error.empty()) << o.error;
  ASSERT_EQ(o.warnings.size(), 2u) << o.warnings.back();
  EXPECT_EQ(o.warnings[0], kBoth +
                               "the FLAC stream's MD5 signature does not match its samples; "
                               "the file may be damaged");
  EXPECT_EQ(o.warnings[1].rfind("r.hea: signal 0 'II' in r.dat: checksum mismatch (header 1,", 0),
            0u)
      << o.warnings[1];
}

}  // namespace
}  // namespace qrs
