#pragma once
// What a named field holds, for the formats whose fields have names a person chose: .npz members
// and JSON keys. One list each, so a name the NPZ reader understands the JSON reader does too.
// Names compare without case and without '_', '-' or spaces, so "sampling_rate", "Sampling Rate"
// and "samplingRate" are one name.
#include <string>
#include <string_view>

namespace qrs::formats {

// "sampling_rate" -> "samplingrate".
std::string field_key(std::string_view name);

bool names_sampling_rate(std::string_view name);  // fs, sampling_rate, sfreq, srate, ...
bool names_sample_times(std::string_view name);   // time, times, t, timestamps
bool names_lead_names(std::string_view name);     // leads, lead_names, channels, sig_name, names
bool names_signal(std::string_view name);         // signals, signal, ecg, data, x, arr_0, p_signal

}  // namespace qrs::formats
