#pragma once
// Read access to the elements of a parsed .npy array in place (no copy of the whole array):
// element (i, j, k) in C or Fortran order, converted from its dtype to double. The bytes must
// outlive the view.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "formats/npy_header.h"

namespace qrs::formats {

class NpyArray {
 public:
  // `data` is the whole .npy file (header already validated by parse_npy_header).
  NpyArray(const std::uint8_t* file_data, NpyHeader header);

  const NpyHeader& header() const { return header_; }
  const std::vector<std::uint64_t>& shape() const { return header_.shape; }
  std::size_t ndim() const { return header_.shape.size(); }
  bool is_numeric() const { return header_.dtype.kind == 'f' || header_.dtype.kind == 'i' ||
                                   header_.dtype.kind == 'u'; }

  // Element at a multi-index with up to 3 axes (unused trailing indices are 0).
  double at(std::uint64_t i, std::uint64_t j = 0, std::uint64_t k = 0) const {
    return decode_(data_ + (i * stride_[0] + j * stride_[1] + k * stride_[2]) * item_size_);
  }
  // Element by flat index in storage order (for scalars and 1-D arrays).
  double flat(std::uint64_t index) const { return decode_(data_ + index * item_size_); }

  // Text elements ('U' or 'S' dtype), e.g. lead names stored in an .npz; trailing NULs dropped.
  std::vector<std::string> strings() const;

 private:
  using Decoder = double (*)(const std::uint8_t*);
  const std::uint8_t* data_;
  NpyHeader header_;
  Decoder decode_ = nullptr;
  std::size_t item_size_;
  std::uint64_t stride_[3] = {0, 0, 0};  // in elements, for axes 0..2
};

}  // namespace qrs::formats
