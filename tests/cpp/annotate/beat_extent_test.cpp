// Each beat's QRS across the leads: the earliest lead onset to the latest lead offset.
#include "annotate/beat_extent.h"

#include <gtest/gtest.h>

namespace {

using qrs::Annotation;
using qrs::Beat;
using qrs::LeadAnnotation;
using qrs::QrsEvent;
using qrs::annotate::mark_beat_extents;

LeadAnnotation lead_with(std::vector<QrsEvent> qrs) {
  LeadAnnotation lead;
  lead.name = "lead";
  lead.qrs = std::move(qrs);
  return lead;
}

// The beat's span across the leads is [first, last].
void expect_span(const Beat& beat, double first, double last) {
  EXPECT_DOUBLE_EQ(beat.first_onset, first);
  EXPECT_DOUBLE_EQ(beat.last_offset, last);
}

Annotation two_beats() {
  Annotation a;
  a.fs = 500;
  a.length = 1000;
  a.beats = {Beat{100, 150, 100, 150}, Beat{600, 650, 600, 650}};
  return a;
}

TEST(BeatExtent, SpansTheEarliestOnsetAndTheLatestOffsetOfTheLeads) {
  Annotation a = two_beats();
  a.leads.push_back(lead_with({{95, 148, 0.9f, 0.9f}, {604, 660, 0.9f, 0.9f}}));
  a.leads.push_back(lead_with({{103, 158, 0.9f, 0.9f}, {598, 652, 0.9f, 0.9f}}));
  mark_beat_extents(a);
  expect_span(a.beats[0], 95, 158);
  expect_span(a.beats[1], 598, 660);
  EXPECT_DOUBLE_EQ(a.beats[0].duration_ms(a.fs), 126);  // 63 samples at 500 Hz
  // The beat's own boundaries (the mean curves') are untouched.
  EXPECT_DOUBLE_EQ(a.beats[0].onset, 100);
  EXPECT_DOUBLE_EQ(a.beats[0].offset, 150);
}

TEST(BeatExtent, NarrowerLeadMarksAlsoSetTheSpan) {
  // The span is the leads' marks even when every lead lies inside the mean curves' boundaries.
  Annotation a = two_beats();
  a.leads.push_back(lead_with({{104, 146, 0.9f, 0.9f}}));
  mark_beat_extents(a);
  expect_span(a.beats[0], 104, 146);
}

TEST(BeatExtent, ABeatNoLeadMarksKeepsItsOwnBoundaries) {
  Annotation a = two_beats();
  a.beats[1].first_onset = a.beats[1].last_offset = -1;  // stale values must not survive
  a.leads.push_back(lead_with({{95, 155, 0.9f, 0.9f}}));
  mark_beat_extents(a);
  expect_span(a.beats[1], 600, 650);
}

TEST(BeatExtent, AComplexBetweenBeatsHasNoSay) {
  Annotation a = two_beats();
  a.leads.push_back(lead_with({{98, 152, 0.9f, 0.9f}, {300, 340, 0.9f, 0.9f}}));
  mark_beat_extents(a);
  expect_span(a.beats[0], 98, 152);
  expect_span(a.beats[1], 600, 650);
}

}  // namespace
