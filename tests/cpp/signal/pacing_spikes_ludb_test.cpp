// Pacemaker spikes on real leads after resampling: LUDB's paced record 74, read in place at
// 500 Hz and resampled to 250 Hz by the engine's windowed-sinc resampler, keeps its spikes only as
// that filter's impulse response (a peak one or two samples wide, a fraction of its 500 Hz
// height): the pulse test must find them where the edge test finds them at 500 Hz. Records 7 and
// 122, unpaced, hold the steepest narrow QRS features at 250 Hz (122's V3: an r of 16 ms); none
// may become a candidate. (The twin test holds the numpy twin to the same on the Holter suite's
// own resampling, scipy's polyphase filter.)
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "ludb_record.h"
#include "signal/pacing_spikes.h"
#include "signal/preprocess.h"

namespace qrs {
namespace {

using test::read_ludb;

std::vector<signal::SpikeCandidate> candidates_at(const Lead& lead, double fs_in, double fs) {
  const std::vector<float> x =
      signal::resample(lead.samples.data(), lead.samples.size(), fs_in, fs);
  return signal::find_spike_candidates(x.data(), x.size(), fs);
}

TEST(PacingSpikesLudb, SmearedSpikesOfAPacedRecordAreFoundAt250Hz) {
  const Record rec = read_ludb(74);
  ASSERT_EQ(rec.fs, 500.0);
  std::size_t spikes = 0, found = 0;
  for (const Lead& lead : rec.leads) {
    const auto at_500 =
        signal::find_spike_candidates(lead.samples.data(), lead.samples.size(), rec.fs);
    const auto at_250 = candidates_at(lead, rec.fs, 250.0);
    for (const auto& spike : at_500) {
      ++spikes;
      for (const auto& c : at_250) {
        // Within a sample at 250 Hz (4 ms) of the 500 Hz spike.
        if (std::abs(static_cast<double>(c.at) * 2.0 - static_cast<double>(spike.at)) <= 2.0) {
          ++found;
          break;
        }
      }
    }
  }
  ASSERT_GE(spikes, 100u);  // 10 spikes in most of its 12 leads
  // 49 of 104 (the edge test alone: 10).
  EXPECT_GE(found * 10, spikes * 4) << found << " of " << spikes << " spikes found at 250 Hz";
}

TEST(PacingSpikesLudb, SteepNarrowQrsFeaturesOfUnpacedRecordsAreNotSpikesAt250Or360Hz) {
  for (const int record : {7, 122}) {
    const Record rec = read_ludb(record);
    for (const double fs : {250.0, 360.0})
      for (const Lead& lead : rec.leads)
        EXPECT_TRUE(candidates_at(lead, rec.fs, fs).empty())
            << "record " << record << " lead " << lead.name << " at " << fs << " Hz";
  }
}

}  // namespace
}  // namespace qrs
