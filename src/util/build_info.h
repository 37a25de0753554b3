#pragma once
// What this build of the core holds beyond its portable part: the inference backends and the
// codecs compiled in. `ecg-annotate --version` prints it and the wasm module's modelInfo().build
// returns it, so tests can assert that every part the README promises is present in the build
// (a part that silently dropped out at configure time fails them instead of being skipped).
#include <string>
#include <vector>

namespace qrs {

struct BuildInfo {
  std::vector<std::string> backends;  // "builtin" always; "xnnpack" when compiled in
  std::vector<std::string> codecs;    // e.g. "zlib" (deflated .npz members natively), "flac"
};

BuildInfo build_info();

}  // namespace qrs
