#include "python/lead_arrays.h"

#include <pybind11/numpy.h>

#include <limits>
#include <utility>

namespace py = pybind11;

namespace qrs::python {
namespace {

using Samples = py::array_t<float, py::array::c_style | py::array::forcecast>;

bool is_pandas_like(const py::handle& object) {
  return py::hasattr(object, "to_numpy") && py::hasattr(object, "index");
}

// The labels that name the leads of `object` when it is a pandas frame (its row labels: rows are
// leads) or series (its name), each only when it is text: a frame's default labels are the
// numbers 0, 1, ..., which name nothing.
std::vector<std::optional<std::string>> labels_of(const py::handle& object) {
  std::vector<std::optional<std::string>> labels;
  if (!is_pandas_like(object)) return labels;
  if (py::hasattr(object, "columns")) {
    for (const py::handle label : object.attr("index"))
      labels.push_back(py::isinstance<py::str>(label)
                           ? std::optional<std::string>(label.cast<std::string>())
                           : std::nullopt);
  } else {
    const py::object name = object.attr("name");
    labels.push_back(py::isinstance<py::str>(name)
                         ? std::optional<std::string>(name.cast<std::string>())
                         : std::nullopt);
  }
  return labels;
}

// `object` as float32 samples, missing ones NaN: a masked array's masked samples (its values
// there are a recorder's fill value, not signal) and a frame's missing values (pd.NA, None).
Samples samples_of(const py::handle& object, const std::string& record) {
  const py::module_ numpy = py::module_::import("numpy");
  const py::object nan = py::float_(std::numeric_limits<double>::quiet_NaN());
  py::object plain = py::reinterpret_borrow<py::object>(object);
  if (py::isinstance(object, numpy.attr("ma").attr("MaskedArray")))
    plain = numpy.attr("ma").attr("asarray")(object, "float32").attr("filled")(nan);
  else if (is_pandas_like(object))
    try {
      plain = object.attr("to_numpy")("float32", py::arg("na_value") = nan);
    } catch (const py::error_already_set& e) {  // a column of text, say
      throw py::value_error(record + ": the leads are not numbers (" +
                            py::str(e.value()).cast<std::string>() + ")");
    }
  return Samples::ensure(plain);
}

}  // namespace

std::vector<Lead> leads_from_python(const py::object& leads, const std::string& record,
                                    const std::optional<std::vector<std::string>>& lead_names) {
  std::vector<Lead> out;
  std::vector<std::optional<std::string>> labels;
  const auto add_lead = [&](const float* first, py::ssize_t count) {
    out.push_back({"", "mV", std::vector<float>(first, first + count)});
  };
  // A list or tuple of leads is taken lead by lead: made into one array at once, its masked
  // arrays would lose their masks and its series their names.
  const bool one_by_one = (py::isinstance<py::list>(leads) || py::isinstance<py::tuple>(leads)) &&
                          py::len(leads) > 0 && py::hasattr(leads[py::int_(0)], "__len__");
  const Samples all = one_by_one ? Samples() : samples_of(leads, record);
  if (!one_by_one && all && all.ndim() == 2) {
    labels = labels_of(leads);
    // Row by row from the start of the C-ordered copy: data(i, 0) would refuse a row of no
    // samples, which is for the core to name ("the record has no samples").
    for (py::ssize_t i = 0; i < all.shape(0); ++i)
      add_lead(all.data() + i * all.shape(1), all.shape(1));
  } else if (!one_by_one && all && all.ndim() == 1) {
    labels = labels_of(leads);
    add_lead(all.data(), all.shape(0));
  } else {
    for (const py::handle lead : leads) {
      const Samples one = samples_of(lead, record);
      if (!one || one.ndim() != 1)
        throw py::value_error(record + ": each lead must be a 1-D array of samples in mV");
      const std::vector<std::optional<std::string>> label = labels_of(lead);
      labels.push_back(label.size() == 1 ? label[0] : std::nullopt);
      add_lead(one.data(), one.size());
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (lead_names && i < lead_names->size())
      out[i].name = (*lead_names)[i];
    else if (i < labels.size() && labels[i])
      out[i].name = *labels[i];
    else
      out[i].name = "lead" + std::to_string(i);
  }
  return out;
}

}  // namespace qrs::python
