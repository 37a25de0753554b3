#pragma once
// Network: a loaded model file (see docs/model_format.md) bound to one backend, ready to run the
// whole forward pass for a single-lead signal at the model's own sampling rate.
//
// Contract:
//  - load() checks magic, version, sizes and the CRC-32 before trusting anything, validates every
//    layer's shapes, and packs weights once for the chosen backend. A damaged or foreign file
//    throws qrs::Error with a readable message; it never crashes.
//  - run() takes `length` samples of `channels_in` interleaved input channels (channels last,
//    already preprocessed: see src/signal/preprocess.h) and returns length * channels_out floats
//    (channels last). Any length >= 1 works: long inputs are processed in overlapping windows
//    aligned to the model's pooling grid and stitched so the result equals one pass over the whole
//    (padded) signal within float rounding; short inputs are zero-padded to the length multiple.
//  - Both backends run the same graph and agree within 1e-4 (tested).
//  - A Network keeps per-window-length scratch buffers, so one instance must not run on two
//    threads at once; load one per thread instead (weights are small).
//  - intra_op_threads > 1 (XNNPACK backend only; the built-in backend ignores it): the network
//    owns that many threads (XNNPACK's pthreadpool) and splits every layer over them, so even one
//    lead uses every core. set_intra_op_parallel(false) runs on the calling thread alone, for
//    callers that spread independent leads over threads of their own.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "signal/preprocess.h"

namespace qrs::nn {

enum class BackendKind { Auto, Builtin, Xnnpack };

// Parses "builtin" / "xnnpack" / "auto"; throws qrs::Error for anything else.
BackendKind parse_backend(const std::string& name);
const char* backend_name(BackendKind kind);
// Whether this build has the XNNPACK backend: native builds and the SIMD wasm variants do.
bool xnnpack_available();
// The backend Auto stands for in this build: the faster one, by the rule and figures in
// docs/performance.md ("Which backend auto picks").
BackendKind auto_backend();

struct ModelInfo {
  std::string name;
  double sample_rate_hz = 0;         // the model's input rate
  int channels_in = 1;
  int channels_out = 0;
  std::vector<std::string> outputs;  // channel names in order, e.g. {"onset", "offset"}
  int length_multiple = 1;           // input length granularity (2^pooling depth)
  int receptive_radius = 0;          // samples each side an output depends on (computed at load)
  signal::PreprocessSpec preprocess; // how raw mV becomes model input
  std::size_t parameter_count = 0;
  double flops_per_sample = 0;       // multiply-adds * 2 per input sample
  std::string header_json;           // the file's header, verbatim
};

class Network {
 public:
  static std::unique_ptr<Network> load(const std::uint8_t* bytes, std::size_t size,
                                       BackendKind backend = BackendKind::Auto,
                                       int intra_op_threads = 1);
  virtual ~Network() = default;

  virtual const ModelInfo& info() const = 0;
  virtual BackendKind backend() const = 0;

  // Whole-signal forward pass with windowing (see contract above).
  virtual std::vector<float> run(const float* input, std::size_t length) = 0;

  // One forward pass over exactly `length` samples (must be a multiple of length_multiple), no
  // windowing. Exposed for tests and benchmarks.
  virtual std::vector<float> run_window(const float* input, std::size_t length) = 0;

  // Window size used by run() for long inputs (model samples); tests shrink it.
  virtual void set_window(std::size_t window_length) = 0;

  // See the contract above; on by default when the network has intra-op threads.
  virtual void set_intra_op_parallel(bool on) = 0;
};

}  // namespace qrs::nn
