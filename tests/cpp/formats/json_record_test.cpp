// JSON ECG format (docs/formats.md): single object, list, {"records": [...]}, leads as an object
// or a list, units, null samples.
#include <gtest/gtest.h>

#include <cmath>

#include "formats/readers.h"
#include "npy_test_writer.h"
#include "util/error.h"

namespace qrs {
namespace {

std::vector<Record> read_json(const std::string& text, std::vector<std::string>* w = nullptr) {
  std::vector<std::string> warnings;
  auto r = formats::read_json_record(test::named("ecg.json", text), warnings);
  if (w) *w = warnings;
  return r;
}

TEST(JsonRecord, OneObject) {
  const auto r = read_json(R"({"fs": 500, "units": "uV", "leads": {"ii": [100, -200, 300], "v1": [1, 2, 3]}})");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].name, "ecg");
  EXPECT_EQ(r[0].source, "ecg.json");
  EXPECT_DOUBLE_EQ(r[0].fs, 500);
  ASSERT_EQ(r[0].leads.size(), 2u);
  EXPECT_EQ(r[0].leads[0].name, "ii");
  EXPECT_FLOAT_EQ(r[0].leads[0].samples[1], -0.2f);
  EXPECT_FLOAT_EQ(r[0].leads[1].samples[2], 0.003f);
}

TEST(JsonRecord, ListsAndRecordsKeyAndLeadList) {
  const auto list = read_json(R"([{"fs": 250, "leads": {"i": [1, 2]}}, {"name": "b", "fs": 100, "leads": {"i": [3]}}])");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "ecg.json[0]");
  EXPECT_EQ(list[1].name, "b");
  EXPECT_DOUBLE_EQ(list[1].fs, 100);
  const auto wrapped = read_json(R"({"records": [{"fs": 250, "leads": [{"name": "ii", "samples": [0.5, 0.25]}]}]})");
  ASSERT_EQ(wrapped.size(), 1u);
  EXPECT_EQ(wrapped[0].leads[0].name, "ii");
  EXPECT_FLOAT_EQ(wrapped[0].leads[0].samples[1], 0.25f);
}

TEST(JsonRecord, NullSamplesAreNanWithWarning) {
  std::vector<std::string> warnings;
  const auto r = read_json(R"({"fs": 500, "leads": {"ii": [1, null, 3]}})", &warnings);
  EXPECT_TRUE(std::isnan(r[0].leads[0].samples[1]));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("1 null samples read as NaN"), std::string::npos);
}

// 'units' is read as every reader reads units (formats/units.h); what is not a voltage is an
// error, since JSON has no per-lead units to fall back on.
TEST(JsonRecord, UnitsInAnySpellingAndUnknownUnitsRefused) {
  for (const char* units : {"uV", "UV", "\u00b5V", "\u03bcV", "microvolts"}) {
    const auto r = read_json(std::string(R"({"fs": 500, "units": ")") + units +
                             R"(", "leads": {"ii": [100]}})");
    EXPECT_FLOAT_EQ(r[0].leads[0].samples[0], 0.1f) << units;
  }
  EXPECT_FLOAT_EQ(read_json(R"({"fs": 500, "units": "nV", "leads": {"ii": [1e6]}})")[0].leads[0].samples[0], 1.f);
  EXPECT_FLOAT_EQ(read_json(R"({"fs": 500, "units": "MV", "leads": {"ii": [2]}})")[0].leads[0].samples[0], 2.f);
  try {
    read_json(R"({"fs": 500, "units": "mmHg", "leads": {"ii": [1]}})");
    ADD_FAILURE() << "mmHg read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("ecg.json: units 'mmHg' not understood"), std::string::npos)
        << e.what();
  }
}

// What a script writes without reading the schema: numpy's tolist() of a [leads, samples] or
// [samples, leads] array, the NPZ readers' field names, a rate in a string.
TEST(JsonRecord, ListsOfListsAndTheNpzFieldNames) {
  std::string by_lead = "[[";
  std::string by_sample = "[";
  for (int t = 0; t < 20; ++t) {
    by_lead += (t ? "," : "") + std::to_string(t);
    by_sample += std::string(t ? "," : "") + "[" + std::to_string(t) + "," + std::to_string(-t) + "]";
  }
  by_lead += "],[";
  for (int t = 0; t < 20; ++t) by_lead += (t ? "," : "") + std::to_string(-t);
  by_lead += "]]";
  by_sample += "]";
  for (const std::string& doc :
       {R"({"fs": 250, "leads": )" + by_lead + R"(, "lead_names": ["ii", "v1"]})",
        R"({"sampling_rate": 250, "signal": )" + by_sample + R"(, "channels": ["ii", "v1"]})",
        R"({"samplingRate": "250", "data": )" + by_lead + R"(, "names": ["ii", "v1"]})"}) {
    const auto r = read_json(doc);
    ASSERT_EQ(r.size(), 1u) << doc;
    EXPECT_DOUBLE_EQ(r[0].fs, 250) << doc;
    ASSERT_EQ(r[0].leads.size(), 2u) << doc;
    EXPECT_EQ(r[0].leads[1].name, "v1") << doc;
    EXPECT_EQ(r[0].leads[1].samples.size(), 20u) << doc;
    EXPECT_FLOAT_EQ(r[0].leads[1].samples[7], -7.f) << doc;
  }
  const auto unnamed = read_json(R"({"fs": 100, "ecg": )" + by_lead + "}");
  EXPECT_EQ(unnamed[0].leads[0].name, "lead0");
  const auto one = read_json(R"({"sfreq": 100, "signal": [1, 2, null, 4]})");
  ASSERT_EQ(one[0].leads.size(), 1u);
  EXPECT_TRUE(std::isnan(one[0].leads[0].samples[2]));
}

TEST(JsonRecord, WhatCannotBeReadSaysWhy) {
  const auto message = [](const std::string& doc) {
    try {
      read_json(doc);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message(R"({"fs": 500, "leads": {"ii": {"0": 0.1, "1": 0.2, "2": 0.3}}})"),
            "ecg.json: lead 'ii' is an object with numbered keys, as JSON.stringify writes a "
            "Float32Array; write Array.from(samples) instead");
  EXPECT_EQ(message(R"({"fs": "fast", "leads": {"ii": [1]}})"),
            "ecg.json: 'fs' must be a number (got \"fast\")");
  EXPECT_EQ(message(R"({"leads": {"ii": [1]}})"), "ecg.json: 'fs' (sampling rate in Hz) is missing");
  EXPECT_NE(message(R"({"fs": 500, "signal": [[1, 2], [3]]})").find("equally long lists"),
            std::string::npos);
  EXPECT_NE(message(R"({"fs": 500, "name": "x"})").find("'leads' is missing"), std::string::npos);
}

}  // namespace
}  // namespace qrs
