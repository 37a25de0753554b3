// How long reading one LUDB record takes (the .hea parsed, the format-16 .dat decoded into 12
// leads of 5000 samples in mV, checksums verified), beside one annotate() of the same record in
// the same run: reading must stay a small share of the work a user waits for. Replaces the 50 ms
// bound tests/cpp/formats/wfdb_ludb_test.cpp used to assert (timed tests have no place in the
// suite: they flake on a shared machine and under sanitizers).
//   bench_wfdb_decode [--ludb DIR] [--record 1] [--model PATH] [--repeats 25]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "annotator.h"
#include "timing.h"

namespace {

std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s (set --ludb or ECG_LUDB_DIR)\n", path.c_str());
    std::exit(1);
  }
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

int main(int argc, char** argv) {
  const char* env_ludb = std::getenv("ECG_LUDB_DIR");
  std::string ludb = env_ludb ? env_ludb : std::string(QRS_SOURCE_DIR) + "/../shared/data/ludb";
  std::string record_name = "1";
  std::string model = std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm";
  int repeats = 25;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--ludb") ludb = argv[i + 1];
    else if (a == "--record") record_name = argv[i + 1];
    else if (a == "--model") model = argv[i + 1];
    else if (a == "--repeats") repeats = std::atoi(argv[i + 1]);
  }
  const qrs::NamedBuffer hea{record_name + ".hea", read_bytes(ludb + "/" + record_name + ".hea")};
  const qrs::NamedBuffer dat{record_name + ".dat", read_bytes(ludb + "/" + record_name + ".dat")};
  qrs::ReadResult read;
  const double read_ms = qrs::bench::median_ms(repeats, [&] { read = qrs::read_file(hea, {dat}); });
  if (!read.error.empty() || read.records.empty()) {
    std::fprintf(stderr, "%s\n", read.error.c_str());
    return 1;
  }
  const qrs::Record& record = read.records.front();
  const std::vector<std::uint8_t> model_bytes = read_bytes(model);
  auto annotator = qrs::Annotator::from_model_bytes(model_bytes.data(), model_bytes.size());
  const double annotate_ms = qrs::bench::median_ms(repeats, [&] { annotator->annotate(record); });
  const double samples = double(record.leads.size()) * double(record.length());
  std::printf("LUDB record %s: %zu leads x %zu samples, %zu bytes of .dat\n", record_name.c_str(),
              record.leads.size(), record.length(), dat.bytes.size());
  std::printf("  read_file    %8.3f ms  (%.0f Msamples/s, median of %d)\n", read_ms,
              samples / (read_ms * 1e3), repeats);
  std::printf("  annotate()   %8.3f ms  (backend %s)\n", annotate_ms,
              qrs::nn::backend_name(annotator->backend()));
  std::printf("  read / annotate = %.4f\n", read_ms / annotate_ms);
  return 0;
}
