#pragma once
// The one place that decides which kernel variant each op uses: filled once, on first use, from
// what this build compiled and what this CPU supports (the fastest supported variant wins). Ops
// take their kernels from here and never name a variant.
#include "nn/kernels/conv1d_nwc.h"

namespace qrs::nn::kernels {

struct KernelTable {
  Conv1dNwcVariant conv1d_nwc;
};

const KernelTable& kernel_table();

}  // namespace qrs::nn::kernels
