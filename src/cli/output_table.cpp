// The readable per-beat table of the CLI's default output.
#include <cstdio>

#include "cli/output.h"

namespace qrs::cli {

void write_table(std::ostream& out, const AnnotatedRecord& record) {
  const Annotation& a = record.annotation;
  char line[256];
  std::snprintf(line, sizeof line, "record %s (%s, %s): %zu leads, %g Hz, %zu samples (%.2f s)\n",
                a.record.c_str(), record.file.c_str(), record.format.c_str(), a.leads.size(), a.fs,
                a.length, static_cast<double>(a.length) / a.fs);
  out << line;
  for (const std::string& warning : a.warnings) out << "  warning: " << warning << '\n';
  // Each beat's QRS across the leads: from the earliest lead onset to the latest lead offset.
  out << "  beat   onset(sample)  onset(s)  offset(sample)  offset(s)  QRS(ms)\n";
  for (std::size_t b = 0; b < a.beats.size(); ++b) {
    const Beat& beat = a.beats[b];
    std::snprintf(line, sizeof line, "  %4zu  %14.1f  %8.3f  %14.1f  %9.3f  %7.1f%s\n", b + 1,
                  beat.first_onset, beat.first_onset / a.fs, beat.last_offset,
                  beat.last_offset / a.fs, beat.duration_ms(a.fs), beat.paced ? "  paced" : "");
    out << line;
  }
  if (a.beats.empty()) out << "  (no beats found)\n";
  if (!a.pacing_spikes.empty()) out << "  pacemaker spikes: " << a.pacing_spikes.size() << '\n';
  out << "  QRS complexes per lead:";
  for (const LeadAnnotation& lead : a.leads) out << ' ' << lead.name << '=' << lead.qrs.size();
  out << "\n";
}

}  // namespace qrs::cli
