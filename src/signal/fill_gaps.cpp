// Invalid samples (NaN from a WFDB invalid-sample code, an empty CSV cell, a JSON null, a gap
// between segments) bridged before resampling, so the network never sees a step where there was
// none (docs/signal.md section 0).
#include <cmath>

#include "signal/preprocess.h"

namespace qrs::signal {

std::vector<float> fill_gaps(const float* x, std::size_t n) {
  std::vector<float> out(x, x + n);
  std::size_t last_valid = n;  // none yet
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(out[i])) continue;
    if (last_valid == n) {
      // Before the first valid sample: hold it.
      for (std::size_t k = 0; k < i; ++k) out[k] = out[i];
    } else if (i > last_valid + 1) {
      // A gap between two valid samples: the straight line joining them.
      const double from = out[last_valid], to = out[i];
      const double span = static_cast<double>(i - last_valid);
      for (std::size_t k = last_valid + 1; k < i; ++k)
        out[k] = static_cast<float>(from + (to - from) * static_cast<double>(k - last_valid) / span);
    }
    last_valid = i;
  }
  if (last_valid == n) return std::vector<float>(n, 0.0f);  // nothing valid: a flat lead
  for (std::size_t k = last_valid + 1; k < n; ++k) out[k] = out[last_valid];  // hold the last
  return out;
}

}  // namespace qrs::signal
