#include "nn/kernels/kernel_table.h"

namespace qrs::nn::kernels {
namespace {

KernelTable fill_table() {
  KernelTable table{conv1d_nwc_variants().front()};
  // Variants are listed slowest first, so the last supported one is the best this CPU can run.
  for (const Conv1dNwcVariant& v : conv1d_nwc_variants())
    if (v.supported()) table.conv1d_nwc = v;
  return table;
}

}  // namespace

const KernelTable& kernel_table() {
  static const KernelTable table = fill_table();
  return table;
}

}  // namespace qrs::nn::kernels
