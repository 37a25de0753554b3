// Seeds for fuzz_edf: EDF, EDF+C with an annotation channel and mixed rates, EDF+D with a gap,
// and BDF.
#include "formats/edf_test_writer.h"
#include "seed_registry.h"

namespace {

qrs::test::EdfSignalOut signal(const std::string& label, const std::string& unit, std::size_t spr,
                               std::size_t records) {
  qrs::test::EdfSignalOut s;
  s.label = label;
  s.dimension = unit;
  s.samples_per_record = spr;
  for (std::size_t i = 0; i < spr * records; ++i)
    s.digital.push_back(static_cast<int>(i * 37 % 2000) - 1000);
  return s;
}

void write_seeds(qrs::fuzz::SeedSink& sink) {
  qrs::test::EdfOut edf;
  edf.records = 2;
  edf.signals = {signal("ECG I", "uV", 25, 2), signal("ECG II", "mV", 25, 2)};
  sink.add("edf", qrs::test::write_edf("a.edf", edf).bytes);

  edf.reserved = "EDF+C";
  edf.signals.push_back(signal("Resp", "Ohm", 5, 2));
  edf.signals.push_back(signal("ECG fast", "uV", 50, 2));
  auto annotations = signal("EDF Annotations", "", 8, 2);
  edf.signals.push_back(annotations);
  sink.add("edfplus", qrs::test::write_edf("b.edf", edf).bytes);

  // EDF+D: the first TAL of each data record is its start; a gap between records 2 and 3.
  qrs::test::EdfOut gaps;
  gaps.reserved = "EDF+D";
  gaps.records = 4;
  gaps.signals = {signal("ECG I", "uV", 25, 4), signal("EDF Annotations", "", 12, 4)};
  for (const char* start : {"+0", "+1", "+7.5", "+8.5"})
    gaps.signals[1].tal.push_back(start + std::string("\x14\x14\0", 3));
  sink.add("edfplus_discontinuous", qrs::test::write_edf("d.edf", gaps).bytes);

  qrs::test::EdfOut bdf;
  bdf.bdf = true;
  bdf.reserved = "24BIT";
  bdf.records = 3;
  bdf.duration = "0.25";
  bdf.signals = {signal("EXG1", "uV", 16, 3)};
  bdf.signals[0].digital_min = "-8388608";
  bdf.signals[0].digital_max = "8388607";
  sink.add("bdf", qrs::test::write_edf("c.bdf", bdf).bytes);
}

const qrs::fuzz::RegisterSeeds kRegister("edf", write_seeds);

}  // namespace
