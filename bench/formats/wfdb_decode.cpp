// How long reading one LUDB record takes (the .hea parsed, the format-16 .dat decoded into 12
// leads of 5000 samples in mV, checksums verified), beside one annotate() of the same record in
// the same run: reading must stay a small share of the work a user waits for. Replaces the 50 ms
// bound tests/cpp/formats/wfdb_ludb_test.cpp used to assert (timed tests have no place in the
// suite: they flake on a shared machine and under sanitizers).
//   bench_wfdb_decode [--ludb DIR] [--record 1] [--model PATH] [--repeats 25]
#include <cstdio>
#include <string>
#include <vector>

#include "annotator.h"
#include "ludb_args.h"
#include "timing.h"

int main(int argc, char** argv) {
  const qrs::bench::LudbArgs args = qrs::bench::parse_ludb_args(argc, argv, "1", 25);
  const std::string& record_name = args.record;
  const int repeats = args.repeats;
  const qrs::bench::LudbFiles files = qrs::bench::read_ludb_files(args);
  qrs::ReadResult read;
  const double read_ms =
      qrs::bench::median_ms(repeats, [&] { read = qrs::read_file(files.hea, {files.dat}); });
  if (!read.error.empty() || read.records.empty()) {
    std::fprintf(stderr, "%s\n", read.error.c_str());
    return 1;
  }
  const qrs::Record& record = read.records.front();
  const std::vector<std::uint8_t> model_bytes = qrs::bench::read_bytes(args.model);
  auto annotator = qrs::Annotator::from_model_bytes(model_bytes.data(), model_bytes.size());
  const double annotate_ms = qrs::bench::median_ms(repeats, [&] { annotator->annotate(record); });
  const double samples = double(record.leads.size()) * double(record.length());
  std::printf("LUDB record %s: %zu leads x %zu samples, %zu bytes of .dat\n", record_name.c_str(),
              record.leads.size(), record.length(), files.dat.bytes.size());
  std::printf("  read_file    %8.3f ms  (%.0f Msamples/s, median of %d)\n", read_ms,
              samples / (read_ms * 1e3), repeats);
  std::printf("  annotate()   %8.3f ms  (backend %s)\n", annotate_ms,
              qrs::nn::backend_name(annotator->backend()));
  std::printf("  read / annotate = %.4f\n", read_ms / annotate_ms);
  return 0;
}
