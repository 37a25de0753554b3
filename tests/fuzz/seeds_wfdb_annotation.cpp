// Seeds for fuzz_wfdb_annotation, written by the writer under test: LUDB-like '(' 'N' ')' marks,
// a SKIP, every pseudo-code (NUM, SUB, CHN, AUX of odd and even length).
#include "formats/wfdb_annotation.h"
#include "seed_registry.h"

namespace {

using qrs::formats::wfdb::AnnotationMark;
using qrs::formats::wfdb::write_annotations;

void write_seeds(qrs::fuzz::SeedSink& sink) {
  std::vector<AnnotationMark> lead;
  for (int beat = 0; beat < 9; ++beat) {
    const std::int64_t at = 400 + 450 * beat;
    lead.push_back({at, 39, 0, 0, 0, {}});
    lead.push_back({at + 20, 1, 0, 0, 0, {}});
    lead.push_back({at + 45, 40, 0, 0, 0, {}});
  }
  sink.add("ludb_like.ii", write_annotations(lead));
  sink.add("fields.atr", write_annotations({{5, 1, -2, 0, 0, "model"},
                                            {3000, 28, 0, 3, 7, "(AFIB"},
                                            {3000, 24, 0, 4, -1, "edited"},
                                            {9000000, 27, 5, 4, -1, {}}}));
  sink.add("empty.atr", write_annotations({}));
}

const qrs::fuzz::RegisterSeeds kRegister("wfdb_annotation", write_seeds);

}  // namespace
