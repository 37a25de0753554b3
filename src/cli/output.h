#pragma once
// The CLI's two output forms for annotated records (docs/cli.md): a readable per-beat table and
// the JSON shape of ../shared/DESIGN.md ("record", "fs", "leads", "beats"), which scripts
// outside the project parse, so its keys are stable.
#include <ostream>
#include <string>
#include <vector>

#include "annotate/annotation.h"
#include "formats/record.h"

namespace qrs::cli {

struct AnnotatedRecord {
  std::string file;    // the primary file it came from
  std::string format;  // reader name, e.g. "wfdb"
  Annotation annotation;
  // What the reader found about the whole file (a checksum mismatch, a unit read as mV, a column
  // taken for an index): the JSON lists them first among the record's warnings, so a script that
  // reads only the JSON still learns them.
  std::vector<std::string> file_warnings;
};

// One JSON document: an object for one record, an array for several, or always an array when
// `array` (the CLI's: several files asked for, whether or not each could be read).
void write_json(std::ostream& out, const std::vector<AnnotatedRecord>& records,
                bool with_probabilities, bool array = false);

void write_table(std::ostream& out, const AnnotatedRecord& record);

// --wfdb-annotations: throws Error when `folder` cannot be made, or holds one of the input files.
void check_annotation_folder(const std::string& folder, const std::vector<std::string>& inputs);

// Writes the record's marks as WFDB annotation files into `folder` (one per lead and
// <record>.qrs, formats/wfdb_annotation_qrs.h); returns the paths written. Throws Error.
std::vector<std::string> write_wfdb_annotations(const std::string& folder, const Record& record,
                                                const Annotation& annotation);

}  // namespace qrs::cli
