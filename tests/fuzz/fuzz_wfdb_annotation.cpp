// libFuzzer target for the WFDB annotation reader (src/formats/wfdb_annotation.h): the whole input
// is an annotation file. qrs::Error is an accepted outcome. What it reads must be writable (every
// field in range) and read back the same after the writer's sort by time and channel; anything
// else, a crash or a sanitizer report, is a finding.
#include <algorithm>
#include <cstdlib>

#include "formats/wfdb_annotation.h"
#include "fuzz_reader.h"

namespace {

using qrs::formats::wfdb::AnnotationMark;

bool same(const AnnotationMark& a, const AnnotationMark& b) {
  return a.sample == b.sample && a.code == b.code && a.subtype == b.subtype && a.chan == b.chan &&
         a.num == b.num && a.aux == b.aux;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace wfdb = qrs::formats::wfdb;
  std::vector<AnnotationMark> marks;
  try {
    marks = wfdb::read_annotations(qrs::fuzz::whole_input("f.atr", data, size));
  } catch (const qrs::Error&) {
    return 0;
  }
  for (const AnnotationMark& m : marks)
    if (m.sample < 0 || m.code < 1 || m.code > 58) std::abort();
  std::stable_sort(marks.begin(), marks.end(),
                   [](const AnnotationMark& a, const AnnotationMark& b) {
                     return a.sample != b.sample ? a.sample < b.sample : a.chan < b.chan;
                   });
  std::vector<AnnotationMark> again;
  try {
    again = wfdb::read_annotations({"g.atr", wfdb::write_annotations(marks)});
  } catch (const qrs::Error&) {
    std::abort();  // the writer refused, or wrote what the reader cannot read
  }
  if (again.size() != marks.size() || !std::equal(again.begin(), again.end(), marks.begin(), same))
    std::abort();
  return 0;
}
