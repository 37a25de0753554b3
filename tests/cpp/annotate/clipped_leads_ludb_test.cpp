// Where an amplifier sits at its rail (annotate/clipped_samples.h), the seconds either side keep
// their beats, and a warning names the leads and the stretch. Real LUDB leads, the shipped models
// as the CLI uses them (first reader and noise reader). The outside tester's LUDB 5 with every
// lead at int16 full scale (163.8 mV at 200/mV) for 2 s lost all 9 beats without a warning.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "annotate/clipped_samples.h"
#include "annotator.h"
#include "ludb_record.h"

namespace {

// How far a beat outside the stretch may lie from the same beat of the clean record (ms).
constexpr double kSameMarkMs = 5.0;

std::unique_ptr<qrs::Annotator> shipped_pair() {
  auto annotator = qrs::Annotator::from_model_file(qrs::default_model_path());
  annotator->set_noise_reader(qrs::Annotator::from_model_file(qrs::default_noise_model_path()));
  return annotator;
}

// The record with the leads at `leads` (indices) held at `level` mV over [from_s, to_s).
qrs::Record railed(qrs::Record record, const std::vector<std::size_t>& leads, double from_s,
                   double to_s, float level) {
  const auto begin = static_cast<long>(from_s * record.fs);
  const auto end = static_cast<long>(to_s * record.fs);
  for (std::size_t i : leads)
    std::fill(record.leads[i].samples.begin() + begin, record.leads[i].samples.begin() + end,
              level);
  return record;
}

std::vector<std::size_t> every_lead(const qrs::Record& record) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < record.leads.size(); ++i) out.push_back(i);
  return out;
}

// The beats whose QRS lies wholly outside [from, to) (samples), widened by `margin` either side.
std::vector<qrs::Beat> beats_outside(const qrs::Annotation& a, double from, double to,
                                     double margin) {
  std::vector<qrs::Beat> out;
  for (const qrs::Beat& b : a.beats)
    if (b.last_offset < from - margin || b.first_onset >= to + margin) out.push_back(b);
  return out;
}

std::size_t beats_inside(const qrs::Annotation& a, double from, double to) {
  return static_cast<std::size_t>(
      std::count_if(a.beats.begin(), a.beats.end(),
                    [&](const qrs::Beat& b) { return b.onset >= from && b.onset < to; }));
}

// Every beat of `clean` outside the stretch is in `got`, at both ends within kSameMarkMs.
void expect_clean_beats_kept(const qrs::Annotation& got, const qrs::Annotation& clean, double from,
                             double to, const std::string& what) {
  const double margin = 0.3 * clean.fs;  // a beat touching the stretch's edge may go
  const std::vector<qrs::Beat> expected = beats_outside(clean, from, to, margin);
  ASSERT_FALSE(expected.empty()) << what;
  for (const qrs::Beat& e : expected) {
    const auto nearest = std::min_element(
        got.beats.begin(), got.beats.end(), [&](const qrs::Beat& a, const qrs::Beat& b) {
          return std::abs(a.first_onset - e.first_onset) < std::abs(b.first_onset - e.first_onset);
        });
    ASSERT_NE(nearest, got.beats.end()) << what << ": no beat at all";
    EXPECT_LE(std::abs(nearest->first_onset - e.first_onset) * 1000.0 / clean.fs, kSameMarkMs)
        << what << ": the beat at " << e.first_onset / clean.fs << " s";
    EXPECT_LE(std::abs(nearest->last_offset - e.last_offset) * 1000.0 / clean.fs, kSameMarkMs)
        << what << ": the beat at " << e.first_onset / clean.fs << " s";
  }
}

// The warnings that tell of stretches at the recorder's limit.
std::vector<std::string> limit_warnings(const qrs::Annotation& a) {
  std::vector<std::string> out;
  for (const std::string& w : a.warnings)
    if (w.find("recorder's limit") != std::string::npos) out.push_back(w);
  return out;
}

bool names_lead(const std::string& warning, const std::string& lead) {
  return warning.find("'" + lead + "'") != std::string::npos;
}

TEST(ClippedLeadsLudb, EveryLeadAtFullScaleForTwoSecondsKeepsTheBeatsOfTheCleanSeconds) {
  auto annotator = shipped_pair();
  for (const int number : {5, 1, 10}) {
    const qrs::Record record = qrs::test::read_ludb(number);
    const qrs::Annotation clean = annotator->annotate(record);
    const qrs::Annotation got =
        annotator->annotate(railed(record, every_lead(record), 2.0, 4.0, 163.8f));
    const std::string what = "LUDB " + std::to_string(number) + ", every lead at 163.8 mV";
    expect_clean_beats_kept(got, clean, 2.0 * record.fs, 4.0 * record.fs, what);
    EXPECT_EQ(beats_inside(got, 2.0 * record.fs, 4.0 * record.fs), 0u) << what;
    // One warning for the twelve leads, naming the stretch.
    const std::vector<std::string> told = limit_warnings(got);
    ASSERT_EQ(told.size(), 1u) << what;
    for (const qrs::Lead& lead : record.leads)
      EXPECT_TRUE(names_lead(told[0], lead.name)) << told[0];
    EXPECT_NE(told[0].find("2.0 s of 10.0 s"), std::string::npos) << told[0];
    EXPECT_NE(told[0].find("from 2.0 s to 4.0 s"), std::string::npos) << told[0];
  }
}

TEST(ClippedLeadsLudb, HundredMillivoltsForFourSecondsIsNoOneLeadRecord) {
  // The tester's second case: all 12 leads at 100 mV from 2 s to 6 s. Before, one lead kept marks
  // and the warning spoke of "its one lead" on a 12-lead record.
  auto annotator = shipped_pair();
  const qrs::Record record = qrs::test::read_ludb(5);
  const qrs::Annotation clean = annotator->annotate(record);
  const qrs::Annotation got =
      annotator->annotate(railed(record, every_lead(record), 2.0, 6.0, 100.0f));
  expect_clean_beats_kept(got, clean, 2.0 * record.fs, 6.0 * record.fs, "LUDB 5 at 100 mV");
  for (const std::string& w : got.warnings)
    EXPECT_EQ(w.find("its one lead"), std::string::npos) << w;
  ASSERT_EQ(limit_warnings(got).size(), 1u);
  EXPECT_NE(limit_warnings(got)[0].find("from 2.0 s to 6.0 s"), std::string::npos);
}

TEST(ClippedLeadsLudb, OneLeadAtItsRailLeavesTheBeatsAndTheOtherLeadsAsTheyWere) {
  // V3 at the negative int16 full scale from 2 s to 4 s; the eleven others clean.
  auto annotator = shipped_pair();
  const qrs::Record record = qrs::test::read_ludb(5);
  const std::size_t v3 = 8;
  ASSERT_EQ(record.leads[v3].name, "v3");
  const qrs::Annotation clean = annotator->annotate(record);
  const qrs::Annotation got = annotator->annotate(railed(record, {v3}, 2.0, 4.0, -163.84f));
  ASSERT_EQ(got.beats.size(), clean.beats.size());
  expect_clean_beats_kept(got, clean, 2.0 * record.fs, 2.0 * record.fs, "LUDB 5, v3 railed");
  for (const qrs::QrsEvent& q : got.leads[v3].qrs)
    EXPECT_TRUE(q.onset < 2.0 * record.fs || q.onset >= 4.0 * record.fs) << q.onset;
  const std::vector<std::string> told = limit_warnings(got);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_TRUE(names_lead(told[0], "v3")) << told[0];
  EXPECT_NE(told[0].find("lead 'v3': 2.0 s of 10.0 s"), std::string::npos) << told[0];
}

// Lead ii of LUDB 5 (upright QRS) as a vector.
std::vector<float> lead_ii() {
  return qrs::test::read_ludb(5).leads[1].samples;
}

TEST(ClippedSamples, ARailIsFoundAtEitherLimit) {
  std::vector<float> x = lead_ii();
  std::fill(x.begin() + 1000, x.begin() + 1500, 5.0f);
  std::fill(x.begin() + 3000, x.begin() + 3400, -5.0f);
  const std::vector<qrs::SampleSpan> found =
      qrs::annotate::clipped_stretches(x.data(), x.size(), 500);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].begin, 1000u);
  EXPECT_EQ(found[0].end, 1500u);
  EXPECT_EQ(found[1].begin, 3000u);
  EXPECT_EQ(found[1].end, 3400u);
}

TEST(ClippedSamples, ClippedRWavesACalibrationPulseAndAFlatLeadAreNoRail) {
  const std::vector<float> ii = lead_ii();
  const float top = *std::max_element(ii.begin(), ii.end());
  // R waves clipped at 60 % of their height: flat tops of tens of ms, not a rail.
  std::vector<float> clipped_r = ii;
  for (float& v : clipped_r) v = std::min(v, 0.6f * top);
  EXPECT_TRUE(qrs::annotate::clipped_stretches(clipped_r.data(), clipped_r.size(), 500).empty());
  // A 200 ms, 1 mV calibration pulse above every sample of the lead.
  std::vector<float> pulse = ii;
  std::fill(pulse.begin() + 100, pulse.begin() + 200, top + 1.0f);
  EXPECT_TRUE(qrs::annotate::clipped_stretches(pulse.data(), pulse.size(), 500).empty());
  // A flat lead, and a flat lead with one glitch.
  std::vector<float> flat(5000, 0.25f);
  EXPECT_TRUE(qrs::annotate::clipped_stretches(flat.data(), flat.size(), 500).empty());
  flat[2500] = 3.0f;
  EXPECT_TRUE(qrs::annotate::clipped_stretches(flat.data(), flat.size(), 500).empty());
}

TEST(ClippedSamples, ACoarselyQuantisedBaselineAtTheLeadsLowestValueIsNoRail) {
  // Lead ii in steps of 0.1 mV with nothing below its baseline: the baseline is the lead's lowest
  // value, held for hundreds of ms between the beats, but the lead lies there.
  std::vector<float> x = lead_ii();
  std::vector<float> sorted = x;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const float baseline = std::round(sorted[sorted.size() / 2] * 10.0f) / 10.0f;
  for (float& v : x) v = std::max(baseline, std::round(v * 10.0f) / 10.0f);
  EXPECT_TRUE(qrs::annotate::clipped_stretches(x.data(), x.size(), 500).empty());
}

}  // namespace
