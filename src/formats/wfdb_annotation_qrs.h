#pragma once
// QRS marks as WFDB annotation files, the way LUDB ships its reference: per complex a '(' at the
// onset, an 'N' at the QRS peak and a ')' at the offset, all in whole samples. One file per lead,
// named <record>.<lead> as LUDB names them ("5.ii", "5.v1"), and one global file <record>.qrs
// whose complexes are the beats across the leads (earliest onset to latest offset). Every
// annotation carries in its aux text where the mark came from: "model" for the annotator's own,
// "edited" for one a person moved or added. The page's WFDB export and `ecg-annotate
// --wfdb-annotations` both write through here.
#include <string>
#include <vector>

#include "formats/record.h"
#include "formats/wfdb_annotation.h"

namespace qrs::formats::wfdb {

struct QrsMark {
  double onset = 0;  // samples at the record's rate (fractional: rounded when written)
  double offset = 0;
  bool edited = false;  // moved or added by a person
};

struct LeadQrsMarks {
  std::string name;                   // the lead's name: the file's extension
  const std::vector<float>* samples;  // the lead's trace, for the 'N' at the QRS peak
  std::vector<QrsMark> qrs;
};

// The '(' 'N' ')' annotations of one lead's complexes on channel `chan`. The 'N' sits at the
// sample farthest from the straight line between the trace at onset and offset (the QRS's largest
// deflection), inside the complex.
std::vector<AnnotationMark> qrs_annotations(const std::vector<QrsMark>& qrs,
                                            const std::vector<const std::vector<float>*>& traces,
                                            int chan = 0);

// The files: one per lead, then <record>.qrs for `beats` (its 'N' at the largest deflection of any
// lead). Lead names become extensions of lower-case letters, digits and '_' ("V1" -> "v1",
// "aVR" -> "avr"); two leads that would share one get a numeric suffix. The record name keeps
// letters, digits, '_' and '-' ("x.npy[3]" -> "x_npy_3_").
std::vector<NamedBuffer> qrs_annotation_files(const std::string& record,
                                              const std::vector<LeadQrsMarks>& leads,
                                              const std::vector<QrsMark>& beats);

}  // namespace qrs::formats::wfdb
