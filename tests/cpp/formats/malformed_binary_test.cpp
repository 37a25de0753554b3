// Hostile and broken WFDB / EDF / BDF inputs, one table row each: the reader must throw qrs::Error
// whose message names the file and says the specific problem (asserted by substring), and never
// crash or allocate unboundedly (the fuzz targets in tests/fuzz push further).
#include <gtest/gtest.h>

#include <functional>

#include "edf_test_writer.h"
#include "formats/readers.h"
#include "util/error.h"
#include "wfdb_test_writer.h"

namespace qrs {
namespace {

struct Input {
  NamedBuffer primary;
  std::vector<NamedBuffer> companions;
  bool edf = false;
};

struct Case {
  const char* name;
  std::function<Input()> make;
  const char* expected;  // substring of the error message
};

NamedBuffer dat16(const std::string& name, const std::vector<std::int32_t>& stream) {
  return {name, test::pack_wfdb(16, stream)};
}

Input wfdb(const std::string& header, std::vector<NamedBuffer> companions = {}) {
  return {test::text_file("r.hea", header), std::move(companions), false};
}

// A valid two-signal EDF (250 Hz, 2 records) that each EDF row breaks in one way.
test::EdfOut good_edf() {
  test::EdfOut edf;
  edf.records = 2;
  for (const char* label : {"ECG I", "ECG II"}) {
    test::EdfSignalOut s;
    s.label = label;
    s.samples_per_record = 250;
    s.digital.assign(500, 7);
    edf.signals.push_back(s);
  }
  return edf;
}

Input edf(const test::EdfOut& e) {
  return {test::write_edf("e.edf", e), {}, true};
}

Input edf_with(const std::function<void(test::EdfOut&)>& change) {
  test::EdfOut e = good_edf();
  change(e);
  return edf(e);
}

const std::vector<NamedBuffer> kTenSamples = {dat16("r.dat", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})};

const Case kCases[] = {
    {"wfdb_control_valid", [] { return wfdb("r 1 250 10\nr.dat 16\n", kTenSamples); }, nullptr},
    // --- WFDB: record line ---
    {"wfdb_empty_header", [] { return wfdb("# only a comment\n\n"); },
     "r.hea: WFDB header is empty"},
    {"wfdb_nul_bytes", [] { return wfdb(std::string("r 1 250\0\1\2", 11)); }, "contains NUL bytes"},
    {"wfdb_zero_signals", [] { return wfdb("r 0 250 10\n"); },
     "r.hea: line 1: the record has 0 signals"},
    {"wfdb_billion_signals", [] { return wfdb("r 1000000000 250 10\n"); },
     "declares 1000000000 signals; at most 256 are supported"},
    {"wfdb_non_numeric_signal_count", [] { return wfdb("r two 250\n"); },
     "number of signals 'two' is not an integer"},
    {"wfdb_fs_zero", [] { return wfdb("r 1 0 10\nr.dat 16\n", kTenSamples); },
     "sampling frequency 0 Hz is out of range"},
    {"wfdb_fs_huge", [] { return wfdb("r 1 1e9 10\nr.dat 16\n", kTenSamples); },
     "sampling frequency 1e9 Hz is out of range"},
    {"wfdb_fs_hex", [] { return wfdb("r 1 0x1F4\nr.dat 16\n", kTenSamples); },
     "sampling frequency '0x1F4' is not a number"},
    {"wfdb_negative_length", [] { return wfdb("r 1 250 -5\nr.dat 16\n", kTenSamples); },
     "number of samples -5 is negative"},
    {"wfdb_missing_signal_lines", [] { return wfdb("r 3 250 10\nr.dat 16\n", kTenSamples); },
     "declares 3 signals but the header has 1 signal lines"},
    {"wfdb_header_too_large", [] { return wfdb("r 1 250\n" + std::string(2 << 20, '#')); },
     "larger than the"},
    // --- WFDB: signal lines ---
    {"wfdb_unknown_format", [] { return wfdb("r 1 250 10\nr.dat 13 200\n", kTenSamples); },
     "line 2: signal format 13 is not supported (supported: 0, 8, 16"},
    {"wfdb_malformed_format_field", [] { return wfdb("r 1 250 10\nr.dat 16y 200\n", kTenSamples); },
     "format field '16y' is malformed"},
    {"wfdb_zero_samples_per_frame",
     [] { return wfdb("r 1 250 10\nr.dat 16x0 200\n", kTenSamples); },
     "samples per frame 0 is out of range"},
    {"wfdb_non_numeric_gain", [] { return wfdb("r 1 250 10\nr.dat 16 abc(0)/mV\n", kTenSamples); },
     "line 2: gain 'abc' is not a number"},
    {"wfdb_unclosed_baseline", [] { return wfdb("r 1 250 10\nr.dat 16 100(5/mV\n", kTenSamples); },
     "baseline has no ')'"},
    {"wfdb_non_numeric_checksum",
     [] { return wfdb("r 1 250 10\nr.dat 16 100 16 0 0 x1 0 I\n", kTenSamples); },
     "checksum 'x1' is not an integer"},
    {"wfdb_mixed_formats_in_one_file",
     [] { return wfdb("r 2 250 2\nr.dat 16 100\nr.dat 212 100\n", kTenSamples); },
     "r.dat mixes signal formats 16 and 212"},
    {"wfdb_all_signals_not_voltage",
     [] { return wfdb("r 1 250 10\nr.dat 16 100/mmHg\n", kTenSamples); },
     "no signal is in volts (units: mmHg)"},
    // --- WFDB: data files ---
    {"wfdb_missing_dat", [] { return wfdb("r 1 250 10\nr.dat 16\n"); },
     "r.hea: needs its signal file r.dat, which was not found with it"},
    {"wfdb_truncated_to_nothing",
     [] { return wfdb("r 2 250 5\nr.dat 16\nr.dat 16\n", {dat16("r.dat", {1})}); },
     "r.hea: r.dat holds no samples"},
    {"wfdb_lying_sample_count", [] { return wfdb("r 1 250 2000000000\nr.dat 16\n", kTenSamples); },
     "r.hea: 2000000000 samples per signal is more than the 1200000000 this reader accepts; split "
     "the recording into shorter records and annotate each"},
    // Refused on the header's word alone: the signal file is not even needed to say so.
    {"wfdb_too_long_without_its_dat", [] { return wfdb("r 2 250 700000000\nr.dat 16\nr.dat 16\n"); },
     "r.hea: 1400000000 samples in all is more than the 1200000000 this reader accepts"},
    {"wfdb_empty_dat_without_length",
     [] {
       return wfdb("r 1 250\nr.dat 16\n", {{"r.dat", {}}});
     },
     "r.dat holds no samples"},
    {"wfdb_offset_beyond_file", [] { return wfdb("r 1 250\nr.dat 16+1000\n", kTenSamples); },
     "byte offset 1000 is beyond the end of r.dat (20 bytes)"},
    {"wfdb_only_null_signals", [] { return wfdb("r 1 250\n~ 0\n"); },
     "all signals are null (format 0)"},
    // --- WFDB: multi-segment ---
    {"wfdb_zero_segments", [] { return wfdb("m/0 1 250\n"); }, "number of segments is 0"},
    {"wfdb_mostly_gaps", [] { return wfdb("m/2 1 250\n~ 100000000\ns 10\n"); },
     "far more than the data given with it can hold (100000000 of 100000010 frames are gaps)"},
    {"wfdb_segment_rate_differs",
     [] {
       return wfdb("m/1 1 250 10\ns 10\n", {test::text_file("s.hea", "s 1 360 10\ns.dat 16\n"),
                                            dat16("s.dat", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})});
     },
     "segment s.hea is sampled at 360"},
    {"wfdb_segment_is_multi_segment",
     [] { return wfdb("m/1 1 250 10\ns 10\n", {test::text_file("s.hea", "s/1 1 250\nt 10\n")}); },
     "segment s.hea is itself a multi-segment record"},
    // --- EDF / BDF ---
    {"edf_too_short",
     [] {
       return Input{{"e.edf", std::vector<std::uint8_t>(100, ' ')}, {}, true};
     },
     "e.edf: only 100 bytes, too short for an EDF/BDF header"},
    {"edf_control_valid", [] { return edf_with([](test::EdfOut&) {}); },
     nullptr},  // control row: valid
    {"edf_not_edf",
     [] {
       Input in = edf(good_edf());
       in.primary.bytes[0] = 'X';
       return in;
     },
     "not an EDF or BDF file"},
    {"edf_discontinuous_without_times",
     [] { return edf_with([](test::EdfOut& e) { e.reserved = "EDF+D"; }); },
     "discontinuous EDF+ (EDF+D) without an annotation signal"},
    {"edf_header_size_lies",
     [] { return edf_with([](test::EdfOut& e) { e.override_fixed["header size"] = "512"; }); },
     "header size field says 512 bytes but 2 signals need 768"},
    {"edf_header_size_not_a_number",
     [] { return edf_with([](test::EdfOut& e) { e.override_fixed["header size"] = "big"; }); },
     "header size 'big' is not an integer"},
    {"edf_zero_signals",
     [] { return edf_with([](test::EdfOut& e) { e.override_fixed["number of signals"] = "0"; }); },
     "number of signals is 0"},
    {"edf_too_many_signals",
     [] {
       return edf_with([](test::EdfOut& e) { e.override_fixed["number of signals"] = "9999"; });
     },
     "declares 9999 signals; at most 256"},
    {"edf_header_longer_than_file",
     [] {
       Input in = edf(good_edf());
       in.primary.bytes.resize(600);
       return in;
     },
     "the header needs 768 bytes but the file has only 600"},
    {"edf_digital_min_above_max",
     [] {
       return edf_with([](test::EdfOut& e) {
         e.signals[1].digital_min = "10";
         e.signals[1].digital_max = "0";
       });
     },
     "signal 2 'ECG II': digital minimum 10 is above digital maximum 0"},
    // A signal whose range gives no scale is skipped (edf_unscaled_test.cpp); with none left, the
    // file is refused naming each.
    {"edf_no_signal_scales",
     [] {
       return edf_with([](test::EdfOut& e) {
         e.signals[0].physical_min = e.signals[0].physical_max = "5";
         e.signals[1].digital_min = e.signals[1].digital_max = "0";
       });
     },
     "e.edf: signal 'ECG I': physical minimum equals physical maximum (both 5 uV); signal 'ECG "
     "II': digital minimum equals digital maximum (both 0), so their samples cannot be scaled "
     "(unconnected inputs?), and these are the only channels of the file that may be ECG: "
     "nothing is left to annotate"},
    {"edf_non_numeric_physical",
     [] { return edf_with([](test::EdfOut& e) { e.signals[0].physical_max = "lots"; }); },
     "signal 1 physical maximum 'lots' is not a number"},
    {"edf_records_lie_without_data",  // fewer records than declared are read (edf_read_test)
     [] {
       return edf_with([](test::EdfOut& e) {
         e.override_fixed["number of data records"] = "100";
         e.records = 0;
         for (auto& s : e.signals) s.digital.clear();
       });
     },
     "holds no complete data record"},
    {"edf_zero_duration", [] { return edf_with([](test::EdfOut& e) { e.duration = "0"; }); },
     "data record duration 0"},
    {"edf_bad_samples_per_record",
     [] {
       test::EdfOut e = good_edf();
       Input in = edf(e);
       // samples-per-record field of signal 1: after 16+80+8*5+80 bytes per signal, times 2.
       const std::size_t at = 256 + (16 + 80 + 8 * 5 + 80) * 2;
       for (std::size_t i = 0; i < 8; ++i) in.primary.bytes[at + i] = "abc     "[i];
       return in;
     },
     "signal 1 samples per data record 'abc' is not an integer"},
    {"edf_rate_too_low",
     [] {
       return edf_with([](test::EdfOut& e) {
         e.duration = "1000";
         for (auto& s : e.signals) s.samples_per_record = 2, s.digital.assign(4, 0);
       });
     },
     "sampling rate 0.002 Hz is out of range"},
    {"edf_only_annotations",
     [] {
       return edf_with([](test::EdfOut& e) {
         e.reserved = "EDF+C";
         e.signals.resize(1);
         e.signals[0].label = "EDF Annotations";
       });
     },
     "has no signals, only annotations"},
    {"edf_no_data_records", [] { return edf_with([](test::EdfOut& e) { e.records = 0; }); },
     "holds no complete data record"},
};

class MalformedBinary : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedBinary, FailsWithItsOwnMessage) {
  const Case& c = GetParam();
  const Input in = c.make();
  std::vector<std::string> warnings;
  auto run = [&] {
    if (in.edf) return formats::read_edf(in.primary, warnings);
    return formats::read_wfdb(in.primary, in.companions, warnings);
  };
  if (!c.expected) {  // control row: the unbroken input reads, so each broken row tests one thing
    EXPECT_EQ(run().size(), 1u);
    return;
  }
  try {
    run();
    FAIL() << "no error; expected one containing: " << c.expected;
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(c.expected), std::string::npos)
        << "message: " << message << "\nexpected to contain: " << c.expected;
    EXPECT_EQ(message.rfind(in.primary.name + ":", 0), 0u)
        << "message must start with the file name: " << message;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, MalformedBinary, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace qrs
