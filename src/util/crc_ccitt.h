#pragma once
// CRC-16/CCITT as the ISHNE Holter standard uses it to guard its header (formats/ishne.h):
// polynomial 0x1021, most significant bit first, initial value 0xFFFF, no final XOR (the variant
// catalogues call CRC-16/CCITT-FALSE; its check value over "123456789" is 0x29B1).
#include <cstddef>
#include <cstdint>

namespace qrs {

std::uint16_t crc_ccitt(const std::uint8_t* data, std::size_t size);

}  // namespace qrs
