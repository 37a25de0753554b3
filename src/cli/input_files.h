#pragma once
// Turns the paths on the command line into the named byte buffers the readers take. The readers
// never open paths, so the CLI also fetches the companions a WFDB header names: given "5.hea" (or
// just "data/5"), it loads the .dat files listed in the header (and, for a multi-segment record,
// the segment headers and their data) from the header's folder, or the folder a name in it gives
// ("signals/5.dat"), as the WFDB library resolves it. A file the readers would refuse for its
// size is refused from its header and size (formats::size_problem, wfdb::size_problem) before
// its bytes are read, with the readers' own message in `errors`.
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs::cli {

struct InputFiles {
  std::vector<NamedBuffer> buffers;  // name = basename; each header followed by its companions
  std::vector<std::string> errors;   // "path: cannot open (No such file or directory)", or a
                                     // refusal for size: "big.edf: ... more than this reader accepts"
};

InputFiles load_input_files(const std::vector<std::string>& paths);

}  // namespace qrs::cli
