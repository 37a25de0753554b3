// A lead's complex that overlaps no beat of a record of three leads or more is dropped.
#include "annotate/lone_complexes.h"

#include <gtest/gtest.h>

namespace {

using qrs::Annotation;
using qrs::Beat;
using qrs::LeadAnnotation;
using qrs::QrsEvent;
using qrs::annotate::drop_lone_complexes;

// 10 s at 500 Hz, beats at 1000 and 3000; every lead marks both, lead 0 also marks `extra`.
Annotation record(std::size_t leads, QrsEvent extra) {
  Annotation a;
  a.fs = 500;
  a.length = 5000;
  a.beats = {Beat{1000, 1050, 1000, 1050}, Beat{3000, 3050, 3000, 3050}};
  for (std::size_t l = 0; l < leads; ++l) {
    LeadAnnotation lead;
    lead.name = "l" + std::to_string(l);
    lead.qrs = {{1002, 1048, 0.9f, 0.9f}, {2998, 3051, 0.9f, 0.9f}};
    if (l == 0) lead.qrs.insert(lead.qrs.begin() + 1, extra);
    a.leads.push_back(lead);
  }
  return a;
}

const QrsEvent kPWave{2000, 2040, 0.6f, 0.6f};  // between the beats, overlapping neither

TEST(LoneComplexes, AComplexBetweenTheBeatsIsDropped) {
  Annotation a = record(3, kPWave);
  EXPECT_EQ(drop_lone_complexes(a, {true, true, true}), 1u);
  ASSERT_EQ(a.leads[0].qrs.size(), 2u);
  EXPECT_DOUBLE_EQ(a.leads[0].qrs[0].onset, 1002);
  EXPECT_DOUBLE_EQ(a.leads[0].qrs[1].onset, 2998);
  EXPECT_EQ(a.leads[1].qrs.size(), 2u);
}

TEST(LoneComplexes, TwoUsableLeadsAreNoMajority) {
  Annotation two = record(2, kPWave);
  EXPECT_EQ(drop_lone_complexes(two, {true, true}), 0u);
  EXPECT_EQ(two.leads[0].qrs.size(), 3u);
  // Three leads, one of them flat (not usable): still only two to stand for the beats.
  Annotation three = record(3, kPWave);
  EXPECT_EQ(drop_lone_complexes(three, {true, false, true}), 0u);
  EXPECT_EQ(three.leads[0].qrs.size(), 3u);
}

TEST(LoneComplexes, ComplexesNearTheRecordsEdgesStay) {
  // Within 250 ms (125 samples) of the first or last sample a beat may be cut off in most leads.
  for (const QrsEvent edge : {QrsEvent{100, 120, 0.7f, 0.7f}, QrsEvent{4900, 4950, 0.7f, 0.7f}}) {
    Annotation a = record(3, edge);
    EXPECT_EQ(drop_lone_complexes(a, {true, true, true}), 0u) << edge.onset;
    EXPECT_EQ(a.leads[0].qrs.size(), 3u) << edge.onset;
  }
  Annotation inside = record(3, QrsEvent{200, 240, 0.7f, 0.7f});
  EXPECT_EQ(drop_lone_complexes(inside, {true, true, true}), 1u);
}

TEST(LoneComplexes, ABeatHalfTheLeadsMarkStays) {
  // The mean curves may miss a real beat whose leads disagree on a wide QRS: when half of the
  // leads or more mark a complex there, it is a beat, and every lead keeps its mark.
  Annotation a = record(4, kPWave);
  a.leads[1].qrs.insert(a.leads[1].qrs.begin() + 1, QrsEvent{2020, 2070, 0.6f, 0.6f});
  EXPECT_EQ(drop_lone_complexes(a, {true, true, true, true}), 0u);
  EXPECT_EQ(a.leads[0].qrs.size(), 3u);
  EXPECT_EQ(a.leads[1].qrs.size(), 3u);
  // One lead of four is less than half: dropped.
  Annotation b = record(4, kPWave);
  EXPECT_EQ(drop_lone_complexes(b, {true, true, true, true}), 1u);
}

TEST(LoneComplexes, OnlyTheLeadsWithASayThereJudgeAComplex) {
  // Four leads, two of them without samples (silenced) over the extra complex: the two left are
  // no majority to stand for the beats there, so it stays, as in a record of those two leads.
  Annotation a = record(4, kPWave);
  for (std::size_t l : {2u, 3u}) a.leads[l].silenced = {{1500, 2500}};
  EXPECT_EQ(drop_lone_complexes(a, {true, true, true, true}), 0u);
  EXPECT_EQ(a.leads[0].qrs.size(), 3u);
  // Five leads, two silenced there: three judge it, one of them marks it: dropped.
  Annotation b = record(5, kPWave);
  for (std::size_t l : {3u, 4u}) b.leads[l].silenced = {{1500, 2500}};
  EXPECT_EQ(drop_lone_complexes(b, {true, true, true, true, true}), 1u);
  // Silenced elsewhere, every lead judges it.
  Annotation c = record(4, kPWave);
  for (std::size_t l : {2u, 3u}) c.leads[l].silenced = {{3500, 4000}};
  EXPECT_EQ(drop_lone_complexes(c, {true, true, true, true}), 1u);
}

TEST(LoneComplexes, ALeadThatMostlyMissesTheBeatsKeepsItsMarks) {
  // When most of a lead's complexes fall between the beats, the beats do not stand for it (that
  // is stray_leads.h's judgement to make): nothing is dropped.
  Annotation a = record(3, kPWave);
  a.leads[0].qrs = {{500, 540, 0.7f, 0.7f}, {1002, 1048, 0.9f, 0.9f}, {2000, 2040, 0.7f, 0.7f}};
  EXPECT_EQ(drop_lone_complexes(a, {true, true, true}), 0u);
  EXPECT_EQ(a.leads[0].qrs.size(), 3u);
}

TEST(LoneComplexes, AComplexTouchingABeatStays) {
  Annotation a = record(3, QrsEvent{1040, 1080, 0.7f, 0.7f});  // overlaps beat 1 by 10 samples
  EXPECT_EQ(drop_lone_complexes(a, {true, true, true}), 0u);
  EXPECT_EQ(a.leads[0].qrs.size(), 3u);
}

}  // namespace
