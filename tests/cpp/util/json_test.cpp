// The JSON reader accepts exactly RFC 8259 and reports where it stopped.
#include "util/json.h"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdio>
#include <string>

#include "util/error.h"

namespace qrs::json {
namespace {

std::string error_of(std::string_view text, const ParseLimits& limits = {}) {
  try {
    parse(text, limits);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Json, ParsesEveryValueKind) {
  Value v = parse(R"( {"a": [1, -2.5e3, 0.125, true, false, null], "s": "x\u00e9\n", "o": {}} )");
  ASSERT_TRUE(v.is_object());
  const auto& a = v.at("a").as_array();
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a[0].as_integer(), 1);
  EXPECT_DOUBLE_EQ(a[1].as_number(), -2500.0);
  EXPECT_DOUBLE_EQ(a[2].as_number(), 0.125);
  EXPECT_TRUE(a[3].as_bool());
  EXPECT_FALSE(a[4].as_bool());
  EXPECT_TRUE(a[5].is_null());
  EXPECT_EQ(v.at("s").as_string(), "x\xC3\xA9\n");
  EXPECT_TRUE(v.at("o").as_object().empty());
  EXPECT_EQ(v.find("missing"), nullptr);
}

TEST(Json, KeepsObjectMemberOrder) {
  Value v = parse(R"({"z": 1, "a": 2, "m": 3})");
  const auto& members = v.as_object();
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].first, "z");
  EXPECT_EQ(members[1].first, "a");
  EXPECT_EQ(members[2].first, "m");
}

TEST(Json, DecodesSurrogatePairsAndRawUtf8) {
  EXPECT_EQ(parse(R"("\ud83d\ude00")").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(parse("\"\xE2\x82\xAC\"").as_string(), "\xE2\x82\xAC");
}

TEST(Json, NumbersAreExact) {
  EXPECT_DOUBLE_EQ(parse("0.1").as_number(), 0.1);
  EXPECT_DOUBLE_EQ(parse("-0").as_number(), 0.0);
  EXPECT_DOUBLE_EQ(parse("1E2").as_number(), 100.0);
  EXPECT_DOUBLE_EQ(parse("1e-400").as_number(), 0.0);  // underflow rounds to zero
  EXPECT_EQ(parse("9007199254740992").as_integer(), 9007199254740992LL);
}

TEST(Json, NumbersIgnoreTheProcessLocale) {
  // A program that switched LC_NUMERIC to a comma locale must still read "0.5" as one half.
  const char* locales[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
  std::string previous = std::setlocale(LC_NUMERIC, nullptr);
  bool switched = false;
  for (const char* name : locales)
    if (std::setlocale(LC_NUMERIC, name)) {
      switched = true;
      break;
    }
  EXPECT_DOUBLE_EQ(parse("[0.5, 1.25e1]").as_array()[0].as_number(), 0.5);
  EXPECT_DOUBLE_EQ(parse("[0.5, 1.25e1]").as_array()[1].as_number(), 12.5);
  std::setlocale(LC_NUMERIC, previous.c_str());
  if (!switched) std::printf("(no comma locale installed; checked in the C locale only)\n");
}

TEST(Json, LongNumbersParse) {
  std::string digits = "0." + std::string(100, '1');
  EXPECT_NEAR(parse(digits).as_number(), 0.1111111111111111, 1e-15);
}

TEST(Json, RejectsNonStandardSyntaxWithOffset) {
  EXPECT_EQ(error_of("[1, 2,]"), "JSON: offset 6: trailing comma in array");
  EXPECT_EQ(error_of("{\"a\": 1,}"), "JSON: offset 8: trailing comma in object");
  EXPECT_EQ(error_of("[1 2]"), "JSON: offset 3: expected ',' or ']' in array");
  EXPECT_EQ(error_of(R"({"a": 1, "a": 2})"), "JSON: offset 9: duplicate key 'a'");
  EXPECT_NE(error_of("// c\n1"), "");
  EXPECT_NE(error_of("[1] /* c */"), "");
  EXPECT_NE(error_of("NaN"), "");
  EXPECT_NE(error_of("[Infinity]"), "");
  EXPECT_NE(error_of("01"), "");
  EXPECT_NE(error_of("+1"), "");
  EXPECT_NE(error_of("1."), "");
  EXPECT_NE(error_of(".5"), "");
  EXPECT_NE(error_of("1e"), "");
  EXPECT_NE(error_of("1e999"), "");
  EXPECT_NE(error_of("'a'"), "");
  EXPECT_NE(error_of("{a: 1}"), "");
  EXPECT_NE(error_of("\"tab\there\""), "");
  EXPECT_NE(error_of(R"("\x")"), "");
  EXPECT_NE(error_of(R"("\ud800")"), "");
  EXPECT_NE(error_of(R"("\udc00")"), "");
  EXPECT_NE(error_of("\"\xC0\xAF\""), "");  // overlong UTF-8
  EXPECT_NE(error_of("\"\xFF\""), "");
  EXPECT_NE(error_of("\xEF\xBB\xBF{}"), "");
  EXPECT_NE(error_of("tru"), "");
  EXPECT_NE(error_of(""), "");
  EXPECT_NE(error_of("   "), "");
  EXPECT_EQ(error_of("1 2"), "JSON: offset 2: unexpected data after the JSON value");
}

TEST(Json, TruncatedDocumentsFailCleanly) {
  const std::string doc =
      R"({"name": "m\u00e9", "list": [1, 2.5e-3, {"k": [true, false, null]}], "s": "\ud83d\ude00"})";
  ASSERT_NO_THROW(parse(doc));
  for (std::size_t n = 0; n < doc.size(); ++n)
    EXPECT_THROW(parse(std::string_view(doc).substr(0, n)), Error) << "prefix of length " << n;
}

TEST(Json, DepthAndSizeAreBounded) {
  ParseLimits limits;
  limits.max_depth = 8;
  EXPECT_NO_THROW(parse("[[[[[[[[1]]]]]]]]", limits));
  EXPECT_EQ(error_of("[[[[[[[[[1]]]]]]]]]", limits), "JSON: offset 8: nesting deeper than 8 levels");
  // The default limit stops a hostile document long before the stack would run out.
  std::string deep(100000, '[');
  EXPECT_THROW(parse(deep), Error);
  limits.max_bytes = 4;
  EXPECT_THROW(parse("[1,2]", limits), Error);
}

TEST(Json, TypedAccessNamesTheField) {
  Value v = parse(R"({"n": 1.5, "s": "x"})");
  try {
    v.at("s").as_number("s");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "JSON: expected a number at 's'");
  }
  EXPECT_THROW(v.at("n").as_integer("n"), Error);
  EXPECT_THROW(v.at("n").as_string("n"), Error);
  EXPECT_THROW(v.at("n").as_array("n"), Error);
  EXPECT_THROW(v.at("n").as_object("n"), Error);
  EXPECT_THROW(v.at("n").as_bool("n"), Error);
  try {
    v.at("absent");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "JSON: missing key 'absent'");
  }
}

}  // namespace
}  // namespace qrs::json
