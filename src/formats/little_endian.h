#pragma once
// Little-endian integers read from bytes whatever the host's order, for every binary reader (ISHNE,
// EDF samples, WFDB's 16-bit formats, the NPY header length, SCP-ECG's record length). The caller
// has checked that the bytes are there.
#include <cstdint>

namespace qrs::formats {

inline std::uint16_t le_u16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline std::int16_t le_i16(const std::uint8_t* p) {
  return static_cast<std::int16_t>(le_u16(p));
}
inline std::uint32_t le_u32(const std::uint8_t* p) {
  return p[0] | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
         (std::uint32_t(p[3]) << 24);
}
inline std::int32_t le_i32(const std::uint8_t* p) {
  return static_cast<std::int32_t>(le_u32(p));
}

}  // namespace qrs::formats
