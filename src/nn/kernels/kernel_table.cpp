#include "nn/kernels/kernel_table.h"

namespace qrs::nn::kernels {
namespace {

KernelTable fill_table() {
  KernelTable table{conv1d_nwc_variants().front(), conv1d_nwc_variants().front()};
  // Variants are listed slowest first, so the last supported one is the best this CPU can run.
  for (const Conv1dNwcVariant& v : conv1d_nwc_variants()) {
    if (!v.supported()) continue;
    table.conv1d_nwc = v;
    if (v.nr <= 8) table.conv1d_nwc_narrow = v;
  }
  return table;
}

}  // namespace

const KernelTable& kernel_table() {
  static const KernelTable table = fill_table();
  return table;
}

}  // namespace qrs::nn::kernels
