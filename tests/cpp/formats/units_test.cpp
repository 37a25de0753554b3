// The unit parser every reader shares (formats/units.h).
#include "formats/units.h"

#include <gtest/gtest.h>

namespace qrs::formats {
namespace {

TEST(Units, MillivoltsPerUnitIgnoresCaseAndSpellsMicroEveryWay) {
  EXPECT_EQ(millivolts_per_unit("mV"), 1.0);
  EXPECT_EQ(millivolts_per_unit("MV"), 1.0);
  EXPECT_EQ(millivolts_per_unit(" millivolts "), 1.0);
  for (const char* micro :
       {"uV", "uv", "UV", "\xC2\xB5V", "\xCE\xBCV", "\xB5V", "\xB5v", "microvolt", "Microvolts"})
    EXPECT_EQ(millivolts_per_unit(micro), 1e-3) << micro;
  EXPECT_EQ(millivolts_per_unit("V"), 1e3);
  EXPECT_EQ(millivolts_per_unit("volts"), 1e3);
  EXPECT_EQ(millivolts_per_unit("nV"), 1e-6);
  EXPECT_EQ(millivolts_per_unit("nanovolt"), 1e-6);
  for (const char* other : {"", "mmHg", "%", "NU", "mv/s", "s"})
    EXPECT_FALSE(millivolts_per_unit(other)) << other;
}

TEST(Units, ValuesFarBeyondMillivoltsWarnOnce) {
  std::vector<std::string> warnings;
  warn_if_not_millivolts("a.csv", 5.5, warnings);
  EXPECT_TRUE(warnings.empty());
  warn_if_not_millivolts("a.csv", 903, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind("a.csv: values reach 903; read as mV", 0), 0u) << warnings[0];
}

}  // namespace
}  // namespace qrs::formats
