#pragma once
// Entry point of src/formats: a set of dropped files in, decoded Records out. Files are grouped
// first (a WFDB .hea with the .dat files it names; multi-segment records with their segments),
// then each group is sniffed (detect.cpp: magic bytes first, then the name) and handed to its
// reader. One bad file never spoils the others: each primary file gets its own ReadResult with
// either records or an error message naming the file and the problem.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs {

struct ReadOptions {
  double fs = 0;  // sampling rate for formats that carry none (CSV without a time column); 0 = none
  // How a person gives that rate where they are, for the "no sampling rate" error: the CLI's
  // flag by default; the Python module, the JS module and the page each say theirs.
  std::string rate_hint = "--fs on the command line, e.g. --fs 500";
  // Read every channel as a lead, whatever its label says. Otherwise channels labelled as another
  // kind of signal (EEG, EOG, SpO2, ...) are left out next to ECG, and a file whose every channel
  // is so labelled is refused (formats/channel_kinds.h).
  bool all_channels = false;
  // How a person asks for that where they are, for that refusal; as rate_hint.
  std::string all_channels_hint = "--all-channels on the command line";
};

struct ReadResult {
  std::string file;                   // the primary file's name (e.g. "5.hea", "ecg.csv")
  std::string format;                 // "wfdb", "edf", "bdf", "ishne", "csv", "npy", "npz", "json"
  std::vector<Record> records;        // empty when error is set
  std::string error;                  // readable, names the file; empty on success
  std::vector<std::string> warnings;  // non-fatal findings for the whole file
};

std::vector<ReadResult> read_files(const std::vector<NamedBuffer>& files,
                                   const ReadOptions& options = {});
// The same, letting each file's bytes go once its group is read (its names stay): the CLI and the
// Python module, so that a day-long Holter's signal file is neither copied for its reader nor
// kept while the next files are read and the records annotated.
std::vector<ReadResult> read_files(std::vector<NamedBuffer>&& files,
                                   const ReadOptions& options = {});

// Why a file of `file_size` bytes would be refused for its size, told from its first bytes `head`
// (kSizeCheckHeadBytes, or the whole file when smaller) before the rest is read: an EDF/BDF or
// ISHNE header declaring more samples than the readers accept, or a WFDB header (when `head` is all of
// it) whose length, or whose signal files' sizes (`companion_size(name)`, for the names it gives
// them; nothing when there is no such file), are more than they accept (wfdb::size_problem).
// "" when nothing is wrong that these show; the reader still checks everything when it reads the
// file. The CLI asks it of files on disk, the page of a drop (drop_size_check.h).
constexpr std::size_t kSizeCheckHeadBytes = 1 << 20;
using CompanionSize = std::function<std::optional<std::uint64_t>(const std::string& name)>;
std::string size_problem(const NamedBuffer& head, std::uint64_t file_size,
                         const CompanionSize& companion_size);

// "<file>: out of memory while reading (file too large?)": a file whose bytes or samples do not
// fit in memory (the JS module's copy of a file into its memory too).
std::string out_of_memory_reading_message(const std::string& file);

// Convenience for one file (the CLI and tests): companions are other files of the same drop
// (e.g. the .dat files of a .hea).
ReadResult read_file(const NamedBuffer& file, const std::vector<NamedBuffer>& companions = {},
                     const ReadOptions& options = {});

}  // namespace qrs
