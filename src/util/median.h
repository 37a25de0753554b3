#pragma once
// The lower median: the value at sorted index (n - 1) / 2, so it is always one of the values
// (never an average of two) and, with two values, the smaller one.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace qrs {

// values must not be empty; taken by value because nth_element reorders it.
inline double lower_median(std::vector<double> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>((values.size() - 1) / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace qrs
