// Channels that are not ECG (EEG, EOG, EMG, SpO2, respiration, counters, ...) next to ECG: the
// label classification (channel_kinds.h) and how the EDF/BDF, WFDB and CSV readers use it. The
// files imitate polysomnography exports (SHHS, a PSG with the EKG at twice the EEG's rate),
// Sleep-EDF's labels, MIT's slpdb and OpenBCI's text export.
#include "formats/channel_kinds.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "csv_test_reader.h"
#include "edf_test_writer.h"
#include "formats/readers.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

using formats::channel_kind;
using formats::KindClass;

std::vector<std::string> names_of(const Record& r) {
  std::vector<std::string> names;
  for (const Lead& l : r.leads) names.push_back(l.name);
  return names;
}

TEST(ChannelKinds, EcgLabelsAndStandardLeads) {
  for (const char* label :
       {"ECG",  "EKG",   "ecg lead ii", "ECG II", "ECG1-ECG2", "I",    "II",     "III",
        "aVR",  "-aVR",  "aVL",         "aVF",    "V1",        "V5",   "V6",     "V4R",
        "MLII", "MLIII", "V5 modified", "CM5",    "CC5",       "EKG2", "Lead I", "ECG V2"})
    EXPECT_EQ(channel_kind(label).kind, KindClass::Ecg) << label;
}

TEST(ChannelKinds, OtherKindsByWholeWordsInAnyCase) {
  const std::pair<const char*, std::vector<const char*>> cases[] = {
      {"EEG", {"EEG Fpz-Cz", "EEG(sec)", "C3-A2", "O1-A2", "Fp1", "Pz-Oz"}},
      {"EOG", {"EOG(L)", "LOC-A2", "EOG horizontal"}},
      {"EMG", {"EMG", "Chin1-Chin2"}},
      {"SpO2", {"SpO2", "SaO2", "OX stat", "SO2"}},
      {"respiration", {"Resp (sum)", "THOR RES", "ABDO RES", "Airflow", "NEW AIR", "Therm"}},
      {"respiration", {"ECG Resp"}},  // another kind wins over an ECG word
      {"pleth", {"Pleth", "PPG"}},
      {"blood pressure", {"ABP", "BP", "ART", "CVP", "PAP"}},
      {"pressure", {"Pres"}},
      {"temperature", {"Temp rectal"}},
      {"position", {"POSITION", "Pos"}},
      {"light", {"LIGHT"}},
      {"snore", {"Snore"}},
      {"sample counter", {"Sample Index"}},
      {"event/status", {"Status", "Event marker", "EKG_Off"}},  // MESA's electrode-off flag
      {"motion", {"Accel Channel 0"}},
  };
  for (const auto& [kind, labels] : cases) {
    for (const char* label : labels) {
      const auto k = channel_kind(label);
      EXPECT_EQ(k.kind, KindClass::Other) << label;
      EXPECT_EQ(k.name, kind) << label;
    }
  }
}

TEST(ChannelKinds, NoSubstringMatchesAndUnknownLabels) {
  // The R of aVR is no "resp", V5 no "volt"; "EXG1", "lead0", "Analog" say nothing.
  for (const char* label : {"EXG1", "lead0", "Channel 3", "A1", "Analog Channel 0", "x", ""})
    EXPECT_EQ(channel_kind(label).kind, KindClass::Unknown) << label;
  EXPECT_EQ(channel_kind("C3").kind, KindClass::ChestOrEeg);  // IEC chest lead or EEG electrode
}

TEST(ChannelKinds, LeftOutOnlyNextToAnEcgLookingChannel) {
  using formats::ChannelSeen;
  const ReadOptions options;
  // An unlabelled voltage counts as ECG-looking. Without one, channels not all of another kind
  // stay (as before labels were read): "Chan 1" in counts may be anything.
  auto not_told =
      formats::leave_out_other_kinds({{"EEG Fpz-Cz", true}, {"Chan 1", false}}, "x.edf", options);
  EXPECT_EQ(not_told.left_out, (std::vector<bool>{false, false}));
  EXPECT_TRUE(not_told.warning.empty());
  auto with_exg = formats::leave_out_other_kinds({{"Fp1", true}, {"EXG1", true}, {"Status", false}},
                                                 "x.bdf", options);
  EXPECT_EQ(with_exg.left_out, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(with_exg.warning, "x.bdf: left out, not ECG: Fp1 (EEG), Status (event/status)");
  // C3 beside EEG is an electrode; beside ECG leads, the IEC chest lead.
  EXPECT_EQ(
      formats::leave_out_other_kinds({{"C3", true}, {"O1", true}, {"ECG", true}}, "x", options)
          .left_out,
      (std::vector<bool>{true, true, false}));
  EXPECT_EQ(formats::leave_out_other_kinds({{"C1", true}, {"C2", true}}, "x", options).ecg_label,
            (std::vector<bool>{true, true}));
}

// Every channel of another kind: refused, naming each with its kind and the way to read them all
// the same, which keeps every channel (next to ECG too).
TEST(ChannelKinds, EveryChannelOfAnotherKindIsRefusedUnlessAllAreAskedFor) {
  ReadOptions options;
  options.all_channels_hint = "the hint";
  try {
    formats::leave_out_other_kinds(
        {{"EEG Fpz-Cz", true}, {"EOG", true}, {"Other", false}, {"Other", false}}, "x.edf",
        options);
    FAIL() << "not refused";
  } catch (const formats::NoEcgChannelError& e) {
    EXPECT_EQ(std::string(e.what()),
              "x.edf: no ECG channel: every channel is labelled as another kind of signal: EEG "
              "Fpz-Cz (EEG), EOG (EOG), Other (auxiliary, 2 channels); to annotate them all the "
              "same, read every channel as a lead (the hint)");
  }
  options.all_channels = true;
  const auto all =
      formats::leave_out_other_kinds({{"EEG Fpz-Cz", true}, {"EOG", true}}, "x.edf", options);
  EXPECT_EQ(all.left_out, (std::vector<bool>{false, false}));
  const auto with_ecg =
      formats::leave_out_other_kinds({{"EEG", true}, {"ECG", true}}, "x.edf", options);
  EXPECT_EQ(with_ecg.left_out, (std::vector<bool>{false, false}));
  EXPECT_TRUE(with_ecg.warning.empty());
}

test::EdfSignalOut edf_signal(const std::string& label, const std::string& dimension,
                              std::size_t spr, std::size_t records) {
  test::EdfSignalOut s;
  s.label = label;
  s.dimension = dimension;
  s.samples_per_record = spr;
  for (std::size_t i = 0; i < spr * records; ++i)
    s.digital.push_back(static_cast<std::int32_t>(1000 * std::sin(0.05 * static_cast<double>(i))));
  return s;
}

// SHHS-like: the ECG at 125 Hz among EEG, EMG and EOG in uV (EOG at 50 Hz), SaO2 in %,
// respiration and position without units. Before: EEG(sec), ECG, EMG, EEG read as four leads.
TEST(ChannelKindsEdf, PolysomnographyKeepsOnlyTheEcg) {
  test::EdfOut edf;
  edf.records = 2;
  edf.signals = {edf_signal("SaO2", "%", 1, 2),     edf_signal("EEG(sec)", "uV", 125, 2),
                 edf_signal("ECG", "mV", 125, 2),   edf_signal("EMG", "uV", 125, 2),
                 edf_signal("EOG(L)", "uV", 50, 2), edf_signal("EEG", "uV", 125, 2),
                 edf_signal("THOR RES", "", 10, 2), edf_signal("POSITION", "", 1, 2)};
  std::vector<std::string> w;
  const auto recs = formats::read_edf(test::write_edf("shhs.edf", edf), w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"ECG"});
  EXPECT_DOUBLE_EQ(recs[0].fs, 125);
  ASSERT_EQ(w.size(), 1u) << w.back();
  EXPECT_EQ(w[0],
            "shhs.edf: left out, not ECG: SaO2 (SpO2), EEG(sec) (EEG), EMG (EMG), EOG(L) (EOG), "
            "EEG (EEG), THOR RES (respiration), POSITION (position)");
}

// The EKG at 512 Hz beside six EEG/EOG derivations at 256 Hz: the rate follows the ECG. Before,
// the 256 Hz majority won and the EKG was skipped.
TEST(ChannelKindsEdf, TheRateFollowsTheEcgNotTheMajority) {
  test::EdfOut edf;
  edf.records = 2;
  for (const char* label : {"C3-A2", "C4-A1", "O1-A2", "O2-A1", "LOC-A2", "ROC-A1"})
    edf.signals.push_back(edf_signal(label, "uV", 256, 2));
  edf.signals.push_back(edf_signal("EKG", "uV", 512, 2));
  edf.signals.push_back(edf_signal("EXG1", "uV", 256, 2));  // unlabelled voltage, other rate
  std::vector<std::string> w;
  const auto recs = formats::read_edf(test::write_edf("psg.edf", edf), w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"EKG"});
  EXPECT_DOUBLE_EQ(recs[0].fs, 512);
  EXPECT_TRUE(test::any_contains(
      w, "psg.edf: signal 'EXG1' is sampled at 256 Hz, not 512 Hz like the ECG; skipped"));
}

// An ECG without a physical dimension next to EEG in uV: read (as mV), the EEG left out. Before,
// the ECG was skipped as "not a voltage" and the EEG annotated alone.
TEST(ChannelKindsEdf, EcgWithABlankUnitIsKeptNextToEeg) {
  test::EdfOut edf;
  edf.records = 2;
  edf.signals = {edf_signal("ECG", "", 250, 2), edf_signal("EEG C3-A2", "uV", 250, 2)};
  edf.signals[0].physical_min = "-3.2768";
  edf.signals[0].physical_max = "3.2767";
  std::vector<std::string> w;
  const auto recs = formats::read_edf(test::write_edf("blank.edf", edf), w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"ECG"});
  EXPECT_EQ(recs[0].leads[0].unit, "mV");
  EXPECT_NEAR(recs[0].leads[0].samples[20], 1000 * std::sin(1.0) * 1e-4, 1e-4);
  EXPECT_TRUE(test::any_contains(w, "blank.edf: left out, not ECG: EEG C3-A2 (EEG)"));
  EXPECT_TRUE(test::any_contains(w, "'ECG' has no physical dimension; read as mV"));
}

// Sleep-EDF's PSG files hold no ECG: EEG and EOG at 100 Hz, respiration, EMG, temperature and an
// event marker at 1 Hz. Before, the EEG and EOG were annotated as ECG leads. Refused by default;
// with every channel asked for, the voltages at the common rate are read, as before.
TEST(ChannelKindsEdf, SleepEdfWithoutEcgIsRefusedUnlessAllChannelsAreAskedFor) {
  test::EdfOut edf;
  edf.records = 2;
  edf.signals = {
      edf_signal("EEG Fpz-Cz", "uV", 100, 2),     edf_signal("EEG Pz-Oz", "uV", 100, 2),
      edf_signal("EOG horizontal", "uV", 100, 2), edf_signal("Resp oro-nasal", "", 1, 2),
      edf_signal("EMG submental", "uV", 1, 2),    edf_signal("Temp rectal", "DegC", 1, 2),
      edf_signal("Event marker", "", 1, 2)};
  const NamedBuffer file = test::write_edf("SC4001E0-PSG.edf", edf);
  std::vector<std::string> w;
  try {
    formats::read_edf(file, w);
    FAIL() << "not refused";
  } catch (const formats::NoEcgChannelError& e) {
    EXPECT_EQ(std::string(e.what()),
              "SC4001E0-PSG.edf: no ECG channel: every channel is labelled as another kind of "
              "signal: EEG Fpz-Cz (EEG), EEG Pz-Oz (EEG), EOG horizontal (EOG), Resp oro-nasal "
              "(respiration), EMG submental (EMG), Temp rectal (temperature), Event marker "
              "(event/status); to annotate them all the same, read every channel as a lead "
              "(--all-channels on the command line)");
  }
  // The size check before a file is read does not refuse it: the reader says why when it reads.
  EXPECT_EQ(formats::edf_size_problem(file, file.bytes.size()), "");
  ReadOptions all;
  all.all_channels = true;
  const auto recs = formats::read_edf(file, w, all);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]),
            (std::vector<std::string>{"EEG Fpz-Cz", "EEG Pz-Oz", "EOG horizontal"}));
}

// slpdb-like: ECG in mV, BP in mmHg, EEG in uV, respiration in litres. Before, the EEG was a lead.
TEST(ChannelKindsWfdb, EegNextToEcgIsLeftOut) {
  std::vector<std::string> w;
  const auto recs = formats::read_wfdb(
      test::text_file("slp.hea",
                      "slp 4 250 2\nslp.dat 16 2000/mV 16 0 0 6 0 ECG\n"
                      "slp.dat 16 10/mmHg 16 0 0 8 0 BP\nslp.dat 16 20/uV 16 0 0 10 0 EEG (C4-A1)\n"
                      "slp.dat 16 400/l 16 0 0 12 0 Resp (sum)\n"),
      {{"slp.dat", test::pack_wfdb(16, {1, 2, 3, 4, 5, 6, 7, 8})}}, w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"ECG"});
  ASSERT_EQ(w.size(), 1u) << w.back();
  EXPECT_EQ(w[0],
            "slp.hea: left out, not ECG: BP (blood pressure), EEG (C4-A1) (EEG), "
            "Resp (sum) (respiration)");
}

TEST(ChannelKindsWfdb, EcgWithoutUnitsIsReadAsMillivolts) {
  std::vector<std::string> w;
  const auto recs = formats::read_wfdb(test::text_file("r.hea",
                                                       "r 2 250 2\nr.dat 16 100/ 16 0 0 300 0 ECG\n"
                                                       "r.dat 16 100/uV 16 0 0 3 0 EEG\n"),
                                       {{"r.dat", test::pack_wfdb(16, {100, 1, 200, 2})}}, w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"ECG"});
  EXPECT_FLOAT_EQ(recs[0].leads[0].samples[1], 2.0f);
}

// A WFDB record of EEG and respiration alone (an EEG database's montage): refused the same way.
TEST(ChannelKindsWfdb, EegAloneIsRefusedUnlessAllChannelsAreAskedFor) {
  const NamedBuffer header = test::text_file("eeg.hea",
                                             "eeg 2 250 2\neeg.dat 16 20/uV 16 0 0 6 0 EEG C3-A2\n"
                                             "eeg.dat 16 400/l 16 0 0 8 0 Resp (sum)\n");
  const std::vector<NamedBuffer> dat = {{"eeg.dat", test::pack_wfdb(16, {1, 2, 3, 4})}};
  std::vector<std::string> w;
  ReadOptions options;
  options.all_channels_hint = "all_channels=True";
  try {
    formats::read_wfdb(header, dat, w, options);
    FAIL() << "not refused";
  } catch (const formats::NoEcgChannelError& e) {
    EXPECT_EQ(std::string(e.what()),
              "eeg.hea: no ECG channel: every channel is labelled as another kind of signal: EEG "
              "C3-A2 (EEG), Resp (sum) (respiration); to annotate them all the same, read every "
              "channel as a lead (all_channels=True)");
  }
  options.all_channels = true;
  const auto recs = formats::read_wfdb(header, dat, w, options);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"EEG C3-A2"});  // litres are no voltage
}

// OpenBCI GUI's raw text: a "Sample Index" column, EXG channels, accelerometer and "Other"
// columns. Before, Sample Index and the accelerometer were leads.
TEST(ChannelKindsCsv, OpenBciSampleIndexAndAccelerometerAreNoLeads) {
  std::string text =
      "%OpenBCI Raw EXG Data\n%Sample Rate = 250 Hz\n"
      "Sample Index, EXG Channel 0, EXG Channel 1, Accel Channel 0, Other, Other\n";
  for (int i = 0; i < 40; ++i)
    text += std::to_string(i % 256) + ", " + std::to_string(-12000 + i) + ", " +
            std::to_string(-5000 - i) + ", 0.000, 192.0, 0.0\n";
  std::vector<std::string> w;
  const auto recs = test::read_csv_text("OpenBCI-RAW.txt", text, 250, &w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), (std::vector<std::string>{"EXG Channel 0", "EXG Channel 1"}));
  EXPECT_TRUE(test::any_contains(w, "column 1 ('Sample Index') counts samples"));
  EXPECT_TRUE(test::any_contains(w,
                                 "OpenBCI-RAW.txt: left out, not ECG: Accel Channel 0 (motion), "
                                 "Other (auxiliary, 2 channels)"));
}

TEST(ChannelKindsCsv, SpO2ColumnNextToLeadsIsLeftOut) {
  std::string text = "time,II,V5,SpO2\n";
  for (int i = 0; i < 40; ++i)
    text += std::to_string(i * 0.004) + "," + std::to_string(i % 7) + ",0.1,97\n";
  std::vector<std::string> w;
  const auto recs = test::read_csv_text("mon.csv", text, 0, &w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), (std::vector<std::string>{"II", "V5"}));
  EXPECT_TRUE(test::any_contains(w, "mon.csv: left out, not ECG: SpO2 (SpO2)"));
}

// A CSV of titled columns, none of them ECG: refused the same way.
TEST(ChannelKindsCsv, ColumnsAllOfAnotherKindAreRefusedUnlessAllAreAskedFor) {
  std::string text = "time,SpO2,Pleth\n";
  for (int i = 0; i < 40; ++i)
    text += std::to_string(i * 0.004) + ",97," + std::to_string(i % 7) + "\n";
  std::vector<std::string> w;
  try {
    test::read_csv_text("ox.csv", text, 0, &w);
    FAIL() << "not refused";
  } catch (const formats::NoEcgChannelError& e) {
    EXPECT_EQ(std::string(e.what()),
              "ox.csv: no ECG channel: every channel is labelled as another kind of signal: SpO2 "
              "(SpO2), Pleth (pleth); to annotate them all the same, read every channel as a lead "
              "(--all-channels on the command line)");
  }
}

}  // namespace
}  // namespace qrs
