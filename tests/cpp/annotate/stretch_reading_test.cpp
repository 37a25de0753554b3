// Reading only the noisy stretches of a long record (annotate/stretch_reading.h).
#include "annotate/stretch_reading.h"

#include <gtest/gtest.h>

namespace {

using qrs::SampleSpan;

TEST(StretchReading, TheRestartGridMeetsEveryBlockAndThePoolingGrid) {
  // 500 Hz input, a 250 Hz model: 10 s spike blocks are 5000 input samples; 2 s amplitude
  // blocks (500 model samples) and a pooling multiple of 16 meet every 4000 model samples,
  // 8000 input samples. Both meet at 40000 input samples (80 s).
  EXPECT_EQ(qrs::annotate::restart_grid(500, 250, 5000, 4000, 500 * 600), 40000u);
  // 360 Hz input to 250 Hz: 3600-sample blocks; a step maps to whole model samples every 36
  // input samples (25 model samples).
  const std::size_t step = qrs::annotate::restart_grid(360, 250, 3600, 4000, 360 * 600);
  ASSERT_GT(step, 1u);
  EXPECT_EQ(step % 3600, 0u);
  EXPECT_EQ(static_cast<std::size_t>(step * 250.0 / 360.0) % 4000, 0u);
  EXPECT_DOUBLE_EQ(step * 250.0 / 360.0, static_cast<double>(step * 250 / 360));
  // A rate with no such step within the limit: no grid.
  EXPECT_EQ(qrs::annotate::restart_grid(499.7, 250, 4997, 4000, 5000), 1u);
}

TEST(StretchReading, WindowsWidenMoveDownOntoTheGridClampAndMerge) {
  const std::vector<SampleSpan> stretches{{10'000, 16'000}, {19'000, 20'000}, {60'000, 61'000}};
  const auto windows = qrs::annotate::reading_windows(stretches, 62'000, 3'000, 4'000);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].begin, 4'000u);   // 10'000 - 3'000 = 7'000, down to the grid
  EXPECT_EQ(windows[0].end, 23'000u);    // the second stretch's window overlaps: merged
  EXPECT_EQ(windows[1].begin, 56'000u);  // 57'000 down to the grid
  EXPECT_EQ(windows[1].end, 62'000u);    // clamped to the record
  const auto first = qrs::annotate::reading_windows({{1'000, 2'000}}, 62'000, 3'000, 4'000);
  EXPECT_EQ(first[0].begin, 0u);
}

TEST(StretchReading, APieceLandsAtItsOffset) {
  qrs::Annotation like;
  like.record = "r";
  like.fs = 100;
  like.leads.resize(2);
  like.leads[0].name = "ii";
  like.leads[1].name = "v5";
  qrs::Annotation into = qrs::annotate::empty_reading(like, 1000);
  ASSERT_EQ(into.leads[1].onset_prob.size(), 1000u);
  EXPECT_EQ(into.leads[1].name, "v5");

  qrs::Annotation piece = qrs::annotate::empty_reading(like, 200);
  piece.read_by = "reader";
  for (qrs::LeadAnnotation& lead : piece.leads) {
    lead.onset_prob[10] = 0.9f;
    lead.offset_prob[19] = 0.8f;
    lead.qrs.push_back({10, 19, 0.9f, 0.8f});
    lead.silenced.push_back({150, 200});
  }
  qrs::Beat beat;
  beat.onset = beat.first_onset = 10;
  beat.offset = beat.last_offset = 19;
  piece.beats.push_back(beat);
  piece.pacing_spikes.push_back({8, 2});
  piece.warnings.push_back("r: lead 'ii' is flat or holds only noise from 1.5 s to 2.0 s");
  qrs::annotate::place_reading(into, piece, 500);

  EXPECT_EQ(into.read_by, "reader");
  EXPECT_TRUE(into.warnings.empty());  // the piece's times are not the record's
  for (const qrs::LeadAnnotation& lead : into.leads) {
    EXPECT_FLOAT_EQ(lead.onset_prob[510], 0.9f);
    EXPECT_FLOAT_EQ(lead.offset_prob[519], 0.8f);
    EXPECT_FLOAT_EQ(lead.onset_prob[10], 0.0f);
    ASSERT_EQ(lead.qrs.size(), 1u);
    EXPECT_DOUBLE_EQ(lead.qrs[0].onset, 510);
    EXPECT_DOUBLE_EQ(lead.qrs[0].offset, 519);
    ASSERT_EQ(lead.silenced.size(), 1u);
    EXPECT_EQ(lead.silenced[0].begin, 650u);
    EXPECT_EQ(lead.silenced[0].end, 700u);
  }
  ASSERT_EQ(into.beats.size(), 1u);
  EXPECT_DOUBLE_EQ(into.beats[0].first_onset, 510);
  EXPECT_DOUBLE_EQ(into.beats[0].last_offset, 519);
  ASSERT_EQ(into.pacing_spikes.size(), 1u);
  EXPECT_EQ(into.pacing_spikes[0].sample, 508u);

  // A second piece earlier in the record keeps everything in time order.
  qrs::annotate::place_reading(into, piece, 100);
  EXPECT_DOUBLE_EQ(into.beats[0].onset, 110);
  EXPECT_DOUBLE_EQ(into.leads[0].qrs[1].onset, 510);
  EXPECT_EQ(into.pacing_spikes[0].sample, 108u);
}

}  // namespace
