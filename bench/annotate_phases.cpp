// Where the time of one annotate() goes, for one LUDB record (10 s, 12 leads, 500 Hz):
// preprocess (resample + normalise), network (windowed forward pass), post-processing (back to
// the input rate, event finding, multi-lead beats), and the whole Annotator::annotate.
//   bench_annotate_phases [--ludb DIR] [--record 5] [--model PATH] [--repeats 15]
// Builds natively (bench/CMakeLists.txt) and as wasm for node (bench/wasm/build_phases.sh), so
// the same phases can be compared between native and each wasm variant.
#include <cstdio>
#include <string>
#include <vector>

#include "annotate/events.h"
#include "annotator.h"
#include "formats/read.h"
#include "ludb_args.h"
#include "nn/network.h"
#include "signal/preprocess.h"
#include "timing.h"

int main(int argc, char** argv) {
  const qrs::bench::LudbArgs args = qrs::bench::parse_ludb_args(argc, argv, "5", 15);
  const std::string& record_name = args.record;
  const int repeats = args.repeats;
  const qrs::bench::LudbFiles files = qrs::bench::read_ludb_files(args);
  const qrs::ReadResult read = qrs::read_file(files.hea, {files.dat});
  if (!read.error.empty() || read.records.empty()) {
    std::fprintf(stderr, "%s\n", read.error.c_str());
    return 1;
  }
  const qrs::Record& record = read.records.front();
  const std::size_t n = record.length();

  const std::vector<std::uint8_t> model_bytes = qrs::bench::read_bytes(args.model);
  qrs::AnnotatorOptions options;
  options.backend = qrs::nn::BackendKind::Builtin;
  auto annotator =
      qrs::Annotator::from_model_bytes(model_bytes.data(), model_bytes.size(), options);
  auto network =
      qrs::nn::Network::load(model_bytes.data(), model_bytes.size(), qrs::nn::BackendKind::Builtin);
  const qrs::nn::ModelInfo& info = network->info();
  const auto channels = std::size_t(info.channels_out);

  std::vector<std::vector<float>> inputs(record.leads.size()), outputs(record.leads.size());
  const double preprocess_ms = qrs::bench::median_ms(repeats, [&] {
    for (std::size_t i = 0; i < record.leads.size(); ++i)
      inputs[i] = qrs::signal::preprocess_lead(record.leads[i].samples.data(), n, record.fs,
                                               info.sample_rate_hz, info.preprocess);
  });
  const double network_ms = qrs::bench::median_ms(repeats, [&] {
    for (std::size_t i = 0; i < record.leads.size(); ++i)
      outputs[i] = network->run(inputs[i].data(), inputs[i].size());
  });
  std::vector<qrs::LeadAnnotation> leads(record.leads.size());
  const double post_ms = qrs::bench::median_ms(repeats, [&] {
    for (std::size_t i = 0; i < record.leads.size(); ++i) {
      const std::vector<float>& y = outputs[i];
      const std::size_t len = y.size() / channels;
      std::vector<float> on(len), off(len);
      for (std::size_t t = 0; t < len; ++t) {
        on[t] = y[t * channels];
        off[t] = y[t * channels + 1];
      }
      leads[i].onset_prob =
          qrs::signal::to_input_rate(on.data(), len, info.sample_rate_hz, n, record.fs);
      leads[i].offset_prob =
          qrs::signal::to_input_rate(off.data(), len, info.sample_rate_hz, n, record.fs);
      leads[i].qrs = qrs::annotate::find_qrs_events(leads[i].onset_prob.data(),
                                                    leads[i].offset_prob.data(), n, record.fs, {});
    }
    qrs::annotate::find_beats(leads, record.fs, {});
  });
  const double total_ms = qrs::bench::median_ms(repeats, [&] { annotator->annotate(record); });

  std::size_t model_samples = 0;
  for (const auto& in : inputs) model_samples += in.size();
  const double gflops = info.flops_per_sample * double(model_samples) / (network_ms * 1e6);
  std::printf("record %s: %zu leads x %zu samples at %g Hz, model %s\n", record_name.c_str(),
              record.leads.size(), n, record.fs, info.name.c_str());
  std::printf("  preprocess   %8.2f ms\n", preprocess_ms);
  std::printf("  network      %8.2f ms  (%.1f GFLOP/s over %.2f GFLOP)\n", network_ms, gflops,
              info.flops_per_sample * double(model_samples) * 1e-9);
  std::printf("  postprocess  %8.2f ms\n", post_ms);
  std::printf("  annotate()   %8.2f ms  (whole facade, median of %d)\n", total_ms, repeats);
  return 0;
}
