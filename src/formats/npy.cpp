// NumPy .npy -> Records: header (npy_header.h), element access (npy_array.h), shape rules
// (npy_records.h).
#include "formats/npy_array.h"
#include "formats/npy_header.h"
#include "formats/npy_records.h"
#include "formats/readers.h"

namespace qrs::formats {

std::vector<Record> read_npy(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings) {
  NpyHeader header = parse_npy_header(file.bytes.data(), file.bytes.size(), file.name);
  const std::uint64_t extra =
      file.bytes.size() - header.data_offset - header.count * header.dtype.size;
  if (extra > 0)
    warnings.push_back(file.name + ": " + std::to_string(extra) +
                       " bytes after the array data ignored");
  const NpyArray array(file.bytes.data(), std::move(header));
  ArrayContext context;
  context.file = file.name;
  return records_from_array(array, context, options, warnings);
}

}  // namespace qrs::formats
