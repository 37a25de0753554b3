#pragma once
// WFDB annotation files in MIT format (PhysioNet's annot(5)): the reader and the writer, one
// implementation for the page (through Embind), the CLI and the tests.
//
// A file is a run of 16-bit little-endian words: the top 6 bits are an annotation code, the low 10
// bits the time since the previous annotation in samples. Codes 59..63 are not annotations but
// carry data: SKIP (a 32-bit interval follows, high half first), NUM / SUB / CHN (the num, subtyp
// and chan fields of the annotation before them), AUX (I bytes of text follow, padded to even
// length). The word 0 ends the file. num and chan carry over to later annotations; subtyp and aux
// do not. Positions are whole samples at the record's rate.
//
// read_annotations throws qrs::Error naming the file for anything that does not parse (odd length,
// a field cut off, time running backwards); write_annotations sorts by time, then channel, as WFDB
// requires, and writes the closing 0 word that wfdb-python's rdann needs to see the last mark.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/record.h"

namespace qrs::formats::wfdb {

struct AnnotationMark {
  std::int64_t sample = 0;  // from the record's first sample
  int code = 0;             // MIT code (ecgcodes.h): 1 'N', 24 'p', 27 't', 39 '(', 40 ')', ...
  int subtype = 0;          // -128..127
  int chan = 0;             // 0..255: the signal the mark belongs to
  int num = 0;              // -128..127
  std::string aux;          // at most 255 bytes of text
};

// The WFDB symbol of a code ("N", "(", ...), or "[<code>]" for a code with no standard symbol.
std::string annotation_symbol(int code);

// The code of a WFDB symbol, or -1 when no standard code has it.
int annotation_code(std::string_view symbol);

std::vector<AnnotationMark> read_annotations(const NamedBuffer& file);

std::vector<std::uint8_t> write_annotations(std::vector<AnnotationMark> marks);

}  // namespace qrs::formats::wfdb
