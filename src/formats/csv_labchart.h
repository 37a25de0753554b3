#pragma once
// What LabChart's "Export as text" adds to a plain table. Its comment column: a comment made
// during recording ends its row as one more cell, "#* 1 Event" (all channels) or "#2 note"
// (channel 2). Its blocks: each time the recording was stopped and started again the export
// starts a new block with the header lines again ("Interval=", "ChannelTitle=", "Range=", ...),
// then that block's rows (times from 0 again with TimeFormat=StartOfBlock).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "formats/record.h"

namespace qrs::formats {

// Whether a trimmed line is one of LabChart's header lines ("Interval=<tab>0.002 s"), which
// below a block's rows start the next block.
bool starts_labchart_block(std::string_view line);

// Removes a row's comment cells: from the first cell after the first one that starts with "#*"
// or '#' and a digit (a value never does; Excel's "#N/A" does not count) to the end. Returns
// that cell, or "" when the row has no comment.
std::string_view take_comment(std::vector<std::string_view>& fields);

// The comments skipped, for one warning that names the first few with their lines.
class SkippedComments {
 public:
  void add(std::size_t line, std::string_view comment);
  void report(const std::string& where, std::vector<std::string>& warnings) const;

 private:
  std::size_t count_ = 0;
  std::string shown_;
};

// One block of an export: the file line its header starts on and the record read from it.
struct LabChartBlock {
  std::size_t line = 1;
  Record record;
};

// The records of an export of several blocks: each block its own record, "<stem> (block 2)", as
// the blocks of a recording stopped and started again leave a gap no sample fills (as EDF+D's
// stretches are, docs/formats.md). The blocks must share their channels and rate: a block that
// does not is refused with the line it starts on. Adds the file's warning naming where each
// block starts; each record carries its own.
std::vector<Record> records_of_blocks(const std::string& where, std::vector<LabChartBlock> blocks,
                                      std::vector<std::string>& warnings);

}  // namespace qrs::formats
