// The parts table: one line per optional part, naming the macro the build system defines (as 1)
// when it compiles that part in (cmake/native.cmake, cmake/wasm.cmake).
#include "util/build_info.h"

#include <cstring>

// Expands `flag` and spells the result: "1" when the build defines it as 1, otherwise the
// macro's own name, left unexpanded. This keeps each table line a single expression.
#define QRS_SPELLED_(x) #x
#define QRS_SPELLED(flag) QRS_SPELLED_(flag)

namespace qrs {
namespace {

struct OptionalPart {
  const char* kind;  // "backend" or "codec"
  const char* name;
  const char* flag_spelled;
};

const OptionalPart kOptionalParts[] = {
    {"backend", "xnnpack", QRS_SPELLED(QRS_HAVE_XNNPACK)},
    {"codec", "zlib", QRS_SPELLED(QRS_HAVE_ZLIB)},
    {"codec", "flac", QRS_SPELLED(QRS_HAVE_FLAC)},
};

}  // namespace

BuildInfo build_info() {
  BuildInfo info;
  info.backends.push_back("builtin");  // the portable kernels are in every build
  for (const OptionalPart& part : kOptionalParts) {
    if (std::strcmp(part.flag_spelled, "1") != 0) continue;
    (std::strcmp(part.kind, "backend") == 0 ? info.backends : info.codecs).push_back(part.name);
  }
  return info;
}

}  // namespace qrs
