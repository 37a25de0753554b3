#pragma once
// Samples without a value (NaN): a lead absent from one segment of a WFDB multi-segment record, a
// WFDB invalid-sample code, an empty CSV cell, a JSON null, NaN in an array. Preprocessing bridges
// them with a straight line (signal/preprocess.h fill_gaps) so the network sees no step there;
// what the network reads on that line is nothing, and the line is no lead's size either. So a
// missing stretch keeps no marks and is no lead's say in the beats (silence_stretch), the blocks
// mostly missing take no part in judging a lead flat (flat_parts.h) or the record tiny
// (tiny_record.h), and a warning says how much of which lead is missing, and where.
#include <cstddef>
#include <vector>

#include "annotate/annotation.h"
#include "annotate/silence.h"
#include "signal/preprocess.h"

namespace qrs::annotate {

// The runs of non-finite samples of one lead, in time order.
std::vector<SampleSpan> missing_stretches(const float* samples, std::size_t n);

// The input samples [begin, end) of amplitude block b of `size` (measured at the model rate;
// to_input = input rate / model rate), of a lead of n input samples.
SampleSpan block_input_span(const signal::LeadSize& size, std::size_t b, double to_input,
                            std::size_t n);

// Per block of `size`, whether more than half of its input samples have a value: such a block's
// range is the lead's own, whereas a block mostly bridged is the bridge's (a straight line, flat).
std::vector<bool> blocks_with_samples(const std::vector<SampleSpan>& missing,
                                      const signal::LeadSize& size, double to_input, std::size_t n);

// How a warning names a kind of stretch without ECG: `stretch` follows "12.0 s of 60.0 s" ("missing
// (no samples)"), `every` follows "lead 'v2' has" for a lead that is nothing else ("no samples
// (every sample is missing)").
struct StretchWords {
  const char* stretch;
  const char* every;
};

// Silences each lead's `spans` (spans[i] for result.leads[i], in time order, disjoint) and warns,
// one warning per set of leads with the same stretches, in `words`: "r: lead 'v2': 12.0 s of
// 60.0 s <stretch> from 10.0 s to 22.0 s; no QRS marked there", or for a lead that is that
// throughout "r: lead 'v2' has <every>: no QRS marked in it". A part of a long record tells only
// of the samples it owns, in the recording's times (silence.h PlaceInRecording): "r (3600 s to
// 7200 s): lead 'v2': 12.0 s of 3600.0 s missing (no samples) from 3590.0 s to 3602.0 s; ...".
void silence_and_tell(Annotation& result, const std::vector<std::vector<SampleSpan>>& spans,
                      const PlaceInRecording& place, const StretchWords& words);

// silence_and_tell for the stretches without samples: "r: lead 'v2': 12.0 s of 60.0 s missing
// (no samples) from 10.0 s to 22.0 s; no QRS marked there", or for a lead without a single value
// "r: lead 'v2' has no samples (every sample is missing): no QRS marked in it".
void silence_missing(Annotation& result, const std::vector<std::vector<SampleSpan>>& missing,
                     const PlaceInRecording& place = {});

// Two lists of stretches of one lead (each in time order, disjoint, and disjoint from each
// other: missing samples and clipped ones) as one, in time order.
std::vector<SampleSpan> both_stretches(const std::vector<SampleSpan>& a,
                                       const std::vector<SampleSpan>& b);

}  // namespace qrs::annotate
