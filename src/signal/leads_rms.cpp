// The record-context channel of two-channel models (docs/signal.md section 4).
#include <cmath>
#include <string>

#include "signal/preprocess.h"
#include "util/error.h"

namespace qrs::signal {

void LeadsRms::add(const std::vector<float>& model_input) {
  if (model_input.size() != sum_squares_.size())
    throw Error("leads_rms: a lead has " + std::to_string(model_input.size()) +
                " model samples, the record's first lead has " +
                std::to_string(sum_squares_.size()));
  for (std::size_t i = 0; i < model_input.size(); ++i) {
    const double v = model_input[i];
    sum_squares_[i] += v * v;
  }
  ++leads_;
}

std::vector<float> LeadsRms::finish() const {
  if (leads_ == 0) throw Error("leads_rms: no leads were added");
  std::vector<float> rms(sum_squares_.size());
  const double count = static_cast<double>(leads_);
  for (std::size_t i = 0; i < rms.size(); ++i)
    rms[i] = static_cast<float>(std::sqrt(sum_squares_[i] / count));
  return rms;
}

}  // namespace qrs::signal
