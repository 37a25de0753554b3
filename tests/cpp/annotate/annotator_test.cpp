// The Annotator facade on a tiny model whose outputs are known in closed form (tiny_model.h):
// events must land where the input's bumps are, at any input rate, in input samples; outputs
// are found by name; bad records and unsuitable models are readable errors.
#include "annotator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "annotate/tiny_model.h"

namespace {

constexpr double kDelayS = 20 / 250.0;  // the tiny model's offset delay

// A record with `leads` identical leads of Gaussian bumps (1 mV, sigma 10 ms) at `times` seconds.
qrs::Record bump_record(double fs, double seconds, const std::vector<double>& times,
                        int leads = 2) {
  qrs::Record record;
  record.name = "bumps";
  record.fs = fs;
  const auto n = static_cast<std::size_t>(seconds * fs);
  for (int l = 0; l < leads; ++l) {
    qrs::Lead lead;
    lead.name = "lead" + std::to_string(l);
    lead.samples.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      double v = 0;
      for (double t : times) {
        const double d = (static_cast<double>(i) / fs - t) / 0.010;
        v += std::exp(-0.5 * d * d);
      }
      lead.samples[i] = static_cast<float>(v);
    }
    record.leads.push_back(std::move(lead));
  }
  return record;
}

std::unique_ptr<qrs::Annotator> tiny_annotator(qrs::AnnotatorOptions options = {}) {
  const std::vector<std::uint8_t> bytes = qrs::test::tiny_model();
  options.backend = qrs::nn::BackendKind::Builtin;
  return qrs::Annotator::from_model_bytes(bytes.data(), bytes.size(), options);
}

// The tiny model with the given header "preprocess" (e.g. the amplitude normalisation).
std::unique_ptr<qrs::Annotator> annotator_with_preprocess(const std::string& preprocess) {
  qrs::test::TinyModelSpec spec;
  spec.preprocess = preprocess;
  const std::vector<std::uint8_t> bytes = qrs::test::tiny_model(spec);
  qrs::AnnotatorOptions options;
  options.backend = qrs::nn::BackendKind::Builtin;
  return qrs::Annotator::from_model_bytes(bytes.data(), bytes.size(), options);
}

TEST(Annotator, EventsLandOnTheBumpsAtAnyInputRate) {
  const std::vector<double> times = {1.0, 1.8, 2.65, 3.5, 4.3};
  auto annotator = tiny_annotator();
  EXPECT_DOUBLE_EQ(annotator->model_info().sample_rate_hz, 250);
  for (const double fs : {500.0, 360.0, 250.0, 128.0, 1000.0}) {
    const qrs::Annotation a = annotator->annotate(bump_record(fs, 5.5, times));
    EXPECT_EQ(a.record, "bumps");
    EXPECT_EQ(a.fs, fs);
    ASSERT_EQ(a.leads.size(), 2u);
    EXPECT_EQ(a.leads[0].name, "lead0");
    EXPECT_EQ(a.leads[0].onset_prob.size(), a.length);
    ASSERT_EQ(a.leads[0].qrs.size(), times.size()) << fs;
    ASSERT_EQ(a.beats.size(), times.size()) << fs;
    for (std::size_t i = 0; i < times.size(); ++i) {
      const qrs::QrsEvent& e = a.leads[0].qrs[i];
      // Input samples, not model samples. Half a millisecond covers baseline-slope shifts; at
      // 128 Hz a 10 ms bump spans barely three samples, so allow 0.15 sample there.
      const double tolerance_s = std::max(0.0005, 0.15 / fs);
      EXPECT_NEAR(e.onset / fs, times[i], tolerance_s) << fs;
      EXPECT_NEAR(e.offset / fs, times[i] + kDelayS, tolerance_s) << fs;
      EXPECT_GT(e.onset_prob, 0.9f);
      EXPECT_NEAR(a.beats[i].onset, e.onset, 1e-6);
    }
  }
}

TEST(Annotator, CanDropTheProbabilityCurvesButKeepsTheBeats) {
  qrs::AnnotatorOptions options;
  options.keep_probabilities = false;
  auto annotator = tiny_annotator(options);
  const qrs::Annotation a = annotator->annotate(bump_record(500, 3, {1.0, 2.0}));
  EXPECT_TRUE(a.leads[0].onset_prob.empty());
  EXPECT_EQ(a.leads[0].qrs.size(), 2u);
  EXPECT_EQ(a.beats.size(), 2u);
}

TEST(Annotator, ThreadsGiveTheSameResultInLeadOrder) {
  // Five leads whose bumps differ, so a lead landing in the wrong slot would show.
  qrs::Record record;
  record.name = "threads";
  record.fs = 500;
  for (int l = 0; l < 5; ++l) {
    qrs::Record one = bump_record(500, 4, {0.8 + 0.1 * l, 2.0 + 0.05 * l}, 1);
    one.leads[0].name = "L" + std::to_string(l);
    record.leads.push_back(one.leads[0]);
  }
  const qrs::Annotation serial = tiny_annotator()->annotate(record);
  qrs::AnnotatorOptions options;
  options.threads = 3;
  const qrs::Annotation parallel = tiny_annotator(options)->annotate(record);
  ASSERT_EQ(parallel.leads.size(), serial.leads.size());
  for (std::size_t l = 0; l < serial.leads.size(); ++l) {
    EXPECT_EQ(parallel.leads[l].name, "L" + std::to_string(l));
    EXPECT_EQ(parallel.leads[l].onset_prob, serial.leads[l].onset_prob);
    EXPECT_EQ(parallel.leads[l].offset_prob, serial.leads[l].offset_prob);
    ASSERT_EQ(parallel.leads[l].qrs.size(), 2u);
    EXPECT_EQ(parallel.leads[l].qrs[0].onset, serial.leads[l].qrs[0].onset);
    EXPECT_NEAR(parallel.leads[l].qrs[0].onset / 500, 0.8 + 0.1 * l, 0.001);
  }
  ASSERT_EQ(parallel.beats.size(), serial.beats.size());
  for (std::size_t b = 0; b < serial.beats.size(); ++b)
    EXPECT_EQ(parallel.beats[b].onset, serial.beats[b].onset);
}

TEST(Annotator, OneLeadSplitOverThreadsGivesTheSameResult) {
  // One lead cannot be spread over threads; XNNPACK splits each of its layers instead.
  const qrs::Record record = bump_record(500, 30, {0.8, 2.0}, 1);
  const std::vector<std::uint8_t> bytes = qrs::test::tiny_model();
  qrs::AnnotatorOptions options;
  options.backend = qrs::nn::BackendKind::Xnnpack;
  const auto annotate = [&] {
    return qrs::Annotator::from_model_bytes(bytes.data(), bytes.size(), options)->annotate(record);
  };
  const qrs::Annotation serial = annotate();
  options.threads = 3;
  const qrs::Annotation split = annotate();
  ASSERT_EQ(split.leads.size(), 1u);
  EXPECT_EQ(split.leads[0].onset_prob, serial.leads[0].onset_prob);
  EXPECT_EQ(split.leads[0].offset_prob, serial.leads[0].offset_prob);
  EXPECT_EQ(split.beats.size(), serial.beats.size());
}

TEST(Annotator, AFlatLeadKeepsNoMarksAndSaysSo) {
  // The tiny model with amplitude normalisation (a floor far below the leads): every lead reaches
  // it at the same size, so a lead of 1/50 the others' size would be marked like them, its noise
  // blown up. It is flagged instead; one of 1/5 the size is an ordinary small lead.
  auto annotator = annotator_with_preprocess(
      R"({"baseline_window_s":1.0,"amplitude_window_s":2.0,"amplitude_floor":1e-6,)"
      R"("scale":1.0,"clip":10.0})");
  const std::vector<double> times = {1.0, 1.8, 2.65, 3.5, 4.3};
  for (const float small : {0.02f, 0.2f}) {
    qrs::Record record = bump_record(500, 5.5, times, 4);
    for (float& v : record.leads[3].samples) v *= small;
    const qrs::Annotation a = annotator->annotate(record);
    ASSERT_EQ(a.leads.size(), 4u);
    for (int l = 0; l < 3; ++l) EXPECT_EQ(a.leads[l].qrs.size(), times.size()) << small;
    EXPECT_EQ(a.beats.size(), times.size()) << small;
    const qrs::LeadAnnotation& lead = a.leads[3];
    if (small == 0.2f) {
      EXPECT_EQ(lead.qrs.size(), times.size());
      EXPECT_TRUE(a.warnings.empty());
      EXPECT_TRUE(lead.silenced.empty());
      continue;
    }
    EXPECT_TRUE(lead.qrs.empty());
    ASSERT_EQ(lead.silenced.size(), 1u);
    EXPECT_EQ(lead.silenced[0].begin, 0u);
    EXPECT_EQ(lead.silenced[0].end, a.length);
    for (int l = 0; l < 3; ++l) EXPECT_TRUE(a.leads[l].silenced.empty());
    EXPECT_EQ(*std::max_element(lead.onset_prob.begin(), lead.onset_prob.end()), 0.0f);
    EXPECT_EQ(lead.onset_prob.size(), a.length);
    ASSERT_EQ(a.warnings.size(), 1u);
    EXPECT_NE(a.warnings[0].find("bumps: lead 'lead3' is flat or holds only noise"),
              std::string::npos) << a.warnings[0];
  }
  // Two leads (a Holter recorder with an electrode off): no majority, so the larger lead is the
  // reference. A lead of 1/50 its size is silenced and has no say in the beats; one of 1/5 is
  // marked. One lead has nothing to be compared with.
  for (const float small : {0.02f, 0.2f}) {
    qrs::Record two = bump_record(500, 5.5, times, 2);
    for (float& v : two.leads[1].samples) v *= small;
    const qrs::Annotation a = annotator->annotate(two);
    EXPECT_EQ(a.leads[0].qrs.size(), times.size());
    EXPECT_EQ(a.beats.size(), times.size());
    EXPECT_EQ(a.leads[1].qrs.size(), small == 0.2f ? times.size() : 0u) << small;
    EXPECT_EQ(a.leads[1].silenced.size(), small == 0.2f ? 0u : 1u) << small;
    if (small == 0.02f) {
      ASSERT_EQ(a.warnings.size(), 1u);
      EXPECT_NE(a.warnings[0].find("lead 'lead1' is flat or holds only noise"), std::string::npos);
      EXPECT_NE(a.warnings[0].find("for the record's other lead"), std::string::npos);
    }
  }
  qrs::Record one = bump_record(500, 5.5, times, 1);
  for (float& v : one.leads[0].samples) v *= 0.02f;
  EXPECT_EQ(annotator->annotate(one).leads[0].qrs.size(), times.size());
}

TEST(Annotator, ADisconnectedChannelOfATwoLeadRecordNeitherHidesBeatsNorFlattensTheRecord) {
  // A two-channel recorder with one channel all zeros: the zeros are silenced and left out of the
  // beats (their curves would halve the leads' mean curve), and the record is not called flat.
  auto annotator = annotator_with_preprocess(
      R"({"baseline_window_s":1.0,"amplitude_window_s":2.0,"amplitude_floor":0.05,)"
      R"("scale":1.0,"clip":10.0})");
  const std::vector<double> times = {1.0, 1.8, 2.65, 3.5, 4.3};
  qrs::Record two = bump_record(500, 5.5, times, 2);
  std::fill(two.leads[1].samples.begin(), two.leads[1].samples.end(), 0.0f);
  const qrs::Annotation a = annotator->annotate(two);
  EXPECT_EQ(a.beats.size(), times.size());
  EXPECT_TRUE(a.leads[1].qrs.empty());
  ASSERT_EQ(a.leads[1].silenced.size(), 1u);
  ASSERT_EQ(a.warnings.size(), 1u) << a.warnings.back();
  EXPECT_NE(a.warnings[0].find("lead 'lead1' is flat"), std::string::npos) << a.warnings[0];
  // Both channels flat: that is what the record is.
  std::fill(two.leads[0].samples.begin(), two.leads[0].samples.end(), 0.0f);
  const qrs::Annotation flat = annotator->annotate(two);
  EXPECT_TRUE(std::any_of(flat.warnings.begin(), flat.warnings.end(), [](const std::string& w) {
    return w.find("the leads are flat (no signal)") != std::string::npos;
  }));
}

// The tiny model with a 4 s amplitude context either side of each 2 s block, as the shipped model
// sizes a lead.
std::unique_ptr<qrs::Annotator> annotator_with_amplitude_context() {
  return annotator_with_preprocess(
      R"({"baseline_window_s":1.0,"amplitude_window_s":2.0,"amplitude_context_s":4.0,)"
      R"("amplitude_floor":1e-6,"scale":1.0,"clip":10.0})");
}

// A bump every 0.8 s from 0.9 s on, for a minute.
std::vector<double> a_minute_of_beats() {
  std::vector<double> times;
  for (double t = 0.9; t < 59.5; t += 0.8) times.push_back(t);
  return times;
}

// `leads` leads of those bumps at 500 Hz.
qrs::Record a_minute_of_bumps(std::size_t leads) {
  return bump_record(500, 60, a_minute_of_beats(), leads);
}

// Lead `lead` of a 500 Hz record multiplied by `factor` from `from_s` to `to_s`.
void scale_stretch(qrs::Record& record, std::size_t lead, int from_s, int to_s, float factor) {
  for (std::size_t i = from_s * 500; i < static_cast<std::size_t>(to_s) * 500; ++i)
    record.leads[lead].samples[i] *= factor;
}

TEST(Annotator, ALooseStretchOfALongLeadKeepsNoMarks) {
  // 60 s, four leads; lead 3 at 1/50 from 20 s to 40 s (an electrode that came loose). The
  // amplitude context (2 s blocks, 4 s each side) sizes that stretch on its own, so the net would
  // mark it at full size; it is silenced instead, and the rest of the lead keeps its marks.
  const std::vector<double> times = a_minute_of_beats();
  qrs::Record record = a_minute_of_bumps(4);
  scale_stretch(record, 3, 20, 40, 0.02f);
  const qrs::Annotation a = annotator_with_amplitude_context()->annotate(record);
  EXPECT_EQ(a.beats.size(), times.size());
  EXPECT_EQ(a.leads[0].qrs.size(), times.size());
  const qrs::LeadAnnotation& loose = a.leads[3];
  std::size_t outside = 0;
  for (double t : times) outside += (t < 20 || t >= 40) ? 1 : 0;
  EXPECT_EQ(loose.qrs.size(), outside);
  for (const qrs::QrsEvent& q : loose.qrs) EXPECT_FALSE(q.onset >= 20 * 500 && q.onset < 40 * 500);
  EXPECT_EQ(*std::max_element(loose.onset_prob.begin() + 20 * 500,
                              loose.onset_prob.begin() + 40 * 500), 0.0f);
  EXPECT_GT(*std::max_element(loose.onset_prob.begin(), loose.onset_prob.begin() + 20 * 500), 0.5f);
  ASSERT_EQ(loose.silenced.size(), 1u);
  EXPECT_EQ(loose.silenced[0].begin, 20u * 500);
  EXPECT_EQ(loose.silenced[0].end, 40u * 500);
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_NE(a.warnings[0].find("lead 'lead3' is flat or holds only noise from 20.0 s to 40.0 s"),
            std::string::npos) << a.warnings[0];
}

// Lead `lead` of a 500 Hz record without samples (NaN) from `from_s` to `to_s`.
void drop_stretch(qrs::Record& record, std::size_t lead, double from_s, double to_s) {
  const auto from = static_cast<std::size_t>(from_s * 500), to = static_cast<std::size_t>(to_s * 500);
  for (std::size_t i = from; i < to; ++i) record.leads[lead].samples[i] = NAN;
}

bool any_warning(const qrs::Annotation& a, const std::string& part) {
  return std::any_of(a.warnings.begin(), a.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

TEST(Annotator, ALeadWithoutSamplesForAWhileIsMissingThereNotFlat) {
  // 60 s, four leads; lead 2 without samples from 10 s to 22 s (absent from one segment of a
  // multi-segment record), lead 3 from 30.3 s to 31.1 s, off the 2 s blocks' grid. The bridge
  // across each gap is a straight line, flat; what is said is that the samples are missing.
  const std::vector<double> times = a_minute_of_beats();
  qrs::Record record = a_minute_of_bumps(4);
  drop_stretch(record, 2, 10, 22);
  drop_stretch(record, 3, 30.3, 31.1);
  const qrs::Annotation a = annotator_with_amplitude_context()->annotate(record);
  EXPECT_FALSE(any_warning(a, "flat")) << a.warnings.front();
  EXPECT_EQ(a.beats.size(), times.size());
  ASSERT_EQ(a.warnings.size(), 2u);
  EXPECT_EQ(a.warnings[0], "bumps: lead 'lead2': 12.0 s of 60.0 s missing (no samples) from "
                           "10.0 s to 22.0 s; no QRS marked there");
  EXPECT_EQ(a.warnings[1], "bumps: lead 'lead3': 0.8 s of 60.0 s missing (no samples) from "
                           "30.3 s to 31.1 s; no QRS marked there");
  const qrs::LeadAnnotation& gap = a.leads[2];
  ASSERT_EQ(gap.silenced.size(), 1u);
  EXPECT_EQ(gap.silenced[0].begin, 10u * 500);
  EXPECT_EQ(gap.silenced[0].end, 22u * 500);
  std::size_t outside = 0;
  for (double t : times) outside += (t < 10 || t >= 22) ? 1 : 0;
  EXPECT_EQ(gap.qrs.size(), outside);
  for (const qrs::QrsEvent& q : gap.qrs) EXPECT_FALSE(q.onset >= 10 * 500 && q.onset < 22 * 500);
}

TEST(Annotator, LeadsWithoutSamplesAreNamedOnceAndHaveNoSayInTheBeats) {
  // Two leads of three share a gap (a segment without them): one warning names both. Of two
  // leads, one without a single sample: it says so, is not called flat and is left out of the
  // beats; with no sample anywhere the record is not called flat either.
  qrs::Record three = a_minute_of_bumps(3);
  drop_stretch(three, 1, 20, 40);
  drop_stretch(three, 2, 20, 40);
  const qrs::Annotation a = annotator_with_amplitude_context()->annotate(three);
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_EQ(a.warnings[0], "bumps: leads 'lead1', 'lead2': 20.0 s of 60.0 s missing (no "
                           "samples) from 20.0 s to 40.0 s; no QRS marked there");
  EXPECT_EQ(a.beats.size(), a_minute_of_beats().size());

  qrs::Record two = a_minute_of_bumps(2);
  drop_stretch(two, 1, 0, 60);
  const qrs::Annotation b = annotator_with_amplitude_context()->annotate(two);
  ASSERT_EQ(b.warnings.size(), 1u) << b.warnings.back();
  EXPECT_EQ(b.warnings[0], "bumps: lead 'lead1' has no samples (every sample is missing): no QRS "
                           "marked in it");
  EXPECT_TRUE(b.leads[1].qrs.empty());
  EXPECT_EQ(b.beats.size(), a_minute_of_beats().size());

  drop_stretch(two, 0, 0, 60);
  const qrs::Annotation none = annotator_with_amplitude_context()->annotate(two);
  ASSERT_EQ(none.warnings.size(), 1u) << none.warnings.back();
  EXPECT_EQ(none.warnings[0], "bumps: leads 'lead0', 'lead1' have no samples (every sample is "
                              "missing): no QRS marked in them");
  EXPECT_TRUE(none.beats.empty());
}

TEST(Annotator, ABurstOfArtefactInOneOfTwoLeadsDoesNotMakeTheOtherFlat) {
  // Two leads, 60 s; lead 1 forty times its size from 20 s to 24 s (an electrode pop). Against
  // the larger lead of those blocks lead 0 would be under 5 %; the reference is taken at most at
  // lead 1's typical size, so nothing is silenced. A real loose stretch of lead 0 still is.
  auto annotator = annotator_with_amplitude_context();
  qrs::Record record = a_minute_of_bumps(2);
  scale_stretch(record, 1, 20, 24, 40.0f);
  const qrs::Annotation a = annotator->annotate(record);
  const std::size_t beats = a_minute_of_beats().size();
  EXPECT_TRUE(a.leads[0].silenced.empty());
  EXPECT_EQ(a.leads[0].qrs.size(), beats);
  scale_stretch(record, 0, 40, 50, 0.02f);
  const qrs::Annotation loose = annotator->annotate(record);
  ASSERT_EQ(loose.leads[0].silenced.size(), 1u);
  EXPECT_EQ(loose.leads[0].silenced[0].begin, 40u * 500);
  EXPECT_EQ(loose.leads[0].silenced[0].end, 50u * 500);
}

TEST(Annotator, ARecordUnderTheAmplitudeFloorSaysSo) {
  // A file in volts: every lead a thousandth of its millivolt size, under the floor (0.05) of the
  // amplitude normalisation. Whatever the net makes of it, a warning says why and what to do; the
  // same record in millivolts, and a model without the amplitude step, get none.
  auto annotator = annotator_with_preprocess(
      R"({"baseline_window_s":1.0,"amplitude_window_s":2.0,"amplitude_floor":0.05,)"
      R"("scale":1.0,"clip":10.0})");
  const std::vector<double> times = {1.0, 1.8, 2.65, 3.5, 4.3};
  qrs::Record record = bump_record(500, 5.5, times, 3);
  EXPECT_TRUE(annotator->annotate(record).warnings.empty());
  for (qrs::Lead& lead : record.leads)
    for (float& v : lead.samples) v *= 0.001f;
  const qrs::Annotation volts = annotator->annotate(record);
  ASSERT_EQ(volts.warnings.size(), 1u);
  EXPECT_NE(volts.warnings[0].find("bumps: the leads are tiny"), std::string::npos);
  EXPECT_NE(volts.warnings[0].find("if the file is in volts, give it in millivolts"),
            std::string::npos);
  EXPECT_TRUE(tiny_annotator()->annotate(record).warnings.empty());  // no amplitude step
  for (qrs::Lead& lead : record.leads) std::fill(lead.samples.begin(), lead.samples.end(), 0.0f);
  const qrs::Annotation flat = annotator->annotate(record);
  ASSERT_EQ(flat.warnings.size(), 1u);
  EXPECT_NE(flat.warnings[0].find("bumps: the leads are flat"), std::string::npos);
  EXPECT_TRUE(flat.beats.empty());
}

// One lead per list of bump times, named lead0, lead1, ...
qrs::Record leads_with_bumps_at(const std::vector<std::vector<double>>& times_per_lead) {
  qrs::Record record;
  for (const std::vector<double>& times : times_per_lead) {
    qrs::Record one = bump_record(500, 10, times, 1);
    one.leads[0].name = "lead" + std::to_string(record.leads.size());
    record.name = one.name;
    record.fs = one.fs;
    record.leads.push_back(std::move(one.leads[0]));
  }
  return record;
}

TEST(Annotator, ALeadWhoseMarksMissTheBeatsIsSilenced) {
  // Three leads agree on the beats; a fourth has its own "complexes" in between, as noise blown
  // up to QRS size would. It is silenced with a warning and the beats stay the three leads'.
  const std::vector<double> beats = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
  const std::vector<double> between = {1.45, 2.5, 3.55, 4.4, 5.5, 6.6, 7.45, 8.5};
  auto annotator = tiny_annotator();
  const qrs::Annotation a =
      annotator->annotate(leads_with_bumps_at({beats, beats, beats, between}));
  EXPECT_EQ(a.beats.size(), beats.size());
  EXPECT_EQ(a.leads[0].qrs.size(), beats.size());
  EXPECT_TRUE(a.leads[3].qrs.empty());
  EXPECT_EQ(*std::max_element(a.leads[3].onset_prob.begin(), a.leads[3].onset_prob.end()), 0.0f);
  ASSERT_EQ(a.leads[3].silenced.size(), 1u);
  EXPECT_EQ(a.leads[3].silenced[0].end, a.length);
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_NE(a.warnings[0].find("lead 'lead3': 8 of its 8 complexes fall between the record's"),
            std::string::npos)
      << a.warnings[0];
}

TEST(Annotator, WhenMostLeadsMissTheBeatsNoLeadIsSilenced) {
  // Two leads agree; three others each mark their own times, which the mean curve does not reach
  // as beats. Three of five off the beats says the beats failed, not the leads: all keep marks,
  // and a warning says the leads disagree (a wrong sampling rate, or columns of several
  // recordings).
  const std::vector<double> shared = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
  std::vector<std::vector<double>> per_lead = {shared, shared};
  for (const double shift : {0.3, 0.5, 0.7}) {
    std::vector<double> own;
    for (double t : shared) own.push_back(t + shift);
    per_lead.push_back(own);
  }
  auto annotator = tiny_annotator();
  const qrs::Annotation a = annotator->annotate(leads_with_bumps_at(per_lead));
  EXPECT_EQ(a.beats.size(), shared.size());
  for (const qrs::LeadAnnotation& lead : a.leads) EXPECT_EQ(lead.qrs.size(), shared.size());
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_NE(a.warnings[0].find("the leads do not agree on where the beats are (3 of 5 leads"),
            std::string::npos)
      << a.warnings[0];
  EXPECT_NE(a.warnings[0].find("if 500 Hz is not the recording's sampling rate"),
            std::string::npos);
  // Leads that agree give no such warning (the three-lead case above has none either).
  const qrs::Annotation agreeing =
      annotator->annotate(leads_with_bumps_at({shared, shared, shared}));
  EXPECT_TRUE(agreeing.warnings.empty());
}

TEST(Annotator, LeadsWithComplexesButNoSharedBeatsDisagree) {
  // Each of four leads marks its own nine complexes, 0.25 s apart from the next lead's: the mean
  // curves find no beat at all, so no lead can be judged, but the leads disagree.
  const std::vector<double> shared = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0};
  std::vector<std::vector<double>> per_lead;
  for (const double shift : {0.0, 0.25, 0.5, 0.75}) {
    std::vector<double> own;
    for (double t : shared) own.push_back(t + shift);
    per_lead.push_back(own);
  }
  const qrs::Annotation a = tiny_annotator()->annotate(leads_with_bumps_at(per_lead));
  EXPECT_LT(a.beats.size(), 4u);
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_NE(a.warnings[0].find("the leads do not agree on where the beats are (4 of 4 leads"),
            std::string::npos)
      << a.warnings[0];
}

TEST(Annotator, ARecordShorterThanAQrsSaysSo) {
  // 20 ms at 500 Hz cannot hold a QRS (30 ms at the least): "no beats" gets a reason.
  auto annotator = tiny_annotator();
  const qrs::Annotation tiny = annotator->annotate(bump_record(500, 0.02, {0.01}));
  EXPECT_TRUE(tiny.beats.empty());
  ASSERT_EQ(tiny.warnings.size(), 1u);
  EXPECT_NE(
      tiny.warnings[0].find("the record is 20 ms long, shorter than the shortest QRS (30 ms)"),
      std::string::npos)
      << tiny.warnings[0];
  // 0.4 s (a single beat's snippet) is long enough: no such warning.
  const qrs::Annotation beat = annotator->annotate(bump_record(500, 0.4, {0.2}));
  for (const std::string& w : beat.warnings)
    EXPECT_EQ(w.find("shorter than the shortest QRS"), std::string::npos) << w;
}

TEST(Annotator, EventOptionsReachThePostProcessing) {
  qrs::AnnotatorOptions options;
  options.events.max_qrs_ms = 60;  // the tiny model's QRS is 80 ms long: nothing pairs
  auto annotator = tiny_annotator(options);
  const qrs::Annotation a = annotator->annotate(bump_record(500, 3, {1.0, 2.0}));
  EXPECT_TRUE(a.leads[0].qrs.empty());
  EXPECT_TRUE(a.beats.empty());
}

TEST(Annotator, BadRecordsAreReadableErrors) {
  auto annotator = tiny_annotator();
  qrs::Record empty;
  empty.name = "empty";
  empty.fs = 500;
  EXPECT_THROW(annotator->annotate(empty), qrs::Error);
  qrs::Record no_rate = bump_record(500, 1, {0.5});
  no_rate.fs = 0;
  EXPECT_THROW(annotator->annotate(no_rate), qrs::Error);
  qrs::Record ragged = bump_record(500, 1, {0.5});
  ragged.leads[1].samples.pop_back();
  try {
    annotator->annotate(ragged);
    FAIL() << "ragged leads accepted";
  } catch (const qrs::Error& e) {
    EXPECT_NE(std::string(e.what()).find("lead1"), std::string::npos) << e.what();
  }
  qrs::Record zero_length = bump_record(500, 0, {});
  EXPECT_THROW(annotator->annotate(zero_length), qrs::Error);
}

TEST(Annotator, MoreLeadsThanSamplesIsRefusedAsATransposedArray) {
  // Ten seconds of two leads handed over as (samples, leads): 2,500 "leads" of 2 samples.
  auto annotator = tiny_annotator();
  const qrs::Record two_leads = bump_record(250, 10, {1.0, 2.0});
  qrs::Record transposed;
  transposed.name = "transposed";
  transposed.fs = 250;
  for (std::size_t i = 0; i < two_leads.length(); ++i)
    transposed.leads.push_back({"lead" + std::to_string(i), "mV",
                                {two_leads.leads[0].samples[i], two_leads.leads[1].samples[i]}});
  try {
    annotator->annotate(transposed);
    FAIL() << "2,500 leads of 2 samples accepted";
  } catch (const qrs::Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("transposed: 2500 leads of 2 samples"), std::string::npos) << what;
    EXPECT_NE(what.find("(samples, leads)"), std::string::npos) << what;
  }
  // As many leads as samples or fewer is a recording, however short.
  EXPECT_NO_THROW(annotator->annotate(bump_record(250, 10, {1.0, 2.0}, 12)));
}

TEST(Annotator, AnInfiniteSampleIsRefusedNamingItsLeadAndPlace) {
  auto annotator = tiny_annotator();
  qrs::Record record = bump_record(250, 10, {1.0, 2.0});
  record.name = "overflow";
  record.leads[1].samples[100] = -std::numeric_limits<float>::infinity();
  try {
    annotator->annotate(record);
    FAIL() << "an infinite sample accepted";
  } catch (const qrs::Error& e) {
    EXPECT_NE(std::string(e.what()).find("overflow: lead 'lead1' sample 100 is infinite"),
              std::string::npos)
        << e.what();
  }
  // NaN is a missing sample, not an error.
  record.leads[1].samples[100] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_NO_THROW(annotator->annotate(record));
}

TEST(Annotator, ModelsWithoutOnsetOffsetOrWithSeveralInputsAreRejected) {
  qrs::test::TinyModelSpec wrong_names;
  wrong_names.outputs = {"p_wave", "onset"};
  const auto bytes = qrs::test::tiny_model(wrong_names);
  try {
    qrs::Annotator::from_model_bytes(bytes.data(), bytes.size());
    FAIL() << "model without an offset output accepted";
  } catch (const qrs::Error& e) {
    EXPECT_NE(std::string(e.what()).find("offset"), std::string::npos) << e.what();
  }
  qrs::test::TinyModelSpec two_inputs;
  two_inputs.channels_in = 2;
  const auto bytes2 = qrs::test::tiny_model(two_inputs);
  EXPECT_THROW(qrs::Annotator::from_model_bytes(bytes2.data(), bytes2.size()), qrs::Error);
}

TEST(Annotator, ModelFileErrorsNameThePath) {
  try {
    qrs::Annotator::from_model_file("/nonexistent/dir/model.qrsm");
    FAIL();
  } catch (const qrs::Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/model.qrsm"), std::string::npos);
  }
}

TEST(Annotator, DefaultModelPathHonoursQrsModel) {
  const char* saved = std::getenv("QRS_MODEL");
  const std::string saved_value = saved ? saved : "";
  setenv("QRS_MODEL", "/tmp/some/model.qrsm", 1);
  EXPECT_EQ(qrs::default_model_path(), "/tmp/some/model.qrsm");
  unsetenv("QRS_MODEL");
  EXPECT_EQ(qrs::default_model_path(),
            std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm");
  if (saved) setenv("QRS_MODEL", saved_value.c_str(), 1);
}

}  // namespace
