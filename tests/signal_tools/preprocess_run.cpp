// Runs the C++ signal/ code on raw float32 files so tests/python/test_preprocess_parity.py can
// compare it with training/preprocess.py on the same input.
//   preprocess_run preprocess IN.f32 OUT.f32 FS_IN FS_MODEL BASELINE_S AMPLITUDE_WINDOW_S
//                  AMPLITUDE_FLOOR AMPLITUDE_CONTEXT_S SCALE CLIP
//   preprocess_run to_input   IN.f32 OUT.f32 FS_MODEL N_OUT FS_OUT
// Files are headerless little-endian float32 arrays.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "signal/preprocess.h"
#include "util/error.h"

namespace {

std::vector<float> read_f32(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw qrs::Error(path + ": cannot open");
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
  if (bytes.size() % sizeof(float)) throw qrs::Error(path + ": size is not a multiple of 4 bytes");
  std::vector<float> x(bytes.size() / sizeof(float));
  std::copy(bytes.begin(), bytes.end(), reinterpret_cast<char*>(x.data()));
  return x;
}

void write_f32(const std::string& path, const std::vector<float>& y) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(y.data()), static_cast<std::streamsize>(y.size() * 4));
  if (!out) throw qrs::Error(path + ": cannot write");
}

double number(const char* text) {
  return std::strtod(text, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "preprocess" && argc == 12) {
      const std::vector<float> x = read_f32(argv[2]);
      qrs::signal::PreprocessSpec spec;
      spec.baseline_window_s = number(argv[6]);
      spec.amplitude_window_s = number(argv[7]);
      spec.amplitude_floor = number(argv[8]);
      spec.amplitude_context_s = number(argv[9]);
      spec.scale = number(argv[10]);
      spec.clip = number(argv[11]);
      write_f32(argv[3], qrs::signal::preprocess_lead(x.data(), x.size(), number(argv[4]),
                                                      number(argv[5]), spec));
      return 0;
    }
    if (mode == "to_input" && argc == 7) {
      const std::vector<float> y = read_f32(argv[2]);
      write_f32(argv[3],
                qrs::signal::to_input_rate(y.data(), y.size(), number(argv[4]),
                                           std::strtoull(argv[5], nullptr, 10), number(argv[6])));
      return 0;
    }
    std::fprintf(stderr,
                 "usage: preprocess_run preprocess IN OUT FS_IN FS_MODEL BASELINE_S "
                 "AMPLITUDE_WINDOW_S AMPLITUDE_FLOOR AMPLITUDE_CONTEXT_S SCALE CLIP\n"
                 "       preprocess_run to_input IN OUT FS_MODEL N_OUT FS_OUT\n");
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "preprocess_run: %s\n", e.what());
    return 1;
  }
}
