#pragma once
// Runs a network over a signal of any length by overlapping windows, such that the result equals
// one pass over the whole signal zero-padded to the length multiple:
//  - the padded length P = ceil(n / multiple) * multiple; P <= window -> one pass of P samples;
//  - otherwise windows of `window` samples start on the multiple grid (so pooling grids coincide
//    with the whole pass), the first at 0 and the last ending exactly at P (so both signal edges
//    see the same zero padding as the whole pass), and each keeps only the samples at least
//    `margin` = receptive radius (rounded up to the multiple) away from its interior edges.
#include <cstddef>
#include <functional>
#include <vector>

namespace qrs::nn {

struct WindowingSpec {
  std::size_t channels_in = 1, channels_out = 1;
  std::size_t length_multiple = 1;
  std::size_t receptive_radius = 0;
  std::size_t window = 4096;  // requested; grown if too small for two margins plus one multiple
};

// run_window(input, T, output) runs exactly T samples (T a multiple of length_multiple).
using WindowRunner = std::function<void(const float* input, std::size_t T, float* output)>;

std::vector<float> run_windowed(const float* input, std::size_t n, const WindowingSpec& spec,
                                const WindowRunner& run_window);

// The window length run_windowed() actually uses for this spec.
std::size_t effective_window(const WindowingSpec& spec);

}  // namespace qrs::nn
