#pragma once
// CRC-32 as IEEE 802.3 / zlib's crc32() / Python's zlib.crc32 define it (reflected polynomial
// 0xEDB88320, initial and final XOR 0xFFFFFFFF). Used to check model files (docs/model_format.md)
// without depending on zlib, which the WebAssembly build does not link.
#include <cstddef>
#include <cstdint>

namespace qrs {

// Continues a running CRC: crc32(b, n2, crc32(a, n1)) == crc32(a followed by b). Start with 0.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace qrs
