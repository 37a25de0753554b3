// Each lead's boundaries blended with the beat's boundary plus the lead's convention.
#include "annotate/lead_conventions.h"

#include <gtest/gtest.h>

#include <cmath>

#include "util/error.h"

namespace {

using qrs::Annotation;
using qrs::Beat;
using qrs::LeadAnnotation;
using qrs::QrsEvent;
using qrs::annotate::blend_with_lead_conventions;

// Beats at 100, 600, 1100, ... (onset), 40 samples long.
Annotation record_with_beats(std::size_t count) {
  Annotation a;
  a.fs = 500;
  a.length = 500 * (count + 1);
  for (std::size_t k = 0; k < count; ++k) {
    const double onset = 100.0 + 500.0 * static_cast<double>(k);
    a.beats.push_back(Beat{onset, onset + 40});
  }
  return a;
}

// A lead whose complexes sit `onset_gap` / `offset_gap` samples from each beat's, plus `jitter`
// on beat `odd` (onset and offset alike).
LeadAnnotation lead_near_beats(const Annotation& a, double onset_gap, double offset_gap,
                               std::size_t odd = 99, double jitter = 0) {
  LeadAnnotation lead;
  lead.name = "lead";
  for (std::size_t k = 0; k < a.beats.size(); ++k) {
    const double extra = k == odd ? jitter : 0;
    lead.qrs.push_back(QrsEvent{a.beats[k].onset + onset_gap + extra,
                                a.beats[k].offset + offset_gap + extra, 0.8f, 0.8f});
  }
  return lead;
}

TEST(LeadConventions, PullsAStrayBoundaryHalfwayToTheLeadsHabit) {
  Annotation a = record_with_beats(6);
  a.leads.push_back(lead_near_beats(a, 5, -3, /*odd=*/2, /*jitter=*/8));
  blend_with_lead_conventions(a, 0.5);
  for (std::size_t k = 0; k < 6; ++k) {
    // The habit (median gap) is +5 / -3; beat 2's own marks are 8 samples off it.
    const double expected_shift = k == 2 ? 4 : 0;
    EXPECT_NEAR(a.leads[0].qrs[k].onset, a.beats[k].onset + 5 + expected_shift, 1e-9) << k;
    EXPECT_NEAR(a.leads[0].qrs[k].offset, a.beats[k].offset - 3 + expected_shift, 1e-9) << k;
  }
}

TEST(LeadConventions, WeightZeroAndOneAreTheTwoEstimates) {
  Annotation kept = record_with_beats(5);
  kept.leads.push_back(lead_near_beats(kept, 4, 6, 1, -10));
  const std::vector<QrsEvent> own = kept.leads[0].qrs;
  blend_with_lead_conventions(kept, 0);
  for (std::size_t k = 0; k < own.size(); ++k) EXPECT_EQ(kept.leads[0].qrs[k].onset, own[k].onset);

  Annotation anchored = record_with_beats(5);
  anchored.leads.push_back(lead_near_beats(anchored, 4, 6, 1, -10));
  blend_with_lead_conventions(anchored, 1);
  for (std::size_t k = 0; k < own.size(); ++k) {
    EXPECT_NEAR(anchored.leads[0].qrs[k].onset, anchored.beats[k].onset + 4, 1e-9);
    EXPECT_NEAR(anchored.leads[0].qrs[k].offset, anchored.beats[k].offset + 6, 1e-9);
  }
}

TEST(LeadConventions, EachLeadKeepsItsOwnHabit) {
  Annotation a = record_with_beats(4);
  a.leads.push_back(lead_near_beats(a, -6, 2, 0, 6));
  a.leads.push_back(lead_near_beats(a, 9, 12, 3, -4));
  blend_with_lead_conventions(a, 0.5);
  EXPECT_NEAR(a.leads[0].qrs[0].onset, a.beats[0].onset - 6 + 3, 1e-9);
  EXPECT_NEAR(a.leads[0].qrs[1].onset, a.beats[1].onset - 6, 1e-9);
  EXPECT_NEAR(a.leads[1].qrs[3].offset, a.beats[3].offset + 12 - 2, 1e-9);
  EXPECT_NEAR(a.leads[1].qrs[2].offset, a.beats[2].offset + 12, 1e-9);
}

TEST(LeadConventions, TooFewBeatsLeaveTheLeadAsFound) {
  Annotation a = record_with_beats(2);
  a.leads.push_back(lead_near_beats(a, 3, 3, 1, 7));
  const std::vector<QrsEvent> own = a.leads[0].qrs;
  blend_with_lead_conventions(a, 0.5);
  for (std::size_t k = 0; k < own.size(); ++k) EXPECT_EQ(a.leads[0].qrs[k].onset, own[k].onset);
}

TEST(LeadConventions, ComplexesOffTheBeatsOrSplitAreLeftAlone) {
  Annotation a = record_with_beats(5);
  LeadAnnotation lead = lead_near_beats(a, 2, 2, 0, 10);
  lead.qrs.push_back(QrsEvent{350, 380, 0.5f, 0.5f});  // between beats 0 and 1: no beat
  // Beat 4 split in two complexes: neither is blended.
  lead.qrs[4] = QrsEvent{a.beats[4].onset - 7, a.beats[4].onset + 15, 0.6f, 0.6f};
  lead.qrs.push_back(QrsEvent{a.beats[4].onset + 20, a.beats[4].offset + 9, 0.6f, 0.6f});
  const std::vector<QrsEvent> own = lead.qrs;
  a.leads.push_back(lead);
  blend_with_lead_conventions(a, 0.5);
  const std::vector<QrsEvent>& got = a.leads[0].qrs;
  EXPECT_EQ(got[5].onset, own[5].onset);   // off the beats
  EXPECT_EQ(got[4].onset, own[4].onset);   // split
  EXPECT_EQ(got[6].offset, own[6].offset);
  EXPECT_NEAR(got[0].onset, a.beats[0].onset + 2 + 5, 1e-9);  // 10 off the habit of 2: halfway
  EXPECT_NEAR(got[1].onset, a.beats[1].onset + 2, 1e-9);
}

TEST(LeadConventions, InALongRecordTheHabitIsTheLocalOne) {
  // 60 beats a second apart (onsets at 100 + 500 k samples, 500 Hz); the lead sits 5 samples
  // after the beats for the first half and 5 before for the second (an electrode moved, say),
  // with one stray mark in each half. Each half keeps its own habit: the stray marks are pulled
  // halfway to it, the others stay. One habit for the whole minute would pull half the marks.
  Annotation a = record_with_beats(60);
  LeadAnnotation lead = lead_near_beats(a, 5, 5);
  for (std::size_t k = 30; k < 60; ++k) {
    lead.qrs[k].onset -= 10;
    lead.qrs[k].offset -= 10;
  }
  lead.qrs[10].onset += 8;
  lead.qrs[50].onset += 8;
  a.leads.push_back(lead);
  blend_with_lead_conventions(a, 0.5);
  const std::vector<QrsEvent>& got = a.leads[0].qrs;
  EXPECT_NEAR(got[10].onset, a.beats[10].onset + 5 + 4, 1e-9);
  EXPECT_NEAR(got[50].onset, a.beats[50].onset - 5 + 4, 1e-9);
  for (std::size_t k : {0u, 9u, 11u, 25u}) EXPECT_NEAR(got[k].onset, a.beats[k].onset + 5, 1e-9) << k;
  for (std::size_t k : {36u, 49u, 51u, 59u}) EXPECT_NEAR(got[k].onset, a.beats[k].onset - 5, 1e-9) << k;
}

TEST(LeadConventions, RefusesAWeightOutsideZeroToOne) {
  Annotation a = record_with_beats(3);
  EXPECT_THROW(blend_with_lead_conventions(a, -0.1), qrs::Error);
  EXPECT_THROW(blend_with_lead_conventions(a, 1.5), qrs::Error);
  EXPECT_THROW(blend_with_lead_conventions(a, std::nan("")), qrs::Error);
}

}  // namespace
