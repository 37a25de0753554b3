#include "formats/csv_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace qrs {
namespace {

// Shortest of %.7g / %.9g that reads back as the same float (9 digits always do).
void append_float(std::string& out, float v) {
  if (std::isnan(v)) {  // not an empty cell: a one-lead row would be a blank line, skipped
    out += "nan";
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", double(v));
  if (std::strtof(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.9g", double(v));
  out += buf;
}

// Lead names must not break the header row.
std::string safe_name(const std::string& name) {
  std::string out;
  for (char c : name) out += (c == ',' || c == '\n' || c == '\r' || c == '"') ? '_' : c;
  return out;
}

}  // namespace

std::string write_csv(const Record& record) {
  std::string out;
  out += "# record=" + safe_name(record.name) + " source=" + safe_name(record.source) + "\n";
  char fs[40];
  std::snprintf(fs, sizeof fs, "# fs=%.10g\n", record.fs);
  out += fs;
  for (std::size_t l = 0; l < record.leads.size(); ++l) {
    if (l) out += ',';
    out += safe_name(record.leads[l].name);
  }
  out += '\n';
  const std::size_t n = record.length();
  out.reserve(out.size() + n * record.leads.size() * 8);
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t l = 0; l < record.leads.size(); ++l) {
      if (l) out += ',';
      const auto& s = record.leads[l].samples;
      if (t < s.size()) append_float(out, s[t]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace qrs
