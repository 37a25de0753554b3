// The Annotator facade (see annotator.h): preprocess each lead, one windowed forward pass, map the
// probabilities back to the input's grid, find QRS events; then the global beats across leads.
#include "annotator.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "signal/preprocess.h"

namespace qrs {

struct Annotator::Impl {
  std::unique_ptr<nn::Network> network;
  AnnotatorOptions options;
  std::size_t onset_channel = 0;
  std::size_t offset_channel = 0;
};

namespace {

// Index of the model output called `name`; the model file names its channels so the order is
// never assumed.
std::size_t output_channel(const nn::ModelInfo& info, const std::string& name) {
  for (std::size_t c = 0; c < info.outputs.size(); ++c)
    if (info.outputs[c] == name) return c;
  throw Error("model '" + info.name + "' has no output named '" + name +
              "' (an annotator model needs \"onset\" and \"offset\" outputs)");
}

// Channel c of a channels-last [length, channels] buffer.
std::vector<float> take_channel(const std::vector<float>& y, std::size_t channels, std::size_t c) {
  const std::size_t length = y.size() / channels;
  std::vector<float> out(length);
  for (std::size_t i = 0; i < length; ++i) out[i] = y[i * channels + c];
  return out;
}

}  // namespace

Annotator::Annotator() : impl_(std::make_unique<Impl>()) {}
Annotator::~Annotator() = default;

std::unique_ptr<Annotator> Annotator::from_model_bytes(const std::uint8_t* bytes, std::size_t size,
                                                       const AnnotatorOptions& options) {
  std::unique_ptr<Annotator> annotator(new Annotator());
  Impl& impl = *annotator->impl_;
  impl.network = nn::Network::load(bytes, size, options.backend);
  impl.options = options;
  const nn::ModelInfo& info = impl.network->info();
  if (info.channels_in != 1)
    throw Error("model '" + info.name + "' expects " + std::to_string(info.channels_in) +
                " input channels; the annotator feeds one lead at a time");
  if (!(info.sample_rate_hz > 0))
    throw Error("model '" + info.name + "' has no valid sample_rate_hz");
  impl.onset_channel = output_channel(info, "onset");
  impl.offset_channel = output_channel(info, "offset");
  return annotator;
}

std::unique_ptr<Annotator> Annotator::from_model_file(const std::string& path,
                                                      const AnnotatorOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open the model file (set QRS_MODEL or pass --model PATH)");
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  try {
    return from_model_bytes(bytes.data(), bytes.size(), options);
  } catch (const Error& e) {
    throw Error(path + ": " + e.what());
  }
}

Annotation Annotator::annotate(const Record& record) {
  const std::string label = record.name.empty() ? record.source : record.name;
  if (record.leads.empty()) throw Error(label + ": the record has no leads");
  if (!(record.fs > 0) || !std::isfinite(record.fs))
    throw Error(label + ": sampling rate must be positive (got " + std::to_string(record.fs) +
                " Hz)");
  const std::size_t n = record.length();
  if (n == 0) throw Error(label + ": the record has no samples");
  for (const Lead& lead : record.leads)
    if (lead.samples.size() != n)
      throw Error(label + ": lead '" + lead.name + "' has " + std::to_string(lead.samples.size()) +
                  " samples, lead '" + record.leads.front().name + "' has " + std::to_string(n));

  const nn::ModelInfo& info = impl_->network->info();
  const auto channels = static_cast<std::size_t>(info.channels_out);
  Annotation result;
  result.record = label;
  result.fs = record.fs;
  result.length = n;
  result.warnings = record.warnings;
  for (const Lead& lead : record.leads) {
    const std::vector<float> input = signal::preprocess_lead(lead.samples.data(), n, record.fs,
                                                             info.sample_rate_hz, info.preprocess);
    const std::vector<float> output = impl_->network->run(input.data(), input.size());
    const std::vector<float> onset = take_channel(output, channels, impl_->onset_channel);
    const std::vector<float> offset = take_channel(output, channels, impl_->offset_channel);
    LeadAnnotation annotated;
    annotated.name = lead.name;
    annotated.onset_prob =
        signal::to_input_rate(onset.data(), onset.size(), info.sample_rate_hz, n, record.fs);
    annotated.offset_prob =
        signal::to_input_rate(offset.data(), offset.size(), info.sample_rate_hz, n, record.fs);
    annotated.qrs =
        annotate::find_qrs_events(annotated.onset_prob.data(), annotated.offset_prob.data(), n,
                                  record.fs, impl_->options.events);
    result.leads.push_back(std::move(annotated));
  }
  result.beats = annotate::find_beats(result.leads, record.fs, impl_->options.events);
  if (!impl_->options.keep_probabilities) {
    for (LeadAnnotation& lead : result.leads) {
      lead.onset_prob = {};
      lead.offset_prob = {};
    }
  }
  return result;
}

const nn::ModelInfo& Annotator::model_info() const {
  return impl_->network->info();
}

nn::BackendKind Annotator::backend() const {
  return impl_->network->backend();
}

std::string default_model_path() {
  const char* from_env = std::getenv("QRS_MODEL");
  if (from_env && *from_env) return from_env;
  return std::string(QRS_SOURCE_DIR) + "/model_weights/qrs_unet.qrsm";
}

}  // namespace qrs
