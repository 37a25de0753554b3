// JSON ECG -> Records (schema in docs/formats.md):
//   {"fs": 500, "leads": {"ii": [0.1, ...], "v1": [...]}, "units": "mV", "name": "rec1"}
//   {"fs": 500, "leads": [{"name": "ii", "samples": [...]}, ...]}
//   {"sampling_rate": 500, "signal": [[...], [...]], "lead_names": ["ii", "v1"]}  (as numpy's
//       tolist() writes a [leads, samples] or [samples, leads] array; the NPZ field names)
//   [ <record>, ... ]   or   {"records": [ <record>, ... ]}
// null samples are read as NaN (invalid), with a warning.
#include <cmath>
#include <cstdlib>

#include "formats/detect.h"
#include "formats/field_names.h"
#include "formats/npy_records.h"
#include "formats/readers.h"
#include "formats/time_column.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"
#include "util/error.h"
#include "util/json.h"

namespace qrs::formats {
namespace {

// Every number costs a json::Value (about 100 bytes) while parsing, so JSON is for short records;
// longer ones belong in CSV or NPY.
constexpr std::size_t kMaxJsonBytes = std::size_t(64) << 20;

// Absent units are mV; units given but not a voltage are an error, since JSON has no per-lead
// units to fall back on and a wrong scale would pass silently.
double millivolts_per(const std::string& where, const std::string& unit) {
  if (const auto mv = millivolts_per_unit(unit)) return *mv;
  throw Error(where + ": units '" + text::to_utf8(unit) + "' not understood (mV, uV, V, nV)");
}

// {"0": 0.1, "1": 0.2, ...}: what JSON.stringify makes of a Float32Array.
bool is_stringified_typed_array(const json::Value& v) {
  if (!v.is_object() || v.as_object().empty()) return false;
  const auto& fields = v.as_object();
  return fields.front().first == "0" && fields.back().first == std::to_string(fields.size() - 1);
}

void refuse_stringified_typed_array(const std::string& where, const std::string& name,
                                    const json::Value& v) {
  if (is_stringified_typed_array(v))
    throw Error(where + ": lead '" + name + "' is an object with numbered keys, as JSON.stringify "
                "writes a Float32Array; write Array.from(samples) instead");
}

// Lead l of `count` by the record's list of names (lead_names, channels, ...) when it names them
// all, else lead0, lead1, ...
std::string lead_name_at(const json::Value* names, std::size_t l, std::size_t count) {
  if (names && names->is_array() && names->as_array().size() == count) {
    const json::Value& name = names->as_array()[l];
    if (name.is_string() && !name.as_string().empty()) return name.as_string();
  }
  return "lead" + std::to_string(l);
}

Lead read_lead(const std::string& where, const std::string& name, const json::Value& samples,
               double scale, std::size_t& null_count) {
  refuse_stringified_typed_array(where, name, samples);
  if (!samples.is_array())
    throw Error(where + ": lead '" + name + "' must be an array of numbers");
  const auto& items = samples.as_array();
  if (items.empty()) throw Error(where + ": lead '" + name + "' is empty");
  if (items.size() > limits().max_samples_per_lead)
    throw Error(where + ": lead '" + name + "' has " + std::to_string(items.size()) +
                " samples, more than " + accepted_samples(limits().max_samples_per_lead));
  Lead lead;
  lead.name = name;
  lead.samples.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_null()) {
      ++null_count;
      lead.samples.push_back(NAN);
      continue;
    }
    if (!items[i].is_number())
      throw Error(where + ": lead '" + name + "' sample " + std::to_string(i) +
                  " is not a number");
    const double v = items[i].as_number() * scale;
    if (!(std::fabs(v) <= 3.4028234663852886e38))
      throw Error(where + ": lead '" + name + "' sample " + std::to_string(i) +
                  " is beyond float32 range");
    lead.samples.push_back(static_cast<float>(v));
  }
  return lead;
}

// The first field naming the sampling rate ("fs", "sampling_rate", "samplingRate", ...), a
// number or a number in a string ("500", as some exporters write every value).
double sampling_rate(const std::string& where, const json::Value& record) {
  for (const auto& [key, value] : record.as_object()) {
    if (!names_sampling_rate(key)) continue;
    double fs = 0;
    if (value.is_number()) {
      fs = value.as_number();
    } else if (value.is_string()) {
      const std::string& text = value.as_string();
      char* end = nullptr;
      fs = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size())
        throw Error(where + ": '" + key + "' must be a number (got \"" + text::to_utf8(text) +
                    "\")");
    } else {
      throw Error(where + ": '" + key + "' must be a number");
    }
    check_fs(fs, where + ": '" + key + "'");
    return fs;
  }
  throw Error(where + ": 'fs' (sampling rate in Hz) is missing");
}

// A [leads][samples] or [samples][leads] list of lists (numpy's tolist()): rows are leads unless
// they are 16 values or fewer across more than 16 rows, the NPY readers' rule for which axis is
// time.
void read_lead_matrix(const std::string& where, const std::string& key, const json::Value& rows,
                      const json::Value* names, double scale, std::size_t& nulls,
                      std::vector<Lead>& leads) {
  const auto& outer = rows.as_array();
  const std::size_t width = outer.front().is_array() ? outer.front().as_array().size() : 0;
  for (const json::Value& row : outer)
    if (!row.is_array() || row.as_array().size() != width)
      throw Error(where + ": '" + key + "' must be a list of equally long lists of numbers");
  const bool samples_by_row = width <= kMaxLeadsAcross && outer.size() > kMaxLeadsAcross;
  if (!samples_by_row) {
    for (std::size_t l = 0; l < outer.size(); ++l)
      leads.push_back(
          read_lead(where, lead_name_at(names, l, outer.size()), outer[l], scale, nulls));
    return;
  }
  for (std::size_t l = 0; l < width; ++l) {
    std::vector<json::Value> column;
    column.reserve(outer.size());
    for (const json::Value& row : outer) column.push_back(row.as_array()[l]);
    const json::Value samples = json::Value::array(std::move(column));
    leads.push_back(read_lead(where, lead_name_at(names, l, width), samples, scale, nulls));
  }
}

// The record's leads, from "leads" ({name: samples}, [{name, samples}] or a list of lists) or
// from a field naming the signal ("signal", "data", ...: a list of lists or one lead's list).
void read_leads(const std::string& where, const json::Value& record, double scale,
                std::size_t& nulls, std::vector<Lead>& leads) {
  const json::Value* names = nullptr;
  for (const auto& [key, value] : record.as_object())
    if (key != "leads" && names_lead_names(key)) names = &value;
  for (const auto& [key, value] : record.as_object()) {
    if (key != "leads" && !names_signal(key)) continue;
    if (value.is_object()) {
      refuse_stringified_typed_array(where, key, value);
      for (const auto& [lead_name, samples] : value.as_object())
        leads.push_back(read_lead(where, lead_name, samples, scale, nulls));
      return;
    }
    if (!value.is_array() || value.as_array().empty()) break;
    const json::Value& first = value.as_array().front();
    if (first.is_array()) return read_lead_matrix(where, key, value, names, scale, nulls, leads);
    if (first.is_number() || first.is_null()) {  // one lead
      leads.push_back(read_lead(where, lead_name_at(names, 0, 1), value, scale, nulls));
      return;
    }
    for (const json::Value& item : value.as_array()) {
      const json::Value* lead_name = item.find("name");
      const json::Value* samples = item.find("samples");
      if (!item.is_object() || !lead_name || !lead_name->is_string() || !samples)
        throw Error(where + ": each entry of '" + key +
                    "' must be {\"name\": ..., \"samples\": [...]}");
      leads.push_back(read_lead(where, lead_name->as_string(), *samples, scale, nulls));
    }
    return;
  }
  if (!record.find("leads"))
    throw Error(where + ": 'leads' is missing (e.g. \"leads\": {\"ii\": [0.1, 0.2]})");
  throw Error(where + ": 'leads' must be an object of arrays, e.g. {\"ii\": [0.1, 0.2]}");
}

Record read_record(const std::string& file, const std::string& where, const json::Value& v,
                   bool indexed, std::size_t index, std::vector<std::string>& warnings) {
  if (!v.is_object()) throw Error(where + ": a record must be an object with 'fs' and 'leads'");
  Record r;
  r.source = file;
  const json::Value* name = v.find("name");
  if (name && name->is_string() && !name->as_string().empty())
    r.name = name->as_string();
  else
    r.name = indexed ? base_name(file) + "[" + std::to_string(index) + "]" : file_stem(file);
  r.fs = sampling_rate(where, v);
  double scale = 1.0;
  if (const json::Value* units = v.find("units")) {
    if (!units->is_string()) throw Error(where + ": 'units' must be a string");
    scale = millivolts_per(where, units->as_string());
  }
  std::size_t nulls = 0;
  read_leads(where, v, scale, nulls, r.leads);
  if (r.leads.empty()) throw Error(where + ": 'leads' is empty");
  if (r.leads.size() > limits().max_leads)
    throw Error(where + ": " + std::to_string(r.leads.size()) + " leads; at most " +
                std::to_string(limits().max_leads) + " are read");
  for (const Lead& l : r.leads)
    if (l.samples.size() != r.leads.front().samples.size())
      throw Error(where + ": leads have unequal lengths ('" + r.leads.front().name + "' has " +
                  std::to_string(r.leads.front().samples.size()) + " samples, '" + l.name +
                  "' has " + std::to_string(l.samples.size()) + ")");
  if (nulls > 0)
    warnings.push_back(where + ": " + std::to_string(nulls) + " null samples read as NaN");
  return r;
}

}  // namespace

std::vector<Record> read_json_record(const NamedBuffer& file, std::vector<std::string>& warnings) {
  if (file.bytes.size() > kMaxJsonBytes)
    throw Error(file.name + ": JSON ECG files are read up to " +
                std::to_string(kMaxJsonBytes >> 20) + " MB; store longer records as CSV or NPY");
  json::Value doc;
  try {
    json::ParseLimits parse_limits;
    parse_limits.max_bytes = kMaxJsonBytes;
    doc = json::parse(std::string_view(reinterpret_cast<const char*>(file.bytes.data()),
                                       file.bytes.size()),
                      parse_limits);
  } catch (const Error& e) {
    throw Error(file.name + ": " + e.what());
  }
  const json::Value* list = &doc;
  if (doc.is_object() && doc.find("records")) list = doc.find("records");
  std::vector<Record> out;
  if (list->is_array()) {
    const auto& items = list->as_array();
    if (items.empty()) throw Error(file.name + ": the list of records is empty");
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(read_record(file.name, file.name + ": record " + std::to_string(i), items[i],
                                true, i, warnings));
  } else if (doc.is_object()) {
    out.push_back(read_record(file.name, file.name, doc, false, 0, warnings));
  } else {
    throw Error(file.name + ": expected an object {\"fs\": ..., \"leads\": {...}} or a list");
  }
  return out;
}

}  // namespace qrs::formats
