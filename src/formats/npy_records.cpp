#include "formats/npy_records.h"

#include <algorithm>
#include <cmath>

#include "formats/detect.h"
#include "formats/readers.h"
#include "formats/time_column.h"
#include "formats/units.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

constexpr std::uint64_t kMaxLeadAxis = kMaxLeadsAcross;
constexpr std::size_t kMinSamples = 17;      // a time axis is longer than any lead axis
constexpr std::size_t kMaxRecords = 100000;  // snippets read from one array
constexpr std::size_t kMaxSnippetWarnings = 5;

constexpr double kMaxFloat = 3.4028234663852886e38;


std::string expected_shapes() {
  return "expected (T), (T, L), (L, T), (N, T), (N, T, L), or (N, T, 1 + L) [time, leads...]";
}

// Applies the fs chain shared by every shape without a time axis: .npz 'fs', then options.
double fs_without_time(const ArrayContext& ctx, const ReadOptions& options) {
  if (ctx.fs > 0) {
    check_fs(ctx.fs, ctx.file + ": 'fs'");
    return ctx.fs;
  }
  if (options.fs > 0) {
    check_fs(options.fs, ctx.file + ": given rate");
    return options.fs;
  }
  throw Error(ctx.file + ": no sampling rate: NumPy arrays carry none; give the rate (" +
              options.rate_hint + "), or store [time, voltage] pairs");
}

std::string lead_name(const ArrayContext& ctx, std::size_t lead, std::size_t leads) {
  if (ctx.lead_names.size() == leads && !ctx.lead_names[lead].empty()) return ctx.lead_names[lead];
  return "lead" + std::to_string(lead);
}

// The context for the leads that follow a time column: names stored for every column (an .npz
// 'leads' key) include the time column's, which is dropped.
ArrayContext without_time_column(const ArrayContext& ctx, std::size_t columns) {
  ArrayContext named = ctx;
  if (named.lead_names.size() == columns) named.lead_names.erase(named.lead_names.begin());
  return named;
}

// Collects per-record findings so that thousands of snippets do not flood the warnings.
class SnippetWarnings {
 public:
  explicit SnippetWarnings(std::vector<std::string>& out) : out_(out) {}
  void add(std::vector<std::string>& found) {
    for (std::string& w : found) {
      if (shown_ < kMaxSnippetWarnings) out_.push_back(std::move(w)), ++shown_;
      else ++hidden_;
    }
    found.clear();
  }
  ~SnippetWarnings() {
    if (hidden_ > 0) out_.push_back("... and " + std::to_string(hidden_) + " more warnings like these");
  }

 private:
  std::vector<std::string>& out_;
  std::size_t shown_ = 0, hidden_ = 0;
};

// Copies one lead out of the array, checking values: NaN kept (counted), infinity rejected.
template <typename At>
std::vector<float> copy_lead(std::size_t length, At at, const std::string& where,
                             std::size_t& nan_count, double& max_abs) {
  std::vector<float> out(length);
  for (std::size_t t = 0; t < length; ++t) {
    const double v = at(t);
    if (std::isnan(v)) {
      ++nan_count;
    } else if (std::isinf(v)) {
      throw Error(where + ": sample " + std::to_string(t) + " is infinite");
    } else if (std::fabs(v) > kMaxFloat) {
      throw Error(where + ": sample " + std::to_string(t) + " = " + format_number(v) +
                  " is beyond float32 range");
    } else {
      max_abs = std::max(max_abs, std::fabs(v));
    }
    out[t] = static_cast<float>(v);
  }
  return out;
}

void note_values(const std::string& where, std::size_t nan_count, double max_abs,
                 std::vector<std::string>& warnings) {
  if (nan_count > 0)
    warnings.push_back(where + ": " + std::to_string(nan_count) + " NaN samples kept as invalid");
  warn_if_not_millivolts(where, max_abs, warnings);
}

// Snippets that were nothing but zero padding: named in one warning, and an error when no
// snippet is left.
void note_skipped(const std::string& file, std::size_t skipped, bool none_left,
                  std::vector<std::string>& warnings) {
  if (none_left) throw Error(file + ": every snippet is zero padding; no samples to read");
  if (skipped > 0)
    warnings.push_back(file + ": " + std::to_string(skipped) +
                       " snippets are all zero padding (or a single sample); skipped");
}

// Records of shape (N, T, L) read from `at(n, t, l)`, N == 1 giving an unindexed name.
template <typename At>
std::vector<Record> build_records(const ArrayContext& ctx, std::size_t n_records,
                                  std::size_t length, std::size_t leads, double fs, bool indexed,
                                  At at, std::vector<std::string>& warnings) {
  std::vector<Record> out;
  SnippetWarnings capped(warnings);
  std::vector<std::string> found;
  std::size_t nan_total = 0;
  double max_abs = 0;
  for (std::size_t n = 0; n < n_records; ++n) {
    Record r;
    r.name = indexed ? base_name(ctx.file) + "[" + std::to_string(n) + "]" : file_stem(ctx.file);
    r.source = ctx.file;
    r.fs = fs;
    for (std::size_t l = 0; l < leads; ++l) {
      Lead lead;
      lead.name = lead_name(ctx, l, leads);
      lead.samples = copy_lead(length, [&](std::size_t t) { return at(n, t, l); },
                               indexed ? r.name : ctx.file, nan_total, max_abs);
      r.leads.push_back(std::move(lead));
    }
    out.push_back(std::move(r));
  }
  note_values(ctx.file, nan_total, max_abs, found);
  capped.add(found);
  return out;
}

bool column_rises(const NpyArray& a, std::size_t length, std::size_t col, bool leads_last) {
  double prev = leads_last ? a.at(0, col) : a.at(col, 0);
  for (std::size_t t = 1; t < length; ++t) {
    const double v = leads_last ? a.at(t, col) : a.at(col, t);
    if (!(v > prev)) return false;
    prev = v;
  }
  return true;
}

// (N, T, 1 + L) snippets of [time, lead 1, ..., lead L] rows (the seed's (N, T, 2) [time,
// voltage] pairs when L = 1); empty when column 0 is not a time axis in every snippet. A row of
// zero padding, leading or trailing, has time 0 and every lead 0.
std::vector<Record> time_column_snippets(const NpyArray& a, const ArrayContext& ctx,
                                         std::vector<std::string>& warnings) {
  const std::size_t n_snippets = a.shape()[0], rows = a.shape()[1];
  const std::size_t leads = a.shape()[2] - 1;
  std::vector<std::size_t> starts(n_snippets), ends(n_snippets);
  std::vector<double> time(rows), largest(rows);
  for (std::size_t n = 0; n < n_snippets; ++n) {
    for (std::size_t r = 0; r < rows; ++r) {
      time[r] = a.at(n, r, 0);
      largest[r] = 0;
      for (std::size_t l = 1; l <= leads; ++l)
        largest[r] = std::max(largest[r], std::fabs(a.at(n, r, l)));
    }
    starts[n] = strip_leading_padding(time, largest);
    ends[n] = strip_trailing_padding(time, largest, starts[n]);
    for (std::size_t r = starts[n] + 1; r < ends[n]; ++r)
      if (!(time[r] > time[r - 1])) return {};
  }
  const ArrayContext named = without_time_column(ctx, leads + 1);
  // One unit for the whole array (from the first usable snippet), so the guess is made once.
  TimeUnit unit = TimeUnit::Unknown;
  std::vector<Record> out;
  SnippetWarnings capped(warnings);
  std::vector<std::string> found;
  std::size_t skipped = 0;
  for (std::size_t n = 0; n < n_snippets; ++n) {
    const std::string name = base_name(ctx.file) + "[" + std::to_string(n) + "]";
    const std::size_t length = ends[n] - starts[n];
    if (length < 2) {
      ++skipped;
      continue;
    }
    std::vector<double> t(length);
    for (std::size_t r = 0; r < length; ++r) t[r] = a.at(n, starts[n] + r, 0);
    if (unit == TimeUnit::Unknown) {
      const double step = (t.back() - t.front()) / double(length - 1);
      unit = time_unit_from_spacing(step);
      warnings.push_back(ctx.file + ": time column read as " + name_of(unit) + " from its spacing");
    }
    Record r;
    r.name = name;
    r.source = ctx.file;
    r.fs = fs_from_times(t, unit, name + ": time column",
                         [&](std::size_t i) { return "row " + std::to_string(starts[n] + i); },
                         found);
    std::size_t nan_count = 0;
    double max_abs = 0;
    for (std::size_t l = 0; l < leads; ++l) {
      Lead lead;
      lead.name = lead_name(named, l, leads);
      lead.samples = copy_lead(
          length, [&](std::size_t i) { return a.at(n, starts[n] + i, l + 1); }, name, nan_count,
          max_abs);
      r.leads.push_back(std::move(lead));
    }
    note_values(name, nan_count, max_abs, found);
    capped.add(found);
    out.push_back(std::move(r));
  }
  note_skipped(ctx.file, skipped, out.empty(), warnings);
  return out;
}

}  // namespace

std::size_t strip_leading_padding(const std::vector<double>& time,
                                  const std::vector<double>& voltage) {
  const std::size_t rows = time.size();
  std::size_t k = 0;
  while (k < rows && time[k] == 0 && voltage[k] == 0) ++k;
  if (k == 0 || k == rows) return k;
  if (time[k] == 0 || k + 1 >= rows) return k;
  const double step = time[k + 1] - time[k];
  // The run's last row is the snippet's first sample when time[k] is one step after 0.
  if (step > 0 && std::fabs(time[k] - step) <= 0.5 * step) return k - 1;
  return k;
}

std::size_t strip_trailing_padding(const std::vector<double>& time,
                                   const std::vector<double>& voltage, std::size_t start) {
  std::size_t end = time.size();
  while (end > start + 1 && time[end - 1] == 0 && voltage[end - 1] == 0) --end;
  return end;
}

std::vector<Record> single_lead_snippets(const std::string& file, const std::string& lead,
                                         std::size_t rows, std::size_t length, double fs,
                                         const SnippetAt& at, std::vector<std::string>& warnings) {
  if (rows > kMaxRecords)
    throw Error(file + ": " + std::to_string(rows) + " snippets; at most " +
                std::to_string(kMaxRecords) + " are read at once");
  std::vector<Record> out;
  std::size_t skipped = 0, nan_count = 0;
  double max_abs = 0;
  // A snippet without a time axis has only its values to show padding: time is taken as 0 on
  // every row, so strip_trailing_padding ends the snippet after its last non-zero value.
  const std::vector<double> no_time(length, 0.0);
  std::vector<double> voltage(length);
  for (std::size_t n = 0; n < rows; ++n) {
    for (std::size_t t = 0; t < length; ++t) voltage[t] = std::fabs(at(n, t));
    const std::size_t end = strip_trailing_padding(no_time, voltage, 0);
    if (end < 2) {
      ++skipped;
      continue;
    }
    Record r;
    r.name = base_name(file) + "[" + std::to_string(n) + "]";
    r.source = file;
    r.fs = fs;
    Lead one;
    one.name = lead;
    one.samples = copy_lead(end, [&](std::size_t t) { return at(n, t); }, r.name, nan_count,
                            max_abs);
    r.leads.push_back(std::move(one));
    out.push_back(std::move(r));
  }
  note_values(file, nan_count, max_abs, warnings);
  note_skipped(file, skipped, out.empty(), warnings);
  return out;
}

std::vector<Record> records_from_array(const NpyArray& a, const ArrayContext& ctx,
                                       const ReadOptions& options,
                                       std::vector<std::string>& warnings) {
  const Limits& lim = limits();
  const auto& s = a.shape();
  const std::string shape = shape_text(s);
  if (!a.is_numeric())
    throw Error(ctx.file + ": dtype '" + a.header().dtype.descr + "' is text, not samples");
  if (a.header().count == 0) throw Error(ctx.file + ": the array " + shape + " is empty");
  if (s.empty() || s.size() > 3)
    throw Error(ctx.file + ": shape " + shape + " cannot be ECG (" + expected_shapes() + ")");
  auto check_sizes = [&](std::uint64_t records, std::uint64_t length, std::uint64_t leads) {
    if (length < kMinSamples)
      throw Error(ctx.file + ": shape " + shape + " cannot be ECG: " + std::to_string(length) +
                  " samples per lead is too short (" + expected_shapes() + ")");
    if (leads > lim.max_leads)
      throw Error(ctx.file + ": shape " + shape + " has " + std::to_string(leads) +
                  " leads; at most " + std::to_string(lim.max_leads) + " are read");
    if (length > lim.max_samples_per_lead)
      throw Error(ctx.file + ": shape " + shape + ": " + std::to_string(length) +
                  " samples per lead is more than " + accepted_samples(lim.max_samples_per_lead));
    if (records > kMaxRecords)
      throw Error(ctx.file + ": shape " + shape + " holds " + std::to_string(records) +
                  " snippets; at most " + std::to_string(kMaxRecords) + " are read at once");
  };

  if (s.size() == 1) {
    check_sizes(1, s[0], 1);
    double fs = 0;
    if (ctx.time) {
      std::vector<double> t(s[0]);
      if (ctx.time->header().count != s[0])
        throw Error(ctx.file + ": 'time' has " + std::to_string(ctx.time->header().count) +
                    " values for " + std::to_string(s[0]) + " samples");
      for (std::size_t i = 0; i < t.size(); ++i) t[i] = ctx.time->flat(i);
      fs = fs_from_times(t, TimeUnit::Unknown, ctx.file + ": 'time'",
                         [](std::size_t i) { return "index " + std::to_string(i); }, warnings);
    } else {
      fs = fs_without_time(ctx, options);
    }
    return build_records(ctx, 1, s[0], 1, fs, false,
                         [&](std::size_t, std::size_t t, std::size_t) { return a.at(t); },
                         warnings);
  }

  if (s.size() == 2) {
    const std::uint64_t rows = s[0], cols = s[1];
    if (rows > kMaxLeadAxis && cols > kMaxLeadAxis) {  // (N, T) single-lead snippets
      check_sizes(rows, cols, 1);
      const double fs = fs_without_time(ctx, options);
      warnings.push_back(ctx.file + ": shape " + shape + " read as " + std::to_string(rows) +
                         " single-lead snippets of " + std::to_string(cols) + " samples");
      return single_lead_snippets(ctx.file, lead_name(ctx, 0, 1), rows, cols, fs,
                                  [&](std::size_t n, std::size_t t) { return a.at(n, t); },
                                  warnings);
    }
    const bool leads_last = cols <= rows;  // (T, L), ties read as rows of time
    const std::uint64_t length = leads_last ? rows : cols, leads = leads_last ? cols : rows;
    check_sizes(1, length, leads);
    std::size_t first_lead = 0;
    double fs = 0;
    if (leads >= 2 && column_rises(a, length, 0, leads_last)) {
      std::vector<double> t(length);
      for (std::size_t i = 0; i < length; ++i) t[i] = leads_last ? a.at(i, 0) : a.at(0, i);
      fs = fs_from_times(t, TimeUnit::Unknown, ctx.file + ": time column (lead 0 rises steadily)",
                         [](std::size_t i) { return "sample " + std::to_string(i); }, warnings);
      first_lead = 1;
    } else {
      fs = fs_without_time(ctx, options);
    }
    const ArrayContext named = first_lead == 1 ? without_time_column(ctx, leads) : ctx;
    return build_records(named, 1, length, leads - first_lead, fs, false,
                         [&](std::size_t, std::size_t t, std::size_t l) {
                           return leads_last ? a.at(t, l + first_lead) : a.at(l + first_lead, t);
                         },
                         warnings);
  }

  // Three axes: (N, T, 1 + L) snippets with a time column (the seed's (N, T, 2) [time, voltage]
  // pairs among them), else (N, T, L) or (N, L, T).
  const std::uint64_t n_records = s[0], a1 = s[1], a2 = s[2];
  if (a2 >= 2 && a2 <= kMaxLeadAxis + 1 && a1 >= kMinSamples) {
    if (n_records > kMaxRecords) check_sizes(n_records, a1, a2 - 1);
    std::vector<Record> timed = time_column_snippets(a, ctx, warnings);
    if (!timed.empty()) return timed;
  }
  if (a1 > kMaxLeadAxis && a2 > kMaxLeadAxis)
    throw Error(ctx.file + ": cannot tell which axis is time in shape " + shape +
                ": neither axis 1 nor axis 2 is a lead axis of at most 16 (" + expected_shapes() +
                ")");
  const bool leads_last = a2 <= a1;
  const std::uint64_t length = leads_last ? a1 : a2, leads = leads_last ? a2 : a1;
  check_sizes(n_records, length, leads);
  const double fs = fs_without_time(ctx, options);
  return build_records(ctx, n_records, length, leads, fs, true,
                       [&](std::size_t n, std::size_t t, std::size_t l) {
                         return leads_last ? a.at(n, t, l) : a.at(n, l, t);
                       },
                       warnings);
}

}  // namespace qrs::formats
