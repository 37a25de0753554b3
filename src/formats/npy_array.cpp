#include "formats/npy_array.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

namespace qrs::formats {
namespace {

template <typename T, bool kSwap>
double decode(const std::uint8_t* p) {
  std::uint8_t bytes[sizeof(T)];
  std::memcpy(bytes, p, sizeof(T));
  if (kSwap)
    for (std::size_t a = 0, b = sizeof(T) - 1; a < b; ++a, --b) std::swap(bytes[a], bytes[b]);
  T v;
  std::memcpy(&v, bytes, sizeof(T));
  return static_cast<double>(v);
}

// IEEE 754 binary16 (numpy's float16, which np.save writes as '<f2'): C++17 has no half type.
template <bool kSwap>
double decode_half(const std::uint8_t* p) {
  const auto bits = static_cast<unsigned>(decode<std::uint16_t, kSwap>(p));
  const int exponent = int(bits >> 10) & 0x1f;
  const int fraction = int(bits & 0x3ff);
  double magnitude;
  if (exponent == 0)  // zero or subnormal
    magnitude = std::ldexp(fraction, -24);
  else if (exponent == 0x1f)
    magnitude = fraction ? std::numeric_limits<double>::quiet_NaN()
                         : std::numeric_limits<double>::infinity();
  else
    magnitude = std::ldexp(fraction + 1024, exponent - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

double decode_text(const std::uint8_t*) { return 0.0; }

bool host_is_big_endian() {
  const std::uint16_t probe = 1;
  std::uint8_t first;
  std::memcpy(&first, &probe, 1);
  return first == 0;
}

template <bool kSwap>
double (*pick(char kind, std::size_t size))(const std::uint8_t*) {
  if (kind == 'f') {
    if (size == 2) return decode_half<kSwap>;
    return size == 4 ? decode<float, kSwap> : decode<double, kSwap>;
  }
  if (kind == 'i') {
    switch (size) {
      case 1: return decode<std::int8_t, kSwap>;
      case 2: return decode<std::int16_t, kSwap>;
      case 4: return decode<std::int32_t, kSwap>;
      default: return decode<std::int64_t, kSwap>;
    }
  }
  if (kind == 'u') {
    switch (size) {
      case 1: return decode<std::uint8_t, kSwap>;
      case 2: return decode<std::uint16_t, kSwap>;
      case 4: return decode<std::uint32_t, kSwap>;
      default: return decode<std::uint64_t, kSwap>;
    }
  }
  return decode_text;
}

}  // namespace

NpyArray::NpyArray(const std::uint8_t* file_data, NpyHeader header)
    : data_(file_data + header.data_offset), header_(std::move(header)),
      item_size_(header_.dtype.size) {
  const bool swap = header_.dtype.big_endian != host_is_big_endian() && header_.dtype.size > 1;
  decode_ = swap ? pick<true>(header_.dtype.kind, header_.dtype.size)
                 : pick<false>(header_.dtype.kind, header_.dtype.size);
  // Strides for the first three axes; arrays used through at() have at most three.
  const auto& s = header_.shape;
  const std::size_t n = s.size() < 3 ? s.size() : 3;
  std::uint64_t step = 1;
  if (header_.fortran_order) {
    for (std::size_t a = 0; a < n; ++a) stride_[a] = step, step *= s[a];
  } else {
    for (std::size_t a = n; a-- > 0;) stride_[a] = step, step *= s[a];
  }
}

std::vector<std::string> NpyArray::strings() const {
  std::vector<std::string> out;
  if (header_.dtype.kind != 'U' && header_.dtype.kind != 'S') return out;
  const bool utf32 = header_.dtype.kind == 'U';
  for (std::uint64_t e = 0; e < header_.count; ++e) {
    const std::uint8_t* p = data_ + e * item_size_;
    std::string s;
    if (utf32) {
      for (std::size_t c = 0; c + 4 <= item_size_; c += 4) {
        std::uint32_t cp = header_.dtype.big_endian
                               ? (std::uint32_t(p[c]) << 24 | std::uint32_t(p[c + 1]) << 16 |
                                  std::uint32_t(p[c + 2]) << 8 | p[c + 3])
                               : (std::uint32_t(p[c + 3]) << 24 | std::uint32_t(p[c + 2]) << 16 |
                                  std::uint32_t(p[c + 1]) << 8 | p[c]);
        if (cp == 0) break;
        // Encode as UTF-8 (lead names are ASCII in practice; others are kept readable).
        if (cp < 0x80) {
          s += char(cp);
        } else if (cp < 0x800) {
          s += char(0xC0 | (cp >> 6)), s += char(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          s += char(0xE0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3F));
          s += char(0x80 | (cp & 0x3F));
        } else {
          s += '?';
        }
      }
    } else {
      for (std::size_t c = 0; c < item_size_ && p[c]; ++c) s += char(p[c]);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace qrs::formats
