#pragma once
// The one place that decides which kernel variant each op uses: filled once, on first use, from
// what this build compiled and what this CPU supports (the fastest supported variant wins). Ops
// take their kernels from here and never name a variant.
#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

struct KernelTable {
  Conv1dNwcVariant conv1d_nwc;         // the fastest variant: for layers with many output channels
  Conv1dNwcVariant conv1d_nwc_narrow;  // the fastest with a tile of <= 8 output channels

  // The variant for a GEMM with `cout` output columns: narrow when it covers them in one tile.
  const Conv1dNwcVariant& conv1d_nwc_for(std::size_t cout) const {
    return cout <= conv1d_nwc_narrow.nr ? conv1d_nwc_narrow : conv1d_nwc;
  }
};

const KernelTable& kernel_table();

}  // namespace qrs::nn::kernels
