#pragma once
// The values each event-finding option may take: the table of options (event_option_table.h),
// through which every surface accepts them, and the core's own check of the lead-habit weight
// (lead_conventions.cpp). Each surface names the option in its own spelling (--centroid-ms,
// centroidMs); the range and the message's wording are shared, so they cannot drift apart.
#include <string>

namespace qrs::annotate {

struct ValueRange {
  double low, high;
  bool low_included = true, high_included = true;

  bool contains(double v) const {  // NaN fails both comparisons
    return (low_included ? v >= low : v > low) && (high_included ? v <= high : v < high);
  }
};

// A probability threshold: 0 would pick every wiggle, 1 nothing.
inline constexpr ValueRange kThresholdRange{0, 1, false, false};
// Two events closer than this keep the stronger; beyond 2 s no heart rate is left to separate.
inline constexpr ValueRange kRefractoryMsRange{0, 2000};
// A QRS lasts longer than nothing and shorter than half a second, even a wide paced one.
inline constexpr ValueRange kQrsMsRange{0, 500, false, true};
// The mass-centre window's half-width: 0 keeps the peak's vertex; 150 ms is a whole QRS.
inline constexpr ValueRange kCentroidMsRange{0, 150};
// Shares of a lead's boundary taken from the beat's common one (lead_conventions.h).
inline constexpr ValueRange kWeightRange{0, 1};

// "<name> must be >= 0 and <= 1 (got 2)".
std::string out_of_range_message(const std::string& name, const ValueRange& range, double got);

// The longest QRS must exceed the shortest, or no QRS can be found. Checked once both are known
// (either may be a default): "" when they fit, else "<max_name> (250) must be above <min_name>
// (300) and at most 500".
std::string qrs_span_problem(const std::string& min_name, double min_ms,
                             const std::string& max_name, double max_ms);

}  // namespace qrs::annotate
