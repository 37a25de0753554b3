// CRC-16/CCITT as the ISHNE Holter header's CRC: the catalogued check values of CRC-16/CCITT-FALSE
// (also what Python's binascii.crc_hqx(data, 0xFFFF) gives).
#include "util/crc_ccitt.h"

#include <gtest/gtest.h>

#include <string>

namespace qrs {
namespace {

std::uint16_t crc_of(const std::string& s) {
  return crc_ccitt(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

TEST(CrcCcitt, MatchesTheStandardCheckValues) {
  EXPECT_EQ(crc_of(""), 0xFFFFu);
  EXPECT_EQ(crc_of("123456789"), 0x29B1u);
  EXPECT_EQ(crc_of("A"), 0xB915u);
}

}  // namespace
}  // namespace qrs
