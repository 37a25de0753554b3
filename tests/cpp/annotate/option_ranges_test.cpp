// The shared ranges of the event-finding options (annotate/option_ranges.h).
#include "annotate/option_ranges.h"

#include <gtest/gtest.h>

#include <cmath>

#include "annotate/lead_conventions.h"
#include "util/error.h"

namespace {

using namespace qrs::annotate;

TEST(OptionRanges, OpenAndClosedEndsAndNaN) {
  EXPECT_FALSE(kThresholdRange.contains(0));
  EXPECT_FALSE(kThresholdRange.contains(1));
  EXPECT_TRUE(kThresholdRange.contains(0.4));
  EXPECT_TRUE(kWeightRange.contains(0));
  EXPECT_TRUE(kWeightRange.contains(1));
  EXPECT_FALSE(kWeightRange.contains(1.0000001));
  EXPECT_FALSE(kQrsMsRange.contains(0));
  EXPECT_TRUE(kQrsMsRange.contains(500));
  for (const ValueRange& r : {kThresholdRange, kRefractoryMsRange, kQrsMsRange, kCentroidMsRange,
                              kWeightRange})
    EXPECT_FALSE(r.contains(std::nan("")));
}

TEST(OptionRanges, TheMessageNamesTheOptionItsEndsAndTheValue) {
  EXPECT_EQ(out_of_range_message("--threshold", kThresholdRange, 1.5),
            "--threshold must be > 0 and < 1 (got 1.5)");
  EXPECT_EQ(out_of_range_message("centroidMs", kCentroidMsRange, 200),
            "centroidMs must be >= 0 and <= 150 (got 200)");
}

TEST(OptionRanges, TheLongestQrsMustExceedTheShortestAndStayInRange) {
  EXPECT_EQ(qrs_span_problem("minQrsMs", 30, "maxQrsMs", 250), "");
  EXPECT_EQ(qrs_span_problem("minQrsMs", 30, "maxQrsMs", 500), "");
  EXPECT_EQ(qrs_span_problem("--min-qrs-ms", 300, "--max-qrs-ms", 250),
            "--max-qrs-ms (250) must be above --min-qrs-ms (300) and at most 500");
  EXPECT_NE(qrs_span_problem("a", 80, "b", 80), "");  // equal: no QRS fits
  EXPECT_NE(qrs_span_problem("a", 30, "b", 501), "");
  EXPECT_NE(qrs_span_problem("a", 30, "b", std::nan("")), "");
}

TEST(OptionRanges, TheCoreRefusesAWeightOutOfRangeWithTheSameWords) {
  qrs::Annotation empty;
  try {
    blend_with_lead_conventions(empty, -0.5);
    FAIL() << "a weight of -0.5 was accepted";
  } catch (const qrs::Error& e) {
    EXPECT_STREQ(e.what(), "convention weight must be >= 0 and <= 1 (got -0.5)");
  }
}

}  // namespace
