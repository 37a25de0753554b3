#pragma once
// Pearson's correlation of windows of a signal, computed as the dot product of the windows each
// centred (mean removed) and scaled to unit length: a window compared with many others is
// normalised once.
#include <cmath>
#include <cstddef>
#include <vector>

namespace qrs {

// Centres w and scales it to unit length. A flat window is left centred (all zeros) and false is
// returned: it has no correlation with anything.
inline bool centre_to_unit_length(std::vector<double>& w) {
  double mean = 0;
  for (double v : w) mean += v;
  mean /= static_cast<double>(w.size());
  double norm = 0;
  for (double& v : w) {
    v -= mean;
    norm += v * v;
  }
  norm = std::sqrt(norm);
  if (!(norm > 0)) return false;
  for (double& v : w) v /= norm;
  return true;
}

// a and b of one length, each centred to unit length: their correlation.
inline double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace qrs
