#pragma once
// The size checks of read.h and wfdb_header.h over a drop of files known only by their first
// bytes and their sizes, before the rest of any of them is read: what the page asks before it
// reads a 2 GB file whole only to have the reader refuse it.
#include <cstdint>
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs {

// A dropped file before it is read: its name and first bytes (kSizeCheckHeadBytes, or the whole
// file when it is smaller), and its size.
struct FileHead {
  NamedBuffer head;
  std::uint64_t size = 0;
};

struct SizeCheck {
  // Why the readers would refuse this file for its size, in their words and naming it; "" when
  // its head and size show nothing wrong (the reader still checks everything when it reads it).
  std::string problem;
  // For a signal file of a WFDB header refused for its size: that header's name (the header's
  // problem says why; the file itself need not be read). "" otherwise.
  std::string refused_header;
};

// One SizeCheck per file, in order. A header's signal files are found among the drop's other
// files by the name the header gives them, as the WFDB reader finds them (find_companion); their
// sizes judge a header that declares no length. A header is judged only when its head is all of
// it.
std::vector<SizeCheck> size_problems(const std::vector<FileHead>& files);

}  // namespace qrs
