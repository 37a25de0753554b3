#pragma once
// What a channel's label says it records, for every reader that has labels (EDF/BDF, WFDB, CSV
// titles): an ECG lead, another kind of signal (EEG, SpO2, respiration, a sample counter, ...) or
// nothing known. Polysomnography and EEG files carry ECG next to channels that are voltages too
// (EEG, EOG, EMG): left in, they are annotated as leads and outvote the ECG. The match is by
// whole words of the label, any case ("EEG Fpz-Cz", "EOG(L)", "THOR RES"), never by substring,
// so the ECG leads aVR or V5 are not caught by the R of "resp" or the V of "volt".
#include <string>
#include <string_view>
#include <vector>

#include "formats/read.h"
#include "util/error.h"

namespace qrs::formats {

enum class KindClass {
  Unknown,     // nothing in the label tells ("EXG1", "lead0", "Channel 3")
  Ecg,         // "ECG", "EKG2", "II", "aVR", "V5 modified", "MLII", "CM5", "ECG1-ECG2"
  Other,       // another kind of signal; `name` says which
  ChestOrEeg,  // "C1" ... "C6": an IEC chest lead, or a 10-20 EEG electrode (decided by the file)
};

struct ChannelKind {
  KindClass kind = KindClass::Unknown;
  std::string name;  // for Other: "EEG", "SpO2", "respiration", "sample counter", ...
};

ChannelKind channel_kind(std::string_view label);

// "Sample Index", "sample #", "counter": a column that counts samples, never a lead.
bool is_sample_counter(std::string_view label);

// One channel as a reader sees it before choosing: its label and whether its unit reads as a
// voltage (for CSV, where no unit means mV, a column without one counts as a voltage).
struct ChannelSeen {
  std::string label;
  bool voltage = false;
};

struct KindChoice {
  std::vector<bool> left_out;     // another kind of signal, next to at least one ECG channel
  std::vector<bool> ecg_label;    // labelled as ECG (a reader's rate decision follows these)
  std::vector<bool> ecg_looking;  // labelled as ECG, or a voltage not labelled as another kind
  bool any_ecg_label = false;
  std::string warning;  // "<where>: left out, not ECG: EEG Fpz-Cz (EEG), SpO2 (SpO2)", or ""
};

// Leaves out the channels labelled as another kind of signal when the file has at least one
// ECG-looking channel: one labelled ECG, or a voltage whose label is not another kind. A file
// whose every channel is labelled as another kind (a sleep PSG of EEG, EOG, EMG and respiration)
// is refused with NoEcgChannelError naming the channels and their kinds and
// options.all_channels_hint; one without an ECG-looking channel that is not all so labelled
// ("Channel 1" in counts beside EEG) keeps every channel, as before labels were looked at.
// options.all_channels keeps every channel in every file.
class NoEcgChannelError : public Error {
 public:
  using Error::Error;
};
KindChoice leave_out_other_kinds(const std::vector<ChannelSeen>& channels, const std::string& where,
                                 const ReadOptions& options);

}  // namespace qrs::formats
