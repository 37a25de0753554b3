// The lead's size (docs/signal.md section 2, step 3): the ranges of consecutive blocks and, for
// each block, their lower median over the blocks around it (or over the whole lead). The
// normalisation divides by it; the Annotator compares it between leads to find flat ones.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "signal/preprocess.h"
#include "util/median.h"

namespace qrs::signal {

std::size_t samples_for(double seconds, double fs) {
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(seconds * fs + 0.5)));
}

namespace {

// Lower median of the ranges in [first, last) that reach min_range; 0 when none does.
double lower_median_of_sized(std::vector<double>::const_iterator first,
                             std::vector<double>::const_iterator last, double min_range) {
  std::vector<double> sized;
  std::copy_if(first, last, std::back_inserter(sized), [&](double r) { return r >= min_range; });
  return sized.empty() ? 0.0 : lower_median(sized);
}

}  // namespace

LeadSize lead_size(const std::vector<double>& y, double fs, double window_s, double context_s,
                   double min_range) {
  LeadSize size;
  size.samples = y.size();
  if (y.empty()) return size;
  size.block_samples = samples_for(window_s, fs);
  const std::size_t count = std::max<std::size_t>(1, y.size() / size.block_samples);
  size.per_block.resize(count);
  std::vector<double>& ranges = size.ranges;
  ranges.resize(count);
  for (std::size_t b = 0; b < count; ++b) {
    const auto first = y.begin() + static_cast<std::ptrdiff_t>(b * size.block_samples);
    const auto last = y.begin() + static_cast<std::ptrdiff_t>(size.block_end(b));
    const auto [lo, hi] = std::minmax_element(first, last);
    ranges[b] = *hi - *lo;
  }
  const double whole_lead = lower_median_of_sized(ranges.begin(), ranges.end(), min_range);
  // Blocks each side that size a block; the whole lead when the context is off or covers it.
  std::size_t reach = count;
  if (context_s > 0) reach = static_cast<std::size_t>(std::floor(context_s / window_s + 0.5));
  for (std::size_t b = 0; b < count; ++b) {
    const std::size_t lo = b >= reach ? b - reach : 0;
    const std::size_t hi = std::min(count, b + reach + 1);
    size.per_block[b] =
        lo == 0 && hi == count
            ? whole_lead
            : lower_median_of_sized(ranges.begin() + static_cast<std::ptrdiff_t>(lo),
                                    ranges.begin() + static_cast<std::ptrdiff_t>(hi), min_range);
  }
  return size;
}

LeadSize normalise_amplitude(std::vector<double>& y, double fs, const PreprocessSpec& spec) {
  // Blocks under the floor (a detached electrode, a flat stretch) hold nothing to size the lead
  // by: counted, they outvoted the good blocks next to a long loose stretch and blew them up to
  // the clip (a reattached electrode's first beats lost, MODEL_CARD "Known failure modes").
  const LeadSize size =
      lead_size(y, fs, spec.amplitude_window_s, spec.amplitude_context_s, spec.amplitude_floor);
  for (std::size_t b = 0; b < size.per_block.size(); ++b) {
    const double divisor = std::max(size.per_block[b], spec.amplitude_floor);
    for (std::size_t i = b * size.block_samples; i < size.block_end(b); ++i) y[i] /= divisor;
  }
  return size;
}

}  // namespace qrs::signal
