// Malformed input for the text and array formats (CSV, NPY, NPZ, JSON), read through read_file
// so dispatch and the file-name prefix are covered too. Each case asserts its own message: a
// person must learn what is wrong, not just that something is.
#include <gtest/gtest.h>

#include <cstring>

#include "formats/read.h"
#include "npy_test_writer.h"

namespace qrs {
namespace {

using test::named;

struct Case {
  const char* label;
  NamedBuffer file;
  double fs;
  const char* message;  // substring of ReadResult::error
};

std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

std::vector<std::uint8_t> with_nul() {
  std::string s = "a,b\n1,2\n";
  s[5] = '\0';
  return bytes(s);
}

std::vector<std::uint8_t> truncated_npy() {
  auto b = test::npy_f32({100}, std::vector<double>(100, 1.0));
  b.resize(b.size() - 10);
  return b;
}

std::vector<std::uint8_t> lying_shape_npy() {
  std::vector<std::uint8_t> data(40 * 4, 0);
  return test::npy_raw(test::npy_dict("<f4", {1000, 12}), data);
}

std::vector<std::uint8_t> huge_shape_npy() {
  return test::npy_raw(test::npy_dict("<f4", {std::uint64_t(1) << 40}), std::vector<std::uint8_t>(64));
}

std::vector<std::uint8_t> inf_npy() {
  std::vector<double> v(30, 0.5);
  v[7] = 1.0 / 0.0;
  return test::npy_f32({30}, v);
}

std::vector<std::uint8_t> zero_padding_only_npy() {
  return test::npy_f32({2, 20, 2}, std::vector<double>(80, 0.0));
}

std::vector<std::uint8_t> npz_of_one(const std::string& key) {
  return test::zip_of({named(key + ".npy", test::npy_f32({50}, std::vector<double>(50, 0.1)))});
}

std::vector<std::uint8_t> npz_bad_local_offset() {
  auto z = npz_of_one("signals");
  // The central directory entry's local-header offset sits 42 bytes into the entry; the entry
  // starts where the end record says the directory does.
  const std::size_t eocd = z.size() - 22;
  const std::size_t dir = z[eocd + 16] | z[eocd + 17] << 8 | z[eocd + 18] << 16 | z[eocd + 19] << 24;
  z[dir + 42] = 0xF0, z[dir + 43] = 0xFF, z[dir + 44] = 0xFF, z[dir + 45] = 0x7F;
  return z;
}

std::vector<std::uint8_t> npz_bad_directory_offset() {
  auto z = npz_of_one("signals");
  z[z.size() - 22 + 16] = 0xFF, z[z.size() - 22 + 19] = 0x70;
  return z;
}

std::vector<std::uint8_t> npz_flipped_byte() {
  auto z = npz_of_one("signals");
  z[30 + std::strlen("signals.npy") + 200] ^= 0x55;  // inside the array data
  return z;
}

std::vector<std::uint8_t> npz_two_arrays() {
  return test::zip_of({named("a.npy", test::npy_f32({50}, std::vector<double>(50, 0.1))),
                       named("b.npy", test::npy_f32({50}, std::vector<double>(50, 0.2)))});
}

std::vector<std::uint8_t> npz_vector_fs() {
  return test::zip_of({named("signals.npy", test::npy_f32({50}, std::vector<double>(50, 0.1))),
                       named("fs.npy", test::npy_f32({2}, {500, 250}))});
}

std::string many_columns() {
  std::string header, row;
  for (int c = 0; c < 300; ++c) header += (c ? "," : "") + std::string("c") + std::to_string(c);
  for (int c = 0; c < 300; ++c) row += c ? ",1" : "1";
  return header + "\n" + row + "\n";
}

std::vector<Case> cases() {
  return {
      {"csv infinite cell", named("a.csv", bytes("ii\n1\ninf\n")), 500,
       "a.csv: line 3, column 1 ('ii'): 'inf' is not a finite number"},
      {"csv non-numeric cell", named("a.csv", bytes("ii,v1\n1,2\n3,abc\n")), 500,
       "a.csv: line 3, column 2 ('v1'): 'abc' is not a number"},
      {"csv header only", named("a.csv", bytes("ii,v1\n")), 500, "a.csv: no data rows under the header"},
      {"csv empty file", named("a.csv", bytes("")), 500, "a.csv: no data rows (the file is empty"},
      {"csv every cell empty", named("a.csv", bytes("ii,v1\n,\nnan,NaN\n")), 500,
       "every cell is empty or NaN"},
      {"csv 0 Hz comment", named("a.csv", bytes("# fs=0\nii\n1\n2\n")), 0,
       "a.csv: '# fs=' comment: sampling rate 0 Hz is not positive"},
      {"csv 1e9 Hz time column", named("a.csv", bytes("time (s),ii\n0,1\n1e-9,2\n2e-9,3\n")), 0,
       "sampling rate 1e+09 Hz is outside 1-100000 Hz"},
      {"csv uneven time", named("a.csv", bytes("t,ii\n0,1\n0.002,1\n0.004,1\n0.012,1\n0.014,1\n")), 0,
       "unevenly spaced"},
      {"csv time goes back", named("a.csv", bytes("t,ii\n0,1\n0.002,1\n0.002,1\n")), 0,
       "a.csv: time column: line 4: time 0.002 does not increase"},
      {"csv without any rate", named("a.csv", bytes("ii\n1\n2\n")), 0,
       "a.csv: no sampling rate: the file has no time column and no '# fs=' line; give the rate (--fs"},
      {"csv decimal commas with comma delimiter", named("a.csv", bytes("ii,v1\n1,5,2,5\n")), 500,
       "line 2 has 4 cells, expected 2 (decimal commas"},
      {"csv header of three names over rows of two", named("a.csv", bytes("ii,v1,v5\n1,2\n3,4\n")), 500,
       "a.csv: line 1 names 3 columns between commas, but line 2 has 2 cells"},
      {"csv NUL bytes", named("a.csv", with_nul()), 500, "a.csv: contains NUL bytes"},
      {"csv line too long", named("a.csv", bytes("ii\n" + std::string(70000, '1') + "\n")), 500,
       "a.csv: line 2 is longer than 65536 bytes"},
      {"csv too many columns", named("a.csv", bytes(many_columns())), 500, "has 300 columns; at most 257"},
      {"npy wrong dtype", named("a.npy", test::npy_raw(test::npy_dict("<c8", {30}), std::vector<std::uint8_t>(240))),
       500, "a.npy: dtype '<c8' is not supported"},
      {"npy structured dtype",
       named("a.npy", test::npy_raw("{'descr': [('t', '<f4')], 'fortran_order': False, 'shape': (3,), }", {})),
       500, "a.npy: structured (record) dtypes are not supported"},
      {"npy truncated data", named("a.npy", truncated_npy()), 500,
       "a.npy: data truncated: shape (100,) of <f4 needs 400 bytes, the file has 390"},
      {"npy lying header shape", named("a.npy", lying_shape_npy()), 500,
       "shape (1000, 12) of <f4 needs 48000 bytes, the file has 160"},
      {"npy 2^40 elements", named("a.npy", huge_shape_npy()), 500,
       "a.npy: shape (1099511627776,) has more elements than the 1200000000 this reader accepts"},
      {"npy too short to be ECG", named("a.npy", test::npy_f32({3, 4}, std::vector<double>(12, 0.1))), 500,
       "a.npy: shape (3, 4) cannot be ECG: 4 samples per lead is too short"},
      {"npy four axes", named("a.npy", test::npy_f32({2, 2, 20, 3}, std::vector<double>(240, 0.1))), 500,
       "a.npy: shape (2, 2, 20, 3) cannot be ECG (expected"},
      {"npy no lead axis", named("a.npy", test::npy_f32({2, 40, 30}, std::vector<double>(2400, 0.1))), 500,
       "a.npy: cannot tell which axis is time in shape (2, 40, 30)"},
      {"npy empty array", named("a.npy", test::npy_f32({0, 12}, {})), 500, "a.npy: the array (0, 12) is empty"},
      {"npy bad version", named("a.npy", bytes(std::string("\x93NUMPY\x09\x00\x10\x00", 10))), 500,
       "a.npy: .npy format version 9.0 is not supported"},
      {"npy header past end", named("a.npy", bytes(std::string("\x93NUMPY\x01\x00\xff\x00{", 11))), 500,
       "a.npy: .npy header (255 bytes) runs past the end of the file (11 bytes)"},
      {"npy infinite sample", named("a.npy", inf_npy()), 500, "a.npy: sample 7 is infinite"},
      {"npy without rate", named("a.npy", test::npy_f32({30}, std::vector<double>(30, 0.1))), 0,
       "a.npy: no sampling rate: NumPy arrays carry none"},
      {"npy snippets all padding", named("a.npy", zero_padding_only_npy()), 500, "a.npy: every snippet is zero padding"},
      {"npz bad local header offset", named("a.npz", npz_bad_local_offset()), 500,
       "a.npz: damaged zip: local header of 'signals.npy' at offset"},
      {"npz bad directory offset", named("a.npz", npz_bad_directory_offset()), 500,
       "a.npz: damaged zip: central directory at offset"},
      {"npz no end record", named("a.npz", bytes(std::string("PK\x03\x04", 4) + std::string(40, 'x'))), 500,
       "a.npz: damaged zip: no end-of-directory record"},
      {"npz damaged data", named("a.npz", npz_flipped_byte()), 500, "a.npz: member 'signals.npy': CRC-32 mismatch"},
      {"npz two unnamed arrays", named("a.npz", npz_two_arrays()), 500,
       "a.npz: several arrays (a, b); name the signal array 'signals'"},
      {"npz fs not a scalar", named("a.npz", npz_vector_fs()), 0, "a.npz: 'fs' must be a single number"},
      {"json leads of unequal length", named("a.json", bytes(R"({"fs": 500, "leads": {"ii": [1, 2, 3], "v1": [1, 2]}})")),
       0, "a.json: leads have unequal lengths ('ii' has 3 samples, 'v1' has 2)"},
      {"json fs missing", named("a.json", bytes(R"({"leads": {"ii": [1]}})")), 0, "a.json: 'fs' (sampling rate in Hz) is missing"},
      {"json 0 Hz", named("a.json", bytes(R"({"fs": 0, "leads": {"ii": [1]}})")), 0,
       "a.json: 'fs': sampling rate 0 Hz is not positive"},
      {"json empty lead", named("a.json", bytes(R"([{"fs": 500, "leads": {"ii": []}}])")), 0,
       "a.json: record 0: lead 'ii' is empty"},
      {"json text sample", named("a.json", bytes(R"({"fs": 500, "leads": {"ii": [1, "2"]}})")), 0,
       "a.json: lead 'ii' sample 1 is not a number"},
      {"json syntax", named("a.json", bytes(R"({"fs": 500, "leads": {"ii": [1, 2,]}})")), 0, "a.json: JSON: offset"},
      {"json unknown units", named("a.json", bytes(R"({"fs": 500, "units": "furlongs", "leads": {"ii": [1]}})")), 0,
       "a.json: units 'furlongs' not understood"},
      {"json no leads", named("a.json", bytes(R"({"fs": 500, "leads": {}})")), 0, "a.json: 'leads' is empty"},
  };
}

TEST(MalformedTextInputs, EachCaseFailsWithItsOwnMessage) {
  const std::vector<Case> all = cases();
  EXPECT_GE(all.size(), 25u);
  for (const Case& c : all) {
    ReadOptions options;
    options.fs = c.fs;
    const ReadResult r = read_file(c.file, {}, options);
    EXPECT_TRUE(r.records.empty()) << c.label;
    EXPECT_NE(r.error.find(c.message), std::string::npos)
        << c.label << "\n  expected: " << c.message << "\n  got:      " << r.error;
    EXPECT_EQ(r.error.rfind(c.file.name + ": ", 0), 0u) << c.label << ": " << r.error;
  }
}

}  // namespace
}  // namespace qrs
