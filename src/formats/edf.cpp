// read_edf: EDF, EDF+C, EDF+D and BDF. Signals are scaled from their digital to their physical
// range and converted to mV. A Record has one rate, so when signals differ in rate the reader keeps
// the voltage signals at the rate most of them share (ties: the higher rate) and drops the others
// with a warning; annotation channels are always skipped. EDF+D: each continuous stretch of data
// records becomes its own Record named with its start time (edf_discontinuous.h), and the file's
// warnings list the gaps, so nothing is invented across a gap and no annotation spans one.
#include <algorithm>
#include <map>
#include <sstream>

#include "formats/channel_kinds.h"
#include "formats/edf_discontinuous.h"
#include "formats/edf_header.h"
#include "formats/little_endian.h"
#include "formats/readers.h"
#include "formats/units.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

std::string record_name(const std::string& file) {
  std::string name = file.substr(file.find_last_of("/\\") + 1);
  const std::size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string rate_text(double fs) {
  std::ostringstream out;
  out << fs;
  return out.str();
}

// How many whole data records to read. A truncated last record is dropped with a warning; a file
// that holds fewer records than its header declares (a recorder that stopped early, a copy cut
// short) is read to its last whole record, with a warning, as a WFDB signal file cut short is.
std::size_t usable_records(const edf::Header& h, std::size_t file_size,
                           std::vector<std::string>& warnings) {
  const std::size_t record_bytes = h.record_bytes();
  const std::size_t data_bytes = file_size - h.header_bytes;
  const std::size_t whole = data_bytes / record_bytes;
  const bool partial = data_bytes % record_bytes != 0;
  if (h.records == -1) {
    if (partial) warnings.push_back(h.file_name + ": the last data record is incomplete; dropped");
    return whole;
  }
  const auto declared = static_cast<unsigned long long>(h.records);
  if (declared <= whole) return static_cast<std::size_t>(declared);
  if (declared == whole + 1 && partial) {
    warnings.push_back(h.file_name + ": the last data record is truncated; dropped (read " +
                       std::to_string(whole) + " of " + std::to_string(declared) + " records)");
  } else if (whole > 0) {
    warnings.push_back(h.file_name + ": the header declares " + std::to_string(declared) +
                       " data records but the file holds only " + std::to_string(whole) +
                       (partial ? " and part of one more (dropped)" : "") +
                       " (cut short?); the record is read to there");
  }
  return whole;  // none: plan_reading says the file holds no complete data record
}

// Which present signals can be scaled to samples. A signal whose header ranges give no scale (an
// unconnected input: edf::SignalHeader::no_scale) is skipped with a warning naming it, as a signal
// in other units or at another rate is; where such signals are all the file's channels that may
// be ECG, or all it has, nothing is left to annotate and the file is refused saying so.
std::vector<bool> scalable_signals(const edf::Header& h, const std::vector<std::size_t>& present,
                                   const std::vector<ChannelSeen>& seen, const KindChoice& kinds,
                                   std::vector<std::string>& warnings) {
  std::vector<bool> scalable(present.size(), true);
  std::string reasons;  // "signal 'ECG V5': physical minimum equals ...; signal ..."
  std::size_t unscaled = 0;
  bool ecg_left = false, ecg_unscaled = false, any_left = false;
  for (std::size_t k = 0; k < present.size(); ++k) {
    if (kinds.left_out[k]) continue;
    const std::string& why = h.signals[present[k]].no_scale;
    if (why.empty()) {
      any_left = true;
      ecg_left = ecg_left || kinds.ecg_looking[k];
      continue;
    }
    scalable[k] = false;
    ++unscaled;
    ecg_unscaled = ecg_unscaled || kinds.ecg_looking[k];
    reasons += (reasons.empty() ? "" : "; ") + ("signal '" + seen[k].label + "': " + why);
  }
  if (unscaled == 0) return scalable;
  const bool one = unscaled == 1;
  const std::string cannot = h.file_name + ": " + reasons + ", so " + (one ? "its" : "their") +
                             " samples cannot be scaled (" +
                             (one ? "an unconnected input?" : "unconnected inputs?") + ")";
  if (ecg_unscaled && !ecg_left) {
    throw Error(cannot +
                (one ? ", and it is the only channel" : ", and these are the only channels") +
                " of the file that may be ECG: nothing is left to annotate");
  }
  if (!any_left) throw Error(cannot + ", and the file has no other signal to read");
  warnings.push_back(cannot + "; skipped");
  return scalable;
}

// Chooses which signals become the Record: voltage signals (any non-annotation signal when none
// is a voltage) at their most common rate. Where labels tell ECG from other signals, the other
// kinds (EEG, EOG, SpO2, ...) are left out next to ECG (channel_kinds.h), an ECG-labelled signal
// without a unit is read as mV, and the rate is the one most ECG-labelled signals share. Signals
// whose ranges give no scale are skipped (scalable_signals).
std::vector<std::size_t> choose_signals(const edf::Header& h, const ReadOptions& options,
                                        std::vector<std::string>& warnings) {
  std::vector<std::size_t> present;  // signals that carry samples
  std::vector<ChannelSeen> seen;
  for (std::size_t s = 0; s < h.signals.size(); ++s) {
    const edf::SignalHeader& sig = h.signals[s];
    if (sig.is_annotation || sig.samples_per_record == 0) continue;
    present.push_back(s);
    seen.push_back(
        {text::to_utf8(sig.label), millivolts_per_unit(sig.physical_dimension).has_value()});
  }
  const KindChoice kinds = leave_out_other_kinds(seen, h.file_name, options);
  if (!kinds.warning.empty()) warnings.push_back(kinds.warning);
  const std::vector<bool> scalable = scalable_signals(h, present, seen, kinds, warnings);
  std::vector<std::size_t> candidates;
  std::vector<bool> ecg_label;  // per candidate
  std::vector<std::string> not_voltage;
  for (std::size_t k = 0; k < present.size(); ++k) {
    if (kinds.left_out[k] || !scalable[k]) continue;
    const edf::SignalHeader& sig = h.signals[present[k]];
    if (seen[k].voltage || (kinds.ecg_label[k] && sig.physical_dimension.empty())) {
      if (!seen[k].voltage)
        warnings.push_back(h.file_name + ": signal '" + seen[k].label +
                           "' has no physical dimension; read as mV, as its label says ECG");
      candidates.push_back(present[k]);
      ecg_label.push_back(kinds.ecg_label[k]);
    } else {
      not_voltage.push_back(h.file_name + ": signal '" + seen[k].label + "' is in '" +
                            text::to_utf8(sig.physical_dimension) + "', not a voltage; skipped");
    }
  }
  if (candidates.empty()) {
    for (std::size_t k = 0; k < present.size(); ++k) {
      if (kinds.left_out[k] || !scalable[k]) continue;
      candidates.push_back(present[k]);
      ecg_label.push_back(kinds.ecg_label[k]);
    }
    if (candidates.empty()) throw Error(h.file_name + ": has no signals, only annotations");
    warnings.push_back(h.file_name +
                       ": no signal is in uV, mV or V; reading them in their own units");
  } else {
    warnings.insert(warnings.end(), not_voltage.begin(), not_voltage.end());
  }
  // The rate most ECG-labelled signals share, else the one most candidates share.
  bool any_ecg = false;
  for (bool e : ecg_label) any_ecg = any_ecg || e;
  std::map<std::size_t, std::size_t> count_by_rate;  // samples per record -> signals
  for (std::size_t k = 0; k < candidates.size(); ++k)
    if (ecg_label[k] || !any_ecg) ++count_by_rate[h.signals[candidates[k]].samples_per_record];
  std::size_t best = 0, best_count = 0;
  for (const auto& [spr, count] : count_by_rate) {
    if (count >= best_count)
      best = spr, best_count = count;  // ascending: ties go to the higher rate
  }
  std::vector<std::size_t> chosen;
  for (std::size_t s : candidates) {
    const edf::SignalHeader& sig = h.signals[s];
    if (sig.samples_per_record == best) {
      chosen.push_back(s);
    } else {
      warnings.push_back(h.file_name + ": signal '" + text::to_utf8(sig.label) +
                         "' is sampled at " +
                         rate_text(sig.samples_per_record / h.record_duration) + " Hz, not " +
                         rate_text(best / h.record_duration) + " Hz like the " +
                         (any_ecg ? "ECG" : "others") + "; skipped");
    }
  }
  return chosen;
}

inline std::int32_t sample_at(const std::uint8_t* p, bool bdf) {
  if (bdf) {
    const std::uint32_t u = p[0] | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16);
    return static_cast<std::int32_t>(u << 8) >> 8;
  }
  return le_i16(p);
}

// Leads of the chosen signals over data records [first, first + count), scaled to mV.
std::vector<Lead> read_leads(const NamedBuffer& file, const edf::Header& h,
                             const std::vector<std::size_t>& chosen, std::size_t first,
                             std::size_t count) {
  // Byte offset of each signal inside a data record.
  std::vector<std::size_t> offset_in_record(h.signals.size());
  std::size_t offset = 0;
  for (std::size_t s = 0; s < h.signals.size(); ++s) {
    offset_in_record[s] = offset;
    offset += h.signals[s].samples_per_record * h.bytes_per_sample();
  }
  const std::size_t record_bytes = h.record_bytes();
  const std::size_t width = h.bytes_per_sample();
  std::vector<Lead> leads;
  leads.reserve(chosen.size());
  for (std::size_t s : chosen) {
    const edf::SignalHeader& sig = h.signals[s];
    const std::size_t spr = sig.samples_per_record;
    const double unit = millivolts_per_unit(sig.physical_dimension).value_or(1.0);
    // physical = physical_min + (digital - digital_min) * (physical range / digital range)
    const double slope = (sig.physical_max - sig.physical_min) /
                         static_cast<double>(sig.digital_max - sig.digital_min) * unit;
    const double intercept = sig.physical_min * unit - static_cast<double>(sig.digital_min) * slope;
    Lead lead;
    lead.name = text::to_utf8(sig.label);
    if (lead.name.empty()) lead.name = "lead" + std::to_string(s);
    // A unit that is no voltage stays (a file without voltages); none at all is mV (ECG label).
    lead.unit = millivolts_per_unit(sig.physical_dimension) || sig.physical_dimension.empty()
                    ? "mV"
                    : text::to_utf8(sig.physical_dimension);
    lead.samples.resize(count * spr);
    float* dst = lead.samples.data();
    for (std::size_t r = first; r < first + count; ++r) {
      const std::uint8_t* p =
          file.bytes.data() + h.header_bytes + r * record_bytes + offset_in_record[s];
      for (std::size_t i = 0; i < spr; ++i, p += width) {
        *dst++ = static_cast<float>(intercept + slope * sample_at(p, h.bdf));
      }
    }
    leads.push_back(std::move(lead));
  }
  return leads;
}

// What a file will be read as, told by its header and its size alone: which data records and
// signals, at what rate, within the limits (else qrs::Error naming the file).
struct Plan {
  std::size_t records = 0;
  std::vector<std::size_t> chosen;
  double fs = 0;
};

Plan plan_reading(const edf::Header& h, std::size_t file_size, const ReadOptions& options,
                  std::vector<std::string>& warnings) {
  Plan plan;
  plan.records = usable_records(h, file_size, warnings);
  if (plan.records == 0) throw Error(h.file_name + ": holds no complete data record");
  plan.chosen = choose_signals(h, options, warnings);
  const std::size_t spr = h.signals[plan.chosen.front()].samples_per_record;
  plan.fs = static_cast<double>(spr) / h.record_duration;
  const Limits& lim = limits();
  if (!(plan.fs >= lim.min_fs && plan.fs <= lim.max_fs)) {
    throw Error(h.file_name + ": sampling rate " + rate_text(plan.fs) + " Hz is out of range (" +
                rate_text(lim.min_fs) + " to " + rate_text(lim.max_fs) + " Hz)");
  }
  const std::size_t length = plan.records * spr;  // bounded by the file size (checked above)
  // The message names the limit that is passed, in the WFDB reader's words.
  if (length > lim.max_samples_per_lead) {
    throw Error(h.file_name + ": " + std::to_string(length) + " samples per signal is more than " +
                accepted_samples(lim.max_samples_per_lead));
  }
  if (length * plan.chosen.size() > lim.max_total_samples) {
    throw Error(h.file_name + ": " + std::to_string(length) + " samples per signal x " +
                std::to_string(plan.chosen.size()) + " signals = " +
                std::to_string(length * plan.chosen.size()) + " samples in all is more than " +
                accepted_samples(lim.max_total_samples));
  }
  return plan;
}

}  // namespace

std::string edf_size_problem(const NamedBuffer& head, std::uint64_t file_size) {
  try {
    const edf::Header h = edf::parse_header(head.bytes.data(), head.bytes.size(), head.name);
    std::vector<std::string> warnings;  // the reader says them again when it reads the file
    try {
      plan_reading(h, static_cast<std::size_t>(file_size), {}, warnings);
    } catch (const NoEcgChannelError&) {
      // Refused when read unless every channel is asked for: the size of that reading counts.
      ReadOptions every_channel;
      every_channel.all_channels = true;
      plan_reading(h, static_cast<std::size_t>(file_size), every_channel, warnings);
    }
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

std::vector<Record> read_edf(const NamedBuffer& file, std::vector<std::string>& warnings,
                             const ReadOptions& options) {
  const edf::Header h = edf::parse_header(file.bytes.data(), file.bytes.size(), file.name);
  const Plan plan = plan_reading(h, file.bytes.size(), options, warnings);
  const std::size_t records = plan.records;
  const std::vector<std::size_t>& chosen = plan.chosen;
  const double fs = plan.fs;

  // EDF and EDF+C: one stretch of every data record. EDF+D: one per run of abutting records.
  std::vector<edf::Stretch> stretches = {{0, records, 0, records * h.record_duration}};
  if (h.discontinuous) stretches = edf::continuous_stretches(h, file.bytes.data(), records, fs);
  if (stretches.size() > 1) warnings.push_back(edf::gaps_warning(h, stretches));
  std::vector<Record> out;
  for (std::size_t i = 0; i < stretches.size(); ++i) {
    Record rec;
    rec.name = record_name(file.name);
    if (stretches.size() > 1) {
      rec.name += " (from " + edf::offset_text(stretches[i].start_seconds) + ")";
      rec.warnings.push_back(edf::stretch_warning(h, stretches, i));
    }
    rec.source = file.name;
    rec.fs = fs;
    rec.leads = read_leads(file, h, chosen, stretches[i].first_record, stretches[i].record_count);
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace qrs::formats
