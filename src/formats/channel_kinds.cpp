#include "formats/channel_kinds.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace qrs::formats {
namespace {

// Words that name another kind of signal than ECG, as polysomnography, EEG, monitoring and
// biosignal-board exports label their channels: one row per kind, its words separated by spaces.
// A word followed by digits counts too ("EMG2", "Resp1").
struct KindWords {
  const char* kind;
  const char* words;
};
const KindWords kOtherKinds[] = {
    {"EEG", "eeg"},
    {"EOG", "eog heog veog loc roc e1 e2"},
    {"EMG", "emg chin submental leg legs lleg rleg tib tibialis lat rat"},
    {"SpO2", "spo2 sao2 so2 sat saturation ox oxygen oximetry"},
    {"respiration",
     "resp respiration respiratory airflow air flow thor thorax thoracic abd abdo abdomen "
     "abdominal effort nasal oronasal cannula therm thermistor ptaf rip breath breathing co2 etco2 "
     "capno"},
    {"pleth", "pleth ppg plethysmogram"},
    {"pulse", "pulse"},
    {"blood pressure", "abp bp art cvp pap nbp nibp ibp sbp dbp map"},
    {"pressure", "icp pres pressure"},
    {"temperature", "temp temperature"},
    {"position", "position pos body"},
    {"light", "light lux"},
    {"snore", "snore snoring"},
    {"sound", "sound mic microphone"},
    {"sample counter", "sample samples index idx counter"},
    {"event/status",
     "status trigger trig event events marker markers stim annotation annotations button off "
     "leadoff"},
    {"motion",
     "accel acc accelerometer acceleration gyro gyroscope activity actigraphy motion movement"},
    {"heart rate", "hr bpm"},
    {"EDA", "gsr eda"},
    {"auxiliary", "other battery"},  // OpenBCI writes "Other" for its board's auxiliary bytes
};

// ECG words: the standard leads, Holter and monitor leads, limb electrodes.
const char* const kEcgWords[] = {"ecg",  "ekg",   "i",   "ii",  "iii", "avr", "avl", "avf", "mli",
                                 "mlii", "mliii", "cm5", "cm2", "cc5", "cs5", "ra",  "la",  "ll"};

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

std::vector<std::string> words_of(std::string_view label) {
  std::vector<std::string> words;
  std::string word;
  for (char c : label) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u)) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

const char* kind_named_by(std::string_view word) {
  for (const KindWords& k : kOtherKinds) {
    std::string_view words = k.words;
    while (!words.empty()) {
      const std::size_t space = std::min(words.find(' '), words.size());
      if (words.substr(0, space) == word) return k.kind;
      words.remove_prefix(std::min(space + 1, words.size()));
    }
  }
  return nullptr;
}

const char* other_kind_of(const std::string& word) {
  if (const char* kind = kind_named_by(word)) return kind;
  std::size_t stem = word.size();
  while (stem > 0 && std::isdigit(static_cast<unsigned char>(word[stem - 1]))) --stem;
  if (stem < 3 || stem == word.size()) return nullptr;  // "EMG2", "Resp1"; not "E1" -> "e"
  return kind_named_by(std::string_view(word).substr(0, stem));
}

bool is_ecg_word(const std::string& word) {
  for (const char* w : kEcgWords)
    if (word == w) return true;
  // ECG1, EKG2; V1 ... V9 and the right-sided V3R ... V6R; MCL1 ... MCL6.
  for (const char* prefix : {"ecg", "ekg", "mcl"})
    if (word.rfind(prefix, 0) == 0 && is_digits(std::string_view(word).substr(3))) return true;
  if (word.size() >= 2 && word[0] == 'v' && std::isdigit(static_cast<unsigned char>(word[1])) &&
      word[1] != '0') {
    const std::string_view rest = std::string_view(word).substr(2);
    return rest.empty() || rest == "r";
  }
  return false;
}

enum class Electrode { None, Eeg, ChestOrEeg, Reference };

// A 10-20 / 10-10 EEG electrode name: Fp1, AF3, F7, FC5, T7, CP2, P3, PO8, O1, Cz, Fpz, Iz, Nz.
// C1 ... C6 are also the IEC names of the chest leads V1 ... V6; A1, A2, M1, M2 (ear and
// mastoid references) say EEG only next to an electrode ("C3-A2"), a lone "A1" being also the
// analog input of some boards.
Electrode electrode_of(const std::string& word) {
  if (word == "a1" || word == "a2" || word == "m1" || word == "m2") return Electrode::Reference;
  if (word == "iz" || word == "nz") return Electrode::Eeg;
  for (const char* prefix : {"fp", "af", "fc", "ft", "cp", "tp", "po", "f", "c", "t", "p", "o"}) {
    const std::size_t n = std::strlen(prefix);
    if (word.size() <= n || word.compare(0, n, prefix) != 0) continue;
    const std::string_view rest = std::string_view(word).substr(n);
    if (rest == "z") return Electrode::Eeg;
    if (!is_digits(rest) || rest.size() > 2 || rest[0] == '0') return Electrode::None;
    if (word[0] == 'c' && n == 1 && rest.size() == 1 && rest[0] <= '6')
      return Electrode::ChestOrEeg;
    return Electrode::Eeg;
  }
  return Electrode::None;
}

}  // namespace

ChannelKind channel_kind(std::string_view label) {
  bool ecg = false, electrode = false, chest_or_eeg = false, reference = false;
  for (const std::string& word : words_of(label)) {
    // Another kind wins over an ECG word: "ECG Resp" (respiration from the ECG electrodes) and
    // "HR (ECG)" are not ECG.
    if (const char* kind = other_kind_of(word)) return {KindClass::Other, kind};
    ecg = ecg || is_ecg_word(word);
    switch (electrode_of(word)) {
      case Electrode::Eeg:
        electrode = true;
        break;
      case Electrode::ChestOrEeg:
        chest_or_eeg = true;
        break;
      case Electrode::Reference:
        reference = true;
        break;
      case Electrode::None:
        break;
    }
  }
  if (electrode || (chest_or_eeg && reference)) return {KindClass::Other, "EEG"};
  if (ecg) return {KindClass::Ecg, ""};
  if (chest_or_eeg) return {KindClass::ChestOrEeg, ""};
  return {};
}

bool is_sample_counter(std::string_view label) {
  const ChannelKind k = channel_kind(label);
  return k.kind == KindClass::Other && k.name == "sample counter";
}

namespace {

// "EEG Fpz-Cz (EEG), Other (auxiliary, 8 channels)": each label once, with a count where a file
// repeats it (OpenBCI writes "Other" eight times), of the channels `named` marks.
std::string kinds_list(const std::vector<ChannelSeen>& channels,
                       const std::vector<ChannelKind>& kinds, const std::vector<bool>& named) {
  std::vector<std::pair<std::string, std::size_t>> seen;  // "label (kind", channels
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (!named[i]) continue;
    const std::string one = channels[i].label + " (" + kinds[i].name;
    bool seen_before = false;
    for (auto& [text, count] : seen)
      if (text == one) seen_before = true, ++count;
    if (!seen_before) seen.emplace_back(one, 1);
  }
  std::string list;
  for (const auto& [text, count] : seen)
    list += (list.empty() ? "" : ", ") + text +
            (count > 1 ? ", " + std::to_string(count) + " channels)" : ")");
  return list;
}

}  // namespace

KindChoice leave_out_other_kinds(const std::vector<ChannelSeen>& channels, const std::string& where,
                                 const ReadOptions& options) {
  std::vector<ChannelKind> kinds;
  bool eeg_in_file = false;
  for (const ChannelSeen& c : channels) {
    kinds.push_back(channel_kind(c.label));
    eeg_in_file =
        eeg_in_file || (kinds.back().kind == KindClass::Other && kinds.back().name == "EEG");
  }
  // C1 ... C6 are EEG electrodes in a file that has EEG, else chest leads.
  for (ChannelKind& k : kinds)
    if (k.kind == KindClass::ChestOrEeg)
      k = eeg_in_file ? ChannelKind{KindClass::Other, "EEG"} : ChannelKind{KindClass::Ecg, ""};

  KindChoice choice;
  choice.left_out.assign(channels.size(), false);
  choice.ecg_label.assign(channels.size(), false);
  choice.ecg_looking.assign(channels.size(), false);
  bool ecg_looking = false;
  std::vector<bool> other(channels.size(), false);
  for (std::size_t i = 0; i < channels.size(); ++i) {
    other[i] = kinds[i].kind == KindClass::Other;
    choice.ecg_label[i] = kinds[i].kind == KindClass::Ecg;
    choice.any_ecg_label = choice.any_ecg_label || choice.ecg_label[i];
    choice.ecg_looking[i] = choice.ecg_label[i] || (channels[i].voltage && !other[i]);
    ecg_looking = ecg_looking || choice.ecg_looking[i];
  }
  if (options.all_channels) return choice;
  if (!ecg_looking) {
    // Every channel another kind: annotated, EEG or EOG gives "beats" that are none.
    const bool all_other =
        !channels.empty() && std::find(other.begin(), other.end(), false) == other.end();
    if (all_other) {
      throw NoEcgChannelError(where +
                              ": no ECG channel: every channel is labelled as another kind of "
                              "signal: " +
                              kinds_list(channels, kinds, other) +
                              "; to annotate them all the same, read every channel as a lead (" +
                              options.all_channels_hint + ")");
    }
    return choice;  // nothing to tell the ECG by: every channel stays
  }
  choice.left_out = other;
  const std::string list = kinds_list(channels, kinds, other);
  if (!list.empty()) choice.warning = where + ": left out, not ECG: " + list;
  return choice;
}

}  // namespace qrs::formats
