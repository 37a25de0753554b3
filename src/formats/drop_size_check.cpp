// Size checks over a drop of file heads (drop_size_check.h).
#include "formats/drop_size_check.h"

#include <exception>
#include <optional>

#include "formats/detect.h"
#include "formats/read.h"
#include "formats/wfdb_decode.h"
#include "formats/wfdb_header.h"

namespace qrs {

std::vector<SizeCheck> size_problems(const std::vector<FileHead>& files) {
  // The drop's names, for find_companion (which looks at names only).
  std::vector<NamedBuffer> names;
  for (const FileHead& f : files) names.push_back({f.head.name, {}});
  // The drop's file a header means by `name`; nothing when absent or when several names differ
  // from it only in case (the reader then says which).
  auto index_of = [&](const std::string& name) -> std::optional<std::size_t> {
    try {
      const NamedBuffer* found = formats::wfdb::find_companion(names, name);
      if (found) return static_cast<std::size_t>(found - names.data());
    } catch (const std::exception&) {
    }
    return std::nullopt;
  };
  const CompanionSize size_in_drop = [&](const std::string& name) -> std::optional<std::uint64_t> {
    const std::optional<std::size_t> found = index_of(name);
    if (!found) return std::nullopt;
    return files[*found].size;
  };

  std::vector<SizeCheck> checks(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    checks[i].problem = size_problem(files[i].head, files[i].size, size_in_drop);
    if (checks[i].problem.empty()) continue;
    // A refused header's signal files need not be read either (its card says why).
    const bool whole_header = files[i].head.bytes.size() == files[i].size &&
                              formats::detect_format(files[i].head) == formats::FileFormat::Wfdb;
    const std::optional<formats::wfdb::Header> header =
        whole_header ? formats::wfdb::try_parse_header(files[i].head) : std::nullopt;
    if (!header) continue;
    for (const std::string& name : formats::wfdb::referenced_files(*header))
      if (const std::optional<std::size_t> found = index_of(name))
        checks[*found].refused_header = files[i].head.name;
  }
  return checks;
}

}  // namespace qrs
