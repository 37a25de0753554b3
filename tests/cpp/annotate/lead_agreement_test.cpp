// The leads' agreement on the beats (annotate/lead_agreement.h).
#include "annotate/lead_agreement.h"

#include <gtest/gtest.h>

#include <limits>

namespace {

qrs::Annotation three_beats_two_leads() {
  qrs::Annotation a;
  a.fs = 100;
  for (const double at : {100.0, 200.0, 300.0}) {
    qrs::Beat beat;
    beat.onset = at;
    beat.offset = at + 10;
    a.beats.push_back(beat);
  }
  for (const char* name : {"ii", "v5"}) {
    qrs::LeadAnnotation lead;
    lead.name = name;
    for (const qrs::Beat& beat : a.beats) lead.qrs.push_back({beat.onset + 1, beat.offset - 1});
    a.leads.push_back(lead);
  }
  return a;
}

TEST(LeadAgreement, EveryLeadOnEveryBeatIsOne) {
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(three_beats_two_leads()), 1.0);
}

TEST(LeadAgreement, AMissedBeatAndAStrayComplexBothCount) {
  qrs::Annotation missed = three_beats_two_leads();
  missed.leads[1].qrs.pop_back();  // v5 misses beat 3: 5 of 6 pairs marked
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(missed), 5.0 / 6.0);
  qrs::Annotation stray = three_beats_two_leads();
  stray.leads[0].qrs.push_back({150, 160});  // between beats: 6 of 7 complexes on a beat
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(stray), 6.0 / 7.0);
  EXPECT_LT(qrs::annotate::lead_agreement(stray), qrs::annotate::kNoisyAgreement);
}

TEST(LeadAgreement, ASilencedStretchHasNoSay) {
  // v5 flat over beat 3 (no marks there, a silenced span): the other pairs all agree.
  qrs::Annotation flat = three_beats_two_leads();
  flat.leads[1].qrs.pop_back();
  flat.leads[1].silenced = {{295, 320}};
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(flat), 1.0);
  // v5 without samples from inside beat 2's QRS on (a gap that starts at 205): its complex there
  // began before the gap and keeps its mark, but the beat is no pair, so the mark does not count.
  qrs::Annotation gap = three_beats_two_leads();
  gap.leads[1].qrs.pop_back();
  gap.leads[1].silenced = {{205, 320}};
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(gap), 1.0);
}

TEST(LeadAgreement, NoBeatsOrNoMarksIsNothingToDisagreeAbout) {
  qrs::Annotation none = three_beats_two_leads();
  none.beats.clear();
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(none), 1.0);
  qrs::Annotation unmarked = three_beats_two_leads();
  for (qrs::LeadAnnotation& lead : unmarked.leads) lead.qrs.clear();
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(unmarked), 1.0);
}

TEST(LeadAgreement, LeadsWithASayAreTheLeadsThatMarkAComplex) {
  qrs::Annotation a = three_beats_two_leads();
  EXPECT_EQ(qrs::annotate::leads_with_a_say(a), 2u);
  a.leads[1].qrs.clear();  // a flat electrode: silenced throughout
  a.leads[1].silenced = {{0, 1000}};
  EXPECT_EQ(qrs::annotate::leads_with_a_say(a), 1u);
  // One lead always agrees with itself: only the two readers' agreement can judge it.
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(a), 1.0);
}

TEST(ReaderAgreement, MissedAndExtraBeatsOfEitherReadingCount) {
  const double all = std::numeric_limits<double>::infinity();
  const qrs::Annotation a = three_beats_two_leads();
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(a, a, -all, all), 1.0);
  qrs::Annotation missed = a;
  missed.beats.pop_back();  // 3 of a's beats, 2 on one of missed's; both of missed's on a's
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(a, missed, -all, all), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(missed, a, -all, all), 2.0 / 3.0);
  qrs::Annotation shifted = a;
  shifted.beats[1].onset += 20;  // no longer overlapping a's second beat
  shifted.beats[1].offset += 20;
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(a, shifted, -all, all), 2.0 / 3.0);
  // Only the beats starting in the window count; where only one reading has beats, none agree.
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(a, missed, 0, 250), 1.0);
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(a, missed, 250, 400), 0.0);
  EXPECT_DOUBLE_EQ(qrs::annotate::reader_agreement(missed, missed, 250, 400), 1.0);
}

}  // namespace
