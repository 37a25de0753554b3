// Seeds for fuzz_wfdb: one small record per storage format (the tests' own writer; FLAC formats
// through libFLAC's encoder), plus the header features the reader handles (multi-frequency,
// FLAC mixed with an uncompressed file, skew/offset, multi-segment, comments).
#include <cmath>

#include "formats/wfdb_test_writer.h"
#include "fuzz_input.h"
#include "seed_registry.h"

namespace {

using qrs::NamedBuffer;
using qrs::test::text_file;

std::vector<std::uint8_t> bytes_of(const std::string& s) {
  return {s.begin(), s.end()};
}

void write_seeds(qrs::fuzz::SeedSink& sink) {
  for (int format : {8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524}) {
    std::vector<qrs::test::WfdbSignalOut> signals(2);
    for (int s = 0; s < 2; ++s) {
      signals[s].description = s == 0 ? "ii" : "v1";
      signals[s].gain = 100;
      for (int i = 0; i < 40; ++i)
        signals[s].adu.push_back(static_cast<int>(60 * std::sin(i * 0.3 + s)));
    }
    const auto files = qrs::test::write_wfdb("r", 250, format, signals);
    sink.add("format" + std::to_string(format),
             qrs::fuzz::encode_files(files.header.bytes, {files.data}));
  }
  // FLAC mixed with an uncompressed file, several samples per frame (formats 516x4 and 16).
  std::vector<qrs::test::WfdbSignalOut> fast(2), slow(1);
  for (int s = 0; s < 2; ++s) {
    fast[s].description = s == 0 ? "II" : "V";
    fast[s].samples_per_frame = 4;
    for (int i = 0; i < 64; ++i)
      fast[s].adu.push_back(static_cast<int>(300 * std::sin(i * 0.2 + s)));
  }
  slow[0].description = "RESP";
  for (int i = 0; i < 16; ++i) slow[0].adu.push_back(i * 10);
  const auto mixed = qrs::test::write_wfdb_record(
      "r", 62.5, {{"r_e.dat", 516, fast, {}}, {"r_r.dat", 16, slow, {}}});
  sink.add("flac_mixed", qrs::fuzz::encode_files(mixed.header.bytes, mixed.files));
  const NamedBuffer dat = {"r.dat",
                           qrs::test::pack_wfdb(16, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})};
  sink.add("multifrequency",
           qrs::fuzz::encode_files(bytes_of("r 2 250/1000(5) 2\r\nr.dat 16x4 1(0)/uV 16 0 0 0 0 "
                                            "ECG\n# c\nr.dat 16x2 1/mV 16 0 0 0 0 II\n"),
                                   {dat}));
  sink.add("skew_offset",
           qrs::fuzz::encode_files(
               bytes_of("r 2 360\nr.dat 16:1+4 0 12 10 0 0 0 a\nr.dat 16:1+4 200/V\n"), {dat}));
  sink.add(
      "multisegment",
      qrs::fuzz::encode_files(
          bytes_of("m/4 2 250 9\nm_0 0\ns1 2\n~ 3\ns2 4\n"),
          {text_file("m_0.hea", "m_0 2 250 0\n~ 0 100/mV 12 0 0 0 0 I\n~ 0 100/mV 12 0 0 0 0 II\n"),
           text_file("s1.hea", "s1 1 250 2\ns1.dat 16 100 16 0 0 0 0 II\n"),
           {"s1.dat", qrs::test::pack_wfdb(16, {5, 6})},
           text_file("s2.hea",
                     "s2 2 250 4\ns2.dat 212 100 12 0 0 0 0 I\ns2.dat 212 100 12 0 0 0 0 II\n"),
           {"s2.dat", qrs::test::pack_wfdb(212, {1, 2, 3, 4, 5, 6, 7, 8})}}));
  sink.add(
      "multifrequency_segments",
      qrs::fuzz::encode_files(
          bytes_of("m/3 2 100 5\nm_0 0\ns1 3\n~ 2\n"),
          {text_file("m_0.hea", "m_0 2 100 0\n~ 0x2 1/mV 16 0 0 0 0 E\n~ 0 1/mV 16 0 0 0 0 R\n"),
           text_file("s1.hea",
                     "s1 2 100 3\ns1.dat 16x2 1 16 0 0 0 0 E\ns1.dat 16 1 16 0 0 0 0 R\n"),
           {"s1.dat", qrs::test::pack_wfdb(16, {1, 2, 101, 3, 4, 102, 5, 6, 103})}}));
  sink.add("fixed_segments",
           qrs::fuzz::encode_files(bytes_of("m/2 1 250 4\ns1 2\ns1 2\n"),
                                   {text_file("s1.hea", "s1 1 250 2\ns1.dat 80 100 8 0 0 0 0 II\n"),
                                    {"s1.dat", {128, 140}}}));
}

const qrs::fuzz::RegisterSeeds kRegister("wfdb", write_seeds);

}  // namespace
