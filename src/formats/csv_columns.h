#pragma once
// The role of each column of a text table: a lead, the time column that gives the rate, another
// time column (dropped), or a sample index (dropped). Titles and the first data row decide most
// (csv_layout.h gives them); what only the whole column can tell (a first column without title
// that rises, a column pandas left untitled that counts 0, 1, 2) is settled after reading.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv_layout.h"
#include "formats/units.h"

namespace qrs::formats {

// Blank: untitled and empty on every row (Excel's trailing ",," on every row), dropped.
enum class Role { Lead, Time, OtherTime, Index, Blank };

struct Columns {
  std::vector<Role> role;
  std::size_t time = 0;  // the time column that gives the rate, when role[time] is Time
  TimeUnit time_unit = TimeUnit::Unknown;
  bool time_stamps = false;             // its cells are date/time stamps, not numbers
  bool first_undecided = false;         // no header: column 0 may turn out time or index
  std::vector<bool> index_if_counting;  // untitled by pandas: an index if it counts 0, 1, 2...
};

// Roles from the titles and the first data row's cells. Several time columns (Polar Sensor
// Logger writes three) add a warning naming the ones not used.
Columns assign_roles(const CsvLayout& layout, const std::vector<std::string_view>& first_row,
                     const std::string& where, std::vector<std::string>& warnings);

// Tracks, value by value, whether a column rises and whether it counts 0, 1, 2, ...
struct CountingCheck {
  bool counting = true;
  bool increasing = true;
  double previous = 0;
  std::size_t seen = 0;
  void add(double v);
};

// Settles the roles that needed every row, from each column's CountingCheck.
void settle_roles(Columns& cols, const std::vector<CountingCheck>& counting, std::size_t rows);

// Lead columns without a title whose `empty_cells` are all their `rows` become Blank, as long as
// another lead column holds a value (else the file's message is that every cell is empty).
void drop_blank_columns(Columns& cols, const std::vector<std::string>& titles,
                        const std::vector<std::size_t>& empty_cells, std::size_t rows);

}  // namespace qrs::formats
