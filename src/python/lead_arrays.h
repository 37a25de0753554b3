#pragma once
// What annotate() in Python takes as a record's leads, made into the core's leads: a 2-D array
// [leads, samples], a 1-D array (one lead) or a sequence of 1-D arrays, of any float or integer
// type; a numpy masked array, whose masked samples are missing (NaN, as a NaN in a plain array);
// and a pandas DataFrame (rows are leads, as for an array: a frame of one column per lead is
// passed as frame.T) or Series, whose labels name the leads. pandas is not imported: a frame is
// told by what it has (to_numpy, index).
#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <vector>

#include "formats/record.h"

namespace qrs::python {

// `record` starts the messages of a ValueError for a lead that is not 1-D. The leads are named
// from lead_names where given, else from a frame's or series' text labels, else lead0, lead1, ...
std::vector<Lead> leads_from_python(const pybind11::object& leads, const std::string& record,
                                    const std::optional<std::vector<std::string>>& lead_names);

}  // namespace qrs::python
