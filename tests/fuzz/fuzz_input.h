#pragma once
// How a fuzz input carries several files (a WFDB header and its .dat files, segment headers ...):
//   primary file bytes, then zero or more companions, each introduced by the 4-byte marker
//   "\n@@@" followed by "<name>\n" and its bytes up to the next marker or the end.
// Text markers keep inputs mutable by libFuzzer's dictionary-free mutations and readable by eye;
// make_fuzz_seeds.cpp writes seeds in this form with encode_files().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/record.h"

namespace qrs::fuzz {

inline constexpr std::string_view kMarker = "\n@@@";

struct Files {
  NamedBuffer primary;
  std::vector<NamedBuffer> companions;
};

inline Files decode_files(const std::uint8_t* data, std::size_t size,
                          const std::string& primary_name) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  Files files;
  std::size_t cut = all.find(kMarker);
  const std::string_view primary = all.substr(0, cut);
  files.primary = {primary_name, std::vector<std::uint8_t>(primary.begin(), primary.end())};
  while (cut != std::string_view::npos && files.companions.size() < 64) {
    const std::size_t name_start = cut + kMarker.size();
    const std::size_t name_end = all.find('\n', name_start);
    if (name_end == std::string_view::npos) break;
    const std::size_t next = all.find(kMarker, name_end + 1);
    const std::string_view body =
        all.substr(name_end + 1, next == std::string_view::npos ? next : next - name_end - 1);
    files.companions.push_back({std::string(all.substr(name_start, name_end - name_start)),
                                std::vector<std::uint8_t>(body.begin(), body.end())});
    cut = next;
  }
  return files;
}

inline std::vector<std::uint8_t> encode_files(const std::vector<std::uint8_t>& primary,
                                              const std::vector<NamedBuffer>& companions) {
  std::vector<std::uint8_t> out(primary);
  for (const NamedBuffer& c : companions) {
    out.insert(out.end(), kMarker.begin(), kMarker.end());
    out.insert(out.end(), c.name.begin(), c.name.end());
    out.push_back('\n');
    out.insert(out.end(), c.bytes.begin(), c.bytes.end());
  }
  return out;
}

}  // namespace qrs::fuzz
