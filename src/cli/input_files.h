#pragma once
// Turns the paths on the command line into the named byte buffers the readers take. The readers
// never open paths, so the CLI also fetches the companions a WFDB header names: given "5.hea" (or
// just "data/5"), it loads the .dat files listed in the header (and, for a multi-segment record,
// the segment headers and their data) from the same directory.
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs::cli {

struct InputFiles {
  std::vector<NamedBuffer> buffers;  // name = basename; each header followed by its companions
  std::vector<std::string> errors;   // "path: cannot open (No such file or directory)"
};

InputFiles load_input_files(const std::vector<std::string>& paths);

}  // namespace qrs::cli
