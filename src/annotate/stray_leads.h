#pragma once
// A lead that holds noise rather than the heart (a detached electrode picking up muscle or
// amplifier noise at some size) reaches the net as large as a real lead once the amplitude is
// normalised, and the net then marks "complexes" at random times. Every lead of a record sees the
// same heartbeats, so such marks fall between the record's global beats. silence_stray_leads()
// drops the marks and zeroes the curves of a lead when fewer than kMinShareOnBeats of its marks
// overlap a beat, with a warning naming it.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"

namespace qrs::annotate {

// Real leads agree with the beats almost always (LUDB: every lead of every beat, bar a few
// false positives in paced records); random marks next to 60-100 ms complexes once a second
// overlap a beat about one time in ten.
constexpr double kMinShareOnBeats = 0.5;
// Fewer marks than this, or fewer beats, are too few to judge.
constexpr std::size_t kMinMarksToJudge = 4;

// Uses result.beats; with fewer than three leads there is no majority for the beats to stand
// for, and when half the leads or more miss the beats it is the beats that failed: in both cases
// nothing is silenced. In the second (and when the leads mark complexes but share almost no
// beat) a warning says the leads disagree, naming the sampling rate, the likeliest culprit.
// Returns, per lead, whether it was silenced.
std::vector<bool> silence_stray_leads(Annotation& result);

// That warning, naming how many leads disagree (sets result.leads_disagreeing). The Annotator
// also gives it to a noise reader's result when only the first reading's leads disagreed: a
// second reader does not make a wrong sampling rate right.
void warn_leads_disagree(Annotation& result, std::size_t disagreeing);

}  // namespace qrs::annotate
