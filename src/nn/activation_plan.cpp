#include "nn/activation_plan.h"

#include <algorithm>

namespace qrs::nn {

ActivationPlan::ActivationPlan(const Graph& graph, std::size_t window_length)
    : window_length_(window_length), lengths_(value_lengths(graph, window_length)) {
  const std::size_t n = graph.value_channels.size();
  std::vector<std::size_t> halo_right(n, 0);
  halo_left_.assign(n, 0);
  for (const Layer& l : graph.layers) {
    if (l.op != OpKind::Conv1d) continue;
    halo_left_[l.inputs[0]] = std::max(halo_left_[l.inputs[0]], std::size_t(l.pad_left));
    halo_right[l.inputs[0]] = std::max(halo_right[l.inputs[0]], std::size_t(l.pad_right));
  }
  channels_.assign(graph.value_channels.begin(), graph.value_channels.end());
  storage_.resize(n);
  // XNNPACK kernels may read (never use) up to 16 bytes past a buffer's end (XNN_EXTRA_BYTES).
  constexpr std::size_t kReadSlackFloats = 4;
  for (std::size_t v = 0; v < n; ++v)
    storage_[v].assign((halo_left_[v] + lengths_[v] + halo_right[v]) * channels_[v] + kReadSlackFloats,
                       0.0f);
}

}  // namespace qrs::nn
