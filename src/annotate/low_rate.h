#pragma once
// Below about 80 Hz the QRS durations come out longer than at higher rates. A recording at fs
// holds nothing of the QRS above fs / 2 (the recorder's anti-alias filter, or the resampler that
// made it), and the complex is wider without its steep edges: LUDB records 1-20 resampled from
// 500 Hz (scipy resample_poly) to 50 Hz give a mean QRS duration 21.5 ms longer than at 500 Hz,
// and 17.5 ms of that remain when the same 50 Hz signal is upsampled to the model's 250 Hz before
// annotating, so where the marks are placed is not what widens them. The model was trained on
// device rates of 100-2000 Hz (MODEL_CARD.md); from 80 Hz up the durations stay within 2 ms.
// No mark is moved: a warning names the rate and the measured lengthening.
#include "annotate/annotation.h"

namespace qrs::annotate {

constexpr double kLowRateWarningHz = 80;

// Adds the warning to a record sampled below kLowRateWarningHz.
void warn_low_rate(Annotation& result);

}  // namespace qrs::annotate
