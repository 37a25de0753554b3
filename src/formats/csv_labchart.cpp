#include "formats/csv_labchart.h"

#include <cctype>

#include "formats/csv_cells.h"
#include "formats/units.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

// The header lines LabChart writes above each block, as it spells them.
constexpr std::string_view kBlockKeys[] = {"Interval=",  "ExcelDateTime=", "TimeFormat=",
                                           "DateFormat=", "ChannelTitle=", "Range=",
                                           "UnitName=",  "TopValue=",      "BottomValue="};

// Comments named in the warning; the rest are counted.
constexpr std::size_t kCommentsShown = 3;

std::string channels_of(const Record& record) {
  std::string names;
  for (const Lead& lead : record.leads) names += (names.empty() ? "" : ", ") + lead.name;
  return names;
}

// Why block `b` cannot be read with block 1, or "" when it can.
std::string mismatch(const Record& first, const Record& block) {
  if (block.fs != first.fs)
    return "at another rate (" + format_number(block.fs) + " Hz; block 1 is at " +
           format_number(first.fs) + " Hz)";
  if (channels_of(block) != channels_of(first))
    return "with other channels (" + channels_of(block) + "; block 1 has " + channels_of(first) +
           ")";
  return "";
}

}  // namespace

bool starts_labchart_block(std::string_view line) {
  if (line.empty() || !std::isupper(static_cast<unsigned char>(line.front()))) return false;
  for (std::string_view key : kBlockKeys)
    if (line.compare(0, key.size(), key) == 0) return true;
  return false;
}

std::string_view take_comment(std::vector<std::string_view>& fields) {
  for (std::size_t i = 1; i < fields.size(); ++i) {
    const std::string_view f = fields[i];
    // "#*" or "#2": not Excel's "#N/A" or "#VALUE!", which are bad cells to name.
    if (f.size() < 2 || f[0] != '#' ||
        !(f[1] == '*' || std::isdigit(static_cast<unsigned char>(f[1]))))
      continue;
    const std::string_view comment = fields[i];
    fields.resize(i);
    return comment;
  }
  return {};
}

void SkippedComments::add(std::size_t line, std::string_view comment) {
  if (count_++ < kCommentsShown)
    shown_ += (shown_.empty() ? "" : ", ") + ("line " + std::to_string(line) + " " +
                                              quoted_cell(comment));
}

void SkippedComments::report(const std::string& where, std::vector<std::string>& warnings) const {
  if (count_ == 0) return;
  if (count_ == 1) {
    warnings.push_back(where + ": LabChart comment skipped: " + shown_);
    return;
  }
  warnings.push_back(where + ": " + std::to_string(count_) + " LabChart comments skipped: " +
                     shown_ + (count_ > kCommentsShown ? ", ..." : ""));
}

std::vector<Record> records_of_blocks(const std::string& where, std::vector<LabChartBlock> blocks,
                                      std::vector<std::string>& warnings) {
  const std::size_t n = blocks.size();
  std::string starts;
  for (std::size_t b = 1; b < n; ++b) {
    const std::string problem = mismatch(blocks[0].record, blocks[b].record);
    const std::string line = std::to_string(blocks[b].line);
    if (!problem.empty())
      throw Error(where + ": " +
                  (b == 1 ? "a second LabChart block" : "LabChart block " + std::to_string(b + 1)) +
                  " starts at line " + line + " " + problem +
                  "; export the blocks to separate files");
    starts += (starts.empty() ? "" : ", ") + ("block " + std::to_string(b + 1) +
                                              " starts at line " + line);
  }
  warnings.push_back(where + ": " + std::to_string(n) +
                     " LabChart blocks (the recording was stopped and started again): " + starts +
                     "; a block is not joined to the one before it across the gap, each is read "
                     "and annotated as its own record");
  std::vector<Record> records;
  for (std::size_t b = 0; b < n; ++b) {
    Record& record = blocks[b].record;
    record.name += " (block " + std::to_string(b + 1) + ")";
    record.warnings.push_back(where + ": block " + std::to_string(b + 1) + " of " +
                              std::to_string(n) + " of a LabChart export, from line " +
                              std::to_string(blocks[b].line));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace qrs::formats
