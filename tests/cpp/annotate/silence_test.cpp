// silence_stretch: marks dropped, curves zeroed, and the stretch recorded once however the
// checks that call it overlap (a flat stretch first, then the whole lead as noise).
#include "annotate/silence.h"

#include <gtest/gtest.h>

namespace {

using qrs::LeadAnnotation;
using qrs::QrsEvent;
using qrs::annotate::silence_stretch;

LeadAnnotation lead_with_marks() {
  LeadAnnotation lead;
  lead.onset_prob.assign(1000, 0.5f);
  lead.offset_prob.assign(1000, 0.5f);
  for (double t = 50; t < 1000; t += 200) lead.qrs.push_back(QrsEvent{t, t + 40, 0.9f, 0.9f});
  return lead;
}

TEST(SilenceStretch, DropsMarksZeroesCurvesAndRecordsTheStretch) {
  LeadAnnotation lead = lead_with_marks();
  silence_stretch(lead, 200, 500);
  ASSERT_EQ(lead.qrs.size(), 3u);  // onsets 50, 650, 850 stay; 250 and 450 go
  EXPECT_EQ(lead.qrs[1].onset, 650);
  EXPECT_EQ(lead.onset_prob[199], 0.5f);
  EXPECT_EQ(lead.onset_prob[200], 0.0f);
  EXPECT_EQ(lead.offset_prob[499], 0.0f);
  EXPECT_EQ(lead.offset_prob[500], 0.5f);
  ASSERT_EQ(lead.silenced.size(), 1u);
  EXPECT_EQ(lead.silenced[0].begin, 200u);
  EXPECT_EQ(lead.silenced[0].end, 500u);
}

TEST(SilenceStretch, StretchesStayInOrderAndMergeWhereTheyMeet) {
  LeadAnnotation lead = lead_with_marks();
  silence_stretch(lead, 600, 700);
  silence_stretch(lead, 100, 200);
  silence_stretch(lead, 200, 300);  // touches [100, 200)
  ASSERT_EQ(lead.silenced.size(), 2u);
  EXPECT_EQ(lead.silenced[0].begin, 100u);
  EXPECT_EQ(lead.silenced[0].end, 300u);
  EXPECT_EQ(lead.silenced[1].begin, 600u);
  silence_stretch(lead, 0, 1000);  // then the whole lead
  ASSERT_EQ(lead.silenced.size(), 1u);
  EXPECT_EQ(lead.silenced[0].begin, 0u);
  EXPECT_EQ(lead.silenced[0].end, 1000u);
  EXPECT_TRUE(lead.qrs.empty());
}

}  // namespace
