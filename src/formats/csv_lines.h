#pragma once
// The lines of a text table, walked one by one without storing them: LF, CRLF or CR ends a line;
// blank lines and '#' comment lines are skipped (a comment stating the rate, "# fs=500", is kept).
// A LabChart export holds one table per block of recording (csv_labchart.h): the walk can stop
// where the next block's header lines start, and hand on the rest of the text.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "formats/csv_layout.h"
#include "formats/record.h"

namespace qrs::formats {

// A stretch of a file's text and the file line its first line is (for messages).
struct TextPart {
  std::string_view text;
  std::size_t first_line = 1;
};

// The whole text of `file`, without a UTF-8 byte order mark; throws when it holds NUL bytes.
TextPart table_text(const NamedBuffer& file);

class ContentLines {
 public:
  // `where` (the file name) starts messages.
  ContentLines(const std::string& where, TextPart part);
  // The next line that is neither blank nor a comment; false at the end of the part.
  bool next(CsvLine& out);
  // From now on a line that starts a LabChart block ends the part; next_part() then holds the
  // text from that line on.
  void stop_at_block_start() { stop_at_block_ = true; }
  const std::optional<TextPart>& next_part() const { return next_part_; }

  double comment_fs = -1;  // the first '#' comment's rate; -1 when none stated one

 private:
  std::string where_;
  std::string_view text_;
  std::size_t number_;  // of the last line read
  bool stop_at_block_ = false;
  std::optional<TextPart> next_part_;
};

}  // namespace qrs::formats
