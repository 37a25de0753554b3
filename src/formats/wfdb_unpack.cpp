#include "formats/wfdb_unpack.h"

#include <iterator>

#include "formats/little_endian.h"

namespace qrs::formats::wfdb {
namespace {

// Sign-extends the low `bits` bits of v.
inline std::int32_t sign_extend(std::uint32_t v, int bits) {
  const std::uint32_t m = 1u << (bits - 1);
  v &= (1u << bits) - 1u;
  return static_cast<std::int32_t>(v ^ m) - static_cast<std::int32_t>(m);
}

void unpack_8(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::int8_t>(b[i]);
}
void unpack_80(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = std::int32_t(b[i]) - 128;
}
void unpack_16(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::int16_t>(le_u16(b + 2 * i));
}
void unpack_61(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::int16_t>((std::uint32_t(b[2 * i]) << 8) | b[2 * i + 1]);
  }
}
void unpack_160(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = std::int32_t(le_u16(b + 2 * i)) - 32768;
}
void unpack_24(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = b + 3 * i;
    out[i] = sign_extend(p[0] | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16), 24);
  }
}
void unpack_32(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = b + 4 * i;
    const std::uint32_t u = p[0] | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
                            (std::uint32_t(p[3]) << 24);
    out[i] = static_cast<std::int32_t>(u);
  }
}
// Two 12-bit samples in three bytes; the middle byte holds the high nibbles (low: first sample).
void unpack_212(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = b + 3 * (i / 2);
    out[i] = (i % 2 == 0) ? sign_extend(p[0] | (std::uint32_t(p[1] & 0x0F) << 8), 12)
                          : sign_extend(p[2] | (std::uint32_t(p[1] & 0xF0) << 4), 12);
  }
}
// Three 10-bit samples in two little-endian 16-bit words: bits 1-10 of each word are samples one
// and two; the words' top five bits are the third sample (first word's are its low half).
void unpack_310(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = b + 4 * (i / 3);
    switch (i % 3) {
      case 0:
        out[i] = sign_extend(le_u16(p) >> 1, 10);
        break;
      case 1:
        out[i] = sign_extend(le_u16(p + 2) >> 1, 10);
        break;
      default:
        out[i] = sign_extend((le_u16(p) >> 11) | ((le_u16(p + 2) >> 11) << 5), 10);
        break;
    }
  }
}
// Three 10-bit samples in one little-endian 32-bit word, bits 0-9, 10-19, 20-29.
void unpack_311(const std::uint8_t* b, std::size_t n, std::int32_t* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = b + 4 * (i / 3);
    const int k = static_cast<int>(i % 3);
    // Only touch the bytes this sample needs, so a short final group is read in bounds.
    const std::size_t last_byte = k == 0 ? 1 : k == 1 ? 2 : 3;
    std::uint32_t word = 0;
    for (std::size_t j = 0; j <= last_byte; ++j) word |= std::uint32_t(p[j]) << (8 * j);
    out[i] = sign_extend(word >> (10 * k), 10);
  }
}

std::size_t bytes_1(std::size_t n) {
  return n;
}
std::size_t bytes_2(std::size_t n) {
  return 2 * n;
}
std::size_t bytes_3(std::size_t n) {
  return 3 * n;
}
std::size_t bytes_4(std::size_t n) {
  return 4 * n;
}
std::size_t bytes_212(std::size_t n) {
  return 3 * (n / 2) + (n % 2 ? 2 : 0);
}
std::size_t bytes_310(std::size_t n) {
  return 4 * (n / 3) + (n % 3 == 0 ? 0 : n % 3 == 1 ? 2 : 4);
}
std::size_t bytes_311(std::size_t n) {
  return 4 * (n / 3) + (n % 3 == 0 ? 0 : n % 3 == 1 ? 2 : 3);
}

std::size_t samples_1(std::size_t b) {
  return b;
}
std::size_t samples_2(std::size_t b) {
  return b / 2;
}
std::size_t samples_3(std::size_t b) {
  return b / 3;
}
std::size_t samples_4(std::size_t b) {
  return b / 4;
}
std::size_t samples_212(std::size_t b) {
  return 2 * (b / 3) + (b % 3 >= 2 ? 1 : 0);
}
std::size_t samples_310(std::size_t b) {
  return 3 * (b / 4) + (b % 4 >= 2 ? 1 : 0);
}
std::size_t samples_311(std::size_t b) {
  return 3 * (b / 4) + (b % 4 == 3 ? 2 : b % 4 == 2 ? 1 : 0);
}

const StorageFormat kFormats[] = {
    {8, 8, false, 0, true, unpack_8, bytes_1, samples_1},
    {16, 16, true, -32768, false, unpack_16, bytes_2, samples_2},
    {24, 24, true, -8388608, false, unpack_24, bytes_3, samples_3},
    {32, 32, true, INT32_MIN, false, unpack_32, bytes_4, samples_4},
    {61, 16, true, -32768, false, unpack_61, bytes_2, samples_2},
    {80, 8, true, -128, false, unpack_80, bytes_1, samples_1},
    {160, 16, true, -32768, false, unpack_160, bytes_2, samples_2},
    {212, 12, true, -2048, false, unpack_212, bytes_212, samples_212},
    {310, 10, true, -512, false, unpack_310, bytes_310, samples_310},
    {311, 10, true, -512, false, unpack_311, bytes_311, samples_311},
    {508, 8, true, -128, false, nullptr, nullptr, nullptr, true},
    {516, 16, true, -32768, false, nullptr, nullptr, nullptr, true},
    {524, 24, true, -8388608, false, nullptr, nullptr, nullptr, true},
};

}  // namespace

const StorageFormat* find_storage_format(int code) {
  for (const StorageFormat& f : kFormats) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

std::string supported_storage_formats() {
  std::string out;
  for (const StorageFormat& f : kFormats) {
    if (!out.empty()) out += ", ";
    out += std::to_string(f.code);
  }
  return out;
}

}  // namespace qrs::formats::wfdb
