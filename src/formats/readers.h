#pragma once
// One reader per format, each in its own file (wfdb*.cpp, edf.cpp, ishne.cpp, csv.cpp, npy.cpp,
// npz.cpp, json_record.cpp). All take named byte buffers (never paths), return Records in mV, append
// non-fatal findings to `warnings`, and throw qrs::Error whose message starts with the file name:
//   "5.hea: line 2: signal format 13 is not supported (supported: 8, 16, ...)".
// read.cpp groups dropped files and dispatches here; detect.cpp picks the reader.
#include <cstdint>
#include <string>
#include <vector>

#include "formats/read.h"
#include "formats/record.h"

namespace qrs::formats {

// How many samples a record may hold, by build. Natively (the CLI, the Python module, the batch
// tools) a day of 12 leads at 1000 Hz (1.04 G samples: a Mortara H12+ Holter) with room to spare:
// the record's float32 samples are 4.8 GB at the limit, and the Annotator reads a long record in
// parts, so little more is needed beside them (docs/performance.md, "Long records natively").
// The WebAssembly module keeps 400 M (1.6 GB): it holds the file's bytes, the samples and the
// page's curves in the 4 GB a wasm32 module addresses. The fuzz builds (QRS_FUZZ_LIMITS,
// tests/fuzz) keep it too: a small multi-segment header can expand to that many NaN samples,
// which must stay under libFuzzer's 2 GB RSS limit.
#if defined(__EMSCRIPTEN__) || defined(QRS_FUZZ_LIMITS)
constexpr std::size_t kMaxSamplesPerLead = 200'000'000;  // ~ 4.6 days at 500 Hz
constexpr std::size_t kMaxTotalSamples = 400'000'000;    // 1.6 GB of float32
#else
constexpr std::size_t kMaxSamplesPerLead = 1'200'000'000;  // ~ 2 weeks of one lead at 1000 Hz
constexpr std::size_t kMaxTotalSamples = 1'200'000'000;    // 4.8 GB of float32
#endif
// The native limit, which the WebAssembly module's refusals point to.
constexpr std::size_t kNativeMaxTotalSamples = 1'200'000'000;

// Limits that keep hostile input bounded (memory proportional to real data).
struct Limits {
  std::size_t max_header_bytes = 1 << 20;       // text headers
  std::size_t max_leads = 256;
  std::size_t max_samples_per_lead = kMaxSamplesPerLead;
  std::size_t max_total_samples = kMaxTotalSamples;
  double min_fs = 1.0;
  double max_fs = 100'000.0;
};
const Limits& limits();

// The end of a refusal for the number of samples: "the 400000000 this reader accepts" and what
// to do instead in this build (in the WebAssembly module: the CLI or the Python module, which read
// more; natively: shorter records).
std::string accepted_samples(std::size_t limit);

// WFDB: `header` is the .hea; `companions` holds the drop's other files (its .dat files, and for a
// multi-segment record the segment headers and their .dat files). WFDB, EDF and CSV take from
// `options` which channels to read (ReadOptions::all_channels, channel_kinds.h).
std::vector<Record> read_wfdb(const NamedBuffer& header, const std::vector<NamedBuffer>& companions,
                              std::vector<std::string>& warnings, const ReadOptions& options = {});

// EDF, EDF+ and BDF (24-bit). Discontinuous EDF+ (EDF+D) gives one Record per continuous stretch,
// named with its start time; `warnings` lists the gaps.
std::vector<Record> read_edf(const NamedBuffer& file, std::vector<std::string>& warnings,
                             const ReadOptions& options = {});

// Why read_edf would refuse a file of `file_size` bytes whose first bytes are `head` (at least its
// header), in read_edf's words, or "" when its header and size are within the limits.
std::string edf_size_problem(const NamedBuffer& head, std::uint64_t file_size);

// ISHNE Holter (.ecg, "ISHNE1.0": ishne_header.h): every lead whose amplitude resolution is above
// 0, in mV. `warnings` carries a header CRC mismatch, a file cut short, the leads the recorder
// rated noisy or disconnected, and a pacemaker the header declares.
std::vector<Record> read_ishne(const NamedBuffer& file, std::vector<std::string>& warnings);

// Why read_ishne would refuse a file of `file_size` bytes whose first bytes are `head`, in its
// words, or "" when its header and size are within the limits.
std::string ishne_size_problem(const NamedBuffer& head, std::uint64_t file_size);

// CSV / TSV / whitespace text. options.fs is used when there is no time column.
std::vector<Record> read_csv(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings);

// NumPy .npy and .npz (stored; deflated when built with zlib, see read_npz_inflated for the page).
std::vector<Record> read_npy(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings);
std::vector<Record> read_npz(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings);

// JSON: {"fs": 500, "leads": {"ii": [...], ...}} or a list of such objects (docs/formats.md).
std::vector<Record> read_json_record(const NamedBuffer& file, std::vector<std::string>& warnings);

}  // namespace qrs::formats
