// ISHNE Holter files (src/formats/ishne*.cpp): files the test writes itself (ishne_test_writer.h)
// from LUDB samples read back lead by lead, named and scaled; the same samples annotated as ISHNE
// and as WFDB give the same beats; and every kind of bad file gets its message, naming the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "annotator.h"
#include "formats/detect.h"
#include "formats/read.h"
#include "formats/readers.h"
#include "formats/wfdb_annotation.h"
#include "ishne_test_writer.h"
#include "ludb_record.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

// A small file: two leads of a sine-ish ramp, enough samples for every check but the LUDB ones.
test::IshneOut small_ishne(std::size_t length = 1000) {
  test::IshneOut ecg;
  ecg.leads = {{6, 1, 2500, {}}, {15, 1, 1000, {}}};
  for (std::size_t t = 0; t < length; ++t) {
    ecg.leads[0].samples.push_back(static_cast<std::int16_t>(int(t % 400) - 200));
    ecg.leads[1].samples.push_back(static_cast<std::int16_t>(-int(t % 300) * 7));
  }
  return ecg;
}

ReadResult read_ishne_file(const NamedBuffer& file) {
  return read_file(file);
}

// The message of the read's error, checked to name the file first.
std::string error_of(const test::IshneOut& ecg) {
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  EXPECT_TRUE(r.records.empty());
  EXPECT_EQ(r.error.rfind("holter.ecg: ", 0), 0u) << r.error;
  return r.error;
}

bool has_warning(const ReadResult& r, const std::string& text) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

// LUDB record 1's leads ii and v5 in 16-bit units of each lead's resolution.
struct LudbDigital {
  Record source;
  std::vector<int> resolutions_nv = {2500, 1000};
  std::vector<std::vector<std::int16_t>> leads;
};

LudbDigital ludb_digital() {
  LudbDigital d;
  d.source = test::read_ludb(1);
  const std::size_t picked[2] = {1, 10};  // ii, v5
  for (std::size_t k = 0; k < 2; ++k) {
    std::vector<std::int16_t> digital;
    for (float mv : d.source.leads.at(picked[k]).samples)
      digital.push_back(static_cast<std::int16_t>(std::lround(mv * 1e6 / d.resolutions_nv[k])));
    d.leads.push_back(std::move(digital));
  }
  std::vector<Lead> kept = {d.source.leads[picked[0]], d.source.leads[picked[1]]};
  d.source.leads = kept;
  return d;
}

test::IshneOut ishne_of(const LudbDigital& d) {
  test::IshneOut ecg;
  ecg.sampling_rate = 500;
  ecg.variable_block = "LUDB record 1, leads ii and v5";
  ecg.leads = {{6, 1, d.resolutions_nv[0], d.leads[0]}, {15, 1, d.resolutions_nv[1], d.leads[1]}};
  return ecg;
}

TEST(IshneRead, LudbLeadsNamedAndScaledToMillivolts) {
  const LudbDigital d = ludb_digital();
  const ReadResult r = read_ishne_file(test::write_ishne("ludb1.ecg", ishne_of(d)));
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.format, "ishne");
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  ASSERT_EQ(r.records.size(), 1u);
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.name, "ludb1");
  EXPECT_EQ(rec.source, "ludb1.ecg");
  EXPECT_DOUBLE_EQ(rec.fs, 500.0);
  ASSERT_EQ(rec.leads.size(), 2u);
  EXPECT_EQ(rec.leads[0].name, "II");
  EXPECT_EQ(rec.leads[1].name, "V5");
  ASSERT_EQ(rec.length(), 5000u);
  for (std::size_t k = 0; k < 2; ++k) {
    const double quantum_mv = d.resolutions_nv[k] * 1e-6;
    EXPECT_EQ(rec.leads[k].unit, "mV");
    for (std::size_t t = 0; t < rec.length(); ++t) {
      ASSERT_NEAR(rec.leads[k].samples[t], d.source.leads[k].samples[t], quantum_mv)
          << "lead " << k << " sample " << t;
      ASSERT_NEAR(rec.leads[k].samples[t], d.leads[k][t] * quantum_mv, 1e-6);
    }
  }
}

TEST(IshneRead, AnnotatedAsTheSameSamplesInWfdb) {
  const LudbDigital d = ludb_digital();
  const ReadResult ishne = read_ishne_file(test::write_ishne("ludb1.ecg", ishne_of(d)));
  ASSERT_EQ(ishne.error, "");
  std::vector<test::WfdbSignalOut> signals(2);
  for (std::size_t k = 0; k < 2; ++k) {
    signals[k].description = k == 0 ? "ii" : "v5";
    signals[k].gain = 1e6 / d.resolutions_nv[k];
    signals[k].adu.assign(d.leads[k].begin(), d.leads[k].end());
  }
  const test::WfdbFiles wfdb = test::write_wfdb("ludb1", 500, 16, signals);
  const ReadResult as_wfdb = read_file(wfdb.header, {wfdb.data});
  ASSERT_EQ(as_wfdb.error, "");

  auto annotator = Annotator::from_model_file(default_model_path());
  const Annotation a = annotator->annotate(ishne.records.at(0));
  const Annotation b = annotator->annotate(as_wfdb.records.at(0));
  ASSERT_GE(a.beats.size(),
            7u);  // LUDB record 1: 7 beats over 10 s (12 leads, as the CLI reads it)
  ASSERT_EQ(a.beats.size(), b.beats.size());
  for (std::size_t i = 0; i < a.beats.size(); ++i) {
    EXPECT_NEAR(a.beats[i].first_onset, b.beats[i].first_onset, 1.0) << "beat " << i;
    EXPECT_NEAR(a.beats[i].last_offset, b.beats[i].last_offset, 1.0) << "beat " << i;
  }
}

TEST(IshneRead, DetectedByMagicNotByName) {
  const NamedBuffer file = test::write_ishne("holter.ecg", small_ishne());
  EXPECT_EQ(formats::detect_format(file), formats::FileFormat::Ishne);
  EXPECT_EQ(formats::detect_format({"export.bin", file.bytes}), formats::FileFormat::Ishne);
  // ".ecg" is also a WFDB annotator's name: without the magic it is no ISHNE file.
  EXPECT_EQ(formats::detect_format({"100.ecg", std::vector<std::uint8_t>(600, 1)}),
            formats::FileFormat::Unknown);
}

TEST(IshneRead, VariableBlockAndUnnamedLeads) {
  test::IshneOut ecg = small_ishne();
  ecg.variable_block = std::string(300, 'x');
  ecg.leads[0].specification = 0;   // unknown
  ecg.leads[1].specification = 42;  // not in the standard's table
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  ASSERT_EQ(r.error, "");
  const Record& rec = r.records.at(0);
  EXPECT_EQ(rec.leads.at(0).name, "lead0");
  EXPECT_EQ(rec.leads.at(1).name, "lead1");
  EXPECT_NEAR(rec.leads[0].samples[5], -195 * 2500e-6, 1e-7);
}

TEST(IshneRead, EveryLeadCodeOfTheStandardHasItsName) {
  const char* names[] = {"X",  "Y",  "Z",  "I",  "II", "III", "aVR", "aVL", "aVF",
                         "V1", "V2", "V3", "V4", "V5", "V6",  "ES",  "AS",  "AI"};
  for (int code = 2; code <= 19; ++code) {
    test::IshneOut ecg = small_ishne(10);
    ecg.leads.resize(1);
    ecg.leads[0].specification = code;
    const ReadResult r = read_ishne_file(test::write_ishne("h.ecg", ecg));
    ASSERT_EQ(r.error, "");
    EXPECT_EQ(r.records.at(0).leads.at(0).name, names[code - 2]) << "code " << code;
  }
}

TEST(IshneRead, WrongCrcIsAWarningAndTheSamplesAreRead) {
  test::IshneOut ecg = small_ishne();
  ecg.wrong_crc = true;
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].rfind("holter.ecg: the header's CRC is 0x", 0), 0u) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("the header may be damaged; read as it stands"), std::string::npos);
  EXPECT_EQ(r.records.at(0).length(), 1000u);
}

TEST(IshneRead, PacemakerAndLeadQualityAreNamed) {
  test::IshneOut ecg = small_ishne();
  ecg.pacemaker = 5;
  ecg.leads[1].quality = 3;
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  ASSERT_EQ(r.error, "");
  EXPECT_TRUE(has_warning(r,
                          "holter.ecg: the header says the patient has a pacemaker (dual "
                          "chamber bipolar); its spikes are looked for"));
  EXPECT_TRUE(has_warning(r, "holter.ecg: lead V5: the recorder rated it 'frequent noise'"));
  ecg.pacemaker = -9;  // unknown: nothing to say
  ecg.leads[1].quality = 1;
  EXPECT_TRUE(read_ishne_file(test::write_ishne("holter.ecg", ecg)).warnings.empty());
}

TEST(IshneRead, TooShortForAHeader) {
  NamedBuffer file = test::write_ishne("holter.ecg", small_ishne());
  file.bytes.resize(300);
  EXPECT_EQ(read_ishne_file(file).error,
            "holter.ecg: only 300 bytes, too short for an ISHNE header (522 bytes)");
}

TEST(IshneRead, LeadCountOutOfRange) {
  test::IshneOut ecg = small_ishne();
  ecg.lead_count = 0;
  EXPECT_EQ(error_of(ecg), "holter.ecg: declares 0 leads; at least 1 is needed");
  ecg.lead_count = 13;
  EXPECT_EQ(error_of(ecg), "holter.ecg: declares 13 leads; an ISHNE header has room for 12");
}

TEST(IshneRead, AbsurdSamplingRate) {
  test::IshneOut ecg = small_ishne();
  ecg.sampling_rate = 0;
  EXPECT_EQ(error_of(ecg), "holter.ecg: sampling rate 0 Hz is out of range (1 to 100000 Hz)");
  ecg.sampling_rate = -200;
  EXPECT_EQ(error_of(ecg), "holter.ecg: sampling rate -200 Hz is out of range (1 to 100000 Hz)");
}

TEST(IshneRead, DataOffsetOutsideTheFile) {
  test::IshneOut ecg = small_ishne();
  ecg.data_offset = 100;
  EXPECT_EQ(error_of(ecg),
            "holter.ecg: the samples' offset 100 lies outside the file (522 to 4522 bytes): the "
            "header is damaged");
  ecg.data_offset = 1 << 30;
  EXPECT_NE(error_of(ecg).find("offset 1073741824 lies outside the file"), std::string::npos);
}

TEST(IshneRead, SampleCountLargerThanTheData) {
  test::IshneOut ecg = small_ishne();
  ecg.samples_per_lead = 1500;
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.warnings, std::vector<std::string>{
                            "holter.ecg: the header declares 1500 samples per lead but the file "
                            "holds only 1000 (cut short?); the record is read to there"});
  EXPECT_EQ(r.records.at(0).length(), 1000u);
  // Nothing at all after the header.
  EXPECT_EQ(error_of(small_ishne(0)), "holter.ecg: the header declares no samples");
  test::IshneOut empty = small_ishne(0);
  empty.samples_per_lead = 86'400'000;
  EXPECT_EQ(error_of(empty),
            "holter.ecg: the header declares 86400000 samples per lead but the file holds none "
            "(cut short?)");
  ecg.samples_per_lead = -5;
  EXPECT_EQ(error_of(ecg), "holter.ecg: the sample count -5 is negative: the header is damaged");
}

TEST(IshneRead, SampleCountOverAllLeadsIsTakenAsSuch) {
  test::IshneOut ecg = small_ishne();
  ecg.samples_per_lead = 2000;  // 1000 samples x 2 leads
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  ASSERT_EQ(r.error, "");
  EXPECT_TRUE(has_warning(r,
                          "holter.ecg: the header's sample count 2000 is the count over all 2 "
                          "leads (the standard asks for it per lead); read as 1000 per lead"));
  EXPECT_EQ(r.records.at(0).length(), 1000u);
}

TEST(IshneRead, LeadsWithoutResolution) {
  test::IshneOut ecg = small_ishne();
  ecg.leads[1].resolution_nv = 0;
  const ReadResult r = read_ishne_file(test::write_ishne("holter.ecg", ecg));
  ASSERT_EQ(r.error, "");
  EXPECT_TRUE(has_warning(r,
                          "holter.ecg: amplitude resolution not above 0 nV, so the samples "
                          "cannot be scaled; skipped: V5 (0 nV)"));
  ASSERT_EQ(r.records.at(0).leads.size(), 1u);
  EXPECT_EQ(r.records[0].leads[0].name, "II");
  ecg.leads[0].resolution_nv = -9;
  EXPECT_EQ(
      error_of(ecg),
      "holter.ecg: no lead has an amplitude resolution above 0 nV (II (-9 nV), V5 (0 nV)), so "
      "no samples can be scaled: the header is damaged");
}

TEST(IshneRead, SizeLimitsFromTheHeaderAlone) {
  // 12 leads at 1000 Hz one sample per lead past the total this build accepts (natively 1.2 G
  // samples: 27.8 h; in the WebAssembly module 400 M): the header alone tells, before the file's
  // gigabytes are read. The figures follow the build's limits (readers.h), the wording does not.
  const std::size_t per_lead = formats::kMaxTotalSamples / 12 + 1;
  test::IshneOut day = small_ishne(0);
  day.sampling_rate = 1000;
  day.leads.assign(12, {6, 1, 1000, {}});
  day.samples_per_lead = static_cast<std::int32_t>(per_lead);
  const NamedBuffer head = test::write_ishne("day.ecg", day);
  EXPECT_EQ(size_problem(head, head.bytes.size() + 2ull * 12 * per_lead, {}),
            "day.ecg: " + std::to_string(per_lead) + " samples per signal x 12 signals = " +
                std::to_string(12 * per_lead) + " samples in all is more than " +
                formats::accepted_samples(formats::kMaxTotalSamples));
  // Three leads of the same length are within them.
  day.leads.resize(3);
  const NamedBuffer three = test::write_ishne("day3.ecg", day);
  EXPECT_EQ(size_problem(three, three.bytes.size() + 2ull * 3 * per_lead, {}), "");
  // One lead longer than any lead may be.
  const std::size_t too_long = formats::kMaxSamplesPerLead + 1;
  day.leads.resize(1);
  day.samples_per_lead = static_cast<std::int32_t>(too_long);
  const NamedBuffer long_lead = test::write_ishne("long.ecg", day);
  EXPECT_EQ(size_problem(long_lead, long_lead.bytes.size() + 2ull * too_long, {}),
            "long.ecg: " + std::to_string(too_long) + " samples per signal is more than " +
                formats::accepted_samples(formats::kMaxSamplesPerLead));
}

}  // namespace
}  // namespace qrs

namespace qrs {
namespace {

// An ISHNE annotation file: its magic, a header as the recording's, then the first beat's sample
// and four bytes per beat (label, internal label, samples since the beat before).
NamedBuffer ishne_annotations(const std::string& name) {
  NamedBuffer file = test::write_ishne(name, small_ishne(0));
  std::memcpy(file.bytes.data(), "ANN  1.0", 8);
  for (std::uint8_t b : {0x10, 0x00, 0x00, 0x00}) file.bytes.push_back(b);
  for (int beat = 0; beat < 10; ++beat)
    for (std::uint8_t b :
         {std::uint8_t('N'), std::uint8_t('N'), std::uint8_t(0x90), std::uint8_t(0x01)})
      file.bytes.push_back(b);
  return file;
}

TEST(IshneAnnotations, RefusedSayingWhatTheyAreNotReadAsWfdbMarks) {
  const std::string message =
      "holter.ann: an ISHNE annotation file (ANN  1.0, the beat labels of an ISHNE Holter "
      "recording), which this tool does not read yet";
  const NamedBuffer ann = ishne_annotations("holter.ann");
  EXPECT_EQ(read_file(ann).error, message);
  try {
    formats::wfdb::read_annotations(ann);
    ADD_FAILURE() << "read as WFDB annotations";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

}  // namespace
}  // namespace qrs
