// Where some leads have no samples (NaN: a WFDB invalid-sample code, a MIMIC segment without the
// lead, an EDF+D gap), the leads that do record there mark their beats and the record's beats as
// the record of those leads alone would (annotate/silence.h). Real LUDB leads, the shipped
// models as the CLI uses them (first reader and noise reader).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "annotator.h"
#include "ludb_record.h"

namespace {

// How far a mark of the record with missing leads may lie from the same mark of the record of
// the live leads alone (ms), and how many more or fewer marks a lead or the beats may have in the
// stretch.
constexpr double kSameMarkMs = 5.0;
constexpr std::size_t kCountSlack = 1;

std::unique_ptr<qrs::Annotator> shipped_pair() {
  auto annotator = qrs::Annotator::from_model_file(qrs::default_model_path());
  annotator->set_noise_reader(qrs::Annotator::from_model_file(qrs::default_noise_model_path()));
  return annotator;
}

// LUDB `record` played twice (20 s, as the outside tester's files), every lead.
qrs::Record twice(int number) {
  qrs::Record record = qrs::test::read_ludb(number);
  for (qrs::Lead& lead : record.leads) {
    const std::vector<float> once = lead.samples;
    lead.samples.insert(lead.samples.end(), once.begin(), once.end());
  }
  return record;
}

// The record with the leads at `missing` (indices) without samples in [begin, end).
qrs::Record with_missing(qrs::Record record, const std::vector<std::size_t>& missing,
                         std::size_t begin, std::size_t end) {
  for (std::size_t i : missing)
    std::fill(record.leads[i].samples.begin() + static_cast<long>(begin),
              record.leads[i].samples.begin() + static_cast<long>(end),
              std::numeric_limits<float>::quiet_NaN());
  return record;
}

// The record without the leads at `missing`.
qrs::Record without(qrs::Record record, const std::vector<std::size_t>& missing) {
  std::vector<qrs::Lead> kept;
  for (std::size_t i = 0; i < record.leads.size(); ++i)
    if (std::find(missing.begin(), missing.end(), i) == missing.end())
      kept.push_back(record.leads[i]);
  record.leads = kept;
  return record;
}

struct Span {
  double onset, offset;
};

// Marks whose onset lies in [begin, end).
template <class Mark>
std::vector<Span> inside(const std::vector<Mark>& marks, double begin, double end) {
  std::vector<Span> out;
  for (const Mark& m : marks)
    if (m.onset >= begin && m.onset < end) out.push_back({m.onset, m.offset});
  return out;
}

std::vector<Span> beats_inside(const qrs::Annotation& a, double begin, double end) {
  std::vector<Span> out;
  for (const qrs::Beat& b : a.beats)
    if (b.onset >= begin && b.onset < end) out.push_back({b.first_onset, b.last_offset});
  return out;
}

// `got` against `expected` (the same marks of the record of the live leads alone): as many within
// kCountSlack, and each of got's marks within kSameMarkMs of the nearest expected one, at both
// ends.
void expect_same_marks(const std::vector<Span>& got, const std::vector<Span>& expected, double fs,
                       const std::string& what) {
  const auto count_gap = static_cast<std::size_t>(
      std::abs(static_cast<long>(got.size()) - static_cast<long>(expected.size())));
  EXPECT_LE(count_gap, kCountSlack) << what << ": " << got.size() << " marks, alone "
                                    << expected.size();
  ASSERT_FALSE(expected.empty()) << what;
  double worst = 0;
  std::size_t matched = 0;
  for (const Span& g : got) {
    const auto nearest = std::min_element(
        expected.begin(), expected.end(), [&](const Span& a, const Span& b) {
          return std::abs(a.onset - g.onset) < std::abs(b.onset - g.onset);
        });
    const double onset_ms = std::abs(nearest->onset - g.onset) * 1000.0 / fs;
    if (onset_ms > 150) continue;  // another beat: counted above
    ++matched;
    worst = std::max({worst, onset_ms, std::abs(nearest->offset - g.offset) * 1000.0 / fs});
  }
  EXPECT_GE(matched + kCountSlack, expected.size()) << what;
  EXPECT_LE(worst, kSameMarkMs) << what;
}

// Annotates `record` with the leads at `missing` without samples in [begin, end) and the record
// of the other leads alone, and compares the live leads' marks and the beats in that stretch.
void expect_live_leads_as_alone(int number, const qrs::Record& record,
                                const std::vector<std::size_t>& missing, std::size_t begin,
                                std::size_t end) {
  auto annotator = shipped_pair();
  const qrs::Annotation gappy = annotator->annotate(with_missing(record, missing, begin, end));
  const qrs::Annotation alone = annotator->annotate(without(record, missing));
  const std::string label = "LUDB " + std::to_string(number) + ", " +
                            std::to_string(missing.size()) + " of " +
                            std::to_string(record.leads.size()) + " leads missing";
  // Missing leads are no disagreement: the noise reader takes over where it would for the live
  // leads alone (on these clean records, nowhere).
  EXPECT_EQ(gappy.noise_reader_spans.size(), alone.noise_reader_spans.size()) << label;
  const auto from = static_cast<double>(begin), to = static_cast<double>(end);
  std::size_t live = 0;
  for (std::size_t i = 0; i < record.leads.size(); ++i) {
    const std::vector<qrs::QrsEvent>& qrs = gappy.leads[i].qrs;
    if (std::find(missing.begin(), missing.end(), i) != missing.end()) {
      EXPECT_TRUE(inside(qrs, from, to).empty()) << label << ": a missing lead marks a QRS";
      continue;
    }
    expect_same_marks(inside(qrs, from, to), inside(alone.leads[live].qrs, from, to), record.fs,
                      label + ", lead " + record.leads[i].name);
    ++live;
  }
  expect_same_marks(beats_inside(gappy, from, to), beats_inside(alone, from, to), record.fs,
                    label + ", beats");
}

std::vector<std::size_t> last_leads(std::size_t count, std::size_t of) {
  std::vector<std::size_t> out;
  for (std::size_t i = of - count; i < of; ++i) out.push_back(i);
  return out;
}

TEST(MissingLeadsLudb, TheLeadsThatRecordKeepTheirBeatsWhereHalfOrMoreHaveNoSamples) {
  // 12 leads, the last 6, 9 or 11 without samples in the second half: the outside tester found
  // 6 of 10 beats left there with 6, none with 9 or 11, and lead i's own marks halved.
  for (const int number : {10, 1, 60}) {
    const qrs::Record record = twice(number);
    ASSERT_EQ(record.leads.size(), 12u);
    const std::size_t n = record.length();
    for (const std::size_t count : {6u, 9u, 11u})
      expect_live_leads_as_alone(number, record, last_leads(count, 12), n / 2, n);
  }
}

TEST(MissingLeadsLudb, TwoOfThreeLeadsWithoutSamplesLeaveTheThirdItsBeats) {
  // Leads II, V1 and aVR; V1 and aVR without samples for the last 10 s or the last 18 s of 20 (the
  // tester's records: II kept 10 of 20 marks, or kept 20 but the beats were 2).
  for (const int number : {10, 1}) {
    const qrs::Record twelve = twice(number);
    qrs::Record record = twelve;
    record.leads = {twelve.leads[1], twelve.leads[6], twelve.leads[3]};
    const std::size_t n = record.length();
    expect_live_leads_as_alone(number, record, {1, 2}, n / 2, n);
    expect_live_leads_as_alone(number, record, {1, 2}, n / 10, n);
  }
}

TEST(MissingLeadsLudb, WhereOneLeadAloneRecordsItReadsAsARecordOfThatLead) {
  // Every lead but II without samples from 6 s to 16 s: there II's marks and the beats are those
  // of the record of lead II alone (a one-lead record, read by both models).
  const qrs::Record record = twice(10);
  const double fs = record.fs;
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < record.leads.size(); ++i)
    if (i != 1) others.push_back(i);
  const auto begin = static_cast<std::size_t>(6 * fs), end = static_cast<std::size_t>(16 * fs);
  expect_live_leads_as_alone(10, record, others, begin, end);
}

TEST(MissingLeadsLudb, WhereNoLeadHasSamplesThereIsNoBeat) {
  // A gap between the segments of a multi-segment record: every lead without samples there.
  const qrs::Record record = twice(10);
  std::vector<std::size_t> all;
  for (std::size_t i = 0; i < record.leads.size(); ++i) all.push_back(i);
  const std::size_t n = record.length();
  auto annotator = shipped_pair();
  const qrs::Annotation a = annotator->annotate(with_missing(record, all, n / 4, n / 2));
  const auto from = static_cast<double>(n / 4), to = static_cast<double>(n / 2);
  EXPECT_TRUE(beats_inside(a, from, to).empty());
  for (const qrs::LeadAnnotation& lead : a.leads) EXPECT_TRUE(inside(lead.qrs, from, to).empty());
  // Outside the gap the beats are those of the whole record.
  const qrs::Annotation whole = annotator->annotate(record);
  EXPECT_GE(a.beats.size() + 1, beats_inside(whole, 0, from - 0.3 * record.fs).size() +
                                    beats_inside(whole, to + 0.3 * record.fs, n).size());
}

}  // namespace
