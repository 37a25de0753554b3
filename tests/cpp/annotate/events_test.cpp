// Onset/offset pairing and global beats on synthetic probability curves.
#include "annotate/events.h"

#include <gtest/gtest.h>

#include "annotate/curves.h"
#include "util/error.h"

namespace {

using qrs::annotate::EventOptions;
using qrs::annotate::find_beats;
using qrs::annotate::find_qrs_events;
using qrs::test::Bump;
using qrs::test::bump_curve;

// Beats every `rr` samples starting at `first`, QRS `qrs_len` samples long.
void beat_curves(std::size_t n, double fs, double first, double rr_s, double qrs_ms,
                 std::vector<float>& onset, std::vector<float>& offset, double shift = 0) {
  std::vector<Bump> on, off;
  const double sigma = 0.012 * fs;  // 12 ms wide bumps at any rate
  for (double t = first; t + qrs_ms * fs / 1000 < static_cast<double>(n) - 5; t += rr_s * fs) {
    on.push_back({t + shift, 0.9, sigma});
    off.push_back({t + shift + qrs_ms * fs / 1000, 0.8, sigma});
  }
  onset = bump_curve(n, on);
  offset = bump_curve(n, off);
}

TEST(FindQrsEvents, PairsEachOnsetWithItsOffset) {
  std::vector<float> on, off;
  beat_curves(2500, 250, 100.3, 0.8, 96, on, off);  // 200 samples apart, QRS 24 samples
  const auto events = find_qrs_events(on.data(), off.data(), on.size(), 250);
  ASSERT_EQ(events.size(), 12u);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_NEAR(events[i].onset, 100.3 + 200.0 * i, 0.05);
    EXPECT_NEAR(events[i].offset, 124.3 + 200.0 * i, 0.05);
    EXPECT_NEAR(events[i].duration_ms(250), 96, 0.5);
    EXPECT_NEAR(events[i].onset_prob, 0.9f, 0.01f);
    EXPECT_NEAR(events[i].offset_prob, 0.8f, 0.01f);
  }
}

TEST(FindQrsEvents, SameCurvesInMillisecondsGiveSameEventsAtAnyRate) {
  for (const double fs : {100.0, 250.0, 360.0, 1000.0}) {
    std::vector<float> on, off;
    const auto n = static_cast<std::size_t>(10 * fs);
    beat_curves(n, fs, 0.4 * fs, 0.75, 90, on, off);
    const auto events = find_qrs_events(on.data(), off.data(), n, fs);
    ASSERT_EQ(events.size(), 13u) << fs;
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_NEAR(events[i].onset / fs, 0.4 + 0.75 * i, 0.0005) << fs;
      EXPECT_NEAR(events[i].duration_ms(fs), 90, 1.0) << fs;
    }
  }
}

TEST(FindQrsEvents, DropsOnsetsWithoutAnOffsetInRange) {
  // Beat 1: offset 300 ms after the onset (> max 250 ms). Beat 2: offset 10 ms after (< 30 ms).
  // Beat 3: normal.
  const std::vector<float> on = bump_curve(1000, {{100, 0.9}, {400, 0.9}, {700, 0.9}});
  const std::vector<float> off = bump_curve(1000, {{175, 0.9}, {402.5, 0.9}, {725, 0.9}});
  const auto events = find_qrs_events(on.data(), off.data(), on.size(), 250);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NEAR(events[0].onset, 700, 0.05);
  EXPECT_NEAR(events[0].offset, 725, 0.05);
}

TEST(FindQrsEvents, AnOffsetAfterTheNextOnsetBelongsToThatBeat) {
  // Onsets 60 samples (240 ms) apart; the only offset follows the second: the first onset must
  // not steal it even though it is within 250 ms of the first.
  const std::vector<float> on = bump_curve(400, {{100, 0.9, 2}, {160, 0.9, 2}});
  const std::vector<float> off = bump_curve(400, {{180, 0.9, 2}});
  EventOptions options;
  options.refractory_ms = 100;
  const auto events = find_qrs_events(on.data(), off.data(), on.size(), 250, options);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_NEAR(events[0].onset, 160, 0.05);
}

TEST(FindQrsEvents, ThresholdOptionIsHonoured) {
  const std::vector<float> on = bump_curve(500, {{100, 0.45}, {300, 0.9}});
  const std::vector<float> off = bump_curve(500, {{125, 0.45}, {325, 0.9}});
  EventOptions strict;
  strict.threshold = 0.5f;
  EXPECT_EQ(find_qrs_events(on.data(), off.data(), 500, 250, strict).size(), 1u);
  EventOptions loose;
  loose.threshold = 0.4f;
  EXPECT_EQ(find_qrs_events(on.data(), off.data(), 500, 250, loose).size(), 2u);
}

TEST(FindQrsEvents, RejectsABadRate) {
  const std::vector<float> c(10, 0.0f);
  EXPECT_THROW(find_qrs_events(c.data(), c.data(), c.size(), 0), qrs::Error);
}

qrs::LeadAnnotation lead(const std::string& name, std::vector<float> on, std::vector<float> off) {
  qrs::LeadAnnotation l;
  l.name = name;
  l.onset_prob = std::move(on);
  l.offset_prob = std::move(off);
  return l;
}

TEST(FindBeats, CombinesTheLeadsAndIgnoresOneSilentLead) {
  // Two leads see the beats 2 samples apart (the mean peaks midway); a third lead is flat.
  std::vector<float> on_a, off_a, on_b, off_b;
  beat_curves(2500, 250, 100, 1.0, 100, on_a, off_a, -1.0);
  beat_curves(2500, 250, 100, 1.0, 100, on_b, off_b, +1.0);
  const std::vector<qrs::LeadAnnotation> leads = {
      lead("i", on_a, off_a), lead("ii", on_b, off_b),
      lead("v1", std::vector<float>(2500, 0.0f), std::vector<float>(2500, 0.0f))};
  const auto beats = find_beats(leads, 250);
  ASSERT_EQ(beats.size(), 10u);
  for (std::size_t i = 0; i < beats.size(); ++i) {
    EXPECT_NEAR(beats[i].onset, 100 + 250.0 * i, 0.05);
    EXPECT_NEAR(beats[i].offset, 125 + 250.0 * i, 0.05);
  }
}

TEST(FindBeats, AWideBeatWhoseLeadsDisagreeIsStillABeat) {
  // Five leads put the onset 0, 0, 40, 80 and 120 ms into the beat (a wide, slurred QRS): the
  // mean peaks at 2/5 of a lead's height (onset 0.36, offset 0.32), under the leads' threshold
  // 0.4 but over the beats' 0.3.
  std::vector<qrs::LeadAnnotation> leads;
  for (const double shift : {0.0, 0.0, 10.0, 20.0, 30.0}) {
    std::vector<float> on, off;
    beat_curves(2500, 250, 100, 1.0, 100, on, off, shift);
    leads.push_back(lead("l" + std::to_string(leads.size()), on, off));
  }
  const auto beats = find_beats(leads, 250);
  ASSERT_EQ(beats.size(), 10u);
  for (std::size_t i = 0; i < beats.size(); ++i) {
    EXPECT_NEAR(beats[i].onset, 100 + 250.0 * i, 2.0);
    EXPECT_NEAR(beats[i].offset, 125 + 250.0 * i, 2.0);
  }
}

TEST(FindBeats, ABeatSeenByOnlyOneLeadOfFourIsBelowThreshold) {
  std::vector<float> on, off;
  beat_curves(1000, 250, 100, 1.0, 100, on, off);
  const std::vector<float> zero(1000, 0.0f);
  const std::vector<qrs::LeadAnnotation> leads = {lead("a", on, off), lead("b", zero, zero),
                                                  lead("c", zero, zero), lead("d", zero, zero)};
  EXPECT_TRUE(find_beats(leads, 250).empty());  // mean peak 0.225 < 0.3
  EXPECT_EQ(find_beats({lead("a", on, off)}, 250).size(), 4u);
}

TEST(FindBeats, LeadsNotUsableHaveNoSay) {
  // The same as the usable leads alone: the three flat leads do not dilute the one lead's beats,
  // and a lead left out may even have curves of another length (it is never read).
  std::vector<float> on, off;
  beat_curves(1000, 250, 100, 1.0, 100, on, off);
  const std::vector<float> zero(1000, 0.0f);
  const std::vector<qrs::LeadAnnotation> leads = {
      lead("a", zero, zero), lead("b", on, off), lead("c", zero, zero),
      lead("d", std::vector<float>(7), std::vector<float>(7))};
  const auto alone = find_beats({lead("b", on, off)}, 250);
  const auto masked = find_beats(leads, {false, true, false, false}, 250);
  ASSERT_EQ(masked.size(), alone.size());
  ASSERT_EQ(masked.size(), 4u);
  for (std::size_t i = 0; i < masked.size(); ++i) {
    EXPECT_DOUBLE_EQ(masked[i].onset, alone[i].onset);
    EXPECT_DOUBLE_EQ(masked[i].offset, alone[i].offset);
  }
  EXPECT_TRUE(find_beats(leads, {false, false, false, false}, 250).empty());
  EXPECT_THROW(find_beats(leads, {true, true}, 250), qrs::Error);
}

TEST(FindBeats, WhereLeadsAreSilencedTheLeadsWithASayFindTheBeats) {
  // Three leads see four beats; leads b and c have no samples (silenced, curves zeroed) from
  // sample 500, so there the beats are lead a's alone, not a third of it (whose offset peak, 0.27,
  // is under the beats' threshold 0.3).
  // Where no lead has a say there is no beat.
  std::vector<float> on, off;
  beat_curves(1000, 250, 100, 1.0, 100, on, off);
  std::vector<qrs::LeadAnnotation> leads = {lead("a", on, off), lead("b", on, off),
                                            lead("c", on, off)};
  for (std::size_t l : {1u, 2u}) {
    std::fill(leads[l].onset_prob.begin() + 500, leads[l].onset_prob.end(), 0.0f);
    std::fill(leads[l].offset_prob.begin() + 500, leads[l].offset_prob.end(), 0.0f);
    leads[l].silenced = {{500, 1000}};
  }
  const auto alone = find_beats({lead("a", on, off)}, 250);
  const auto beats = find_beats(leads, 250);
  ASSERT_EQ(alone.size(), 4u);
  ASSERT_EQ(beats.size(), 4u);
  for (std::size_t i = 0; i < beats.size(); ++i) {
    EXPECT_DOUBLE_EQ(beats[i].onset, alone[i].onset);
    EXPECT_DOUBLE_EQ(beats[i].offset, alone[i].offset);
  }
  leads[0].silenced = {{700, 1000}};
  std::fill(leads[0].onset_prob.begin() + 700, leads[0].onset_prob.end(), 0.0f);
  std::fill(leads[0].offset_prob.begin() + 700, leads[0].offset_prob.end(), 0.0f);
  EXPECT_EQ(find_beats(leads, 250).size(), 3u);  // the beat at 850 is in nobody's samples
}

TEST(FindBeats, ABeatRunningIntoAGapIsFoundByTheLeadsThatSeeItWhole) {
  // Leads b and c have no samples from 610, 10 ms into the beat at 600: their curves show no QRS
  // there (the network saw half of it), and within a QRS's length of the gap they have no say;
  // lead a's beat stands. A gap of one sample (a lone invalid sample) takes no more than itself.
  std::vector<float> on, off;
  beat_curves(1000, 250, 100, 1.0, 100, on, off);
  std::vector<float> cut_on = on, cut_off = off;
  std::fill(cut_on.begin() + 560, cut_on.end(), 0.0f);
  std::fill(cut_off.begin() + 560, cut_off.end(), 0.0f);
  std::vector<qrs::LeadAnnotation> leads = {lead("a", on, off), lead("b", cut_on, cut_off),
                                            lead("c", cut_on, cut_off)};
  for (std::size_t l : {1u, 2u}) leads[l].silenced = {{602, 1000}};
  const auto beats = find_beats(leads, 250);
  ASSERT_EQ(beats.size(), 4u);
  EXPECT_NEAR(beats[2].onset, 600, 0.5);
  // Two leads that see no beat, each with a lone invalid sample at 340, just before the beat at
  // 350: they keep their say over it (the mean, a third of lead a's curves, misses it), where a
  // QRS's length around the sample would have left lead a alone to find it.
  const std::vector<float> zero(1000, 0.0f);
  std::vector<qrs::LeadAnnotation> lone = {lead("a", on, off), lead("b", zero, zero),
                                           lead("c", zero, zero)};
  for (std::size_t l : {1u, 2u}) lone[l].silenced = {{340, 341}};
  EXPECT_TRUE(find_beats(lone, 250).empty());
}

TEST(FindBeats, BeatsNextToAGapEveryLeadSharesStay) {
  // Every lead without samples from 520 to 580 (between the segments of a record): the beat at
  // 600, whole in every lead, lies within a QRS's length of the gap, where no lead would have a
  // say but for that margin: there the leads with samples have theirs back.
  std::vector<float> on, off;
  beat_curves(1000, 250, 100, 1.0, 100, on, off);
  std::fill(on.begin() + 520, on.begin() + 580, 0.0f);
  std::fill(off.begin() + 520, off.begin() + 580, 0.0f);
  std::vector<qrs::LeadAnnotation> leads = {lead("a", on, off), lead("b", on, off),
                                            lead("c", on, off)};
  for (qrs::LeadAnnotation& l : leads) l.silenced = {{520, 580}};
  const auto beats = find_beats(leads, 250);
  ASSERT_EQ(beats.size(), 4u);
  EXPECT_NEAR(beats[2].onset, 600, 0.5);
}

TEST(FindBeats, LeadsOfDifferentLengthsAreAnError) {
  EXPECT_TRUE(find_beats({}, 250).empty());
  const std::vector<qrs::LeadAnnotation> leads = {
      lead("i", std::vector<float>(10), std::vector<float>(10)),
      lead("ii", std::vector<float>(11), std::vector<float>(11))};
  EXPECT_THROW(find_beats(leads, 250), qrs::Error);
}

}  // namespace
