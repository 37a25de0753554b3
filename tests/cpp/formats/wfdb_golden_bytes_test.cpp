// Hand-assembled bytes for each packed WFDB storage format, derived in the comments from the
// sentences of the WFDB signal-file specification, so the unpacking is checked against the spec
// itself and not only against the test writer (which shares the author's reading of it).
#include <gtest/gtest.h>

#include "formats/readers.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

// Reads one signal (gain 1 adu/mV, baseline 0) stored in `format` and returns it in adu.
std::vector<float> read_adu(int format, const std::vector<std::uint8_t>& dat, std::size_t count) {
  const std::string header =
      "g 1 100 " + std::to_string(count) + "\ng.dat " + std::to_string(format) + " 1(0)/mV 0 0 0\n";
  std::vector<std::string> warnings;
  return formats::read_wfdb(test::text_file("g.hea", header), {{"g.dat", dat}}, warnings)
      .at(0)
      .leads.at(0)
      .samples;
}

TEST(WfdbGoldenBytes, Format212) {
  // A pair of samples in three bytes: byte 0 = low 8 bits of the first sample, low nibble of byte 1
  // = its high 4 bits; high nibble of byte 1 = high 4 bits of the second sample, byte 2 = its
  // low 8. 0x01,0x23,0x45 -> first 0x301 = 769, second 0x245 = 581; 0xFF,0x0F -> first 0xFFF = -1.
  const auto s = read_adu(212, {0x01, 0x23, 0x45, 0xFF, 0x0F}, 3);
  EXPECT_EQ(s, (std::vector<float>{769, 581, -1}));
}

TEST(WfdbGoldenBytes, Format310) {
  // Samples -3 (0x3FD), 100 (0x064), -200 (0x338: low five bits 0x18, high five 0x19).
  // First word: bits 1-10 = 0x3FD, bits 11-15 = 0x18 -> 0xC7FA, stored FA C7.
  // Second word: bits 1-10 = 0x064, bits 11-15 = 0x19 -> 0xC8C8, stored C8 C8.
  const auto s = read_adu(310, {0xFA, 0xC7, 0xC8, 0xC8}, 3);
  EXPECT_EQ(s, (std::vector<float>{-3, 100, -200}));
}

TEST(WfdbGoldenBytes, Format311) {
  // Samples -3, 100, -200 at bits 0-9, 10-19, 20-29 of one little-endian 32-bit word:
  // 0x3FD | 0x064 << 10 | 0x338 << 20 = 0x338193FD, stored FD 93 81 33.
  const auto s = read_adu(311, {0xFD, 0x93, 0x81, 0x33}, 3);
  EXPECT_EQ(s, (std::vector<float>{-3, 100, -200}));
}

TEST(WfdbGoldenBytes, ByteOrderAndOffsetBinaryFormats) {
  EXPECT_EQ(read_adu(16, {0x34, 0x12, 0xFE, 0xFF}, 2), (std::vector<float>{0x1234, -2}));
  EXPECT_EQ(read_adu(61, {0x12, 0x34, 0xFF, 0xFE}, 2), (std::vector<float>{0x1234, -2}));
  EXPECT_EQ(read_adu(160, {0x00, 0x80, 0xFF, 0x7F}, 2), (std::vector<float>{0, -1}));
  EXPECT_EQ(read_adu(80, {0x80, 0x7F, 0xFF}, 3), (std::vector<float>{0, -1, 127}));
  EXPECT_EQ(read_adu(24, {0x56, 0x34, 0x12, 0xFF, 0xFF, 0xFF}, 2),
            (std::vector<float>{0x123456, -1}));
  EXPECT_EQ(read_adu(32, {0x78, 0x56, 0x34, 0x12}, 1), (std::vector<float>{float(0x12345678)}));
}

TEST(WfdbGoldenBytes, Format8IsFirstDifferencesFromTheInitialValue) {
  // Header initial value 0 (the signal line's sixth field); differences +5, -2, +127, -128.
  EXPECT_EQ(read_adu(8, {0x05, 0xFE, 0x7F, 0x80}, 4), (std::vector<float>{5, 3, 130, 2}));
}

}  // namespace
}  // namespace qrs
