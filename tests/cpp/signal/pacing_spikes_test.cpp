// Pacemaker spike candidates on synthetic leads built here: an ECG-like lead (narrow QRS, T wave,
// baseline wander, a little noise) with spikes of one or two samples at 128-2000 Hz must be found
// where they were put, and nothing else; steep QRS upstrokes, baseline steps, notches inside a
// QRS and quantisation steps must not; removal must give back the lead without its spikes.
#include "signal/pacing_spikes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace {

constexpr double kPi = 3.14159265358979323846;

// 10 s at fs: a beat every 0.8 s (QRS: Gaussian R of 1 mV, sigma `qrs_sigma_s`; T wave 0.3 mV),
// 0.2 mV of wander and white noise of `noise_mv` RMS.
std::vector<float> ecg_like(double fs, double qrs_sigma_s = 0.012, double noise_mv = 0.005,
                            unsigned seed = 1) {
  const auto n = static_cast<std::size_t>(10 * fs);
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, noise_mv);
  std::vector<float> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / fs;
    double v = 0.2 * std::sin(2 * kPi * 0.25 * t) + noise(rng);
    for (double beat = 0.4; beat < 10; beat += 0.8) {
      const double r = (t - beat) / qrs_sigma_s, w = (t - beat - 0.3) / 0.05;
      v += std::exp(-0.5 * r * r) + 0.3 * std::exp(-0.5 * w * w);
    }
    x[i] = static_cast<float>(v);
  }
  return x;
}

// Adds a pacemaker pulse at sample `at`: `width` samples of `height` mV, then (when `decay_ms`
// > 0) an overshoot of a third of it, relaxing with that time constant.
void add_spike(std::vector<float>& x, std::size_t at, double height, std::size_t width, double fs,
               double decay_ms = 0) {
  for (std::size_t k = 0; k < width; ++k) x[at + k] += static_cast<float>(height);
  if (decay_ms <= 0) return;
  for (std::size_t k = at + width; k < x.size(); ++k) {
    const double t_ms = static_cast<double>(k - at - width) * 1000.0 / fs;
    if (t_ms > 8 * decay_ms) break;
    x[k] -= static_cast<float>(height / 3 * std::exp(-t_ms / decay_ms));
  }
}

// Spike sites 25 ms before every second QRS peak.
std::vector<std::size_t> spike_sites(double fs) {
  std::vector<std::size_t> sites;
  for (double beat = 0.4; beat < 10; beat += 1.6)
    sites.push_back(static_cast<std::size_t>(std::lround((beat - 0.025 - 0.03) * fs)));
  return sites;
}

TEST(PacingSpikes, FoundWhereTheyWerePutAtEveryRate) {
  for (const double fs : {128.0, 250.0, 360.0, 500.0, 1000.0, 2000.0}) {
    // Two samples are a pulse of 2 ms at 1000 Hz or of 8 ms at 250 Hz (a 1-2 ms pulse straddling
    // two samples); at 128 Hz they would be 16 ms, no pacemaker pulse.
    for (const std::size_t width : {std::size_t{1}, std::size_t{fs >= 250 ? 2u : 1u}}) {
      for (const double decay_ms : {0.0, 2.0}) {
        std::vector<float> x = ecg_like(fs);
        const std::vector<std::size_t> sites = spike_sites(fs);
        for (std::size_t s = 0; s < sites.size(); ++s)
          add_spike(x, sites[s], s % 2 ? -2.0 : 3.0, width, fs, decay_ms);
        const auto found = qrs::signal::find_spike_candidates(x.data(), x.size(), fs);
        ASSERT_EQ(found.size(), sites.size())
            << fs << " Hz, " << width << " samples wide, decay " << decay_ms << " ms";
        for (std::size_t s = 0; s < sites.size(); ++s) {
          EXPECT_EQ(found[s].at, sites[s]) << fs << " Hz";
          EXPECT_GT(found[s].end, found[s].at);
          EXPECT_EQ(found[s].height > 0, s % 2 == 0);
        }
      }
    }
  }
}

TEST(PacingSpikes, SmallBipolarSpikesOnANoisyLeadAt250Hz) {
  // Half the QRS's height, on a lead with 0.02 mV of noise (a Holter at rest).
  const double fs = 250;
  std::vector<float> x = ecg_like(fs, 0.012, 0.02, 7);
  const std::vector<std::size_t> sites = spike_sites(fs);
  for (const std::size_t at : sites) add_spike(x, at, 0.5, 1, fs);
  const auto found = qrs::signal::find_spike_candidates(x.data(), x.size(), fs);
  ASSERT_EQ(found.size(), sites.size());
  for (std::size_t s = 0; s < sites.size(); ++s) EXPECT_EQ(found[s].at, sites[s]);
}

TEST(PacingSpikes, NoneInLeadsWithoutThem) {
  for (const double fs : {128.0, 250.0, 360.0, 500.0, 1000.0, 2000.0}) {
    // Sharp R waves (sigma 6 ms: an upstroke of one or two samples at 128-250 Hz, as in LUDB
    // record 99) and noisy leads.
    for (const double sigma : {0.006, 0.012}) {
      for (const double noise : {0.0, 0.01, 0.05}) {
        const std::vector<float> x = ecg_like(fs, sigma, noise, 3);
        EXPECT_TRUE(qrs::signal::find_spike_candidates(x.data(), x.size(), fs).empty())
            << fs << " Hz, sigma " << sigma << ", noise " << noise;
      }
    }
  }
}

TEST(PacingSpikes, StepsNotchesAndQuantisationAreNotSpikes) {
  const double fs = 500;
  // A baseline step that stays (an electrode pop, LUDB record 109's steps).
  std::vector<float> step = ecg_like(fs);
  for (std::size_t i = 2000; i < step.size(); ++i) step[i] += 1.5f;
  EXPECT_TRUE(qrs::signal::find_spike_candidates(step.data(), step.size(), fs).empty());
  // A notch in the QRS upstroke: steep steps come right before it.
  std::vector<float> notched = ecg_like(fs, 0.006);
  for (double beat = 0.4; beat < 10; beat += 0.8) {
    const auto at = static_cast<std::size_t>(std::lround((beat - 0.006) * fs));
    notched[at] += 0.25f;
  }
  EXPECT_TRUE(qrs::signal::find_spike_candidates(notched.data(), notched.size(), fs).empty());
  // A disconnected lead: the converter's last bit toggling at random.
  std::mt19937 rng(5);
  std::vector<float> flat(5000);
  for (float& v : flat) v = (rng() & 1) ? 0.005f : 0.0f;
  EXPECT_TRUE(qrs::signal::find_spike_candidates(flat.data(), flat.size(), fs).empty());
}

TEST(PacingSpikes, RemovalGivesBackTheLead) {
  for (const double fs : {250.0, 500.0, 2000.0}) {
    const std::vector<float> clean = ecg_like(fs);
    std::vector<float> paced = clean;
    for (const std::size_t at : spike_sites(fs)) add_spike(paced, at, 4.0, 1, fs, 1.0);
    const auto found = qrs::signal::find_spike_candidates(paced.data(), paced.size(), fs);
    ASSERT_FALSE(found.empty());
    const std::vector<float> removed =
        qrs::signal::remove_spikes(paced.data(), paced.size(), found);
    ASSERT_EQ(removed.size(), clean.size());
    double worst = 0;
    for (std::size_t i = 0; i < clean.size(); ++i)
      worst = std::max(worst, std::abs(static_cast<double>(removed[i]) - clean[i]));
    // What is left of a 4 mV spike: the tail of its overshoot, under 4 % of the spike (and of
    // the 1 mV QRS, a sixth), where it decays at the pace of a steep QRS slope.
    EXPECT_LT(worst, 0.15) << fs << " Hz";
    EXPECT_TRUE(qrs::signal::find_spike_candidates(removed.data(), removed.size(), fs).empty());
  }
}

}  // namespace
