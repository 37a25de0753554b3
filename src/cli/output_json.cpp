// JSON output of the CLI. Sample positions are fractional input samples printed with three
// decimals (sub-sample interpolation makes more digits meaningless); probabilities with four.
#include <cmath>
#include <cstdio>

#include "cli/output.h"

namespace qrs::cli {
namespace {

// [{"start": s, "end": e}, ...]: stretches of input samples [start, end).
void write_spans(std::ostream& out, const std::vector<SampleSpan>& spans) {
  out << '[';
  for (std::size_t k = 0; k < spans.size(); ++k)
    out << (k ? ", " : "") << "{\"start\": " << spans[k].begin << ", \"end\": " << spans[k].end
        << '}';
  out << ']';
}

void write_string(std::ostream& out, const std::string& s) {
  out << '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\t':
        out << "\\t";
        break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out << escaped;
        } else {
          out << ch;
        }
    }
  }
  out << '"';
}

// Shortest fixed form with at most `decimals` decimals ("12.5", not "12.500"); JSON has no NaN.
void write_number(std::ostream& out, double value, int decimals) {
  if (!std::isfinite(value)) {
    out << "null";
    return;
  }
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string s = text;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  out << s;
}

void write_curve(std::ostream& out, const std::vector<float>& curve) {
  out << '[';
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (i) out << ',';
    write_number(out, curve[i], 4);
  }
  out << ']';
}

void write_record(std::ostream& out, const AnnotatedRecord& record, bool with_probabilities,
                  const std::string& indent) {
  const Annotation& a = record.annotation;
  const std::string in1 = indent + "  ", in2 = in1 + "  ", in3 = in2 + "  ";
  out << "{\n" << in1 << "\"record\": ";
  write_string(out, a.record);
  out << ",\n" << in1 << "\"fs\": ";
  write_number(out, a.fs, 6);
  out << ",\n" << in1 << "\"length\": " << a.length << ",\n" << in1 << "\"leads\": [";
  for (std::size_t l = 0; l < a.leads.size(); ++l) {
    const LeadAnnotation& lead = a.leads[l];
    out << (l ? ",\n" : "\n") << in2 << "{\"name\": ";
    write_string(out, lead.name);
    out << ", \"qrs\": [";
    for (std::size_t q = 0; q < lead.qrs.size(); ++q) {
      const QrsEvent& e = lead.qrs[q];
      out << (q ? ",\n" : "\n") << in3 << "{\"onset\": ";
      write_number(out, e.onset, 3);
      out << ", \"offset\": ";
      write_number(out, e.offset, 3);
      out << ", \"onsetProb\": ";
      write_number(out, e.onset_prob, 4);
      out << ", \"offsetProb\": ";
      write_number(out, e.offset_prob, 4);
      out << '}';
    }
    out << (lead.qrs.empty() ? "]" : "\n" + in2 + "]") << ", \"silenced\": ";
    write_spans(out, lead.silenced);
    if (with_probabilities) {
      out << ",\n" << in2 << " \"onsetProb\": ";
      write_curve(out, lead.onset_prob);
      out << ",\n" << in2 << " \"offsetProb\": ";
      write_curve(out, lead.offset_prob);
    }
    out << '}';
  }
  out << (a.leads.empty() ? "]" : "\n" + in1 + "]") << ",\n" << in1 << "\"beats\": [";
  for (std::size_t b = 0; b < a.beats.size(); ++b) {
    out << (b ? ",\n" : "\n") << in2 << "{\"onset\": ";
    write_number(out, a.beats[b].onset, 3);
    out << ", \"offset\": ";
    write_number(out, a.beats[b].offset, 3);
    out << ", \"firstOnset\": ";
    write_number(out, a.beats[b].first_onset, 3);
    out << ", \"lastOffset\": ";
    write_number(out, a.beats[b].last_offset, 3);
    out << ", \"durationMs\": ";
    write_number(out, a.beats[b].duration_ms(a.fs), 1);
    if (a.beats[b].paced) out << ", \"paced\": true";
    out << '}';
  }
  out << (a.beats.empty() ? "]" : "\n" + in1 + "]") << ",\n" << in1 << "\"pacingSpikes\": [";
  for (std::size_t s = 0; s < a.pacing_spikes.size(); ++s)
    out << (s ? ", " : "") << "{\"sample\": " << a.pacing_spikes[s].sample
        << ", \"leads\": " << a.pacing_spikes[s].leads << '}';
  out << "],\n" << in1 << "\"readBy\": ";
  write_string(out, a.read_by);
  out << ",\n" << in1 << "\"noiseReaderSpans\": ";
  write_spans(out, a.noise_reader_spans);
  out << ",\n" << in1 << "\"warnings\": [";
  bool first = true;
  for (const std::vector<std::string>* list : {&record.file_warnings, &a.warnings}) {
    for (const std::string& warning : *list) {
      if (!first) out << ", ";
      write_string(out, warning);
      first = false;
    }
  }
  out << "]\n" << indent << '}';
}

}  // namespace

void write_json(std::ostream& out, const std::vector<AnnotatedRecord>& records,
                bool with_probabilities, bool array) {
  if (records.size() == 1 && !array) {
    write_record(out, records.front(), with_probabilities, "");
    out << '\n';
    return;
  }
  out << '[';
  for (std::size_t r = 0; r < records.size(); ++r) {
    out << (r ? ",\n  " : "\n  ");
    write_record(out, records[r], with_probabilities, "  ");
  }
  out << (records.empty() ? "]\n" : "\n]\n");
}

}  // namespace qrs::cli
