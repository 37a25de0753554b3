#pragma once
// Test helper: writes WFDB records (header text + packed .dat bytes) from ADC values, so tests and
// the fuzz seed generator can build inputs by code for every storage format. The packing here is
// written from the WFDB signal(5) description independently of src/formats/wfdb_unpack.cpp, so a
// round trip checks one against the other. FLAC files (formats 508, 516, 524) are written with
// libFLAC's encoder (flac_test_writer.h).
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "flac_test_writer.h"
#include "formats/record.h"

namespace qrs::test {

struct WfdbSignalOut {
  std::string description;
  std::vector<std::int32_t> adu;  // samples_per_frame * frames values
  double gain = 200;
  long long baseline = 0;
  std::string units = "mV";
  std::size_t samples_per_frame = 1;
};

inline void put_le(std::vector<std::uint8_t>& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// Packs an interleaved sample stream in `format`. Format 8 stores first differences from the
// previous sample of the same signal (the caller passes `signal_of` for each stream position).
inline std::vector<std::uint8_t> pack_wfdb(int format, const std::vector<std::int32_t>& stream) {
  std::vector<std::uint8_t> out;
  const std::size_t n = stream.size();
  auto u = [&](std::size_t i) { return static_cast<std::uint32_t>(stream[i]); };
  switch (format) {
    case 8:
    case 80:
      for (std::size_t i = 0; i < n; ++i)
        out.push_back(static_cast<std::uint8_t>(format == 80 ? stream[i] + 128 : stream[i]));
      break;
    case 16:
      for (std::size_t i = 0; i < n; ++i) put_le(out, u(i), 2);
      break;
    case 160:
      for (std::size_t i = 0; i < n; ++i) put_le(out, u(i) + 32768u, 2);
      break;
    case 61:
      for (std::size_t i = 0; i < n; ++i) {
        out.push_back(static_cast<std::uint8_t>(u(i) >> 8));
        out.push_back(static_cast<std::uint8_t>(u(i)));
      }
      break;
    case 24:
      for (std::size_t i = 0; i < n; ++i) put_le(out, u(i), 3);
      break;
    case 32:
      for (std::size_t i = 0; i < n; ++i) put_le(out, u(i), 4);
      break;
    case 212:
      for (std::size_t i = 0; i < n; i += 2) {
        const std::uint32_t a = u(i) & 0xFFF, b = i + 1 < n ? u(i + 1) & 0xFFF : 0;
        out.push_back(static_cast<std::uint8_t>(a));
        out.push_back(static_cast<std::uint8_t>((a >> 8) | ((b >> 8) << 4)));
        if (i + 1 < n) out.push_back(static_cast<std::uint8_t>(b));
      }
      break;
    case 310:
      for (std::size_t i = 0; i < n; i += 3) {
        const std::uint32_t a = u(i) & 0x3FF, b = i + 1 < n ? u(i + 1) & 0x3FF : 0,
                            c = i + 2 < n ? u(i + 2) & 0x3FF : 0;
        put_le(out, (a << 1) | ((c & 0x1F) << 11), 2);
        if (i + 1 < n) put_le(out, (b << 1) | ((c >> 5) << 11), 2);
      }
      break;
    case 311:
      for (std::size_t i = 0; i < n; i += 3) {
        const std::uint32_t a = u(i) & 0x3FF, b = i + 1 < n ? u(i + 1) & 0x3FF : 0,
                            c = i + 2 < n ? u(i + 2) & 0x3FF : 0;
        const std::uint32_t word = a | (b << 10) | (c << 20);
        put_le(out, word, n - i >= 3 ? 4 : n - i == 2 ? 3 : 2);
      }
      break;
    default:
      break;
  }
  return out;
}

// The largest positive ADC value a format stores (the most negative is its invalid code).
inline std::int32_t wfdb_max_adu(int format) {
  switch (format) {
    case 8:
    case 80:
      return 127;
    case 212:
      return 2047;
    case 310:
    case 311:
      return 511;
    case 24:
      return 8388607;
    case 32:
      return 2147483647;
    default:
      return 32767;
  }
}

// One signal file of a record: its name, storage format and signals (frame-interleaved for the
// uncompressed formats; one FLAC channel each for 508, 516 and 524).
struct WfdbFileOut {
  std::string name;
  int format = 16;
  std::vector<WfdbSignalOut> signals;
  FlacOptions flac;  // for the FLAC formats; the bit depth is the format's unless set here
};

struct WfdbRecordOut {
  NamedBuffer header;
  std::vector<NamedBuffer> files;
};

inline bool is_flac_format(int format) {
  return format == 508 || format == 516 || format == 524;
}

inline std::vector<std::uint8_t> pack_signal_file(const WfdbFileOut& file) {
  if (is_flac_format(file.format)) {
    std::vector<std::vector<std::int32_t>> channels;
    for (const WfdbSignalOut& s : file.signals) channels.push_back(s.adu);
    FlacOptions options = file.flac;
    if (options.bits == 0) options.bits = static_cast<unsigned>(file.format - 500);
    return encode_flac(channels, options);
  }
  const std::size_t frames =
      file.signals.empty() ? 0 : file.signals[0].adu.size() / file.signals[0].samples_per_frame;
  std::vector<std::int32_t> stream;
  std::vector<std::int32_t> previous(file.signals.size());
  for (std::size_t s = 0; s < file.signals.size(); ++s)
    previous[s] = file.signals[s].adu.empty() ? 0 : file.signals[s].adu[0];
  for (std::size_t f = 0; f < frames; ++f) {
    for (std::size_t s = 0; s < file.signals.size(); ++s) {
      const std::size_t spf = file.signals[s].samples_per_frame;
      for (std::size_t k = 0; k < spf; ++k) {
        const std::int32_t v = file.signals[s].adu[f * spf + k];
        stream.push_back(file.format == 8 ? v - previous[s] : v);
        previous[s] = v;
      }
    }
  }
  return pack_wfdb(file.format, stream);
}

// A record whose signals are spread over `files`, in file order; the frame count comes from the
// first signal. Checksums and initial values are computed from the samples.
inline WfdbRecordOut write_wfdb_record(const std::string& name, double fs,
                                       const std::vector<WfdbFileOut>& files) {
  std::size_t nsig = 0;
  for (const WfdbFileOut& f : files) nsig += f.signals.size();
  const WfdbSignalOut& first = files.at(0).signals.at(0);
  const std::size_t frames = first.adu.size() / first.samples_per_frame;
  std::ostringstream hea;
  hea.precision(17);
  hea << name << " " << nsig << " " << fs << " " << frames << "\n";
  WfdbRecordOut out;
  for (const WfdbFileOut& f : files) {
    for (const WfdbSignalOut& s : f.signals) {
      std::int32_t checksum = 0;
      for (std::int32_t v : s.adu) checksum = static_cast<std::int16_t>(checksum + v);
      hea << f.name << " " << f.format;
      if (s.samples_per_frame > 1) hea << "x" << s.samples_per_frame;
      hea << " " << s.gain << "(" << s.baseline << ")/" << s.units << " 0 0 "
          << (s.adu.empty() ? 0 : s.adu[0]) << " " << checksum << " 0 " << s.description << "\n";
    }
    out.files.push_back({f.name, pack_signal_file(f)});
  }
  const std::string text = hea.str();
  out.header = {name + ".hea", std::vector<std::uint8_t>(text.begin(), text.end())};
  return out;
}

struct WfdbFiles {
  NamedBuffer header;
  NamedBuffer data;
};

// One record, all signals in `<name>.dat`, frame-interleaved.
inline WfdbFiles write_wfdb(const std::string& name, double fs, int format,
                            const std::vector<WfdbSignalOut>& signals) {
  WfdbRecordOut r = write_wfdb_record(name, fs, {{name + ".dat", format, signals, {}}});
  return {std::move(r.header), std::move(r.files.front())};
}

inline NamedBuffer text_file(const std::string& name, const std::string& text) {
  return {name, std::vector<std::uint8_t>(text.begin(), text.end())};
}

}  // namespace qrs::test
