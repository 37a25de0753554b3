#pragma once
// Record -> CSV bytes, the CLI's --dump format and a format the CSV reader reads back unchanged:
//   # record=5 source=5.hea
//   # fs=500
//   i,ii,iii,...        (lead names; units are mV)
//   -0.035,0.12,...
// Values are written with the fewest digits that read back as the same float32; NaN is written
// as "nan".
#include <string>

#include "formats/record.h"

namespace qrs {

// The CSV text (bytes) of `record`.
std::string write_csv(const Record& record);

}  // namespace qrs
