// The zip container of .npz files: end-of-central-directory record (and its zip64 form, which
// numpy writes), central directory entries, local headers. Every offset is checked against the
// file size before use, so a damaged or hostile archive is an error, never an out-of-bounds read.
#include <cstring>

#include "formats/npz.h"
#include "util/error.h"

namespace qrs::formats {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kMaxMembers = 1024;

class Bytes {
 public:
  Bytes(const NamedBuffer& f) : f_(f) {}
  std::uint64_t size() const { return f_.bytes.size(); }
  void need(std::uint64_t offset, std::uint64_t length, const std::string& what) const {
    if (offset > size() || length > size() - offset)
      throw Error(f_.name + ": damaged zip: " + what + " at offset " + std::to_string(offset) +
                  " runs past the end of the file (" + std::to_string(size()) + " bytes)");
  }
  std::uint64_t le(std::uint64_t offset, int bytes) const {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = v << 8 | f_.bytes[offset + i];
    return v;
  }

 private:
  const NamedBuffer& f_;
};

}  // namespace

std::vector<ZipMember> list_zip_members(const NamedBuffer& file) {
  const Bytes b(file);
  const std::string& where = file.name;
  if (b.size() < 22) throw Error(where + ": damaged zip: too short for a zip directory");
  // The end record sits in the last 22 + 65535 (comment) bytes; search backwards.
  std::uint64_t eocd = b.size();
  const std::uint64_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
  for (std::uint64_t at = b.size() - 22 + 1; at-- > lowest;) {
    if (b.le(at, 4) == kEndOfDirectory) {
      eocd = at;
      break;
    }
  }
  if (eocd == b.size()) throw Error(where + ": damaged zip: no end-of-directory record");
  std::uint64_t entries = b.le(eocd + 10, 2);
  std::uint64_t dir_size = b.le(eocd + 12, 4);
  std::uint64_t dir_offset = b.le(eocd + 16, 4);
  if (entries == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF) {
    if (eocd < 20 || b.le(eocd - 20, 4) != kZip64Locator)
      throw Error(where + ": damaged zip: zip64 sizes without a zip64 locator");
    const std::uint64_t end64 = b.le(eocd - 20 + 8, 8);
    b.need(end64, 56, "zip64 end record");
    if (b.le(end64, 4) != kZip64End) throw Error(where + ": damaged zip: bad zip64 end record");
    entries = b.le(end64 + 32, 8);
    dir_size = b.le(end64 + 40, 8);
    dir_offset = b.le(end64 + 48, 8);
  }
  if (entries > kMaxMembers)
    throw Error(where + ": zip has " + std::to_string(entries) + " members; at most " +
                std::to_string(kMaxMembers) + " are read");
  b.need(dir_offset, dir_size, "central directory");

  std::vector<ZipMember> members;
  std::uint64_t at = dir_offset;
  for (std::uint64_t e = 0; e < entries; ++e) {
    b.need(at, 46, "directory entry");
    if (b.le(at, 4) != kDirectoryEntry)
      throw Error(where + ": damaged zip: bad directory entry " + std::to_string(e));
    ZipMember m;
    const std::uint64_t flags = b.le(at + 8, 2);
    m.method = static_cast<std::uint16_t>(b.le(at + 10, 2));
    m.crc32 = static_cast<std::uint32_t>(b.le(at + 16, 4));
    m.compressed_size = b.le(at + 20, 4);
    m.uncompressed_size = b.le(at + 24, 4);
    const std::uint64_t name_len = b.le(at + 28, 2), extra_len = b.le(at + 30, 2),
                        comment_len = b.le(at + 32, 2);
    std::uint64_t local = b.le(at + 42, 4);
    b.need(at + 46, name_len + extra_len + comment_len, "directory entry name");
    m.name.assign(reinterpret_cast<const char*>(file.bytes.data() + at + 46), name_len);
    // zip64 extra field: 64-bit values for whichever 32-bit fields are saturated, in this order.
    for (std::uint64_t x = at + 46 + name_len; x + 4 <= at + 46 + name_len + extra_len;) {
      const std::uint64_t id = b.le(x, 2), len = b.le(x + 2, 2);
      if (x + 4 + len > at + 46 + name_len + extra_len) break;
      if (id == 0x0001) {
        std::uint64_t p = x + 4;
        auto take = [&](std::uint64_t& field) {
          if (field != 0xFFFFFFFF) return;
          if (p + 8 > x + 4 + len) throw Error(where + ": damaged zip: short zip64 field");
          field = b.le(p, 8), p += 8;
        };
        take(m.uncompressed_size);
        take(m.compressed_size);
        take(local);
      }
      x += 4 + len;
    }
    if (flags & 1) throw Error(where + ": member '" + m.name + "' is encrypted");
    b.need(local, 30, "local header of '" + m.name + "'");
    if (b.le(local, 4) != kLocalHeader)
      throw Error(where + ": damaged zip: member '" + m.name + "': no local header at offset " +
                  std::to_string(local));
    m.data_offset = local + 30 + b.le(local + 26, 2) + b.le(local + 28, 2);
    b.need(m.data_offset, m.compressed_size, "data of '" + m.name + "'");
    members.push_back(std::move(m));
    at += 46 + name_len + extra_len + comment_len;
  }
  return members;
}

}  // namespace qrs::formats
