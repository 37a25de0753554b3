// .npz -> Records: extract the members (npz_zip.cpp lists them), then combine them by key as
// npz.h describes and hand the signal array to the shared shape rules (npy_records.h).
#include "formats/npz.h"

#include <algorithm>
#include <memory>

#include "formats/csv_cells.h"
#include "formats/field_names.h"
#include "formats/npy_array.h"
#include "formats/npy_header.h"
#include "formats/npy_records.h"
#include "formats/readers.h"
#include "util/crc32.h"
#include "util/error.h"

#ifdef QRS_HAVE_ZLIB
#include <zlib.h>
#endif

namespace qrs::formats {
namespace {

struct MemberView {
  std::string key;  // member name without ".npy"
  const std::uint8_t* data;
  std::size_t size;
};

std::vector<Record> combine_members(const std::string& file, const std::vector<MemberView>& views,
                                    const ReadOptions& options,
                                    std::vector<std::string>& warnings) {
  if (views.empty()) throw Error(file + ": the archive holds no .npy arrays");
  std::vector<std::unique_ptr<NpyArray>> arrays;
  for (const MemberView& v : views)
    arrays.push_back(std::make_unique<NpyArray>(
        v.data, parse_npy_header(v.data, v.size, file + ": member '" + v.key + ".npy'")));

  ArrayContext ctx;
  ctx.file = file;
  std::vector<std::size_t> candidates;  // numeric arrays that may hold the signal
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::string& key = views[i].key;
    const NpyArray& a = *arrays[i];
    if (names_sampling_rate(key)) {
      if (!a.is_numeric() || a.header().count != 1)
        throw Error(file + ": '" + views[i].key + "' must be a single number (the sampling rate)");
      ctx.fs = a.flat(0);
      if (!(ctx.fs > 0))
        throw Error(file + ": '" + views[i].key + "' = " + std::to_string(ctx.fs) +
                    " is not a sampling rate");
    } else if (names_sample_times(key)) {
      if (!a.is_numeric() || a.ndim() != 1)
        throw Error(file + ": '" + views[i].key + "' must be a 1-D array of sample times");
      ctx.time = &a;
    } else if (names_lead_names(key)) {
      ctx.lead_names = a.strings();
      if (ctx.lead_names.empty() && a.header().count > 0)
        throw Error(file + ": '" + views[i].key + "' must be a text array of lead names");
    } else if (a.is_numeric()) {
      candidates.push_back(i);
    } else {
      warnings.push_back(file + ": member '" + views[i].key + "' is text; ignored");
    }
  }
  std::size_t signal = views.size();
  if (candidates.size() == 1) {
    signal = candidates[0];
  } else {
    for (std::size_t i : candidates)
      if (names_signal(views[i].key)) signal = i;
  }
  if (signal == views.size()) {
    std::string names;
    for (std::size_t i : candidates) names += (names.empty() ? "" : ", ") + views[i].key;
    throw Error(file + ": " +
                (candidates.empty() ? std::string("no numeric array to read as signals")
                                    : "several arrays (" + names +
                                          "); name the signal array 'signals'"));
  }
  for (std::size_t i : candidates)
    if (i != signal)
      warnings.push_back(file + ": member '" + views[i].key + "' ignored (signals are in '" +
                         views[signal].key + "')");
  return records_from_array(*arrays[signal], ctx, options, warnings);
}

// An archive without .npy members is most often a zip of a database's files (PhysioNet's "Download
// the ZIP file", the page's own WFDB export): say what it holds and that its files are read once
// unzipped.
void require_arrays(const std::string& file, const std::vector<MemberView>& views,
                    const std::vector<std::string>& names) {
  if (!views.empty() || names.empty()) return;
  std::string listed;
  for (std::size_t i = 0; i < names.size() && i < 4; ++i)
    listed += (i ? ", " : "") + names[i];
  if (names.size() > 4) listed += " and " + std::to_string(names.size() - 4) + " more";
  throw Error(file + ": the archive holds no .npy arrays but other files (" + listed +
              "); zip archives are read only as NumPy .npz: unzip it and open the files in it");
}

std::string member_key(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0
             ? name.substr(0, name.size() - 4)
             : std::string();
}

#ifdef QRS_HAVE_ZLIB
std::vector<std::uint8_t> zlib_inflate(const std::uint8_t* data, std::size_t size,
                                       std::size_t uncompressed_size) {
  std::vector<std::uint8_t> out(uncompressed_size);
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw Error("zlib: cannot start inflate");
  zs.next_in = const_cast<Bytef*>(data);
  zs.avail_in = static_cast<uInt>(size);
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  const std::size_t produced = zs.total_out;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || produced != uncompressed_size)
    throw Error("compressed data is damaged (inflate stopped after " + std::to_string(produced) +
                " of " + std::to_string(uncompressed_size) + " bytes)");
  return out;
}
#endif

}  // namespace

std::vector<Record> read_npz_with(const NamedBuffer& file, const Inflater& inflate,
                                  const ReadOptions& options, std::vector<std::string>& warnings) {
  const std::vector<ZipMember> members = list_zip_members(file);
  std::vector<std::vector<std::uint8_t>> inflated;
  inflated.reserve(members.size());
  std::vector<MemberView> views;
  std::vector<std::string> names;
  for (const ZipMember& m : members) names.push_back(m.name);
  // Deflate expands at most ~1032:1; a larger claim is a damaged or hostile directory.
  const std::uint64_t max_member =
      std::uint64_t(limits().max_total_samples) * 8 + limits().max_header_bytes;
  for (const ZipMember& m : members) {
    const std::string key = member_key(m.name);
    if (key.empty()) {
      warnings.push_back(file.name + ": member '" + m.name + "' is not a .npy array; ignored");
      continue;
    }
    const std::string where = file.name + ": member '" + m.name + "'";
    const std::uint8_t* data = file.bytes.data() + m.data_offset;
    if (m.method == 0) {
      if (m.compressed_size != m.uncompressed_size)
        throw Error(where + ": stored sizes disagree (damaged zip)");
    } else if (m.method == 8) {
      if (!inflate)
        throw Error(file.name + ": compressed .npz needs inflate; this build has none (save with "
                                "np.savez instead of np.savez_compressed, or use the web page, "
                                "which inflates it)");
      if (m.uncompressed_size > max_member ||
          m.uncompressed_size > m.compressed_size * 1032 + 1024)
        throw Error(where + ": claims " + std::to_string(m.uncompressed_size) +
                    " bytes uncompressed; damaged or too large");
      try {
        inflated.push_back(inflate(data, m.compressed_size, m.uncompressed_size));
      } catch (const Error& e) {
        throw Error(where + ": " + e.what());
      }
      if (inflated.back().size() != m.uncompressed_size)
        throw Error(where + ": inflated to the wrong size (damaged zip)");
      data = inflated.back().data();
    } else {
      throw Error(where + ": compression method " + std::to_string(m.method) +
                  " is not supported (stored and deflate are)");
    }
    if (crc32(data, m.uncompressed_size) != m.crc32)
      throw Error(where + ": CRC-32 mismatch (damaged zip)");
    views.push_back({key, data, static_cast<std::size_t>(m.uncompressed_size)});
  }
  require_arrays(file.name, views, names);
  return combine_members(file.name, views, options, warnings);
}

std::vector<Record> read_npz_members(const std::string& file_name,
                                     const std::vector<NamedBuffer>& members,
                                     const ReadOptions& options,
                                     std::vector<std::string>& warnings) {
  std::vector<MemberView> views;
  for (const NamedBuffer& m : members) {
    const std::string key = member_key(m.name);
    if (key.empty()) {
      warnings.push_back(file_name + ": member '" + m.name + "' is not a .npy array; ignored");
      continue;
    }
    views.push_back({key, m.bytes.data(), m.bytes.size()});
  }
  std::vector<std::string> names;
  for (const NamedBuffer& m : members) names.push_back(m.name);
  require_arrays(file_name, views, names);
  return combine_members(file_name, views, options, warnings);
}

std::vector<Record> read_npz(const NamedBuffer& file, const ReadOptions& options,
                             std::vector<std::string>& warnings) {
#ifdef QRS_HAVE_ZLIB
  return read_npz_with(file, zlib_inflate, options, warnings);
#else
  return read_npz_with(file, nullptr, options, warnings);
#endif
}

}  // namespace qrs::formats
