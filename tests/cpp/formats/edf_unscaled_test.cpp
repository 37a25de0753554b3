// EDF/BDF signals whose header ranges give no scale (physical minimum = maximum, or digital
// minimum = maximum: an unconnected input, as PSG recorders and devices write unused channels) are
// skipped with a warning naming them, as signals in other units or at another rate are; the file
// is refused only when they are its only channels that may be ECG. Before, one such signal
// refused the whole file ("signal 2 'ECG V5': physical minimum equals physical maximum").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "edf_test_writer.h"
#include "formats/readers.h"
#include "util/error.h"

namespace qrs {
namespace {

test::EdfSignalOut signal(const std::string& label, std::size_t records) {
  test::EdfSignalOut s;
  s.label = label;
  s.samples_per_record = 250;
  for (std::size_t i = 0; i < 250 * records; ++i)
    s.digital.push_back(static_cast<int>(i % 50) * 10);
  return s;
}

std::vector<std::string> names_of(const Record& r) {
  std::vector<std::string> names;
  for (const Lead& l : r.leads) names.push_back(l.name);
  return names;
}

TEST(EdfUnscaled, PhysicalMinimumEqualToMaximumSkipsThatSignal) {
  test::EdfOut edf;
  edf.reserved = "EDF+C";
  edf.records = 2;
  edf.signals = {signal("ECG II", 2), signal("ECG V5", 2)};
  edf.signals[1].physical_min = edf.signals[1].physical_max = "0";
  std::vector<std::string> w;
  const auto recs = formats::read_edf(test::write_edf("flat.edf", edf), w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), std::vector<std::string>{"ECG II"});
  EXPECT_FLOAT_EQ(recs[0].leads[0].samples[3], 0.003f);  // 30 digital = 3.0 uV, 0.1 uV a step
  EXPECT_EQ(w, std::vector<std::string>{
                   "flat.edf: signal 'ECG V5': physical minimum equals physical maximum (both 0 "
                   "uV), so its samples cannot be scaled (an unconnected input?); skipped"});
}

TEST(EdfUnscaled, BdfDigitalMinimumEqualToMaximumSkipsThatSignal) {
  test::EdfOut bdf;
  bdf.bdf = true;
  bdf.records = 2;
  bdf.signals = {signal("EXG1", 2), signal("EXG2", 2), signal("EXG3", 2)};
  for (auto& s : bdf.signals) {
    s.physical_min = "-262144", s.physical_max = "262143";
    s.digital_min = "-8388608", s.digital_max = "8388607";
  }
  bdf.signals[1].digital_min = bdf.signals[1].digital_max = "-8388608";
  std::vector<std::string> w;
  const auto recs = formats::read_edf(test::write_edf("exg.bdf", bdf), w);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(names_of(recs[0]), (std::vector<std::string>{"EXG1", "EXG3"}));
  EXPECT_EQ(w, std::vector<std::string>{
                   "exg.bdf: signal 'EXG2': digital minimum equals digital maximum (both "
                   "-8388608), so its samples cannot be scaled (an unconnected input?); skipped"});
}

// The flat ECG is the file's only ECG: the EEG beside it is still left out, and the message says
// that nothing is left, rather than reading the EEG as leads.
TEST(EdfUnscaled, TheOnlyEcgUnscaledRefusesTheFileSayingSo) {
  test::EdfOut edf;
  edf.records = 1;
  edf.signals = {signal("EEG Fpz-Cz", 1), signal("ECG", 1)};
  edf.signals[1].physical_min = edf.signals[1].physical_max = "-3276.8";
  std::vector<std::string> w;
  try {
    formats::read_edf(test::write_edf("psg.edf", edf), w);
    FAIL() << "read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "psg.edf: signal 'ECG': physical minimum equals physical maximum (both -3276.8 uV), "
              "so its samples cannot be scaled (an unconnected input?), and it is the only channel "
              "of the file that may be ECG: nothing is left to annotate");
  }
}

}  // namespace
}  // namespace qrs
