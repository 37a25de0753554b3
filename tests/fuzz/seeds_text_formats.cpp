// Seeds for fuzz_csv, fuzz_npy, fuzz_npz and fuzz_json: one small valid file per layout the
// readers accept (docs/formats.md), made with the tests' writers.
#include <cmath>
#include <string>

#include "formats/npy_test_writer.h"
#include "seed_registry.h"

namespace {

std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

std::vector<double> wave(std::size_t n) {
  std::vector<double> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(std::sin(0.3 * double(i)));
  return v;
}

void csv_seeds(qrs::fuzz::SeedSink& sink) {
  sink.add("header_fs", bytes("# fs=500\ni,ii\n0.1,0.2\n0.3,-0.4\n0.5,0.6\n"));
  sink.add("time_ms", bytes("t (ms);ii (uV)\n0;1,5\n4;2,5\n8;3,5\n12;4,5\n"));
  sink.add("plain", bytes("0.000 1\n0.002 2\n0.004 3\n0.006 2\n"));
  sink.add("index_units_row", bytes("'sample #'\t'MLII'\n''\t'mV'\n0\t1\n1\t\n2\tnan\n"));
  sink.add("pandas_numbered", bytes(",0,1\n0,0.5,0.25\n1,0.4,0.2\n2,0.3,0.1\n"));
  sink.add("pandas_unnamed", bytes(",Unnamed: 0,ii_uV,V1/mV\n0,0,100,1\n1,1,200,2\n"));
  sink.add("stamps", bytes("timestamp,ii\n2024-03-01T10:00:00.000+01:00,1\n"
                           "2024-03-01T10:00:00.002+01:00,2\n2024-03-01T10:00:00.004+01:00,3\n"));
  sink.add("timedelta", bytes("time;ii [\xB5V]\n0 days 00:00:00;1\n0 days 00:00:00.002000;2,5\n"
                              "0 days 00:00:00.004000;3\n"));
  sink.add("preamble", bytes("Name,X\nSample Rate,512 hertz\n,\nLead,Lead I\nUnit,\xC2\xB5V\n,\n"
                             "-52.148\n\"-50,1\"\n12.5\n"));
  sink.add("labchart", bytes("Interval=\t2 ms\nChannelTitle=\tI\tII\nUnitName=\t*\tmV\tmV\n"
                             "0\t0.1\t0.2\n0.002\t0.3\t0.4\n0.004\t0.5\t0.6\n"));
}

void npy_seeds(qrs::fuzz::SeedSink& sink) {
  using qrs::test::npy_of;
  sink.add("t", qrs::test::npy_f32({40}, wave(40)));
  sink.add("tl_f8_be_fortran_v2", npy_of<double>({30, 3}, wave(90), ">f8", true, 2));
  sink.add("lt_i2_v3", npy_of<std::int16_t>({2, 40}, wave(80), "<i2", false, 3));
  std::vector<double> pairs;
  for (int n = 0; n < 2; ++n)
    for (int r = 0; r < 20; ++r) pairs.push_back(r < 3 ? 0 : (r - 3) * 0.002), pairs.push_back(r < 3 ? 0 : std::sin(r));
  sink.add("seed_pairs", qrs::test::npy_f32({2, 20, 2}, pairs));
  sink.add("batch", qrs::test::npy_f32({2, 20, 3}, wave(120)));
}

void npz_seeds(qrs::fuzz::SeedSink& sink) {
  using qrs::test::named;
  sink.add("single", qrs::test::zip_of({named("arr_0.npy", qrs::test::npy_f32({40}, wave(40)))}));
  const std::vector<qrs::NamedBuffer> keyed = {
      named("signals.npy", qrs::test::npy_f32({30, 2}, wave(60))),
      named("fs.npy", qrs::test::npy_of<double>({}, {250}, "<f8"))};
  sink.add("keyed_stored", qrs::test::zip_of(keyed));
  sink.add("keyed_deflated", qrs::test::zip_of(keyed, true));
}

void json_seeds(qrs::fuzz::SeedSink& sink) {
  sink.add("object", bytes(R"({"fs": 500, "units": "uV", "leads": {"ii": [100, -200, null], "v1": [1, 2, 3]}})"));
  sink.add("list", bytes(R"([{"fs": 250, "leads": {"i": [1, 2]}}, {"name": "b", "fs": 100, "leads": {"i": [3]}}])"));
  sink.add("records", bytes(R"({"records": [{"fs": 250, "leads": [{"name": "ii", "samples": [0.5, 0.25]}]}]})"));
}

const qrs::fuzz::RegisterSeeds kCsv("csv", csv_seeds);
const qrs::fuzz::RegisterSeeds kNpy("npy", npy_seeds);
const qrs::fuzz::RegisterSeeds kNpz("npz", npz_seeds);
const qrs::fuzz::RegisterSeeds kJson("json", json_seeds);

}  // namespace
