// The unit parsers every reader shares (formats/units.h), the time-unit guess from a time
// column's spacing (time_column.h) and the date/time stamps a time column may hold
// (time_stamp.h).
#include "formats/units.h"

#include <gtest/gtest.h>

#include "formats/time_column.h"
#include "formats/time_stamp.h"

namespace qrs::formats {
namespace {

TEST(Units, MillivoltsPerUnitIgnoresCaseAndSpellsMicroEveryWay) {
  EXPECT_EQ(millivolts_per_unit("mV"), 1.0);
  EXPECT_EQ(millivolts_per_unit("MV"), 1.0);
  EXPECT_EQ(millivolts_per_unit(" millivolts "), 1.0);
  EXPECT_EQ(millivolts_per_unit("mvolt"), 1.0);
  for (const char* micro :
       {"uV", "uv", "UV", "\xC2\xB5V", "\xCE\xBCV", "\xB5V", "\xB5v", "microvolt", "Microvolts",
        "microV", "MICROV", "\xC2\xB5volts", "uvolt"})
    EXPECT_EQ(millivolts_per_unit(micro), 1e-3) << micro;
  EXPECT_EQ(millivolts_per_unit("V"), 1e3);
  EXPECT_EQ(millivolts_per_unit("volts"), 1e3);
  EXPECT_EQ(millivolts_per_unit("nV"), 1e-6);
  EXPECT_EQ(millivolts_per_unit("nanovolt"), 1e-6);
  for (const char* other : {"", "mmHg", "%", "NU", "mv/s", "s"})
    EXPECT_FALSE(millivolts_per_unit(other)) << other;
}

TEST(Units, TimeUnits) {
  EXPECT_EQ(time_unit_of("s"), TimeUnit::Seconds);
  EXPECT_EQ(time_unit_of("Sec"), TimeUnit::Seconds);
  EXPECT_EQ(time_unit_of("ms"), TimeUnit::Milliseconds);
  EXPECT_EQ(time_unit_of("msec"), TimeUnit::Milliseconds);
  EXPECT_EQ(time_unit_of("us"), TimeUnit::Microseconds);
  EXPECT_EQ(time_unit_of("\xC2\xB5s"), TimeUnit::Microseconds);
  EXPECT_EQ(time_unit_of("\xB5s"), TimeUnit::Microseconds);
  EXPECT_EQ(time_unit_of("ns"), TimeUnit::Nanoseconds);
  EXPECT_EQ(time_unit_of("hh:mm"), TimeUnit::Unknown);
  EXPECT_DOUBLE_EQ(seconds_per(TimeUnit::Nanoseconds), 1e-9);
  EXPECT_EQ(name_of(TimeUnit::Microseconds), "microseconds");
}

TEST(Units, UnitWordsLeaveOutTheOneLetterUnits) {
  for (const char* word : {"uV", "\xC2\xB5V", "mV", "nV", "ms", "us", "ns", "sec", "microvolts"})
    EXPECT_TRUE(is_unit_word(word)) << word;
  for (const char* word : {"V", "v", "s", "II", "aVR", "V1", ""})
    EXPECT_FALSE(is_unit_word(word)) << word;
}

TEST(Units, ValuesFarBeyondMillivoltsWarnOnce) {
  std::vector<std::string> warnings;
  warn_if_not_millivolts("a.csv", 5.5, warnings);
  EXPECT_TRUE(warnings.empty());
  warn_if_not_millivolts("a.csv", 903, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind("a.csv: values reach 903; read as mV", 0), 0u) << warnings[0];
}

TEST(TimeColumn, UnitFromSpacingPutsTheRateBetween20And20000Hz) {
  EXPECT_EQ(time_unit_from_spacing(0.002), TimeUnit::Seconds);     // 500 Hz
  EXPECT_EQ(time_unit_from_spacing(0.05), TimeUnit::Seconds);      // 20 Hz
  EXPECT_EQ(time_unit_from_spacing(0.1), TimeUnit::Milliseconds);  // 10 kHz, not 10 Hz
  EXPECT_EQ(time_unit_from_spacing(4), TimeUnit::Milliseconds);    // 250 Hz
  EXPECT_EQ(time_unit_from_spacing(1000.0 / 130), TimeUnit::Milliseconds);
  EXPECT_EQ(time_unit_from_spacing(2000), TimeUnit::Microseconds);  // 500 Hz
  EXPECT_EQ(time_unit_from_spacing(2e6), TimeUnit::Nanoseconds);    // Polar: 500 Hz
  EXPECT_EQ(time_unit_from_spacing(1e-6), TimeUnit::Seconds);       // none fits: nearest
  EXPECT_EQ(time_unit_from_spacing(1e9), TimeUnit::Nanoseconds);    // none fits: nearest
}

TEST(TimeColumn, RecognisedByNameOrByUnit) {
  TimeUnit unit;
  EXPECT_TRUE(is_time_column("Zeit", "s", unit));
  EXPECT_EQ(unit, TimeUnit::Seconds);
  EXPECT_TRUE(is_time_column("sensor timestamp", "ns", unit));
  EXPECT_EQ(unit, TimeUnit::Nanoseconds);
  EXPECT_TRUE(is_time_column("Elapsed", "\xC2\xB5s", unit));
  EXPECT_EQ(unit, TimeUnit::Microseconds);
  EXPECT_TRUE(is_time_column("time_s", "", unit));
  EXPECT_EQ(unit, TimeUnit::Seconds);
  EXPECT_TRUE(is_time_column("Time", "", unit));
  EXPECT_EQ(unit, TimeUnit::Unknown);
  EXPECT_FALSE(is_time_column("time", "hh:mm", unit));
  EXPECT_FALSE(is_time_column("II", "uv", unit));
}

TEST(TimeStamp, PandasAndIsoForms) {
  const double day = 19783.0 * 86400;  // 2024-03-01 at 00:00 UTC, in seconds since 1970
  EXPECT_DOUBLE_EQ(*parse_time_stamp("2024-03-01 10:00:00.000"), day + 36000);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("2024-03-01T10:00:00.002"), day + 36000.002);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("2024-03-01T10:00:00.003333Z"), day + 36000.003333);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("2024-03-01 10:00:00+01:00"), day + 32400);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("2024-03-01 10:00:00 +0100"), day + 32400);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("2024-03-01T10:00:00-05"), day + 54000);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("0 days 00:00:00"), 0);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("0 days 00:00:00.002000"), 0.002);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("1 days 01:00:00"), 90000);
  EXPECT_NEAR(*parse_time_stamp("-1 days +23:59:59.998000"), -0.002, 1e-9);
  EXPECT_DOUBLE_EQ(*parse_time_stamp("10:00:00.002"), 36000.002);
  EXPECT_DOUBLE_EQ(*parse_time_stamp(" 9:05:01 "), 32701);
}

TEST(TimeStamp, AnythingElseIsNoStamp) {
  for (const char* cell :
       {"", "0.002", "2024-03-01", "10:00", "2024-13-01 10:00:00", "2024-03-01 10:61:00",
        "2024-03-01 10:00:00 CET", "3 weeks 00:00:00", "10:00:00.002x", "Jan 1, 1980", "nan"})
    EXPECT_FALSE(parse_time_stamp(cell)) << cell;
}

}  // namespace
}  // namespace qrs::formats
