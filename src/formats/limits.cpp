#include "formats/readers.h"

#include <string>

namespace qrs::formats {

// One shared instance: the defaults in readers.h are the project's limits.
const Limits& limits() {
  static const Limits instance;
  return instance;
}

std::string accepted_samples(std::size_t limit) {
#if defined(__EMSCRIPTEN__)
  const std::string instead =
      "; the page and the JS module hold a recording in 4 GB of WebAssembly memory: annotate it "
      "with the command-line tool (ecg-annotate) or the Python module (qrs_annotator), which read "
      "up to " +
      std::to_string(kNativeMaxTotalSamples) + " samples";
#else
  const std::string instead = "; split the recording into shorter records and annotate each";
#endif
  return "the " + std::to_string(limit) + " this reader accepts" + instead;
}

}  // namespace qrs::formats
