// Network::load: container checks (model_file), graph validation (graph), then one backend's
// executor behind the windowing of run().
#include "nn/network.h"

#include "nn/executor.h"
#include "nn/graph.h"
#include "nn/model_file.h"
#include "nn/windowing.h"
#include "util/error.h"

namespace qrs::nn {

BackendKind parse_backend(const std::string& name) {
  if (name == "auto") return BackendKind::Auto;
  if (name == "builtin") return BackendKind::Builtin;
  if (name == "xnnpack") return BackendKind::Xnnpack;
  throw Error("unknown backend '" + name + "' (expected auto, builtin or xnnpack)");
}

const char* backend_name(BackendKind kind) {
  switch (kind) {
    case BackendKind::Auto: return "auto";
    case BackendKind::Builtin: return "builtin";
    case BackendKind::Xnnpack: return "xnnpack";
  }
  return "?";
}

bool xnnpack_available() {
#if defined(QRS_HAVE_XNNPACK)
  return true;
#else
  return false;
#endif
}

BackendKind auto_backend() {
#if defined(QRS_HAVE_XNNPACK) && !defined(__EMSCRIPTEN__)
  // Natively XNNPACK's x86 kernels (AVX-512 where the CPU has it) beat the built-in AVX2 ones, and
  // its thread pool splits a one-lead record's layers over the threads.
  return BackendKind::Xnnpack;
#else
  // In WebAssembly the built-in kernels are faster in every variant on the records the page sees
  // (1.3-1.5x on LUDB record 5 single-threaded, 1.3x with threads): XNNPACK's 1-D convolution
  // goes through its indirection-buffer GEMM. Only one long lead in the threads variant runs
  // faster on XNNPACK (its layers split over the threads), which backend 'xnnpack' asks for.
  return BackendKind::Builtin;
#endif
}

namespace {

class GraphNetwork final : public Network {
 public:
  GraphNetwork(Graph graph, BackendKind backend, int intra_op_threads)
      : graph_(std::move(graph)), backend_(backend) {
#if defined(QRS_HAVE_XNNPACK)
    if (backend == BackendKind::Xnnpack) {
      executor_ = make_xnnpack_executor(graph_, intra_op_threads);
      // Split over threads, each layer needs enough rows to pay for the threads' meeting after
      // it: 2 threads gave 1.0-1.5x on 4096-sample windows, 1.6-1.9x on 16384 (bench_nn_backends,
      // docs/performance.md). Each output row is computed alike in any window, so the result
      // does not depend on it.
      if (intra_op_threads > 1) window_ = 16384;
    }
#else
    (void)intra_op_threads;
#endif
    if (!executor_) executor_ = make_builtin_executor(graph_);
  }

  const ModelInfo& info() const override { return graph_.info; }
  BackendKind backend() const override { return backend_; }

  std::vector<float> run(const float* input, std::size_t length) override {
    WindowingSpec spec;
    spec.channels_in = std::size_t(graph_.info.channels_in);
    spec.channels_out = std::size_t(graph_.info.channels_out);
    spec.length_multiple = std::size_t(graph_.info.length_multiple);
    spec.receptive_radius = std::size_t(graph_.info.receptive_radius);
    spec.window = window_;
    return run_windowed(input, length, spec, [this](const float* in, std::size_t T, float* out) {
      executor_->run(in, T, out);
    });
  }

  std::vector<float> run_window(const float* input, std::size_t length) override {
    const std::size_t m = std::size_t(graph_.info.length_multiple);
    if (length == 0 || length % m != 0)
      throw Error("run_window: length " + std::to_string(length) + " is not a positive multiple of " +
                  std::to_string(m));
    std::vector<float> out(length * std::size_t(graph_.info.channels_out));
    executor_->run(input, length, out.data());
    return out;
  }

  void set_window(std::size_t window_length) override {
    if (window_length == 0) throw Error("set_window: window length must be positive");
    window_ = window_length;
  }

  void set_intra_op_parallel(bool on) override {
    executor_->set_intra_op_parallel(on);
  }

 private:
  Graph graph_;  // declared before executor_: the executor keeps a reference to it
  BackendKind backend_;
  std::unique_ptr<Executor> executor_;
  std::size_t window_ = 4096;
};

}  // namespace

std::unique_ptr<Network> Network::load(const std::uint8_t* bytes, std::size_t size,
                                       BackendKind backend, int intra_op_threads) {
  if (backend == BackendKind::Auto) backend = auto_backend();
  if (backend == BackendKind::Xnnpack && !xnnpack_available())
    throw Error("backend 'xnnpack' is not compiled into this build (use 'builtin')");
  return std::make_unique<GraphNetwork>(build_graph(read_model_file(bytes, size)), backend,
                                        intra_op_threads);
}

}  // namespace qrs::nn
