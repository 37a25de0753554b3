// Bit by bit: an ISHNE header is a few hundred bytes, so a table would save nothing worth its code.
#include "util/crc_ccitt.h"

namespace qrs {

std::uint16_t crc_ccitt(const std::uint8_t* data, std::size_t size) {
  std::uint16_t crc = 0xFFFF;
  for (std::size_t i = 0; i < size; ++i) {
    crc = static_cast<std::uint16_t>(crc ^ (data[i] << 8));
    for (int bit = 0; bit < 8; ++bit)
      crc = static_cast<std::uint16_t>((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
  }
  return crc;
}

}  // namespace qrs
