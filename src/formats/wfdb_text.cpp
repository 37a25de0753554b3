#include "formats/wfdb_text.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace qrs::formats::text {
namespace {

// Only the characters of a plain decimal number; keeps strtod from accepting hex, inf and nan.
bool looks_decimal(std::string_view s, bool allow_fraction) {
  if (s.empty()) return false;
  bool digit = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if ((c == '+' || c == '-') &&
               (i == 0 || (allow_fraction && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
    } else if (allow_fraction && (c == '.' || c == 'e' || c == 'E')) {
    } else {
      return false;
    }
  }
  return digit;
}

}  // namespace

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\0'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_double(std::string_view field) {
  if (field.size() > 64 || !looks_decimal(field, true)) return std::nullopt;
  const std::string copy(field);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || errno == ERANGE || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<long long> parse_integer(std::string_view field) {
  if (field.size() > 32 || !looks_decimal(field, false)) return std::nullopt;
  const std::string copy(field);
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(copy.c_str(), &end, 10);
  if (end != copy.c_str() + copy.size() || errno == ERANGE) return std::nullopt;
  return v;
}

namespace {

// Strict enough for our purpose: lead and unit names, where a byte >= 0x80 that does not start a
// well-formed sequence means the file was written in Latin-1.
bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= bytes.size() && extra > 0) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::string to_utf8(std::string_view bytes) {
  const bool valid = is_valid_utf8(bytes);
  if (valid) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace qrs::formats::text
