#pragma once
// Record: what every reader in src/formats returns and what the rest of the pipeline consumes.
// Samples are in physical units (millivolts for ECG leads; a reader converts with the file's own
// gain, baseline and unit). A Record has one sampling rate: readers of multi-rate files resample
// or split so that each Record is uniform. Arrays of many short snippets (shape (N, T, 2) with a
// time column) become one Record per snippet, each with its own fs, zero padding removed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qrs {

struct Lead {
  std::string name;            // "ii", "V1", "lead0" when the file has no names
  std::string unit = "mV";     // physical unit after conversion (always mV for ECG leads)
  std::vector<float> samples;  // physical units; NaN marks a sample the file says is invalid
};

struct Record {
  std::string name;                   // record name, e.g. "5" or "file.npy[3]" for a snippet
  std::string source;                 // the file name it came from
  double fs = 0.0;                    // samples per second, > 0
  std::vector<Lead> leads;            // all the same length
  std::vector<std::string> warnings;  // non-fatal findings (checksum mismatch, NaN replaced, ...)

  std::size_t length() const { return leads.empty() ? 0 : leads.front().samples.size(); }
};

// A dropped file as the page and the CLI hand it to the readers: a name and its bytes. Readers
// never open paths themselves, so the same code serves a browser drop and a command line.
struct NamedBuffer {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

}  // namespace qrs
