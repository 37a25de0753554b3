// Handing noisy stretches of a record to the noise reader (annotate/noise_handover.h).
#include "annotate/noise_handover.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

// `seconds` of beats once a second at fs 100 Hz on two leads; `noisy` seconds have a stray
// complex half a second after their beat in one lead.
qrs::Annotation reading(double seconds, std::vector<std::pair<double, double>> noisy, float mark) {
  qrs::Annotation a;
  a.fs = 100;
  a.length = static_cast<std::size_t>(seconds * a.fs);
  a.leads.resize(2);
  for (qrs::LeadAnnotation& lead : a.leads) {
    lead.onset_prob.assign(a.length, mark);
    lead.offset_prob.assign(a.length, mark);
  }
  for (double t = 0.5; t < seconds; t += 1.0) {
    qrs::Beat beat;
    beat.onset = t * a.fs;
    beat.offset = beat.onset + 8;
    a.beats.push_back(beat);
    for (qrs::LeadAnnotation& lead : a.leads) lead.qrs.push_back({beat.onset, beat.offset});
    for (const auto& [from, to] : noisy)
      if (t >= from && t < to) a.leads[0].qrs.push_back({beat.onset + 50, beat.onset + 58});
  }
  for (qrs::LeadAnnotation& lead : a.leads)
    std::sort(lead.qrs.begin(), lead.qrs.end(),
              [](const qrs::QrsEvent& x, const qrs::QrsEvent& y) { return x.onset < y.onset; });
  return a;
}

TEST(NoiseHandover, AShortRecordIsJudgedWhole) {
  EXPECT_TRUE(qrs::annotate::noisy_stretches(reading(100, {}, 0.f)).empty());
  const std::vector<qrs::SampleSpan> all =
      qrs::annotate::noisy_stretches(reading(100, {{20, 30}}, 0.f));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].begin, 0u);
  EXPECT_EQ(all[0].end, 10000u);
}

TEST(NoiseHandover, ALongRecordHandsOverItsNoisyMinutesBetweenBeats) {
  // Five minutes, noisy from 60 to 180 s: one stretch, its edges in the middle of the gaps
  // between beats (the beats sit at x.5 s and last 80 ms), so no beat is cut.
  const qrs::Annotation first = reading(300, {{60, 180}}, 0.f);
  const std::vector<qrs::SampleSpan> noisy = qrs::annotate::noisy_stretches(first);
  ASSERT_EQ(noisy.size(), 1u);
  EXPECT_EQ(noisy[0].begin, 6004u);  // between the beats at 59.5 s (ends 59.58) and 60.5 s
  EXPECT_EQ(noisy[0].end, 18004u);

  const qrs::Annotation second = reading(300, {}, 1.f);
  const qrs::Annotation spliced = qrs::annotate::splice_readings(first, second, noisy);
  EXPECT_EQ(spliced.beats.size(), first.beats.size());
  EXPECT_EQ(spliced.leads[0].qrs.size(), 300u);        // the noisy minutes' strays replaced
  EXPECT_EQ(spliced.leads[0].onset_prob[5000], 0.f);   // first's curve outside
  EXPECT_EQ(spliced.leads[0].onset_prob[10000], 1.f);  // second's inside
  EXPECT_EQ(spliced.leads[0].onset_prob[20000], 0.f);
}

TEST(NoiseHandover, APartOfALongRecordIsJudgedOnTheRecordingsMinutes) {
  // A part read from 30 s into the recording (annotate/record_parts.h), noisy over the
  // recording's second minute (30 to 90 s into the part): its windows lie on the recording's
  // minutes, so that minute alone is handed over, as in a reading of the whole recording. On the
  // part's own minutes both of its first two would be half noisy and handed over.
  const qrs::Annotation part = reading(300, {{30, 90}}, 0.f);
  const std::vector<qrs::SampleSpan> noisy =
      qrs::annotate::noisy_stretches(part, nullptr, /*first_sample=*/3000);
  ASSERT_EQ(noisy.size(), 1u);
  EXPECT_EQ(noisy[0].begin, 3004u);
  EXPECT_EQ(noisy[0].end, 9004u);
}

TEST(NoiseHandover, SilencedSpansComeFromTheReadingThatOwnsTheirStretch) {
  qrs::Annotation first = reading(300, {{60, 180}}, 0.f);
  qrs::Annotation second = reading(300, {}, 1.f);
  first.leads[1].silenced = {{5000, 7000}};     // half in, half out of the stretch
  second.leads[1].silenced = {{17000, 19000}};  // likewise at its other edge
  const std::vector<qrs::SampleSpan> noisy = {{6004, 18004}};
  const qrs::Annotation spliced = qrs::annotate::splice_readings(first, second, noisy);
  ASSERT_EQ(spliced.leads[1].silenced.size(), 2u);
  EXPECT_EQ(spliced.leads[1].silenced[0].begin, 5000u);
  EXPECT_EQ(spliced.leads[1].silenced[0].end, 6004u);
  EXPECT_EQ(spliced.leads[1].silenced[1].begin, 17000u);
  EXPECT_EQ(spliced.leads[1].silenced[1].end, 18004u);
}

TEST(NoiseHandover, WithASecondReadingTheReadersAgreementJudges) {
  // One lead: its leads always agree, so only the readers can tell. A short record whose second
  // reading finds a beat the first missed is handed over whole; one they agree on is not.
  qrs::Annotation first = reading(30, {}, 0.f);
  first.leads.resize(1);
  const qrs::Annotation same = first;
  EXPECT_TRUE(qrs::annotate::noisy_stretches(first).empty());
  EXPECT_TRUE(qrs::annotate::noisy_stretches(first, &same).empty());
  qrs::Annotation missing = first;
  missing.beats.erase(missing.beats.begin() + 10);  // 29 of 30 agree: 0.967
  const std::vector<qrs::SampleSpan> all = qrs::annotate::noisy_stretches(missing, &first);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].end, first.length);

  // Five minutes where the first reader lost most beats of minutes 2 and 3 (fewer than
  // kMinBeatsToJudge of its own there): the second's count lets them be judged and handed over.
  qrs::Annotation lost = reading(300, {}, 0.f);
  lost.leads.resize(1);
  const qrs::Annotation second = lost;
  lost.beats.erase(std::remove_if(lost.beats.begin(), lost.beats.end(),
                                  [](const qrs::Beat& b) {
                                    return b.onset >= 6000 && b.onset < 18000 &&
                                           static_cast<int>(b.onset) % 1000 != 50;
                                  }),
                   lost.beats.end());
  const std::vector<qrs::SampleSpan> noisy = qrs::annotate::noisy_stretches(lost, &second);
  ASSERT_EQ(noisy.size(), 1u);
  // The edges sit in the gaps of both readings: the first's gap before 180.5 s runs from 170.58
  // s, the second's from 179.58 s.
  EXPECT_EQ(noisy[0].begin, 6004u);
  EXPECT_EQ(noisy[0].end, 18004u);
  const qrs::Annotation spliced = qrs::annotate::splice_readings(lost, second, noisy);
  EXPECT_EQ(spliced.beats.size(), 300u);  // none lost, none read twice
}

}  // namespace
