// Strict recursive-descent JSON reader (see json.h). Recursion depth is bounded by
// ParseLimits::max_depth, so hostile nesting cannot overflow the stack; every error names the byte
// offset where the reader gave up.
#include "util/json.h"

#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "util/error.h"

namespace qrs::json {
namespace {

[[noreturn]] void fail_at(std::size_t offset, const std::string& what) {
  throw Error("JSON: offset " + std::to_string(offset) + ": " + what);
}

[[noreturn]] void fail_type(std::string_view expected, std::string_view what) {
  throw Error("JSON: expected " + std::string(expected) + " at '" + std::string(what) + "'");
}

class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits) : text_(text), limits_(limits) {}

  Value parse_document() {
    if (text_.size() > limits_.max_bytes)
      fail_at(0, "document of " + std::to_string(text_.size()) + " bytes exceeds the limit of " +
                     std::to_string(limits_.max_bytes));
    // A UTF-8 byte-order mark is not JSON (RFC 8259 section 8.1 forbids emitting it); reject it
    // with a message that says so rather than "unexpected character".
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF")
      fail_at(0, "byte-order mark is not allowed");
    skip_space();
    Value v = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail_at(pos_, "unexpected data after the JSON value");
    return v;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_space() {
    while (!at_end()) {
      char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  void expect_literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      fail_at(pos_, "invalid literal (expected '" + std::string(word) + "')");
    pos_ += word.size();
  }

  Value parse_value(std::size_t depth) {
    if (at_end()) fail_at(pos_, "unexpected end of input, expected a value");
    switch (peek()) {
      case '{': return parse_object(depth + 1);
      case '[': return parse_array(depth + 1);
      case '"': return Value::string(parse_string());
      case 't': expect_literal("true"); return Value::boolean(true);
      case 'f': expect_literal("false"); return Value::boolean(false);
      case 'n': expect_literal("null"); return Value::null();
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return Value::number(parse_number());
        fail_at(pos_, std::string("unexpected character '") + printable(peek()) +
                          "', expected a value");
    }
  }

  static std::string printable(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string(1, c);
    static const char* hex = "0123456789abcdef";
    return std::string("\\x") + hex[u >> 4] + hex[u & 15];
  }

  void check_depth(std::size_t depth) {
    if (depth > limits_.max_depth)
      fail_at(pos_, "nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
  }

  Value parse_array(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '['
    std::vector<Value> items;
    skip_space();
    if (!at_end() && peek() == ']') {
      ++pos_;
      return Value::array(std::move(items));
    }
    for (;;) {
      skip_space();
      items.push_back(parse_value(depth));
      skip_space();
      if (at_end()) fail_at(pos_, "unexpected end of input in array");
      if (peek() == ',') {
        ++pos_;
        skip_space();
        if (!at_end() && peek() == ']') fail_at(pos_, "trailing comma in array");
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return Value::array(std::move(items));
      }
      fail_at(pos_, "expected ',' or ']' in array");
    }
  }

  Value parse_object(std::size_t depth) {
    check_depth(depth);
    ++pos_;  // '{'
    std::vector<std::pair<std::string, Value>> members;
    skip_space();
    if (!at_end() && peek() == '}') {
      ++pos_;
      return Value::object(std::move(members));
    }
    for (;;) {
      skip_space();
      if (at_end() || peek() != '"') {
        if (!at_end() && peek() == '}') fail_at(pos_, "trailing comma in object");
        fail_at(pos_, "expected a string key in object");
      }
      std::size_t key_offset = pos_;
      std::string key = parse_string();
      // Linear scan: headers have tens of keys; a duplicate is ambiguous, so it is an error.
      for (const auto& m : members)
        if (m.first == key) fail_at(key_offset, "duplicate key '" + key + "'");
      skip_space();
      if (at_end() || peek() != ':') fail_at(pos_, "expected ':' after object key");
      ++pos_;
      skip_space();
      Value v = parse_value(depth);
      members.emplace_back(std::move(key), std::move(v));
      skip_space();
      if (at_end()) fail_at(pos_, "unexpected end of input in object");
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return Value::object(std::move(members));
      }
      fail_at(pos_, "expected ',' or '}' in object");
    }
  }

  unsigned read_hex4() {
    if (text_.size() - pos_ < 4) fail_at(pos_, "truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_ + i];
      unsigned d;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else fail_at(pos_ + i, "invalid hex digit in \\u escape");
      v = v * 16 + d;
    }
    pos_ += 4;
    return v;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Validates one raw (unescaped) UTF-8 sequence starting at pos_ and copies it to out.
  void copy_utf8_sequence(std::string& out) {
    unsigned char lead = static_cast<unsigned char>(peek());
    std::size_t len;
    unsigned cp;
    if (lead < 0x80) { len = 1; cp = lead; }
    else if ((lead & 0xE0) == 0xC0) { len = 2; cp = lead & 0x1F; }
    else if ((lead & 0xF0) == 0xE0) { len = 3; cp = lead & 0x0F; }
    else if ((lead & 0xF8) == 0xF0) { len = 4; cp = lead & 0x07; }
    else fail_at(pos_, "invalid UTF-8 byte in string");
    if (text_.size() - pos_ < len) fail_at(pos_, "truncated UTF-8 sequence in string");
    for (std::size_t i = 1; i < len; ++i) {
      unsigned char c = static_cast<unsigned char>(text_[pos_ + i]);
      if ((c & 0xC0) != 0x80) fail_at(pos_ + i, "invalid UTF-8 continuation byte in string");
      cp = (cp << 6) | (c & 0x3F);
    }
    static const unsigned min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      fail_at(pos_, "invalid UTF-8 sequence in string");
    out.append(text_.data() + pos_, len);
    pos_ += len;
  }

  std::string parse_string() {
    std::size_t start = pos_;
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (at_end()) fail_at(start, "unterminated string");
      char c = peek();
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail_at(pos_, "control character in string");
      if (c != '\\') {
        copy_utf8_sequence(out);
        continue;
      }
      ++pos_;
      if (at_end()) fail_at(start, "unterminated string");
      char e = peek();
      ++pos_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::size_t esc = pos_ - 2;
          unsigned cp = read_hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) fail_at(esc, "unpaired low surrogate in \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail_at(esc, "unpaired high surrogate in \\u escape");
            pos_ += 2;
            unsigned low = read_hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail_at(esc, "invalid surrogate pair in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail_at(pos_ - 2, std::string("invalid escape '\\") + printable(e) + "' in string");
      }
    }
  }

  double parse_number() {
    // Check the RFC 8259 grammar first (no leading zeros, no '+', digits after '.' and 'e'),
    // then convert with strtod (below).
    std::size_t start = pos_;
    auto digit = [&] { return !at_end() && peek() >= '0' && peek() <= '9'; };
    if (peek() == '-') ++pos_;
    if (!digit()) fail_at(pos_, "expected a digit in number");
    if (peek() == '0') {
      ++pos_;
      if (digit()) fail_at(start, "leading zero in number");
    } else {
      while (digit()) ++pos_;
    }
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (!digit()) fail_at(pos_, "expected a digit after '.' in number");
      while (digit()) ++pos_;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (!digit()) fail_at(pos_, "expected a digit in number exponent");
      while (digit()) ++pos_;
    }
    // strtod, not from_chars: Emscripten's libc++ has no floating-point from_chars. The grammar
    // check above leaves only digits, sign, exponent and '.', and '.' is swapped for the current
    // locale's decimal point, so a program that changed LC_NUMERIC still reads JSON correctly.
    char buf[64];
    std::string long_copy;
    const std::size_t len = pos_ - start;
    char* text = buf;
    if (len >= sizeof buf) {
      long_copy.assign(text_.data() + start, len);
      text = long_copy.data();
    } else {
      std::memcpy(buf, text_.data() + start, len);
      buf[len] = '\0';
    }
    const char point = *std::localeconv()->decimal_point;
    if (point != '.')
      for (std::size_t i = 0; i < len; ++i)
        if (text[i] == '.') text[i] = point;
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end != text + len) fail_at(start, "invalid number");
    // Overflow gives +-HUGE_VAL (rejected below); underflow to zero is harmless.
    if (!std::isfinite(value)) fail_at(start, "number out of range");
    return value;
  }

  std::string_view text_;
  ParseLimits limits_;
  std::size_t pos_ = 0;
};

}  // namespace

double Value::as_number(std::string_view what) const {
  if (type_ != Type::Number) fail_type("a number", what);
  return number_;
}

long long Value::as_integer(std::string_view what) const {
  if (type_ != Type::Number) fail_type("an integer", what);
  // 2^53: beyond it doubles no longer hold every integer, so the value may not be what was written.
  constexpr double kMaxExact = 9007199254740992.0;
  if (std::floor(number_) != number_ || std::fabs(number_) > kMaxExact) fail_type("an integer", what);
  return static_cast<long long>(number_);
}

bool Value::as_bool(std::string_view what) const {
  if (type_ != Type::Bool) fail_type("true or false", what);
  return bool_;
}

const std::string& Value::as_string(std::string_view what) const {
  if (type_ != Type::String) fail_type("a string", what);
  return string_;
}

const std::vector<Value>& Value::as_array(std::string_view what) const {
  if (type_ != Type::Array) fail_type("an array", what);
  return array_;
}

const std::vector<std::pair<std::string, Value>>& Value::as_object(std::string_view what) const {
  if (type_ != Type::Object) fail_type("an object", what);
  return object_;
}

const Value* Value::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  for (const auto& m : object_)
    if (m.first == key) return &m.second;
  return nullptr;
}

const Value& Value::at(std::string_view key) const {
  if (type_ != Type::Object) fail_type("an object", key);
  const Value* v = find(key);
  if (!v) throw Error("JSON: missing key '" + std::string(key) + "'");
  return *v;
}

Value Value::null() { return Value(); }

Value Value::boolean(bool b) {
  Value v;
  v.type_ = Type::Bool;
  v.bool_ = b;
  return v;
}

Value Value::number(double d) {
  Value v;
  v.type_ = Type::Number;
  v.number_ = d;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.type_ = Type::String;
  v.string_ = std::move(s);
  return v;
}

Value Value::array(std::vector<Value> items) {
  Value v;
  v.type_ = Type::Array;
  v.array_ = std::move(items);
  return v;
}

Value Value::object(std::vector<std::pair<std::string, Value>> members) {
  Value v;
  v.type_ = Type::Object;
  v.object_ = std::move(members);
  return v;
}

Value parse(std::string_view text, const ParseLimits& limits) {
  return Parser(text, limits).parse_document();
}

}  // namespace qrs::json
