#include "formats/field_names.h"

#include <cctype>
#include <initializer_list>

namespace qrs::formats {
namespace {

bool among(std::string_view name, std::initializer_list<const char*> keys) {
  const std::string key = field_key(name);
  for (const char* k : keys)
    if (key == k) return true;
  return false;
}

}  // namespace

std::string field_key(std::string_view name) {
  std::string key;
  for (const char c : name)
    if (c != '_' && c != '-' && c != ' ')
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool names_sampling_rate(std::string_view name) {
  // srate: EEGLAB; sfreq: MNE; fs: SciPy and WFDB-python.
  return among(name, {"fs", "samplingrate", "samplingfrequency", "samplerate", "samplefrequency",
                      "frequency", "freq", "sfreq", "srate"});
}

bool names_sample_times(std::string_view name) {
  return among(name, {"time", "times", "t", "timestamps"});
}

bool names_lead_names(std::string_view name) {
  // Not "labels": in a machine-learning archive those are the classes, not the leads.
  return among(name, {"leads", "leadnames", "names", "channels", "channelnames", "signame"});
}

bool names_signal(std::string_view name) {
  return among(name, {"signals", "signal", "ecg", "data", "x", "arr0", "psignal"});
}

}  // namespace qrs::formats
