// Spikes across leads, paced beats and the paced-onset convention (annotate/pacing.h) on
// hand-made beats and candidates, and end to end through the Annotator with the tiny model
// (tiny_model.h), whose onset curve rises wherever the input is large: a spike that reached the
// network would be marked as a QRS onset.
#include "annotate/pacing.h"

#include <gtest/gtest.h>

#include <cmath>

#include "annotate/beat_extent.h"
#include "annotate/tiny_model.h"
#include "annotator.h"

namespace {

using qrs::annotate::PacedOnset;
using qrs::signal::SpikeCandidate;

constexpr double kFs = 500;

// Beats (response onsets) every 400 samples from 500, 40 samples long; each lead marks each.
qrs::Annotation beats_every_800ms(std::size_t count, std::size_t leads) {
  qrs::Annotation a;
  a.fs = kFs;
  a.length = 500 + 400 * count + 500;
  a.leads.resize(leads);
  for (std::size_t b = 0; b < count; ++b) {
    const double onset = 500.0 + 400.0 * static_cast<double>(b);
    a.beats.push_back({onset, onset + 40, onset, onset + 40});
    for (std::size_t l = 0; l < leads; ++l)
      a.leads[l].qrs.push_back({onset + static_cast<double>(l), onset + 40, 0.9f, 0.9f});
  }
  return a;
}

SpikeCandidate at(std::size_t sample) {
  return {sample, sample + 2, 3.0};
}

TEST(Pacing, SpikesBeforeTheResponsesPaceTheirBeats) {
  qrs::Annotation a = beats_every_800ms(4, 3);
  qrs::annotate::mark_beat_extents(a);
  // Ventricular spikes 15 ms before beats 1 and 3 (seen in two leads, one sample apart), an
  // atrial spike 150 ms before beat 2.
  const std::vector<std::vector<SpikeCandidate>> candidates = {
      {at(892), at(1692)}, {at(893), at(1692), at(1225)}, {}};
  qrs::annotate::mark_pacing(a, candidates, {});
  ASSERT_EQ(a.pacing_spikes.size(), 3u);
  EXPECT_EQ(a.pacing_spikes[0].sample, 892u);
  EXPECT_EQ(a.pacing_spikes[0].leads, 2u);
  EXPECT_EQ(a.pacing_spikes[1].sample, 1225u);
  EXPECT_EQ(a.pacing_spikes[1].leads, 1u);
  EXPECT_FALSE(a.beats[0].paced);
  EXPECT_TRUE(a.beats[1].paced);
  EXPECT_FALSE(a.beats[2].paced);
  EXPECT_TRUE(a.beats[3].paced);
  // The default convention: a paced beat's QRS starts at the spike; each lead keeps its onset.
  EXPECT_EQ(a.beats[1].onset, 892);
  EXPECT_EQ(a.beats[1].first_onset, 892);
  EXPECT_EQ(a.beats[2].onset, 1300);
  EXPECT_EQ(a.leads[0].qrs[1].onset, 900);
}

TEST(Pacing, ResponseConventionLeavesTheOnsets) {
  qrs::Annotation a = beats_every_800ms(3, 2);
  qrs::annotate::mark_beat_extents(a);
  qrs::annotate::EventOptions options;
  options.paced_onset = PacedOnset::Response;
  qrs::annotate::mark_pacing(a, {{at(480), at(880), at(1280)}, {}}, options);
  EXPECT_EQ(a.pacing_spikes.size(), 3u);
  for (const qrs::Beat& beat : a.beats) {
    EXPECT_TRUE(beat.paced);
    EXPECT_EQ(beat.first_onset, beat.onset);
    EXPECT_EQ(std::fmod(beat.onset, 100.0), 0.0);  // still the response onset
  }
}

TEST(Pacing, NoLeadsQrsOfAPacedBeatStartsBeforeItsSpike) {
  // The network, seeing a spike's step, can put a lead's onset on the calm baseline before it
  // (LUDB records 8 and 34, V1-V5). Spikes 8 samples after the response onsets of beats 0 and 2
  // (within the 20 ms a response may precede its spike), 10 before beat 1's.
  for (const PacedOnset convention : {PacedOnset::Spike, PacedOnset::Response}) {
    qrs::Annotation a = beats_every_800ms(3, 3);
    // Lead 2's complex of beat 0 ends before the spike: it is not that beat's paced QRS.
    a.leads[2].qrs[0] = {495, 506, 0.9f, 0.9f};
    qrs::annotate::mark_beat_extents(a);
    qrs::annotate::EventOptions options;
    options.paced_onset = convention;
    qrs::annotate::mark_pacing(a, {{at(508), at(890), at(1308)}, {}, {}}, options);
    ASSERT_EQ(a.pacing_spikes.size(), 3u);
    for (const qrs::Beat& beat : a.beats) ASSERT_TRUE(beat.paced);
    EXPECT_EQ(a.leads[0].qrs[0].onset, 508);  // was 500
    EXPECT_EQ(a.leads[1].qrs[0].onset, 508);  // was 501
    EXPECT_EQ(a.leads[2].qrs[0].onset, 495);
    EXPECT_EQ(a.leads[0].qrs[1].onset, 900);  // after its spike: kept
    EXPECT_EQ(a.leads[1].qrs[1].onset, 901);
    EXPECT_EQ(a.leads[2].qrs[2].onset, 1308);  // was 1302
    // The beats start at their spikes at the earliest, whichever the convention.
    EXPECT_EQ(a.beats[0].onset, 508);
    EXPECT_EQ(a.beats[0].first_onset, 508);
    EXPECT_EQ(a.beats[1].onset, convention == PacedOnset::Spike ? 890 : 900);
    EXPECT_EQ(a.beats[1].first_onset, convention == PacedOnset::Spike ? 890 : 900);
    for (const qrs::Beat& beat : a.beats) EXPECT_LT(beat.first_onset, beat.last_offset);
  }
}

TEST(Pacing, ALoneGlitchIsNotPacing) {
  // One spike-shaped candidate before one beat of four (LUDB's unpaced records 147, 156, 164
  // and 198 hold such glitches), and one between beats: not a paced record.
  qrs::Annotation a = beats_every_800ms(4, 2);
  qrs::annotate::mark_pacing(a, {{at(880), at(1100)}, {at(880)}}, {});
  EXPECT_TRUE(a.pacing_spikes.empty());
  for (const qrs::Beat& beat : a.beats) EXPECT_FALSE(beat.paced);
  // A record of one beat, with its spike, is paced.
  qrs::Annotation one = beats_every_800ms(1, 1);
  qrs::annotate::mark_pacing(one, {{at(485)}}, {});
  EXPECT_EQ(one.pacing_spikes.size(), 1u);
  EXPECT_TRUE(one.beats[0].paced);
  EXPECT_EQ(one.beats[0].onset, 485);
}

TEST(Pacing, SpikesTooEarlyOrTooLateDoNotPace) {
  qrs::Annotation a = beats_every_800ms(3, 1);
  // 90 ms before (an atrial spike with a short AV delay) and 30 ms after the response onset.
  qrs::annotate::mark_pacing(a, {{at(455), at(915), at(1315)}}, {});
  EXPECT_TRUE(a.pacing_spikes.empty());
}

TEST(Pacing, OffMeansNothingReported) {
  qrs::Annotation a = beats_every_800ms(3, 1);
  qrs::annotate::EventOptions options;
  options.detect_pacing = false;
  qrs::annotate::mark_pacing(a, {{at(480), at(880), at(1280)}}, options);
  EXPECT_TRUE(a.pacing_spikes.empty());
  EXPECT_FALSE(a.beats[0].paced);
}

// Two leads of Gaussian bumps (1 mV, sigma 10 ms) at `times` s, and a 3 mV one-sample spike
// 40 ms before each.
qrs::Record paced_bumps(double fs, const std::vector<double>& times) {
  qrs::Record record;
  record.name = "paced";
  record.fs = fs;
  const auto n = static_cast<std::size_t>(6 * fs);
  for (int l = 0; l < 2; ++l) {
    qrs::Lead lead;
    lead.name = "lead" + std::to_string(l);
    lead.samples.assign(n, 0.0f);
    for (std::size_t i = 0; i < n; ++i)
      for (const double t : times) {
        const double d = (static_cast<double>(i) / fs - t) / 0.010;
        lead.samples[i] += static_cast<float>(std::exp(-0.5 * d * d));
      }
    for (const double t : times)
      lead.samples[static_cast<std::size_t>(std::lround((t - 0.04) * fs))] += 3.0f;
    record.leads.push_back(std::move(lead));
  }
  return record;
}

std::unique_ptr<qrs::Annotator> tiny_annotator(bool trained_without_spikes) {
  qrs::test::TinyModelSpec spec;
  if (trained_without_spikes)
    spec.preprocess = R"({"baseline_window_s":1.0,"scale":1.0,"clip":10.0,)"
                      R"("pacing_spikes_removed":1})";
  const std::vector<std::uint8_t> bytes = qrs::test::tiny_model(spec);
  qrs::AnnotatorOptions options;
  options.backend = qrs::nn::BackendKind::Builtin;
  return qrs::Annotator::from_model_bytes(bytes.data(), bytes.size(), options);
}

TEST(Pacing, AModelTrainedWithoutSpikesNeverSeesThem) {
  auto annotator = tiny_annotator(true);
  EXPECT_TRUE(annotator->model_info().preprocess.pacing_spikes_removed);
  const std::vector<double> times = {1.0, 2.0, 3.0, 4.0, 5.0};
  for (const double fs : {250.0, 500.0, 1000.0}) {
    const qrs::Annotation a = annotator->annotate(paced_bumps(fs, times));
    ASSERT_EQ(a.pacing_spikes.size(), times.size()) << fs;
    ASSERT_EQ(a.leads[0].qrs.size(), times.size()) << fs;
    ASSERT_EQ(a.beats.size(), times.size()) << fs;
    for (std::size_t b = 0; b < times.size(); ++b) {
      const double spike_s = times[b] - 0.04;
      EXPECT_NEAR(static_cast<double>(a.pacing_spikes[b].sample) / fs, spike_s, 0.5 / fs);
      EXPECT_EQ(a.pacing_spikes[b].leads, 2u);
      // The lead's onset is the bump (the response); the beat's QRS starts at the spike.
      EXPECT_NEAR(a.leads[0].qrs[b].onset / fs, times[b], 0.002) << fs;
      EXPECT_TRUE(a.beats[b].paced);
      EXPECT_NEAR(a.beats[b].first_onset / fs, spike_s, 0.5 / fs);
      EXPECT_NEAR(a.beats[b].onset / fs, spike_s, 0.5 / fs);
    }
    // Without the spike search the spikes reach the network, which marks them (at the model's
    // own rate, where resampling does not spread them first).
    if (fs != 250) continue;
    qrs::annotate::EventOptions off;
    off.detect_pacing = false;
    const qrs::Annotation raw = annotator->annotate(paced_bumps(fs, times), off);
    EXPECT_TRUE(raw.pacing_spikes.empty());
    ASSERT_FALSE(raw.leads[0].qrs.empty());
    EXPECT_LT(raw.leads[0].qrs[0].onset / fs, times[0] - 0.03) << fs;
  }
}

TEST(Pacing, AModelTrainedWithSpikesSeesThemAndTheyAreStillReported) {
  // The shipped weights (no "pacing_spikes_removed" in the header) learnt paced beats with their
  // spikes: the spikes stay in what the network sees, and are found and reported all the same.
  auto annotator = tiny_annotator(false);
  EXPECT_FALSE(annotator->model_info().preprocess.pacing_spikes_removed);
  const std::vector<double> times = {1.0, 2.0, 3.0, 4.0, 5.0};
  const qrs::Annotation a = annotator->annotate(paced_bumps(250, times));
  ASSERT_EQ(a.pacing_spikes.size(), times.size());
  ASSERT_FALSE(a.leads[0].qrs.empty());
  EXPECT_LT(a.leads[0].qrs[0].onset / 250, times[0] - 0.03);  // the network marked the spike
  for (const qrs::Beat& beat : a.beats) EXPECT_TRUE(beat.paced);
}

}  // namespace
