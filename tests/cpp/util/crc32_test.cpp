// CRC-32 must equal zlib's (the Python exporter writes it with zlib.crc32).
#include "util/crc32.h"

#include <gtest/gtest.h>

#include <string>

namespace qrs {
namespace {

std::uint32_t crc_of(const std::string& s, std::uint32_t start = 0) {
  return crc32(reinterpret_cast<const std::uint8_t*>(s.data()), s.size(), start);
}

TEST(Crc32, MatchesTheStandardCheckValues) {
  EXPECT_EQ(crc_of(""), 0u);
  EXPECT_EQ(crc_of("123456789"), 0xCBF43926u);  // the catalogued check value of CRC-32/ISO-HDLC
  EXPECT_EQ(crc_of("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
}

TEST(Crc32, RunningCrcEqualsOneShot) {
  std::string text = "The quick brown fox jumps over the lazy dog";
  for (std::size_t split = 0; split <= text.size(); ++split)
    EXPECT_EQ(crc_of(text.substr(split), crc_of(text.substr(0, split))), crc_of(text));
}

}  // namespace
}  // namespace qrs
