#pragma once
// Pacemaker spikes across the leads, which beats they pace, and where a paced QRS starts.
//
// signal/pacing_spikes.h finds spike-shaped candidates in each lead at the file's own rate (the
// Annotator cuts them out before the network when the model was trained without them). Here the
// leads' candidates within kSameSpikeMs of each other become one spike (a pacemaker pulse reaches
// every lead at once). A spike paces a beat when the beat's ventricular response (its onset on
// the network's curves) starts at most kMaxSpikeToResponseMs after it and at most
// kMaxResponseBeforeSpikeMs before it (the latest such spike: an atrial one comes earlier). A
// notch is passed over: a spike that only the pulse test of signal/pacing_spikes.h found (at
// 200-400 Hz, a peak one or two samples wide), more than kMaxPulseAfterResponseMs after the
// response onset, in fewer than half of the leads searched. A stimulus precedes the ventricular
// response and reaches every lead, while a QRS's notch lies inside it and belongs to one lead:
// LUDB record 111 (paced, its bipolar artefact found at no rate) at 360 Hz holds a pulse-shaped
// notch in aVR alone, 5.0 and 5.6 ms after two beats' response onsets, which paced two beats;
// record 95's real spikes at 360 Hz with two leads lie up to 6.7 ms after the network's response
// onset, in both leads, and record 72's, whose QRS leaves the spike at once, up to 2.5 ms after it
// in 8-10 of 12. At 500 Hz and above only the edge test runs and nothing is passed over. A record
// is paced when at least kMinPacedBeats beats are paced, or its only beat is: then every spike is
// reported (atrial spikes and pulses that did not capture included), else none is, since a lone
// spike-shaped glitch is not pacing (LUDB records 147, 156, 164 and 198, without a pacemaker, each
// hold one or two such glitches in most leads, away from any QRS). With PacedOnset::Spike a paced
// beat's onset and first onset (its QRS across the leads) are moved to the spike; with
// PacedOnset::Response they stay where the network and the leads' marks put them, at the
// ventricular response. Each lead's own onset stays at that lead's response either way: LUDB's
// annotators mark most leads' paced onsets 0-45 ms after the spike (MODEL_CARD.md, "Pacemaker
// spikes"). Either way no QRS of a paced beat, a lead's or the beat's, starts before its spike: the
// ventricles are not excited before the pulse. Given the leads' raw samples, a paced record's other
// beats are searched again for fainter spikes where the record's own spikes say theirs should be
// (annotate/paced_second_look.h), so that a record whose spikes the resampling to a Holter rate has
// smeared is not split into beats at the spike and beats at the response. A biventricular device's
// artefact that the pulse test finds (LUDB record 93 at 360 Hz) is a stimulus like any other:
// clinically a paced QRS starts at it.
#include <vector>

#include "annotate/annotation.h"
#include "annotate/events.h"
#include "signal/pacing_spikes.h"

namespace qrs::annotate {

constexpr double kSameSpikeMs = 2.0;
constexpr double kMaxSpikeToResponseMs = 80.0;
constexpr double kMaxResponseBeforeSpikeMs = 20.0;
constexpr double kMaxPulseAfterResponseMs = 4.0;
constexpr std::size_t kMinPacedBeats = 2;

// candidates: per lead, signal::find_spike_candidates of that lead (empty for a lead that had no
// say in the beats). Sets result.pacing_spikes and each beat's `paced`, and applies
// options.paced_onset. Call last, after mark_beat_extents(): the spikes are matched to the
// beats' response onsets, then no onset of a paced beat is left before its spike, and under
// PacedOnset::Spike the beat's onset and first onset become the spike. samples: per lead, its raw
// samples at result.fs (result.length of them) for the second look, nullptr for a lead that had
// no say in the beats; empty: no second look.
void mark_pacing(Annotation& result,
                 const std::vector<std::vector<signal::SpikeCandidate>>& candidates,
                 const EventOptions& options, const std::vector<const float*>& samples = {});

}  // namespace qrs::annotate
