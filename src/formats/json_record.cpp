// JSON ECG -> Records (schema in docs/formats.md):
//   {"fs": 500, "leads": {"ii": [0.1, ...], "v1": [...]}, "units": "mV", "name": "rec1"}
//   {"fs": 500, "leads": [{"name": "ii", "samples": [...]}, ...]}
//   [ <record>, ... ]   or   {"records": [ <record>, ... ]}
// null samples are read as NaN (invalid), with a warning.
#include <cmath>

#include "formats/detect.h"
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

Lead read_lead(const std::string& where, const std::string& name, const json::Value& samples,
               double scale, std::size_t& null_count) {
  if (!samples.is_array())
    throw Error(where + ": lead '" + name + "' must be an array of numbers");
  const auto& items = samples.as_array();
  if (items.empty()) throw Error(where + ": lead '" + name + "' is empty");
  if (items.size() > limits().max_samples_per_lead)
    throw Error(where + ": lead '" + name + "' is too long");
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
  const json::Value* fs = v.find("fs");
  if (!fs) throw Error(where + ": 'fs' (sampling rate in Hz) is missing");
  if (!fs->is_number()) throw Error(where + ": 'fs' must be a number");
  r.fs = fs->as_number();
  check_fs(r.fs, where + ": 'fs'");
  double scale = 1.0;
  if (const json::Value* units = v.find("units")) {
    if (!units->is_string()) throw Error(where + ": 'units' must be a string");
    scale = millivolts_per(where, units->as_string());
  }
  const json::Value* leads = v.find("leads");
  if (!leads) throw Error(where + ": 'leads' is missing");
  std::size_t nulls = 0;
  if (leads->is_object()) {
    for (const auto& [lead_name, samples] : leads->as_object())
      r.leads.push_back(read_lead(where, lead_name, samples, scale, nulls));
  } else if (leads->is_array()) {
    for (const json::Value& item : leads->as_array()) {
      const json::Value* lead_name = item.find("name");
      const json::Value* samples = item.find("samples");
      if (!item.is_object() || !lead_name || !lead_name->is_string() || !samples)
        throw Error(where + ": each entry of 'leads' must be {\"name\": ..., \"samples\": [...]}");
      r.leads.push_back(read_lead(where, lead_name->as_string(), *samples, scale, nulls));
    }
  } else {
    throw Error(where + ": 'leads' must be an object of arrays, e.g. {\"ii\": [0.1, 0.2]}");
  }
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
