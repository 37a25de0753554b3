#include "formats/npy_header.h"

#include <cctype>
#include <cstring>

#include "formats/little_endian.h"
#include "formats/readers.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

// A cursor over the header's Python literal: only what numpy writes (strings, True/False,
// tuples of integers) is accepted.
class DictLiteral {
 public:
  DictLiteral(std::string_view text, const std::string& where) : text_(text), where_(where) {}

  void expect(char c) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != c)
      fail(std::string("expected '") + c + "' at header offset " + std::to_string(pos_));
    ++pos_;
  }
  bool consume(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) return ++pos_, true;
    return false;
  }
  bool peek(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  std::string string() {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      fail("expected a quoted string at header offset " + std::to_string(pos_));
    const char quote = text_[pos_++];
    const std::size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) fail("unterminated string in the header");
    std::string s(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }
  bool boolean() {
    skip_space();
    if (text_.compare(pos_, 4, "True") == 0) return pos_ += 4, true;
    if (text_.compare(pos_, 5, "False") == 0) return pos_ += 5, false;
    fail("expected True or False at header offset " + std::to_string(pos_));
  }
  std::vector<std::uint64_t> tuple() {
    expect('(');
    std::vector<std::uint64_t> dims;
    while (!consume(')')) {
      skip_space();
      std::uint64_t v = 0;
      std::size_t digits = 0;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        if (++digits > 19) fail("shape dimension too large");
        v = v * 10 + std::uint64_t(text_[pos_++] - '0');
      }
      if (text_.compare(pos_, 1, "L") == 0) ++pos_;  // Python 2 longs
      if (digits == 0) fail("shape must be a tuple of whole numbers");
      dims.push_back(v);
      if (dims.size() > 32) fail("shape has more than 32 dimensions");
      if (!consume(',') && !peek(')')) fail("expected ',' or ')' in the shape");
    }
    return dims;
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(where_ + ": bad .npy header: " + what);
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  std::string_view text_;
  const std::string& where_;
  std::size_t pos_ = 0;
};

NpyDtype parse_descr(const std::string& descr, const std::string& where) {
  NpyDtype d;
  d.descr = descr;
  const std::string unsupported = where + ": dtype '" + descr +
                                  "' is not supported (supported: float16, float32, float64, int8-int64, "
                                  "uint8-uint64)";
  if (descr.size() < 3) throw Error(unsupported);
  const char order = descr[0];
  if (order != '<' && order != '>' && order != '|' && order != '=') throw Error(unsupported);
  d.big_endian = order == '>';
  d.kind = descr[1];
  std::size_t size = 0;
  for (std::size_t i = 2; i < descr.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(descr[i])) || i > 8) throw Error(unsupported);
    size = size * 10 + std::size_t(descr[i] - '0');
  }
  d.size = size;
  const bool numeric = (d.kind == 'f' && (size == 2 || size == 4 || size == 8)) ||
                       ((d.kind == 'i' || d.kind == 'u') &&
                        (size == 1 || size == 2 || size == 4 || size == 8));
  const bool text = (d.kind == 'U' || d.kind == 'S') && size > 0 && size <= 256;
  if (!numeric && !text) throw Error(unsupported);
  if (d.kind == 'U') d.size = size * 4;  // UTF-32 code units
  return d;
}

}  // namespace

std::string shape_text(const std::vector<std::uint64_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1) s += ",";
  return s + ")";
}

NpyHeader parse_npy_header(const std::uint8_t* data, std::size_t size, const std::string& where) {
  if (size < 10 || std::memcmp(data, "\x93NUMPY", 6) != 0)
    throw Error(where + ": not a .npy file (no \\x93NUMPY magic)");
  const int major = data[6], minor = data[7];
  std::size_t header_len = 0, header_start = 0;
  if (major == 1) {
    header_len = std::size_t(data[8]) | std::size_t(data[9]) << 8;
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (size < 12) throw Error(where + ": .npy header truncated");
    header_len = le_u32(data + 8);
    header_start = 12;
  } else {
    throw Error(where + ": .npy format version " + std::to_string(major) + "." +
                std::to_string(minor) + " is not supported (1.0, 2.0, 3.0 are)");
  }
  if (header_len > limits().max_header_bytes)
    throw Error(where + ": .npy header length " + std::to_string(header_len) + " is too large");
  if (header_start + header_len > size)
    throw Error(where + ": .npy header (" + std::to_string(header_len) +
                " bytes) runs past the end of the file (" + std::to_string(size) + " bytes)");

  std::string_view text(reinterpret_cast<const char*>(data) + header_start, header_len);
  DictLiteral lit(text, where);
  NpyHeader h;
  h.data_offset = header_start + header_len;
  bool have_descr = false, have_order = false, have_shape = false;
  lit.expect('{');
  while (!lit.consume('}')) {
    const std::string key = lit.string();
    lit.expect(':');
    if (key == "descr") {
      if (lit.peek('[')) throw Error(where + ": structured (record) dtypes are not supported");
      h.dtype = parse_descr(lit.string(), where);
      have_descr = true;
    } else if (key == "fortran_order") {
      h.fortran_order = lit.boolean();
      have_order = true;
    } else if (key == "shape") {
      h.shape = lit.tuple();
      have_shape = true;
    } else {
      lit.fail("unexpected key '" + key + "'");
    }
    if (!lit.consume(',') && !lit.peek('}')) lit.fail("expected ',' or '}'");
  }
  if (!have_descr || !have_order || !have_shape)
    lit.fail("missing one of 'descr', 'fortran_order', 'shape'");

  // Element count, checked against the limits before any multiplication can overflow.
  const std::uint64_t max_count = limits().max_total_samples;
  h.count = 1;
  for (std::uint64_t d : h.shape) {
    if (d != 0 && h.count > max_count / d)
      throw Error(where + ": shape " + shape_text(h.shape) + " has more elements than " +
                  accepted_samples(max_count));
    h.count *= d;
  }
  const std::uint64_t needed = h.count * h.dtype.size;
  const std::uint64_t available = size - h.data_offset;
  if (needed > available)
    throw Error(where + ": data truncated: shape " + shape_text(h.shape) + " of " +
                h.dtype.descr + " needs " + std::to_string(needed) + " bytes, the file has " +
                std::to_string(available) + " after the header");
  return h;
}

}  // namespace qrs::formats
