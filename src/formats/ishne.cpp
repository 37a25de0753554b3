// read_ishne: ISHNE Holter files (ishne_header.h) into one Record in mV. A header whose CRC does
// not match is read with a warning rather than refused: the CRC guards only the header, whose
// fields this reader checks one by one anyway (lead count, offsets, rate, resolutions, sample
// count against the file's size), and a recorder or converter that writes a wrong CRC should not
// cost a day of ECG. A file cut short is read to its last whole sampling instant with a warning,
// as the WFDB and EDF readers read theirs.
#include <cstdio>

#include "formats/detect.h"
#include "formats/ishne_header.h"
#include "formats/little_endian.h"
#include "formats/readers.h"
#include "formats/units.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

std::string hex4(std::uint16_t v) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%04X", v);
  return text;
}

// What the file will be read as, from its header and size alone (else qrs::Error naming it).
struct Plan {
  std::size_t length = 0;          // samples per lead
  std::vector<std::size_t> leads;  // indices of the leads read (those with a resolution)
};

std::size_t samples_held(const ishne::Header& h, std::uint64_t file_size,
                         std::vector<std::string>& warnings) {
  const std::string& file = h.file_name;
  const std::uint64_t frame_bytes = 2 * h.leads.size();
  const std::uint64_t data_bytes = file_size - h.data_offset;
  const std::uint64_t held = data_bytes / frame_bytes;
  if (h.samples_per_lead < 0)
    throw Error(file + ": the sample count " + std::to_string(h.samples_per_lead) +
                " is negative: the header is damaged");
  const auto declared = static_cast<std::uint64_t>(h.samples_per_lead);
  if (declared <= held) {
    if (declared == 0) throw Error(file + ": the header declares no samples");
    return static_cast<std::size_t>(declared);
  }
  // Some writers give the count over all leads, where the standard asks for it per lead.
  const std::uint64_t leads = h.leads.size();
  if (leads > 1 && declared * 2 == data_bytes && declared % leads == 0) {
    warnings.push_back(file + ": the header's sample count " + std::to_string(declared) +
                       " is the count over all " + std::to_string(leads) +
                       " leads (the standard asks for it per lead); read as " +
                       std::to_string(declared / leads) + " per lead");
    return static_cast<std::size_t>(declared / leads);
  }
  if (held == 0) {
    throw Error(file + ": the header declares " + std::to_string(declared) +
                " samples per lead but the file holds none (cut short?)");
  }
  warnings.push_back(file + ": the header declares " + std::to_string(declared) +
                     " samples per lead but the file holds only " + std::to_string(held) +
                     " (cut short?); the record is read to there");
  return static_cast<std::size_t>(held);
}

Plan plan_reading(const ishne::Header& h, std::uint64_t file_size,
                  std::vector<std::string>& warnings) {
  const std::string& file = h.file_name;
  const Limits& lim = limits();
  if (!(h.sampling_rate >= lim.min_fs && h.sampling_rate <= lim.max_fs)) {
    throw Error(file + ": sampling rate " + std::to_string(h.sampling_rate) +
                " Hz is out of range (" + format_number(lim.min_fs) + " to " +
                format_number(lim.max_fs) + " Hz)");
  }
  Plan plan;
  std::string unscaled;
  for (std::size_t i = 0; i < h.leads.size(); ++i) {
    if (h.leads[i].resolution_nv > 0) {
      plan.leads.push_back(i);
      continue;
    }
    unscaled += (unscaled.empty() ? "" : ", ") + ishne::lead_name(h.leads[i].specification, i) +
                " (" + std::to_string(h.leads[i].resolution_nv) + " nV)";
  }
  if (plan.leads.empty()) {
    throw Error(file + ": no lead has an amplitude resolution above 0 nV (" + unscaled +
                "), so no samples can be scaled: the header is damaged");
  }
  if (!unscaled.empty()) {
    warnings.push_back(file +
                       ": amplitude resolution not above 0 nV, so the samples cannot be "
                       "scaled; skipped: " +
                       unscaled);
  }
  plan.length = samples_held(h, file_size, warnings);
  // The message names the limit that is passed and what to do, in the other readers' words.
  if (plan.length > lim.max_samples_per_lead) {
    throw Error(file + ": " + std::to_string(plan.length) +
                " samples per signal is more than " + accepted_samples(lim.max_samples_per_lead));
  }
  const std::size_t total = plan.length * plan.leads.size();
  if (total > lim.max_total_samples) {
    throw Error(file + ": " + std::to_string(plan.length) + " samples per signal x " +
                std::to_string(plan.leads.size()) + " signals = " + std::to_string(total) +
                " samples in all is more than " + accepted_samples(lim.max_total_samples));
  }
  return plan;
}

// What the header says about the leads' quality and the patient's pacemaker, for the person
// reading the marks.
void add_header_notes(const ishne::Header& h, std::vector<std::string>& warnings) {
  for (std::size_t i = 0; i < h.leads.size(); ++i) {
    const std::string quality = ishne::quality_text(h.leads[i].quality);
    if (!quality.empty())
      warnings.push_back(h.file_name + ": lead " + ishne::lead_name(h.leads[i].specification, i) +
                         ": the recorder rated it '" + quality + "'");
  }
  const std::string pacemaker = ishne::pacemaker_text(h.pacemaker);
  if (!pacemaker.empty()) {
    warnings.push_back(h.file_name + ": the header says the patient has a pacemaker (" + pacemaker +
                       "); its spikes are looked for and paced beats marked as in any record, "
                       "unless pacing detection is turned off");
  }
}

}  // namespace

std::string ishne_size_problem(const NamedBuffer& head, std::uint64_t file_size) {
  try {
    const ishne::Header h =
        ishne::parse_header(head.bytes.data(), head.bytes.size(), file_size, head.name);
    std::vector<std::string> warnings;  // the reader says them again when it reads the file
    plan_reading(h, file_size, warnings);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::vector<Record> read_ishne(const NamedBuffer& file, std::vector<std::string>& warnings) {
  const std::size_t size = file.bytes.size();
  const ishne::Header h = ishne::parse_header(file.bytes.data(), size, size, file.name);
  if (h.computed_crc && *h.computed_crc != h.stored_crc) {
    warnings.push_back(file.name + ": the header's CRC is " + hex4(h.stored_crc) +
                       " but its bytes give " + hex4(*h.computed_crc) +
                       ": the header may be damaged; read as it stands");
  }
  const Plan plan = plan_reading(h, size, warnings);
  add_header_notes(h, warnings);

  Record rec;
  rec.name = file_stem(file.name);
  rec.source = file.name;
  rec.fs = h.sampling_rate;
  const double millivolts_per_nv = *millivolts_per_unit("nV");
  const std::size_t frame_bytes = 2 * h.leads.size();
  for (std::size_t i : plan.leads) {
    Lead lead;
    lead.name = ishne::lead_name(h.leads[i].specification, i);
    const double scale = h.leads[i].resolution_nv * millivolts_per_nv;
    lead.samples.resize(plan.length);
    const std::uint8_t* p = file.bytes.data() + h.data_offset + 2 * i;
    for (std::size_t t = 0; t < plan.length; ++t, p += frame_bytes)
      lead.samples[t] = static_cast<float>(le_i16(p) * scale);
    rec.leads.push_back(std::move(lead));
  }
  return {std::move(rec)};
}

}  // namespace qrs::formats
