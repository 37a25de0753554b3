#include "nn/windowing.h"

#include <algorithm>
#include <cstring>

namespace qrs::nn {
namespace {

std::size_t round_up(std::size_t x, std::size_t m) { return (x + m - 1) / m * m; }

}  // namespace

std::size_t effective_window(const WindowingSpec& spec) {
  const std::size_t m = std::max<std::size_t>(spec.length_multiple, 1);
  const std::size_t margin = round_up(spec.receptive_radius, m);
  return std::max(round_up(std::max<std::size_t>(spec.window, 1), m), 2 * margin + m);
}

std::vector<float> run_windowed(const float* input, std::size_t n, const WindowingSpec& spec,
                                const WindowRunner& run_window) {
  const std::size_t m = std::max<std::size_t>(spec.length_multiple, 1);
  const std::size_t cin = spec.channels_in, cout = spec.channels_out;
  std::vector<float> out(n * cout);
  if (n == 0) return out;
  const std::size_t padded = round_up(n, m);
  const std::size_t window = effective_window(spec);
  const std::size_t margin = round_up(spec.receptive_radius, m);
  const std::size_t T = std::min(padded, window);

  std::vector<float> in_buf(T * cin), out_buf(T * cout);
  std::size_t done = 0;  // output samples [0, done) are final
  while (done < n) {
    // Window start: `margin` before the first sample still needed, clipped so the window fits.
    std::size_t start = done >= margin ? done - margin : 0;
    start = std::min(start, padded - T);
    const std::size_t keep_end = start + T == padded ? n : std::min(n, start + T - margin);
    // Samples past n are the zero padding of the whole-signal pass.
    const std::size_t have = std::min(n, start + T) - start;
    std::memcpy(in_buf.data(), input + start * cin, have * cin * sizeof(float));
    std::fill(in_buf.begin() + have * cin, in_buf.end(), 0.0f);
    run_window(in_buf.data(), T, out_buf.data());
    std::memcpy(out.data() + done * cout, out_buf.data() + (done - start) * cout,
                (keep_end - done) * cout * sizeof(float));
    done = keep_end;
  }
  return out;
}

}  // namespace qrs::nn
