// Below 80 Hz the QRS durations come out longer (annotate/low_rate.h): a warning names the rate
// and the lengthening measured on LUDB. The outside tester's LUDB records at 50 Hz got none.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "annotate/low_rate.h"
#include "annotator.h"
#include "ludb_record.h"
#include "signal/preprocess.h"

namespace {

// LUDB `number` resampled from 500 Hz to fs by the engine's own resampler.
qrs::Record at_rate(int number, double fs) {
  qrs::Record record = qrs::test::read_ludb(number);
  for (qrs::Lead& lead : record.leads)
    lead.samples = qrs::signal::resample(lead.samples.data(), lead.samples.size(), record.fs, fs);
  record.fs = fs;
  return record;
}

std::vector<std::string> low_rate_warnings(const qrs::Annotation& a) {
  std::vector<std::string> out;
  for (const std::string& w : a.warnings)
    if (w.find("the QRS durations come out longer") != std::string::npos) out.push_back(w);
  return out;
}

TEST(LowRateLudb, BelowEightyHertzAWarningNamesTheRateAndTheMeasuredLengthening) {
  auto annotator = qrs::Annotator::from_model_file(qrs::default_model_path());
  annotator->set_noise_reader(qrs::Annotator::from_model_file(qrs::default_noise_model_path()));
  const qrs::Annotation at_50 = annotator->annotate(at_rate(5, 50));
  EXPECT_EQ(at_50.beats.size(), 9u);
  ASSERT_EQ(low_rate_warnings(at_50).size(), 1u);
  EXPECT_NE(low_rate_warnings(at_50)[0].find("sampled at 50 Hz"), std::string::npos);
  EXPECT_NE(low_rate_warnings(at_50)[0].find("+21.5 ms"), std::string::npos);
  const qrs::Annotation at_64 = annotator->annotate(at_rate(5, 64));
  ASSERT_EQ(low_rate_warnings(at_64).size(), 1u);
  EXPECT_NE(low_rate_warnings(at_64)[0].find("+7.5 ms"), std::string::npos);
  const qrs::Annotation at_40 = annotator->annotate(at_rate(5, 40));
  ASSERT_EQ(low_rate_warnings(at_40).size(), 1u);
  EXPECT_NE(low_rate_warnings(at_40)[0].find("more below"), std::string::npos);
  for (const double fs : {80.0, 100.0, 500.0})
    EXPECT_TRUE(low_rate_warnings(annotator->annotate(at_rate(5, fs))).empty()) << fs << " Hz";
}

TEST(LowRateLudb, ALongLowRateRecordReadInPartsWarnsOnce) {
  // Parts of a long record (record_parts.h) are read one by one; the warning is the record's.
  qrs::AnnotatorOptions options;
  options.part_samples = 3 * 9'000;  // 180 s of 3 leads at 50 Hz
  auto annotator = qrs::Annotator::from_model_file(qrs::default_model_path(), options);
  // Leads ii, v1 and v5 of LUDB 5 at 50 Hz, played 60 times (10 minutes).
  const qrs::Record twelve = at_rate(5, 50);
  qrs::Record record = twelve;
  record.leads = {twelve.leads[1], twelve.leads[6], twelve.leads[10]};
  for (qrs::Lead& lead : record.leads) {
    const std::vector<float> once = lead.samples;
    for (int k = 1; k < 60; ++k) lead.samples.insert(lead.samples.end(), once.begin(), once.end());
  }
  const qrs::Annotation a = annotator->annotate(record);
  EXPECT_EQ(low_rate_warnings(a).size(), 1u);
  EXPECT_GE(a.beats.size(), 9u * 60 - 2);
}

}  // namespace
