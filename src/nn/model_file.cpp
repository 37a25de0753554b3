// Container checks in the order docs/model_format.md lists them; each failure has its own message.
#include "nn/model_file.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "util/crc32.h"
#include "util/error.h"

namespace qrs::nn {
namespace {

std::uint32_t read_u32_le(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
         (std::uint32_t(p[3]) << 24);
}

[[noreturn]] void fail(const std::string& what) { throw Error("model file: " + what); }

float read_f32_le(const std::uint8_t* p) {
  std::uint32_t bits = read_u32_le(p);
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

TensorData read_tensor(const json::Value& entry, const std::uint8_t* data, std::size_t data_size,
                       const std::string& name) {
  TensorData t;
  const std::string where = "tensor '" + name + "'";
  std::size_t count = 1;
  for (const json::Value& dim : entry.at("shape").as_array(where + " shape")) {
    long long d = dim.as_integer(where + " shape");
    // The largest real model has ~10^6 weights; 2^31 keeps products far from overflow.
    if (d <= 0 || d > (1LL << 31)) fail(where + ": dimension " + std::to_string(d) + " is invalid");
    t.shape.push_back(d);
    if (count > (std::numeric_limits<std::size_t>::max() / 4) / std::size_t(d))
      fail(where + ": shape is too large");
    count *= std::size_t(d);
  }
  long long offset = entry.at("offset").as_integer(where + " offset");
  if (offset < 0 || offset % 16 != 0)
    fail(where + ": offset " + std::to_string(offset) + " is not a non-negative multiple of 16");
  if (std::size_t(offset) > data_size || count * 4 > data_size - std::size_t(offset))
    fail(where + " lies outside the data section (offset " + std::to_string(offset) + ", " +
         std::to_string(count * 4) + " bytes, section has " + std::to_string(data_size) + ")");
  t.values.resize(count);
  const std::uint8_t* p = data + offset;
  for (std::size_t i = 0; i < count; ++i) t.values[i] = read_f32_le(p + 4 * i);
  for (float v : t.values)
    if (!std::isfinite(v)) fail(where + " holds a non-finite value");
  return t;
}

}  // namespace

ModelFile read_model_file(const std::uint8_t* bytes, std::size_t size) {
  if (bytes == nullptr || size < 20)
    fail("too short (" + std::to_string(size) + " bytes) to be a QRS model file");
  if (std::memcmp(bytes, kModelMagic, sizeof kModelMagic) != 0) fail("not a QRS model file");
  std::uint32_t version = read_u32_le(bytes + 8);
  if (version != kModelFormatVersion)
    fail("format version " + std::to_string(version) + " is not supported (this build reads " +
         std::to_string(kModelFormatVersion) + ")");
  std::uint64_t header_length = read_u32_le(bytes + 12);
  if (16 + header_length + 4 > size)
    fail("header length " + std::to_string(header_length) + " is larger than the file (" +
         std::to_string(size) + " bytes)");
  std::uint32_t stored_crc = read_u32_le(bytes + size - 4);
  if (crc32(bytes, size - 4) != stored_crc) fail("damaged: checksum mismatch");

  const std::size_t data_start = (16 + header_length + 15) / 16 * 16;
  if (data_start > size - 4) fail("data section starts beyond the end of the file");
  for (std::size_t i = 16 + header_length; i < data_start; ++i)
    if (bytes[i] != 0) fail("padding after the header is not zero");

  ModelFile file;
  file.header_json.assign(reinterpret_cast<const char*>(bytes + 16), header_length);
  try {
    file.header = json::parse(file.header_json);
  } catch (const Error& e) {
    fail(std::string("header: ") + e.what());
  }
  try {
    if (!file.header.is_object()) fail("header is not a JSON object");
    const json::Value* format = file.header.find("format");
    if (!format || !format->is_string() || format->as_string() != "qrs-annotator-model")
      fail("header 'format' is not \"qrs-annotator-model\"");
    const std::uint8_t* data = bytes + data_start;
    const std::size_t data_size = size - 4 - data_start;
    for (const json::Value& entry : file.header.at("tensors").as_array("tensors")) {
      const std::string& name = entry.at("name").as_string("tensor name");
      if (file.tensors.count(name)) fail("tensor '" + name + "' is defined twice");
      file.tensors.emplace(name, read_tensor(entry, data, data_size, name));
    }
  } catch (const Error& e) {
    std::string msg = e.what();
    if (msg.rfind("model file: ", 0) == 0) throw;
    fail(msg);
  }
  return file;
}

}  // namespace qrs::nn
