#include "formats/wfdb_annotation.h"

#include <algorithm>
#include <array>

#include "formats/ishne_header.h"
#include "util/error.h"

namespace qrs::formats::wfdb {
namespace {

// The pseudo-codes of annot(5) that carry data instead of marking a time.
constexpr int kSkip = 59;
constexpr int kNum = 60;
constexpr int kSub = 61;
constexpr int kChn = 62;
constexpr int kAux = 63;
constexpr int kMaxInterval = 1023;  // what the 10-bit time field holds
// The highest annotation code WFDB defines (ACMAX in <wfdb/ecgcodes.h>; 42..49 are left for a
// database's own labels). 50..58 are neither codes nor pseudo-codes: a file holding one is not an
// annotation file (a stray file that shares a record's name, an .xlsx, notes), which would
// otherwise read as marks.
constexpr int kMaxCode = 49;

// Standard symbols of <wfdb/ecgcodes.h>, indexed by code; empty where the code is unassigned.
constexpr std::array<const char*, 42> kSymbols = {
    "",  "N", "L", "R", "a", "V", "F", "J", "A",  "S", "E", "j", "/", "Q",
    "~", "",  "|", "",  "s", "T", "*", "D", "\"", "=", "p", "B", "^", "t",
    "+", "u", "?", "!", "[", "]", "e", "n", "@",  "x", "f", "(", ")", "r"};

struct WordReader {
  const NamedBuffer& file;
  std::size_t at = 0;

  bool done() const { return at + 2 > file.bytes.size(); }
  int next() {
    const int word = file.bytes[at] | (file.bytes[at + 1] << 8);
    at += 2;
    return word;
  }
  void need(std::size_t bytes, const char* what) const {
    if (at + bytes > file.bytes.size())
      throw Error(file.name + ": " + what + " cut off at byte " + std::to_string(at) +
                  ": not a complete WFDB annotation file");
  }
};

void put_word(std::vector<std::uint8_t>& out, int code, int value) {
  const int word = (code << 10) | (value & 0x3ff);
  out.push_back(static_cast<std::uint8_t>(word & 0xff));
  out.push_back(static_cast<std::uint8_t>(word >> 8));
}

void check_range(const AnnotationMark& m, int value, int lo, int hi, const char* field) {
  if (value < lo || value > hi)
    throw Error("WFDB annotation at sample " + std::to_string(m.sample) + ": " + field + " " +
                std::to_string(value) + " is outside " + std::to_string(lo) + ".." +
                std::to_string(hi));
}

}  // namespace

std::string annotation_symbol(int code) {
  if (code > 0 && code < int(kSymbols.size()) && *kSymbols[code]) return kSymbols[code];
  return "[" + std::to_string(code) + "]";
}

int annotation_code(std::string_view symbol) {
  for (std::size_t code = 1; code < kSymbols.size(); ++code)
    if (*kSymbols[code] && symbol == kSymbols[code]) return int(code);
  return -1;
}

std::vector<AnnotationMark> read_annotations(const NamedBuffer& file) {
  // Dropped beside its .ecg, named for the record: its header's bytes would read as marks.
  if (ishne::has_annotation_magic(file)) throw Error(ishne::annotation_file_message(file.name));
  if (file.bytes.size() % 2)
    throw Error(file.name + ": " + std::to_string(file.bytes.size()) +
                " bytes, an odd length: not a WFDB (MIT format) annotation file");
  std::vector<AnnotationMark> marks;
  WordReader in{file};
  std::int64_t time = 0;
  int chan = 0;
  int num = 0;
  while (!in.done()) {
    const int word = in.next();
    const int code = word >> 10;
    const int value = word & 0x3ff;
    if (code == 0 && value == 0) {
      // The end mark. What follows it, past padding, is not part of an annotation file.
      const bool trailing = std::any_of(file.bytes.begin() + static_cast<long>(in.at),
                                        file.bytes.end(), [](std::uint8_t b) { return b != 0; });
      if (trailing)
        throw Error(file.name + ": " + std::to_string(file.bytes.size() - in.at) +
                    " bytes after its end mark: not a WFDB (MIT format) annotation file");
      break;
    }
    if (code > kMaxCode && code < kSkip)
      throw Error(file.name + ": word " + std::to_string(in.at / 2) + " holds code " +
                  std::to_string(code) +
                  ", which WFDB does not define: not a WFDB (MIT format) annotation file");
    switch (code) {
      case kSkip: {
        in.need(4, "a SKIP interval");
        const std::uint32_t high = static_cast<std::uint32_t>(in.next());
        const std::uint32_t low = static_cast<std::uint32_t>(in.next());
        time += static_cast<std::int32_t>((high << 16) | low);
        break;
      }
      case kNum:
      case kSub:
      case kChn: {
        if (marks.empty())
          throw Error(file.name + ": a NUM/SUB/CHN field before the first annotation");
        // One byte of data: num and subtyp are signed chars, chan an unsigned one.
        const int byte = value & 0xff;
        const int signed_byte = byte >= 128 ? byte - 256 : byte;
        if (code == kChn) chan = marks.back().chan = byte;
        if (code == kNum) num = marks.back().num = signed_byte;
        if (code == kSub) marks.back().subtype = signed_byte;
        break;
      }
      case kAux: {
        if (marks.empty()) throw Error(file.name + ": an AUX field before the first annotation");
        const std::size_t length = std::size_t(value & 0xff);
        in.need(length + (length & 1), "an AUX text");
        marks.back().aux.assign(reinterpret_cast<const char*>(file.bytes.data() + in.at), length);
        in.at += length + (length & 1);
        break;
      }
      default: {
        time += value;
        if (time < 0)
          throw Error(file.name + ": annotation " + std::to_string(marks.size() + 1) +
                      " lies before the record's start (sample " + std::to_string(time) + ")");
        if (code == 0) break;  // NOTANN: a time step only
        marks.push_back({time, code, 0, chan, num, {}});
      }
    }
  }
  return marks;
}

std::vector<std::uint8_t> write_annotations(std::vector<AnnotationMark> marks) {
  std::stable_sort(marks.begin(), marks.end(),
                   [](const AnnotationMark& a, const AnnotationMark& b) {
                     return a.sample != b.sample ? a.sample < b.sample : a.chan < b.chan;
                   });
  std::vector<std::uint8_t> out;
  out.reserve(marks.size() * 4 + 2);
  std::int64_t time = 0;
  int chan = 0;
  int num = 0;
  for (const AnnotationMark& m : marks) {
    if (m.sample < 0)
      throw Error("WFDB annotation at sample " + std::to_string(m.sample) +
                  ": before the record's start");
    check_range(m, m.code, 1, kSkip - 1, "code");
    check_range(m, m.subtype, -128, 127, "subtype");
    check_range(m, m.chan, 0, 255, "chan");
    check_range(m, m.num, -128, 127, "num");
    if (m.aux.size() > 255)
      throw Error("WFDB annotation at sample " + std::to_string(m.sample) +
                  ": aux text longer than 255 bytes");
    std::int64_t step = m.sample - time;
    // A step the 10-bit field cannot hold goes in SKIPs, as many as a 32-bit interval needs.
    while (step > kMaxInterval) {
      const auto interval = static_cast<std::uint32_t>(std::min<std::int64_t>(step, INT32_MAX));
      put_word(out, kSkip, 0);
      // PDP-11 long: the high 16 bits first, each half low byte first.
      for (std::uint32_t half : {interval >> 16, interval & 0xffffu}) {
        out.push_back(static_cast<std::uint8_t>(half & 0xff));
        out.push_back(static_cast<std::uint8_t>(half >> 8));
      }
      step -= interval;
    }
    put_word(out, m.code, int(step));
    time = m.sample;
    if (m.subtype != 0) put_word(out, kSub, m.subtype & 0xff);
    if (m.chan != chan) put_word(out, kChn, chan = m.chan);
    if (m.num != num) put_word(out, kNum, (num = m.num) & 0xff);
    if (!m.aux.empty()) {
      put_word(out, kAux, int(m.aux.size()));
      out.insert(out.end(), m.aux.begin(), m.aux.end());
      if (m.aux.size() & 1) out.push_back(0);
    }
  }
  put_word(out, 0, 0);
  return out;
}

}  // namespace qrs::formats::wfdb
