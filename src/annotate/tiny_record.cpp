// Records too small to annotate, in amplitude or in time (see tiny_record.h).
#include "annotate/tiny_record.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "util/median.h"

namespace qrs::annotate {

void warn_tiny_record(Annotation& result, const std::vector<signal::LeadSize>& sizes,
                      const signal::PreprocessSpec& spec,
                      const std::vector<std::vector<bool>>& with_samples) {
  if (!(spec.amplitude_window_s > 0)) return;
  std::vector<double> typical;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const bool all = i >= with_samples.size() || with_samples[i].empty();
    std::vector<double> ranges;
    for (std::size_t b = 0; b < sizes[i].ranges.size(); ++b)
      if (all || with_samples[i][b]) ranges.push_back(sizes[i].ranges[b]);
    if (!ranges.empty()) typical.push_back(lower_median(ranges));
  }
  // A lead with no signal at all says nothing of the file's unit (a disconnected channel beside
  // live ones: annotate/flat_parts.h names it); the live leads decide.
  const auto live = std::remove(typical.begin(), typical.end(), 0.0);
  if (live != typical.begin()) typical.erase(live, typical.end());
  if (typical.empty()) return;
  const double median_lead = lower_median(typical);
  if (!(median_lead < spec.amplitude_floor)) return;
  char text[320];
  if (median_lead > 0) {
    std::snprintf(text, sizeof text,
                  ": the leads are tiny (the median lead's typical peak-to-peak is %.3g in the "
                  "file's unit, under the %.3g the annotator needs), so they are annotated as "
                  "near-flat and few or no QRS are found: if the file is in volts, give it in "
                  "millivolts",
                  median_lead, spec.amplitude_floor);
  } else {
    std::snprintf(text, sizeof text, ": the leads are flat (no signal), so no QRS is found");
  }
  result.warnings.push_back(result.record + text);
}

void warn_short_record(Annotation& result, double min_qrs_ms) {
  const double length_ms = static_cast<double>(result.length) * 1000.0 / result.fs;
  if (!(length_ms < min_qrs_ms)) return;
  char text[200];
  std::snprintf(text, sizeof text,
                ": the record is %.3g ms long, shorter than the shortest QRS (%g ms), so no QRS "
                "can be found in it",
                length_ms, min_qrs_ms);
  result.warnings.push_back(result.record + text);
}

}  // namespace qrs::annotate
