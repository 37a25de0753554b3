#pragma once
// A small JSON reader (RFC 8259) for the model file header and the JSON ECG format. Strict:
// trailing commas, comments, NaN literals and duplicate keys are errors. Bounded: nesting depth
// and document size are limited so hostile input cannot exhaust the stack or memory. Numbers are
// kept as double. Errors throw qrs::Error naming the byte offset, e.g.
//   "JSON: offset 1532: expected ',' or ']' in array".
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qrs::json {

class Value {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }

  // Typed access; throws qrs::Error("JSON: expected a number at 'what'") on a type mismatch,
  // where `what` names the field for the message.
  double as_number(std::string_view what = "value") const;
  long long as_integer(std::string_view what = "value") const;  // must be integral
  bool as_bool(std::string_view what = "value") const;
  const std::string& as_string(std::string_view what = "value") const;
  const std::vector<Value>& as_array(std::string_view what = "value") const;
  const std::vector<std::pair<std::string, Value>>& as_object(std::string_view what = "value") const;

  // Object member access: find returns nullptr when absent; at throws "JSON: missing key 'k'".
  const Value* find(std::string_view key) const;
  const Value& at(std::string_view key) const;

  // Construction (used by the parser and by tests).
  static Value null();
  static Value boolean(bool b);
  static Value number(double d);
  static Value string(std::string s);
  static Value array(std::vector<Value> items);
  static Value object(std::vector<std::pair<std::string, Value>> members);

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0.0;
  std::string string_;
  std::vector<Value> array_;
  std::vector<std::pair<std::string, Value>> object_;  // insertion order kept
};

struct ParseLimits {
  std::size_t max_depth = 64;
  std::size_t max_bytes = std::size_t(1) << 30;
};

Value parse(std::string_view text, const ParseLimits& limits = {});

}  // namespace qrs::json
