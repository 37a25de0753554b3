#include "formats/csv_lines.h"

#include "formats/csv_cells.h"
#include "formats/csv_labchart.h"
#include "formats/csv_metadata.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

constexpr std::size_t kMaxLineBytes = 1 << 16;

}  // namespace

TextPart table_text(const NamedBuffer& file) {
  std::string_view text(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.remove_prefix(3);
  if (text.find('\0') != std::string_view::npos)
    throw Error(file.name + ": contains NUL bytes; not a text table");
  return {text, 1};
}

ContentLines::ContentLines(const std::string& where, TextPart part)
    : where_(where), text_(part.text), number_(part.first_line - 1) {}

bool ContentLines::next(CsvLine& out) {
  if (next_part_) return false;
  while (!text_.empty()) {
    std::size_t end = text_.find_first_of("\r\n");
    const std::string_view line = text_.substr(0, end);
    ++number_;
    if (line.size() > kMaxLineBytes)
      throw Error(where_ + ": line " + std::to_string(number_) + " is longer than " +
                  std::to_string(kMaxLineBytes) + " bytes; not a table of samples");
    const std::string_view t = trim(line);
    if (stop_at_block_ && starts_labchart_block(t)) {
      next_part_ = TextPart{text_, number_};
      return false;
    }
    if (end == std::string_view::npos) {
      text_ = {};
    } else {
      if (text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n') ++end;
      text_.remove_prefix(end + 1);
    }
    if (t.empty()) continue;
    if (t.front() == '#') {
      if (comment_fs < 0) comment_fs = fs_from_comment(t.substr(1));
      continue;
    }
    out = {number_, line};
    return true;
  }
  return false;
}

}  // namespace qrs::formats
