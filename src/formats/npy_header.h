#pragma once
// The NumPy .npy header (format versions 1.0, 2.0 and 3.0): magic "\x93NUMPY", version, header
// length, then a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (T, L), }.
// Parsing checks everything that later indexing relies on: the element count fits the limits
// before anything is allocated, and the file holds all the bytes the shape promises.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qrs::formats {

struct NpyDtype {
  char kind = 'f';          // 'f' float, 'i' signed, 'u' unsigned, 'U' UTF-32 text, 'S' bytes
  std::size_t size = 4;     // bytes per element
  bool big_endian = false;
  std::string descr;        // as written, for messages ("<f4")
};

struct NpyHeader {
  NpyDtype dtype;
  bool fortran_order = false;
  std::vector<std::uint64_t> shape;  // () for a scalar
  std::uint64_t count = 1;           // product of shape
  std::size_t data_offset = 0;       // where the array data starts in the file
};

// Parses and validates; `where` (the file name, or "x.npz: member 'a.npy'") starts messages.
// Numeric dtypes f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 in either byte order, plus U and S (text, for
// lead names in .npz). Throws qrs::Error on anything else, on a truncated file, and on an element
// count beyond limits().max_total_samples.
NpyHeader parse_npy_header(const std::uint8_t* data, std::size_t size, const std::string& where);

// "(5000, 12)" for messages.
std::string shape_text(const std::vector<std::uint64_t>& shape);

}  // namespace qrs::formats
