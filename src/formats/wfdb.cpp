// read_wfdb: the WFDB entry point. Parses the header, then hands single-segment records to
// decode_signals and multi-segment records to read_multi_segment.
#include <string_view>

#include "formats/readers.h"
#include "formats/wfdb_decode.h"
#include "formats/wfdb_header.h"

namespace qrs::formats {

std::vector<Record> read_wfdb(const NamedBuffer& header, const std::vector<NamedBuffer>& companions,
                              std::vector<std::string>& warnings, const ReadOptions& options) {
  const std::string_view text(reinterpret_cast<const char*>(header.bytes.data()),
                              header.bytes.size());
  const wfdb::Header h = wfdb::parse_header(text, header.name);
  if (h.multi_segment) return wfdb::read_multi_segment(h, companions, options, warnings);
  return wfdb::assemble_records(wfdb::decode_signals(h, companions, warnings), h, options,
                                warnings);
}

}  // namespace qrs::formats
