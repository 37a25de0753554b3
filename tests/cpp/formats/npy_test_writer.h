#pragma once
// Test-only writers for the array formats: .npy bytes for any header/version/dtype, and zip
// archives (stored or deflated) for .npz. They build fixtures in memory so the readers' tests
// need no files and no numpy; the layouts follow the NumPy format spec (NEP 1) and PKWARE's
// APPNOTE, which is what np.save / np.savez write.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "formats/record.h"
#include "util/crc32.h"

#include <zlib.h>  // required in every native build (cmake/native.cmake)

namespace qrs::test {

inline std::string shape_literal(const std::vector<std::uint64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) s += ",";
  return s + ")";
}

// A .npy file with the given header dict text and raw data bytes, padded like numpy (the header
// ends in '\n' and the data starts on a multiple of 64).
inline std::vector<std::uint8_t> npy_raw(const std::string& dict, const std::vector<std::uint8_t>& data,
                                         int version = 1) {
  const std::size_t prefix = version == 1 ? 10 : 12;
  std::string header = dict;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::vector<std::uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', std::uint8_t(version), 0};
  const std::size_t len = header.size();
  out.push_back(std::uint8_t(len & 0xFF));
  out.push_back(std::uint8_t(len >> 8));
  if (version != 1) {
    out.push_back(std::uint8_t(len >> 16));
    out.push_back(std::uint8_t(len >> 24));
  }
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

inline std::string npy_dict(const std::string& descr, const std::vector<std::uint64_t>& shape,
                            bool fortran = false) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + shape_literal(shape) + ", }";
}

// Values given in C order, stored as T in the chosen byte order and memory order.
template <typename T>
std::vector<std::uint8_t> npy_of(const std::vector<std::uint64_t>& shape,
                                 const std::vector<double>& c_order_values, const std::string& descr,
                                 bool fortran = false, int version = 1) {
  const bool big = descr[0] == '>';
  std::size_t count = 1;
  for (auto d : shape) count *= d;
  std::vector<std::uint8_t> data(count * sizeof(T));
  for (std::size_t c = 0; c < count; ++c) {
    // Position of C-order element c in storage order.
    std::size_t pos = c;
    if (fortran) {
      std::size_t rem = c, stride = 1;
      pos = 0;
      std::vector<std::size_t> idx(shape.size());
      for (std::size_t a = shape.size(); a-- > 0;) idx[a] = rem % shape[a], rem /= shape[a];
      for (std::size_t a = 0; a < shape.size(); ++a) pos += idx[a] * stride, stride *= shape[a];
    }
    T v = static_cast<T>(c_order_values[c]);
    std::uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    for (std::size_t b = 0; b < sizeof(T); ++b)
      data[pos * sizeof(T) + b] = big ? bytes[sizeof(T) - 1 - b] : bytes[b];
  }
  return npy_raw(npy_dict(descr, shape, fortran), data, version);
}

inline std::vector<std::uint8_t> npy_f32(const std::vector<std::uint64_t>& shape,
                                         const std::vector<double>& values) {
  return npy_of<float>(shape, values, "<f4");
}

inline NamedBuffer named(const std::string& name, const std::vector<std::uint8_t>& bytes) {
  return NamedBuffer{name, bytes};
}
inline NamedBuffer named(const std::string& name, const std::string& text) {
  return NamedBuffer{name, std::vector<std::uint8_t>(text.begin(), text.end())};
}

inline void zip_put_le(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(std::uint8_t(v >> (8 * i)));
}

// A zip of the members (name, bytes); deflated when `deflate` (needs zlib), stored otherwise.
inline std::vector<std::uint8_t> zip_of(const std::vector<NamedBuffer>& members,
                                        bool compress = false) {
  std::vector<std::uint8_t> out, dir;
  for (const NamedBuffer& m : members) {
    std::vector<std::uint8_t> body = m.bytes;
    std::uint16_t method = 0;
    if (compress) {
      z_stream zs{};
      deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
      body.resize(deflateBound(&zs, m.bytes.size()));
      zs.next_in = const_cast<Bytef*>(m.bytes.data());
      zs.avail_in = uInt(m.bytes.size());
      zs.next_out = body.data();
      zs.avail_out = uInt(body.size());
      deflate(&zs, Z_FINISH);
      body.resize(zs.total_out);
      deflateEnd(&zs);
      method = 8;
    }
    const std::uint32_t crc = qrs::crc32(m.bytes.data(), m.bytes.size());
    const std::size_t local = out.size();
    zip_put_le(out, 0x04034b50, 4);
    zip_put_le(out, 20, 2), zip_put_le(out, 0, 2), zip_put_le(out, method, 2), zip_put_le(out, 0, 4);
    zip_put_le(out, crc, 4), zip_put_le(out, body.size(), 4), zip_put_le(out, m.bytes.size(), 4);
    zip_put_le(out, m.name.size(), 2), zip_put_le(out, 0, 2);
    out.insert(out.end(), m.name.begin(), m.name.end());
    out.insert(out.end(), body.begin(), body.end());
    zip_put_le(dir, 0x02014b50, 4);
    zip_put_le(dir, 20, 2), zip_put_le(dir, 20, 2), zip_put_le(dir, 0, 2), zip_put_le(dir, method, 2);
    zip_put_le(dir, 0, 4), zip_put_le(dir, crc, 4), zip_put_le(dir, body.size(), 4);
    zip_put_le(dir, m.bytes.size(), 4), zip_put_le(dir, m.name.size(), 2), zip_put_le(dir, 0, 2);
    zip_put_le(dir, 0, 2), zip_put_le(dir, 0, 2), zip_put_le(dir, 0, 2), zip_put_le(dir, 0, 4);
    zip_put_le(dir, local, 4);
    dir.insert(dir.end(), m.name.begin(), m.name.end());
  }
  const std::size_t dir_offset = out.size();
  out.insert(out.end(), dir.begin(), dir.end());
  zip_put_le(out, 0x06054b50, 4), zip_put_le(out, 0, 2), zip_put_le(out, 0, 2);
  zip_put_le(out, members.size(), 2), zip_put_le(out, members.size(), 2);
  zip_put_le(out, dir.size(), 4), zip_put_le(out, dir_offset, 4), zip_put_le(out, 0, 2);
  return out;
}

}  // namespace qrs::test
