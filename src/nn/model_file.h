#pragma once
// Reads the container layer of a .qrsm model file (docs/model_format.md): magic, version, sizes,
// CRC-32, the JSON header and the tensor table. It trusts nothing before the checksum matches and
// checks every tensor against the data section, so a damaged file becomes a qrs::Error here.
// It does not interpret layers; graph.h does that.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "util/json.h"

namespace qrs::nn {

struct TensorData {
  std::vector<std::int64_t> shape;
  std::vector<float> values;  // row-major, PyTorch layout, count == product(shape)
};

struct ModelFile {
  std::string header_json;  // verbatim
  json::Value header;       // parsed
  std::map<std::string, TensorData> tensors;
};

inline constexpr char kModelMagic[8] = {'Q', 'R', 'S', 'M', 'O', 'D', 'E', 'L'};
inline constexpr std::uint32_t kModelFormatVersion = 1;

ModelFile read_model_file(const std::uint8_t* bytes, std::size_t size);

}  // namespace qrs::nn
