#pragma once
// Stretches where a lead sits at its recorder's limit: an amplifier driven into its rail (the
// baseline drifting out of range after the electrodes go on, a defibrillation, a lead-off that
// pulls the input to the supply) or the ADC's full scale. The samples there hold one value, the
// lead's highest or lowest, for longer than any QRS lasts. They are no ECG, and left in they
// wreck the lead's size: the baseline removal turns each edge of the stretch into a step of the
// rail's height, the amplitude normalisation divides the lead by it and the complexes either side
// shrink to nothing (the outside tester's LUDB 5 with 2 s at int16 full scale lost all 9 beats).
// So they are read as samples without a value (missing_samples.h): bridged before resampling, no
// lead's say in the beats there, no part in the lead's size, and named in a warning of their own.
//
// Not saturation: a lead flat throughout (flat_parts.h judges it), the flat top of a clipped R
// wave (tens of ms, under kMinClippedS), a calibration pulse (200 ms), and a coarsely quantised
// baseline that happens to be the lead's lowest value (its level is where the rest of the lead
// lies, not a third of the lead's range away from it).
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"
#include "annotate/silence.h"

namespace qrs::annotate {

// Longer than any QRS (the engine's max_qrs_ms is 250) and than a 200 ms calibration pulse.
constexpr double kMinClippedS = 0.25;
// "At the limit": within this share of the lead's range of its highest (lowest) value. A rail is
// one ADC code, so the samples there are equal; the share leaves room for rounding in the units'
// conversion, and no more: the range is mostly the rail's height, and a share of it as large as
// 1e-3 (0.16 mV at 163.8 mV) took a lead's baseline near its lowest value for a rail too.
constexpr double kClippedTolerance = 1e-5;
// The rest of the lead (outside the stretches at the limit) must lie this share of the lead's
// range away from the limit, as ECG does from a rail it drifted into, and hold at least
// kMinRestS of samples: a lead flat but for a glitch is flat, not saturated.
constexpr double kClippedDistance = 1.0 / 3.0;
constexpr double kMinRestS = 1.0;

// The stretches of one lead of n samples at fs held at its highest or lowest value (see above),
// in time order, disjoint. Non-finite samples (missing) belong to no stretch.
std::vector<SampleSpan> clipped_stretches(const float* samples, std::size_t n, double fs);

// Silences each lead's clipped stretches (clipped[i] for result.leads[i]) and warns, one warning
// per set of leads clipped over the same stretches, as missing_samples.h silence_missing does:
// "r: leads 'i', 'ii': 2.0 s of 10.0 s at the recorder's limit (held flat at the lead's highest
// or lowest value: an amplifier or ADC saturated) from 2.0 s to 4.0 s; no QRS marked there".
void silence_clipped(Annotation& result, const std::vector<std::vector<SampleSpan>>& clipped,
                     const PlaceInRecording& place = {});

}  // namespace qrs::annotate
