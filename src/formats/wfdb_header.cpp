#include "formats/wfdb_header.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <iterator>

#include "formats/detect.h"
#include "formats/readers.h"
#include "formats/wfdb_text.h"
#include "util/error.h"

namespace qrs::formats::wfdb {
namespace {

struct Line {
  int number;             // 1-based
  std::string_view text;  // without the line ending
};

// Splits on LF, CRLF and lone CR (headers edited on old Macs) and drops '#' comment lines and
// blank lines, keeping the original line numbers for messages.
std::vector<Line> content_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    ++number;
    const std::string_view line = text.substr(start, end - start);
    const std::string_view body = text::trim(line);
    if (!body.empty() && body.front() != '#') lines.push_back({number, line});
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') {
      ++end;
    }
    start = end + 1;
  }
  return lines;
}

struct Token {
  std::string_view text;
  std::size_t offset;  // into the line, so the description can take the rest of the line
};

std::vector<Token> tokens(std::string_view line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back({line.substr(start, i - start), start});
  }
  return out;
}

// Error helper: every message names the header file and the line.
class LineErrors {
 public:
  LineErrors(const std::string& file, int line)
      : prefix_(file + ": line " + std::to_string(line) + ": ") {}
  [[noreturn]] void fail(const std::string& what) const { throw Error(prefix_ + what); }

  long long integer(std::string_view field, const char* what) const {
    const auto v = text::parse_integer(field);
    if (!v) fail(std::string(what) + " '" + std::string(field) + "' is not an integer");
    return *v;
  }
  long long non_negative(std::string_view field, const char* what) const {
    const long long v = integer(field, what);
    if (v < 0) fail(std::string(what) + " " + std::to_string(v) + " is negative");
    return v;
  }
  double number(std::string_view field, const char* what) const {
    const auto v = text::parse_double(field);
    if (!v) fail(std::string(what) + " '" + std::string(field) + "' is not a number");
    return *v;
  }

 private:
  std::string prefix_;
};

// --- record line ------------------------------------------------------------------------------

void parse_frequency(std::string_view field, const LineErrors& err, Header& h) {
  // fs[/counterfreq[(basecounter)]]
  const std::size_t slash = field.find('/');
  const std::string_view fs_text = field.substr(0, slash);
  h.fs = err.number(fs_text, "sampling frequency");
  const Limits& lim = limits();
  if (!(h.fs >= lim.min_fs && h.fs <= lim.max_fs)) {
    err.fail("sampling frequency " + std::string(fs_text) + " Hz is out of range (" +
             std::to_string(static_cast<long long>(lim.min_fs)) + " to " +
             std::to_string(static_cast<long long>(lim.max_fs)) + " Hz)");
  }
  if (slash == std::string_view::npos) return;
  std::string_view counter = field.substr(slash + 1);
  const std::size_t paren = counter.find('(');
  if (paren != std::string_view::npos) {
    if (counter.back() != ')')
      err.fail("counter frequency '" + std::string(counter) + "' is malformed");
    err.number(counter.substr(paren + 1, counter.size() - paren - 2), "base counter value");
    counter = counter.substr(0, paren);
  }
  h.counter_frequency = err.number(counter, "counter frequency");
}

void parse_record_line(const Line& line, Header& h, std::size_t& segment_count) {
  const LineErrors err(h.file_name, line.number);
  const auto tok = tokens(line.text);
  if (tok.size() < 2) err.fail("record line needs a record name and a number of signals");
  const std::string_view name = tok[0].text;
  const std::size_t slash = name.find('/');
  h.record_name = text::to_utf8(name.substr(0, slash));
  if (h.record_name.empty()) err.fail("record name is empty");
  if (slash != std::string_view::npos) {
    const long long n = err.non_negative(name.substr(slash + 1), "number of segments");
    if (n == 0) err.fail("number of segments is 0");
    h.multi_segment = true;
    segment_count = static_cast<std::size_t>(n);  // checked against the segment lines below
  }
  const long long nsig = err.non_negative(tok[1].text, "number of signals");
  if (nsig == 0) err.fail("the record has 0 signals");
  if (static_cast<unsigned long long>(nsig) > limits().max_leads) {
    err.fail("the record declares " + std::to_string(nsig) + " signals; at most " +
             std::to_string(limits().max_leads) + " are supported");
  }
  h.signal_count = static_cast<std::size_t>(nsig);
  if (tok.size() > 2) parse_frequency(tok[2].text, err, h);
  if (tok.size() > 3) {
    const long long n = err.non_negative(tok[3].text, "number of samples");
    if (n > 0) h.samples = static_cast<std::uint64_t>(n);
  }
  // Base time and date (tokens 4, 5) do not affect the samples.
}

// --- signal lines -----------------------------------------------------------------------------

// "format[xspf][:skew][+offset]", in this order.
void parse_format_field(std::string_view field, const LineErrors& err, SignalSpec& s) {
  const std::string whole(field);
  auto take_number = [&](char tag, const char* what) -> std::optional<long long> {
    if (field.empty() || field.front() != tag) return std::nullopt;
    field.remove_prefix(1);
    std::size_t n = 0;
    while (n < field.size() && field[n] >= '0' && field[n] <= '9') ++n;
    if (n == 0)
      err.fail("format field '" + whole + "': " + what + " is missing after '" + tag + "'");
    const long long v = err.non_negative(field.substr(0, n), what);
    field.remove_prefix(n);
    return v;
  };
  std::size_t n = 0;
  while (n < field.size() && field[n] >= '0' && field[n] <= '9') ++n;
  if (n == 0) err.fail("signal format '" + whole + "' is not a number");
  const long long format = err.non_negative(field.substr(0, n), "signal format");
  if (format > 100000) err.fail("signal format " + whole + " is not supported");
  s.format = static_cast<int>(format);
  field.remove_prefix(n);
  if (auto spf = take_number('x', "samples per frame")) {
    if (*spf < 1 || *spf > 1024) {
      err.fail("samples per frame " + std::to_string(*spf) + " is out of range (1 to 1024)");
    }
    s.samples_per_frame = static_cast<std::size_t>(*spf);
  }
  if (auto skew = take_number(':', "skew")) {
    if (*skew > (1LL << 32)) err.fail("skew " + std::to_string(*skew) + " is too large");
    s.skew = static_cast<std::size_t>(*skew);
  }
  if (auto offset = take_number('+', "byte offset"))
    s.byte_offset = static_cast<std::uint64_t>(*offset);
  if (!field.empty()) err.fail("format field '" + whole + "' is malformed");
}

// "gain[(baseline)][/units]"; returns whether a baseline was given (it defaults to ADC zero).
bool parse_gain_field(std::string_view field, const LineErrors& err, SignalSpec& s) {
  const std::string whole(field);
  std::size_t end = 0;
  while (end < field.size() && field[end] != '(' && field[end] != '/') ++end;
  // WFDB: a negative gain marks an inverted signal (physical = (adu - baseline) / gain, sign
  // included); 0 means uncalibrated and reads as the default 200 adu per unit, silently, as rdsamp
  // does.
  const double gain = err.number(field.substr(0, end), "gain");
  s.gain = gain == 0 ? 200.0 : gain;
  field.remove_prefix(end);
  bool baseline_given = false;
  if (!field.empty() && field.front() == '(') {
    const std::size_t close = field.find(')');
    if (close == std::string_view::npos) err.fail("gain '" + whole + "': baseline has no ')'");
    s.baseline = static_cast<double>(err.integer(field.substr(1, close - 1), "baseline"));
    baseline_given = true;
    field.remove_prefix(close + 1);
  }
  if (!field.empty()) {
    if (field.front() != '/') err.fail("gain '" + whole + "' is malformed");
    s.units = std::string(field.substr(1));
  }
  return baseline_given;
}

// The plain integer fields after the gain, as a table: position, name, destination.
struct IntegerField {
  const char* name;
  void (*store)(SignalSpec&, long long);
};
const IntegerField kIntegerFields[] = {
    {"ADC resolution",
     [](SignalSpec& s, long long v) { s.adc_resolution = static_cast<int>(std::min(v, 64LL)); }},
    {"ADC zero", [](SignalSpec& s, long long v) { s.adc_zero = v; }},
    {"initial value", [](SignalSpec& s, long long v) { s.initial_value = v; }},
    {"checksum", [](SignalSpec& s, long long v) { s.checksum = v; }},
    {"block size", [](SignalSpec&, long long) {}},  // only matters for tape-era devices
};

SignalSpec parse_signal_line(const Line& line, const std::string& file) {
  const LineErrors err(file, line.number);
  const auto tok = tokens(line.text);
  if (tok.size() < 2) err.fail("signal line needs a file name and a format");
  SignalSpec s;
  s.line = line.number;
  s.file_name = std::string(tok[0].text);
  parse_format_field(tok[1].text, err, s);
  bool baseline_given = false;
  if (tok.size() > 2) baseline_given = parse_gain_field(tok[2].text, err, s);
  bool initial_given = false;
  constexpr std::size_t kFirstInteger = 3;
  for (std::size_t i = 0; i < std::size(kIntegerFields) && kFirstInteger + i < tok.size(); ++i) {
    const IntegerField& f = kIntegerFields[i];
    f.store(s, err.integer(tok[kFirstInteger + i].text, f.name));
    if (i == 2) initial_given = true;
  }
  if (s.adc_resolution < 0) err.fail("ADC resolution is negative");
  if (!baseline_given) s.baseline = static_cast<double>(s.adc_zero);
  if (!initial_given) s.initial_value = s.adc_zero;
  constexpr std::size_t kDescription = kFirstInteger + std::size(kIntegerFields);
  if (tok.size() > kDescription) {
    s.description = std::string(text::trim(line.text.substr(tok[kDescription].offset)));
  }
  return s;
}

SegmentSpec parse_segment_line(const Line& line, const std::string& file) {
  const LineErrors err(file, line.number);
  const auto tok = tokens(line.text);
  if (tok.size() < 2) err.fail("segment line needs a segment name and a number of samples");
  SegmentSpec seg;
  seg.name = std::string(tok[0].text);
  seg.samples = static_cast<std::uint64_t>(err.non_negative(tok[1].text, "segment length"));
  return seg;
}

}  // namespace

Header parse_header(std::string_view text, const std::string& file_name) {
  Header h;
  h.file_name = file_name;
  if (text.size() > limits().max_header_bytes) {
    throw Error(file_name + ": header is " + std::to_string(text.size()) +
                " bytes, larger than the " + std::to_string(limits().max_header_bytes) +
                " a WFDB header may have here");
  }
  if (text.find('\0') != std::string_view::npos) {
    throw Error(file_name + ": not a WFDB header (it contains NUL bytes)");
  }
  const auto lines = content_lines(text);
  if (lines.empty()) throw Error(file_name + ": WFDB header is empty");
  std::size_t segment_count = 0;
  parse_record_line(lines[0], h, segment_count);
  const std::size_t wanted = h.multi_segment ? segment_count : h.signal_count;
  const std::size_t available = lines.size() - 1;
  if (available < wanted) {
    throw Error(file_name + ": the record line declares " + std::to_string(wanted) +
                (h.multi_segment ? " segments" : " signals") + " but the header has " +
                std::to_string(available) + (h.multi_segment ? " segment lines" : " signal lines"));
  }
  if (h.multi_segment) {
    h.segments.reserve(wanted);
    for (std::size_t i = 0; i < wanted; ++i)
      h.segments.push_back(parse_segment_line(lines[1 + i], file_name));
  } else {
    h.signals.reserve(wanted);
    for (std::size_t i = 0; i < wanted; ++i)
      h.signals.push_back(parse_signal_line(lines[1 + i], file_name));
  }
  // Lines after the declared ones are "info strings" in old headers; WFDB ignores them too.
  for (std::size_t i = 1 + wanted; i < lines.size(); ++i)
    h.lines_after.push_back(std::string(text::trim(lines[i].text)));
  return h;
}

std::vector<std::string> referenced_files(const Header& header) {
  std::vector<std::string> names;
  const auto add = [&](const std::string& name) {
    if (name == "~" || name == "-") return;
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const SignalSpec& signal : header.signals) add(signal.file_name);
  for (const SegmentSpec& segment : header.segments)
    if (segment.name != "~") add(segment.name + ".hea");
  return names;
}

std::optional<Header> try_parse_header(const NamedBuffer& file) {
  try {
    const std::string_view text(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size());
    return parse_header(text, base_name(file.name));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace qrs::formats::wfdb
