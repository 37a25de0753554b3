#pragma once
// Median-of-repeats timing: robust to the odd descheduling on a shared machine.
#include <algorithm>
#include <chrono>
#include <vector>

namespace qrs::bench {

template <class F>
double median_ms(int repeats, F&& run) {
  std::vector<double> times;
  run();  // warm-up: first-touch of buffers, plan creation
  for (int i = 0; i < repeats; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    run();
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace qrs::bench
