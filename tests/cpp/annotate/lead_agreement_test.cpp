// The leads' agreement on the beats (annotate/lead_agreement.h).
#include "annotate/lead_agreement.h"

#include <gtest/gtest.h>

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
}

TEST(LeadAgreement, NoBeatsOrNoMarksIsNothingToDisagreeAbout) {
  qrs::Annotation none = three_beats_two_leads();
  none.beats.clear();
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(none), 1.0);
  qrs::Annotation unmarked = three_beats_two_leads();
  for (qrs::LeadAnnotation& lead : unmarked.leads) lead.qrs.clear();
  EXPECT_DOUBLE_EQ(qrs::annotate::lead_agreement(unmarked), 1.0);
}

}  // namespace
