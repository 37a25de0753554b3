#include "formats/edf_header.h"

#include <cstring>
#include <string_view>

#include "formats/readers.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats::edf {
namespace {

constexpr std::size_t kFixedBytes = 256;
constexpr std::size_t kBytesPerSignal = 256;

// The fixed part, as a spec table: field name and width, in file order.
struct Field {
  const char* name;
  std::size_t width;
};
enum FixedIndex {
  kVersion,
  kPatient,
  kRecording,
  kStartDate,
  kStartTime,
  kHeaderBytes,
  kReserved,
  kRecords,
  kDuration,
  kSignalCount
};
const Field kFixedFields[] = {
    {"version", 8},
    {"patient", 80},
    {"recording", 80},
    {"start date", 8},
    {"start time", 8},
    {"header size", 8},
    {"reserved", 44},
    {"number of data records", 8},
    {"data record duration", 8},
    {"number of signals", 4},
};
// The per-signal part: each field is stored for all signals before the next field.
enum SignalIndex {
  kLabel,
  kTransducer,
  kDimension,
  kPhysMin,
  kPhysMax,
  kDigMin,
  kDigMax,
  kPrefilter,
  kSamplesPerRecord,
  kSignalReserved
};
const Field kSignalFields[] = {
    {"label", 16},           {"transducer type", 80}, {"physical dimension", 8},
    {"physical minimum", 8}, {"physical maximum", 8}, {"digital minimum", 8},
    {"digital maximum", 8},  {"prefiltering", 80},    {"samples per data record", 8},
    {"reserved", 32},
};

class Reader {
 public:
  Reader(const std::uint8_t* bytes, const std::string& file) : bytes_(bytes), file_(file) {}
  [[noreturn]] void fail(const std::string& what) const { throw Error(file_ + ": " + what); }

  std::string_view field(std::size_t offset, std::size_t width) const {
    return text::trim(std::string_view(reinterpret_cast<const char*>(bytes_) + offset, width));
  }
  double number(std::size_t offset, std::size_t width, const std::string& what) const {
    const std::string_view f = field(offset, width);
    const auto v = text::parse_double(f);
    if (!v) fail(what + " '" + std::string(f) + "' is not a number");
    return *v;
  }
  long long integer(std::size_t offset, std::size_t width, const std::string& what) const {
    const std::string_view f = field(offset, width);
    const auto v = text::parse_integer(f);
    if (!v) fail(what + " '" + std::string(f) + "' is not an integer");
    return *v;
  }

 private:
  const std::uint8_t* bytes_;
  const std::string& file_;
};

std::size_t fixed_offset(FixedIndex index) {
  std::size_t offset = 0;
  for (int i = 0; i < index; ++i) offset += kFixedFields[i].width;
  return offset;
}

// Offset of signal `s`'s value of field `index` when there are `count` signals.
std::size_t signal_offset(SignalIndex index, std::size_t s, std::size_t count) {
  std::size_t offset = kFixedBytes;
  for (int i = 0; i < index; ++i) offset += kSignalFields[i].width * count;
  return offset + kSignalFields[index].width * s;
}

}  // namespace

std::size_t Header::record_bytes() const {
  std::size_t samples = 0;
  for (const SignalHeader& s : signals) samples += s.samples_per_record;
  return samples * bytes_per_sample();
}

Header parse_header(const std::uint8_t* bytes, std::size_t size, const std::string& file_name) {
  Header h;
  h.file_name = file_name;
  const Reader in(bytes, file_name);
  if (size < kFixedBytes) {
    in.fail("only " + std::to_string(size) + " bytes, too short for an EDF/BDF header (256 bytes)");
  }
  if (bytes[0] == 0xFF && std::memcmp(bytes + 1, "BIOSEMI", 7) == 0) {
    h.bdf = true;
  } else if (in.field(0, 8) != "0") {
    in.fail("not an EDF or BDF file (version field is not '0' or BIOSEMI)");
  }
  const std::string_view reserved = in.field(fixed_offset(kReserved), 44).substr(0, 5);
  h.discontinuous = reserved == "EDF+D" || reserved == "BDF+D";
  h.edf_plus = h.discontinuous || reserved == "EDF+C" || reserved == "BDF+C";
  h.start_date = std::string(in.field(fixed_offset(kStartDate), 8));
  h.start_time = std::string(in.field(fixed_offset(kStartTime), 8));

  const long long count = in.integer(fixed_offset(kSignalCount), 4, "number of signals");
  if (count < 1)
    in.fail("number of signals is " + std::to_string(count) + "; at least 1 is needed");
  if (static_cast<unsigned long long>(count) > limits().max_leads) {
    in.fail("declares " + std::to_string(count) + " signals; at most " +
            std::to_string(limits().max_leads) + " are supported");
  }
  const std::size_t ns = static_cast<std::size_t>(count);
  const long long header_bytes = in.integer(fixed_offset(kHeaderBytes), 8, "header size");
  const std::size_t expected = kFixedBytes + kBytesPerSignal * ns;
  if (header_bytes != static_cast<long long>(expected)) {
    in.fail("header size field says " + std::to_string(header_bytes) + " bytes but " +
            std::to_string(ns) + " signals need " + std::to_string(expected));
  }
  if (size < expected) {
    in.fail("the header needs " + std::to_string(expected) + " bytes but the file has only " +
            std::to_string(size));
  }
  h.header_bytes = expected;
  h.records = in.integer(fixed_offset(kRecords), 8, "number of data records");
  if (h.records < -1) in.fail("number of data records is " + std::to_string(h.records));
  h.record_duration = in.number(fixed_offset(kDuration), 8, "data record duration");
  if (!(h.record_duration > 0)) {
    in.fail("data record duration " + std::to_string(h.record_duration) +
            " s is not positive (annotation-only files carry no signal)");
  }

  h.signals.resize(ns);
  for (std::size_t s = 0; s < ns; ++s) {
    SignalHeader& sig = h.signals[s];
    const std::string name = "signal " + std::to_string(s + 1) + " ";
    sig.label = std::string(in.field(signal_offset(kLabel, s, ns), 16));
    sig.is_annotation = sig.label == "EDF Annotations" || sig.label == "BDF Annotations";
    sig.physical_dimension = std::string(in.field(signal_offset(kDimension, s, ns), 8));
    const long long spr =
        in.integer(signal_offset(kSamplesPerRecord, s, ns), 8, name + "samples per data record");
    if (spr < 0 || spr > (1LL << 24)) {
      in.fail(name + "samples per data record " + std::to_string(spr) + " is out of range");
    }
    sig.samples_per_record = static_cast<std::size_t>(spr);
    if (sig.is_annotation) continue;  // annotation channels carry text, not scaled samples
    sig.physical_min = in.number(signal_offset(kPhysMin, s, ns), 8, name + "physical minimum");
    sig.physical_max = in.number(signal_offset(kPhysMax, s, ns), 8, name + "physical maximum");
    sig.digital_min = in.integer(signal_offset(kDigMin, s, ns), 8, name + "digital minimum");
    sig.digital_max = in.integer(signal_offset(kDigMax, s, ns), 8, name + "digital maximum");
    if (sig.digital_min > sig.digital_max) {
      in.fail(name + "'" + text::to_utf8(sig.label) + "': digital minimum " +
              std::to_string(sig.digital_min) + " is above digital maximum " +
              std::to_string(sig.digital_max));
    }
    if (sig.physical_min == sig.physical_max) {
      sig.no_scale =
          "physical minimum equals physical maximum (both " +
          std::string(in.field(signal_offset(kPhysMin, s, ns), 8)) +
          (sig.physical_dimension.empty() ? "" : " " + text::to_utf8(sig.physical_dimension)) + ")";
    } else if (sig.digital_min == sig.digital_max) {
      sig.no_scale =
          "digital minimum equals digital maximum (both " + std::to_string(sig.digital_min) + ")";
    }
  }
  if (h.record_bytes() == 0)
    in.fail("data records are empty (every signal has 0 samples per record)");
  return h;
}

}  // namespace qrs::formats::edf
