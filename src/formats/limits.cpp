#include "formats/readers.h"

namespace qrs::formats {

// One shared instance: the defaults in readers.h are the project's limits.
const Limits& limits() {
  static const Limits instance;
  return instance;
}

}  // namespace qrs::formats
