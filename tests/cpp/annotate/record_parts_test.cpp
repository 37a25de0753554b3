// Long records read part by part (annotate/record_parts.h, Annotator::annotate): the parts'
// layout, where two parts' readings meet, how a part's reading lands in the record's; and, on
// LUDB leads end to end with the shipped model, that a record read in parts is read as it is
// whole. The memory this saves is measured in bench/long_record.py, not here.
#include "annotate/record_parts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "annotate/stretch_reading.h"
#include "annotator.h"
#include "ludb_record.h"

namespace {

using qrs::SampleSpan;
using qrs::annotate::RecordPart;

TEST(RecordParts, PartsOfAWholeNumberOfStepsEachReadWithContext) {
  // An hour of 12 leads at 500 Hz per part, on an 80 s grid (40000 samples), 80 s of context.
  const std::size_t length = qrs::annotate::part_length(21'600'000, 12, 40'000, 40'000);
  EXPECT_EQ(length, 1'800'000u);  // 3600 s: 45 steps
  EXPECT_EQ(qrs::annotate::part_length(21'600'000, 7, 40'000, 40'000), 3'080'000u);  // rounded down
  EXPECT_EQ(qrs::annotate::part_length(1000, 12, 40'000, 80'000), 80'000u);  // at least the context

  // Four hours and a bit: four parts, the last taking the remainder.
  const std::vector<RecordPart> parts =
      qrs::annotate::record_parts(4 * 1'800'000 + 123, 1'800'000, 40'000);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].core.begin, 0u);
  EXPECT_EQ(parts[0].window.begin, 0u);
  EXPECT_EQ(parts[0].window.end, 1'840'000u);
  EXPECT_EQ(parts[1].core.begin, 1'800'000u);
  EXPECT_EQ(parts[1].window.begin, 1'760'000u);
  EXPECT_EQ(parts[3].core.end, 7'200'123u);
  EXPECT_EQ(parts[3].window.end, 7'200'123u);

  // Under two parts: the whole record, one part.
  const std::vector<RecordPart> one = qrs::annotate::record_parts(3'599'999, 1'800'000, 40'000);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].window.end, 3'599'999u);
}

// A reading of `length` samples with beats of 40 samples at `onsets`, marked in one lead.
qrs::Annotation reading_with_beats(std::size_t length, const std::vector<double>& onsets) {
  qrs::Annotation a;
  a.record = "r";
  a.fs = 100;
  a.length = length;
  a.leads.resize(1);
  a.leads[0].name = "ii";
  for (double onset : onsets) {
    qrs::Beat beat;
    beat.onset = beat.first_onset = onset;
    beat.offset = beat.last_offset = onset + 40;
    a.beats.push_back(beat);
    a.leads[0].qrs.push_back({onset, onset + 40, 0.9f, 0.9f});
  }
  return a;
}

TEST(RecordParts, ReadingsMeetBetweenTheBeatsOfBoth) {
  // Part 1 read from 0, part 2 from 800; the cores meet at 1000. Part 1 has a beat at 960-1000,
  // part 2 one at 1080-1120 (record samples): they meet halfway between, at 1040.
  const qrs::Annotation earlier = reading_with_beats(1200, {700, 960});
  const qrs::Annotation later = reading_with_beats(1000, {160, 280, 400});
  EXPECT_EQ(qrs::annotate::meeting_point(earlier, 0, later, 800, 1000, 100), 1040u);
  // No further than `reach` from the edge (a long pause), and at the edge without beats.
  EXPECT_EQ(qrs::annotate::meeting_point(earlier, 0, later, 800, 1000, 20), 1020u);
  EXPECT_EQ(qrs::annotate::meeting_point(reading_with_beats(1200, {}), 0,
                                         reading_with_beats(1000, {}), 800, 1000, 100),
            1000u);
}

TEST(RecordParts, APartGivesTheRecordWhatStartsInItsStretch) {
  qrs::Annotation reading = reading_with_beats(1000, {100, 300, 500});
  reading.leads[0].onset_prob.assign(1000, 0.25f);
  reading.leads[0].offset_prob.assign(1000, 0.5f);
  reading.leads[0].silenced = {{0, 50}, {600, 1000}};
  reading.noise_reader_spans = {{550, 1000}};
  reading.pacing_spikes = {{95, 3}, {495, 3}};
  reading.warnings = {"r (10 s to 20 s): lead 'ii' is flat or holds only noise"};
  reading.leads_disagreeing = 2;

  qrs::Annotation into = qrs::annotate::empty_reading(reading, 3000);
  into.leads[0].silenced = {{1000, 1250}};  // an earlier part's, ending where this one's starts
  // The reading covers record samples [1000, 2000); it gives the record [1250, 1900).
  qrs::annotate::add_part(into, reading, 1000, 1250, 1900);
  ASSERT_EQ(into.beats.size(), 2u);  // those starting at 300 and 500 (record 1300, 1500)
  EXPECT_DOUBLE_EQ(into.beats[0].onset, 1300);
  EXPECT_DOUBLE_EQ(into.beats[1].last_offset, 1540);
  ASSERT_EQ(into.leads[0].qrs.size(), 2u);
  EXPECT_DOUBLE_EQ(into.leads[0].qrs[0].onset, 1300);
  EXPECT_FLOAT_EQ(into.leads[0].onset_prob[1249], 0.f);
  EXPECT_FLOAT_EQ(into.leads[0].onset_prob[1250], 0.25f);
  EXPECT_FLOAT_EQ(into.leads[0].offset_prob[1899], 0.5f);
  EXPECT_FLOAT_EQ(into.leads[0].offset_prob[1900], 0.f);
  // The earlier part's silenced stretch and this one's (0-50 lies before 1250) meet: joined.
  ASSERT_EQ(into.leads[0].silenced.size(), 2u);
  EXPECT_EQ(into.leads[0].silenced[0].begin, 1000u);
  EXPECT_EQ(into.leads[0].silenced[0].end, 1250u);
  EXPECT_EQ(into.leads[0].silenced[1].begin, 1600u);
  EXPECT_EQ(into.leads[0].silenced[1].end, 1900u);
  ASSERT_EQ(into.noise_reader_spans.size(), 1u);
  EXPECT_EQ(into.noise_reader_spans[0].begin, 1550u);
  EXPECT_EQ(into.noise_reader_spans[0].end, 1900u);
  ASSERT_EQ(into.pacing_spikes.size(), 1u);
  EXPECT_EQ(into.pacing_spikes[0].sample, 1495u);
  EXPECT_EQ(into.warnings, reading.warnings);
  EXPECT_EQ(into.leads_disagreeing, 2u);

  // Without curves (keep_probabilities false) the marks land all the same.
  qrs::Annotation bare = qrs::annotate::empty_reading(reading, 3000, false);
  qrs::annotate::add_part(bare, reading, 1000, 1250, 1900);
  EXPECT_TRUE(bare.leads[0].onset_prob.empty());
  EXPECT_EQ(bare.beats.size(), 2u);
}

// LUDB records `first`..`last` end to end (leads i, ii and v1): a record of clean and
// pathological beats alike, some of its leads flat or noisy in places.
qrs::Record ludb_end_to_end(int first, int last) {
  qrs::Record out;
  out.name = "ludb";
  out.fs = 500;
  out.leads.resize(3);
  const char* names[] = {"i", "ii", "v1"};
  for (int r = first; r <= last; ++r) {
    const qrs::Record one = qrs::test::read_ludb(r);
    for (std::size_t l = 0; l < 3; ++l) {
      out.leads[l].name = names[l];
      for (const qrs::Lead& lead : one.leads)
        if (lead.name == names[l])
          out.leads[l].samples.insert(out.leads[l].samples.end(), lead.samples.begin(),
                                      lead.samples.end());
    }
  }
  return out;
}

// The whole reading's, `whole`, and the parts', `parts`, of one record, annotated by the
// shipped model: 160 s parts of 3 leads (80 s of context either side, meeting within 40 s of the
// cores' edges) and the record read whole.
struct TwoReadings {
  qrs::Annotation whole, parts;
};

TwoReadings read_whole_and_in_parts(const qrs::Record& record) {
  qrs::AnnotatorOptions options;
  options.backend = qrs::nn::BackendKind::Builtin;
  options.part_samples = 0;
  TwoReadings out;
  out.whole = qrs::Annotator::from_model_file(qrs::default_model_path(), options)->annotate(record);
  options.part_samples = 3 * 80'000;  // 160 s of 3 leads at 500 Hz
  out.parts = qrs::Annotator::from_model_file(qrs::default_model_path(), options)->annotate(record);
  return out;
}

// The parts' curves are the whole reading's to the last bit (to `curves_within`), though no
// part's reading saw the others' samples, and so are each lead's marks, silenced stretches and
// the beats, but for the rounding of their sub-sample positions (computed from the part's first
// sample, not the record's; to `rounding` samples).
void expect_read_as_whole(const qrs::Annotation& parts, const qrs::Annotation& whole,
                          double rounding = 1e-6, float curves_within = 0) {
  EXPECT_EQ(parts.record, "ludb");
  EXPECT_EQ(parts.length, whole.length);
  EXPECT_EQ(parts.read_by, whole.read_by);
  ASSERT_EQ(parts.beats.size(), whole.beats.size());
  ASSERT_GT(whole.beats.size(), 600u);
  const double kRounding = rounding;
  const auto same_curve = [&](const std::vector<float>& mine, const std::vector<float>& theirs) {
    if (mine.size() != theirs.size()) return false;
    for (std::size_t i = 0; i < mine.size(); ++i)
      if (!(std::abs(mine[i] - theirs[i]) <= curves_within)) return false;
    return true;
  };
  for (std::size_t b = 0; b < whole.beats.size(); ++b) {
    EXPECT_NEAR(parts.beats[b].onset, whole.beats[b].onset, kRounding) << "beat " << b;
    EXPECT_NEAR(parts.beats[b].first_onset, whole.beats[b].first_onset, kRounding) << "beat " << b;
    EXPECT_NEAR(parts.beats[b].last_offset, whole.beats[b].last_offset, kRounding) << "beat " << b;
  }
  ASSERT_EQ(parts.leads.size(), 3u);
  for (std::size_t l = 0; l < 3; ++l) {
    const qrs::LeadAnnotation& mine = parts.leads[l];
    const qrs::LeadAnnotation& theirs = whole.leads[l];
    EXPECT_EQ(mine.name, theirs.name);
    EXPECT_TRUE(same_curve(mine.onset_prob, theirs.onset_prob)) << mine.name;
    EXPECT_TRUE(same_curve(mine.offset_prob, theirs.offset_prob)) << mine.name;
    ASSERT_EQ(mine.qrs.size(), theirs.qrs.size()) << mine.name;
    for (std::size_t q = 0; q < theirs.qrs.size(); ++q) {
      EXPECT_NEAR(mine.qrs[q].onset, theirs.qrs[q].onset, kRounding) << mine.name << " " << q;
      EXPECT_NEAR(mine.qrs[q].offset, theirs.qrs[q].offset, kRounding) << mine.name << " " << q;
    }
    ASSERT_EQ(mine.silenced.size(), theirs.silenced.size()) << mine.name;
    for (std::size_t k = 0; k < theirs.silenced.size(); ++k) {
      EXPECT_EQ(mine.silenced[k].begin, theirs.silenced[k].begin) << mine.name << " " << k;
      EXPECT_EQ(mine.silenced[k].end, theirs.silenced[k].end) << mine.name << " " << k;
    }
  }
}

// 600 s of LUDB in parts of 160 s: [0, 160 s), [160 s, 320 s), [320 s, 600 s).
TEST(RecordParts, ARecordReadInPartsIsReadAsItIsWhole) {
  const qrs::Record record = ludb_end_to_end(1, 60);
  ASSERT_EQ(record.length(), 300'000u);
  const TwoReadings read = read_whole_and_in_parts(record);
  expect_read_as_whole(read.parts, read.whole);
}

// Lead `lead` of `record` without samples from `from_s` to `to_s` (500 Hz).
void drop_samples(qrs::Record& record, std::size_t lead, double from_s, double to_s) {
  for (auto i = static_cast<std::size_t>(from_s * 500); i < static_cast<std::size_t>(to_s * 500); ++i)
    record.leads[lead].samples[i] = std::numeric_limits<float>::quiet_NaN();
}

// Whether `a` has a warning that starts with `start` and holds `part`.
bool has_warning(const qrs::Annotation& a, const std::string& start, const std::string& part) {
  return std::any_of(a.warnings.begin(), a.warnings.end(), [&](const std::string& w) {
    return w.rfind(start, 0) == 0 && w.find(part) != std::string::npos;
  });
}

// How many of `a`'s warnings hold `part`.
std::size_t warnings_with(const qrs::Annotation& a, const std::string& part) {
  return static_cast<std::size_t>(std::count_if(
      a.warnings.begin(), a.warnings.end(),
      [&](const std::string& w) { return w.find(part) != std::string::npos; }));
}

// A stretch without samples across the edge of two parts, inside both parts' windows, is missing
// in both parts' readings as in the whole one: no marks there, silenced from its first sample to
// its last, the beats taken from the other leads; each part tells of the samples it owns.
TEST(RecordParts, AStretchWithoutSamplesAcrossTwoPartsIsMissingAsInTheWholeReading) {
  qrs::Record record = ludb_end_to_end(1, 60);
  drop_samples(record, 1, 150.0, 175.0);  // across 160 s, in the windows [0, 240 s), [80, 400 s)
  const TwoReadings read = read_whole_and_in_parts(record);
  expect_read_as_whole(read.parts, read.whole);
  ASSERT_EQ(read.whole.leads[1].silenced.size(), 1u);
  EXPECT_EQ(read.whole.leads[1].silenced[0].begin, 75'000u);
  EXPECT_EQ(read.whole.leads[1].silenced[0].end, 87'500u);
  for (const qrs::QrsEvent& q : read.parts.leads[1].qrs)
    EXPECT_FALSE(q.offset > 75'000 && q.onset < 87'500) << q.onset;
  EXPECT_TRUE(has_warning(read.whole, "ludb: lead 'ii': 25.0 s of 600.0 s missing",
                          "from 150.0 s to 175.0 s;"));
  EXPECT_TRUE(has_warning(read.parts, "ludb (0 s to 160 s): lead 'ii': 10.0 s of 160.0 s missing",
                          "from 150.0 s to 160.0 s;"));
  EXPECT_TRUE(has_warning(read.parts, "ludb (160 s to 320 s): lead 'ii': 15.0 s of 160.0 s missing",
                          "from 160.0 s to 175.0 s;"));
  EXPECT_EQ(warnings_with(read.parts, "missing (no samples)"), 2u);
}

// A stretch without samples that starts before a part's window: that part's reading holds the
// first sample after it where the whole reading draws a line from the sample before
// (signal/preprocess.h fill_gaps), so for the seconds after the stretch its curves differ in the
// last bits (1.5e-6 in lead v1 and none elsewhere when measured) and the marks by as little; what
// lies in the stretch is missing all the same.
TEST(RecordParts, AStretchWithoutSamplesFromBeforeAPartsWindowDiffersOnlyInTheLastBits) {
  qrs::Record record = ludb_end_to_end(1, 60);
  drop_samples(record, 2, 225.0, 330.0);  // across 320 s, from before the window [240 s, 600 s)
  const TwoReadings read = read_whole_and_in_parts(record);
  expect_read_as_whole(read.parts, read.whole, 1e-4, 1e-5f);
  for (const qrs::QrsEvent& q : read.parts.leads[2].qrs)
    EXPECT_FALSE(q.offset > 112'500 && q.onset < 165'000) << q.onset;
  EXPECT_EQ(warnings_with(read.parts, "missing (no samples)"), 2u);
}

// A part's warnings say which part they speak of, with times from the recording's start: a
// flat stretch of a lead and a stretch without samples are the whole reading's, named for the
// part that found them.
TEST(RecordParts, APartsWarningsNameItAndTheRecordingsTimes) {
  qrs::Record record = ludb_end_to_end(1, 60);
  // Lead v1's electrode off from 400 s to 420 s (ADC noise only).
  for (std::size_t i = 200'000; i < 210'000; ++i)
    record.leads[2].samples[i] = 0.001f * static_cast<float>(i % 3);
  // Lead i without samples from 250 s to 260 s.
  for (std::size_t i = 125'000; i < 130'000; ++i)
    record.leads[0].samples[i] = std::numeric_limits<float>::quiet_NaN();
  qrs::AnnotatorOptions options;
  options.backend = qrs::nn::BackendKind::Builtin;
  options.keep_probabilities = false;
  const auto flat_warning = [](const qrs::Annotation& a, const std::string& label) {
    for (const std::string& w : a.warnings)
      if (w.rfind(label + ": lead 'v1' is flat", 0) == 0)
        return w.substr(label.size(), w.find(" (typical") - label.size());
    return std::string("no such warning");
  };
  options.part_samples = 0;
  const qrs::Annotation whole =
      qrs::Annotator::from_model_file(qrs::default_model_path(), options)->annotate(record);
  options.part_samples = 3 * 80'000;
  const qrs::Annotation parts =
      qrs::Annotator::from_model_file(qrs::default_model_path(), options)->annotate(record);
  const std::string seen = flat_warning(whole, "ludb");
  EXPECT_NE(seen.find("from 40"), std::string::npos) << seen;
  EXPECT_EQ(flat_warning(parts, "ludb (320 s to 600 s)"), seen);
  const std::string missing = "missing (no samples) from 250.0 s to 260.0 s; no QRS marked there";
  EXPECT_TRUE(has_warning(whole, "ludb: lead 'i': 10.0 s of 600.0 s", missing));
  EXPECT_TRUE(has_warning(parts, "ludb (160 s to 320 s): lead 'i': 10.0 s of 160.0 s", missing));
  // Only the part that owns the stretch tells of it, not the next, whose context holds it too.
  EXPECT_EQ(warnings_with(parts, "missing (no samples)"), 1u);
  EXPECT_EQ(warnings_with(parts, "is flat or holds only noise"),
            warnings_with(whole, "is flat or holds only noise"));
  EXPECT_TRUE(parts.leads[2].onset_prob.empty());
  ASSERT_EQ(parts.leads[2].silenced.size(), whole.leads[2].silenced.size());
  EXPECT_EQ(parts.leads[2].silenced[0].begin, whole.leads[2].silenced[0].begin);
  EXPECT_EQ(parts.leads[2].silenced[0].end, whole.leads[2].silenced[0].end);
}

}  // namespace
