// The native readers' sample limits (formats/readers.h): a day of 12 leads at 500 or 1000 Hz is
// accepted, more than the limit is refused with a message that names the file, its samples, the
// limit passed and what to do. Judged from headers and file sizes, as the CLI judges a file before
// reading it, so nothing here allocates the gigabytes such a record would fill.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "formats/read.h"
#include "formats/readers.h"

namespace qrs {
namespace {

const char* const kLeads[] = {"I", "II", "III", "aVR", "aVL", "aVF",
                              "V1", "V2", "V3", "V4", "V5", "V6"};

// A WFDB header of 12 leads in one format-16 file, `frames` frames at `hz`.
NamedBuffer twelve_lead_header(const std::string& record, std::size_t hz, std::uint64_t frames) {
  std::string text = record + " 12 " + std::to_string(hz) + " " + std::to_string(frames) + "\n";
  for (const char* lead : kLeads) text += record + ".dat 16 1000/mV 16 0 0 0 0 " + lead + "\n";
  return {record + ".hea", std::vector<std::uint8_t>(text.begin(), text.end())};
}

// What the CLI asks of a header on disk, with its .dat of the size 12 leads of `frames` take.
std::string problem_of(const NamedBuffer& header, std::uint64_t frames) {
  const std::uint64_t dat_size = frames * 12 * 2;
  return size_problem(header, header.bytes.size(),
                      [&](const std::string&) -> std::optional<std::uint64_t> { return dat_size; });
}

TEST(SampleLimits, DayLongTwelveLeadWfdbHolterIsAcceptedNatively) {
  // 518,400,000 and 1,036,800,000 samples: refused by every native reader until 3 Dec (400 M).
  for (const std::size_t hz : {500u, 1000u}) {
    const std::uint64_t frames = 86400ull * hz;
    EXPECT_EQ(problem_of(twelve_lead_header("h12", hz, frames), frames), "") << hz << " Hz";
  }
}

TEST(SampleLimits, MoreThanTheNativeLimitIsRefusedSayingWhatToDo) {
  const std::uint64_t frames = formats::kMaxTotalSamples / 12 + 1;
  EXPECT_EQ(problem_of(twelve_lead_header("h12", 1000, frames), frames),
            "h12.hea: " + std::to_string(frames * 12) + " samples in all is more than the " +
                std::to_string(formats::kMaxTotalSamples) +
                " this reader accepts; split the recording into shorter records and annotate "
                "each");
}

// The native limit holds a day of 12 leads at 1000 Hz; the WebAssembly and fuzz builds keep 400 M
// (their refusals: tests/js/size_problems.test.mjs; tests/fuzz/fuzz_reader.h asserts theirs).
TEST(SampleLimits, NativeLimitsHoldADayOfTwelveLeadsAtOneKilohertz) {
  EXPECT_EQ(formats::kMaxTotalSamples, formats::kNativeMaxTotalSamples);
  EXPECT_GE(formats::limits().max_total_samples, 86400ull * 12 * 1000);
  EXPECT_GE(formats::limits().max_samples_per_lead, 86400ull * 1000);
}

}  // namespace
}  // namespace qrs
