#pragma once
// How a numeric array becomes Records: the shape rules of docs/formats.md. Shared by the .npy
// and .npz readers.
//   (T)              one record, one lead
//   (T, L) / (L, T)  one record; the smaller axis holds the leads when it is <= 16. If the first
//                    lead column rises strictly over the whole record it is a time column
//   (N, T)           both axes > 16: N single-lead snippets, time along the last axis, each
//                    without its trailing zero padding (single_lead_snippets)
//   (N, T, 2)        [time, voltage] pairs when column 0 rises in every snippet between its
//                    zero padding before and after (strip_leading_padding,
//                    strip_trailing_padding); one record per snippet
//   (N, T, L) / (N, L, T)  N records of L <= 16 leads; otherwise "cannot tell which axis is time"
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "formats/npy_array.h"
#include "formats/read.h"
#include "formats/record.h"

namespace qrs::formats {

// An array axis at most this long may hold leads; a time axis is longer (the JSON reader's
// lists of lists follow the same rule).
inline constexpr std::size_t kMaxLeadsAcross = 16;

struct ArrayContext {
  std::string file;                     // names records ("x.npy", "x.npy[3]") and messages
  double fs = 0;                        // from an .npz 'fs' member; 0 = none
  std::vector<std::string> lead_names;  // from an .npz 'leads' member; used when counts match
  const NpyArray* time = nullptr;       // from an .npz 'time' member: (T) seconds or ms
};

std::vector<Record> records_from_array(const NpyArray& array, const ArrayContext& context,
                                       const ReadOptions& options,
                                       std::vector<std::string>& warnings);

// An (N, T) table as N single-lead records `<file name>[n]` at `fs`, one per row, time along the
// row: the NumPy reader's (N, T) arrays and the CSV reader's rows of snippets (csv_snippets.h)
// alike. at(n, t) is the value of row n at sample t. Trailing zero padding (rows of beats of
// different lengths padded to one width, as Kaggle's ECG Heartbeat Categorization files and
// np.pad write them) is left out of each snippet; a row that is all padding (or one sample) is
// skipped, the skipped rows named in one warning, and an error when none is left. NaN is kept
// (counted in a warning), infinity is an error. `lead` names each record's one lead.
using SnippetAt = std::function<double(std::size_t row, std::size_t t)>;
std::vector<Record> single_lead_snippets(const std::string& file, const std::string& lead,
                                         std::size_t rows, std::size_t length, double fs,
                                         const SnippetAt& at, std::vector<std::string>& warnings);

// Leading zero padding of one [time, voltage] snippet: the index of its first real row.
// Rows 0..k-1 with time == 0 and voltage == 0 form the leading run (k rows). The snippet's own
// first sample may sit at time 0 with voltage 0, so the last row of the run is kept when the row
// after the run is one sample step after it (time[k] within half a step of time[k+1]-time[k]),
// i.e. the run's last row lies on the snippet's time grid at 0. Returns `rows` for all padding.
std::size_t strip_leading_padding(const std::vector<double>& time,
                                  const std::vector<double>& voltage);

// Trailing zero padding (numpy's np.pad after the data, PyTorch's pad_sequence): the end of the
// snippet's real rows, after `start` (strip_leading_padding). Rows with time 0 and voltage 0 at
// the end are padding: time rises through a snippet, so no real sample after its first is at 0.
std::size_t strip_trailing_padding(const std::vector<double>& time,
                                   const std::vector<double>& voltage, std::size_t start);

}  // namespace qrs::formats
