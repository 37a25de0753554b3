// The low-rate warning (see low_rate.h).
#include "annotate/low_rate.h"

#include <cstdio>

namespace qrs::annotate {
namespace {

// Mean QRS duration (beats' durationMs) of LUDB records 1-20 resampled from 500 Hz with scipy's
// resample_poly, minus that at 500 Hz (ms): bench/low_rate_durations.py,
// model_weights/MODEL_CARD.md "Low sampling rates".
struct Lengthening {
  double fs;
  double ms;
};
constexpr Lengthening kMeasured[] = {{50, 21.5}, {56, 13.4}, {64, 7.5}, {72, 3.7}};

}  // namespace

void warn_low_rate(Annotation& result) {
  if (!(result.fs < kLowRateWarningHz)) return;
  // The measured rate nearest the record's, never above it (the lengthening grows as the rate
  // falls); below the lowest measured, that one, "or more".
  const Lengthening* at = &kMeasured[0];
  for (const Lengthening& m : kMeasured)
    if (m.fs <= result.fs) at = &m;
  const bool below_all = result.fs < kMeasured[0].fs;
  char text[400];
  std::snprintf(text, sizeof text,
                ": sampled at %g Hz, below %g Hz: the QRS durations come out longer than at higher "
                "rates (LUDB records resampled to %g Hz: %+.1f ms on average against 500 Hz%s), "
                "as the recording holds nothing of the QRS above %g Hz; the model was trained on "
                "100-2000 Hz",
                result.fs, kLowRateWarningHz, at->fs, at->ms, below_all ? ", more below" : "",
                result.fs / 2);
  result.warnings.push_back(result.record + text);
}

}  // namespace qrs::annotate
