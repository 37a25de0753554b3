// Each standard relaxed-SIMD intrinsic of cmake/wasm_relaxed_simd_compat.h (clang 14 builtins,
// draft opcodes rewritten after linking by cmake/wasm_relaxed_madd.mjs) against a scalar
// definition of the standard instruction, on inputs where every result the relaxed instruction
// allows is the same. Prints one line per intrinsic: "<name> ok" or "<name> FAIL ...".
// Built and run by tests/js/relaxed_simd_compat.test.mjs.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wasm_simd128.h>

static int failures = 0;

static void report(const char* name, const void* got, const void* want) {
  const int ok = memcmp(got, want, 16) == 0;
  failures += !ok;
  printf("%s %s\n", name, ok ? "ok" : "FAIL");
}

// Built with -O0 (tests/js/relaxed_simd_compat.test.mjs): neither clang nor wasm-opt folds an op
// at build time with its own idea of the draft instruction; the engine computes every one.
static v128_t load(const void* p) { return wasm_v128_load(p); }

int main(void) {
  const float a[4] = {1.5f, -2.0f, 3.25f, 0.5f}, b[4] = {2.0f, 4.0f, -1.0f, 8.0f}, c[4] = {0.25f, 1.0f, 2.0f, -3.0f};
  const double da[2] = {1.5, -2.0}, db[2] = {4.0, 0.5}, dc[2] = {1.0, 3.0};
  float f[4];
  double d[2];
  v128_t r;
  for (int i = 0; i < 4; ++i) f[i] = a[i] * b[i] + c[i];  // exact in float: fused or not alike
  r = wasm_f32x4_relaxed_madd(load(a), load(b), load(c)); report("f32x4.relaxed_madd", &r, f);
  for (int i = 0; i < 4; ++i) f[i] = -(a[i] * b[i]) + c[i];
  r = wasm_f32x4_relaxed_nmadd(load(a), load(b), load(c)); report("f32x4.relaxed_nmadd", &r, f);
  for (int i = 0; i < 2; ++i) d[i] = da[i] * db[i] + dc[i];
  r = wasm_f64x2_relaxed_madd(load(da), load(db), load(dc)); report("f64x2.relaxed_madd", &r, d);
  for (int i = 0; i < 2; ++i) d[i] = -(da[i] * db[i]) + dc[i];
  r = wasm_f64x2_relaxed_nmadd(load(da), load(db), load(dc)); report("f64x2.relaxed_nmadd", &r, d);

  // laneselect: lanes of the first operand where the mask lane is all ones, else the second.
  const int32_t x32[4] = {1, 2, 3, 4}, y32[4] = {10, 20, 30, 40}, m32[4] = {-1, 0, -1, 0};
  const int32_t sel32[4] = {1, 20, 3, 40};
  r = wasm_i32x4_relaxed_laneselect(load(x32), load(y32), load(m32)); report("i32x4.relaxed_laneselect", &r, sel32);
  int8_t x8[16], y8[16], m8[16], sel8[16];
  for (int i = 0; i < 16; ++i) { x8[i] = (int8_t)i; y8[i] = (int8_t)(100 + i); m8[i] = (i % 3) ? -1 : 0; sel8[i] = m8[i] ? x8[i] : y8[i]; }
  r = wasm_i8x16_relaxed_laneselect(load(x8), load(y8), load(m8)); report("i8x16.relaxed_laneselect", &r, sel8);
  int16_t x16[8], y16[8], m16[8], sel16[8];
  for (int i = 0; i < 8; ++i) { x16[i] = (int16_t)(i * 7); y16[i] = (int16_t)(-i); m16[i] = (i & 1) ? -1 : 0; sel16[i] = m16[i] ? x16[i] : y16[i]; }
  r = wasm_i16x8_relaxed_laneselect(load(x16), load(y16), load(m16)); report("i16x8.relaxed_laneselect", &r, sel16);
  const int64_t x64[2] = {5, 6}, y64[2] = {7, 8}, m64[2] = {0, -1}, sel64[2] = {7, 6};
  r = wasm_i64x2_relaxed_laneselect(load(x64), load(y64), load(m64)); report("i64x2.relaxed_laneselect", &r, sel64);

  // min / max on ordinary numbers (NaN and -0 vs +0 are where relaxed results may differ).
  for (int i = 0; i < 4; ++i) f[i] = a[i] < b[i] ? a[i] : b[i];
  r = wasm_f32x4_relaxed_min(load(a), load(b)); report("f32x4.relaxed_min", &r, f);
  for (int i = 0; i < 4; ++i) f[i] = a[i] > b[i] ? a[i] : b[i];
  r = wasm_f32x4_relaxed_max(load(a), load(b)); report("f32x4.relaxed_max", &r, f);
  for (int i = 0; i < 2; ++i) d[i] = da[i] < db[i] ? da[i] : db[i];
  r = wasm_f64x2_relaxed_min(load(da), load(db)); report("f64x2.relaxed_min", &r, d);
  for (int i = 0; i < 2; ++i) d[i] = da[i] > db[i] ? da[i] : db[i];
  r = wasm_f64x2_relaxed_max(load(da), load(db)); report("f64x2.relaxed_max", &r, d);

  // swizzle with in-range indices.
  uint8_t table[16], index[16], swz[16];
  for (int i = 0; i < 16; ++i) { table[i] = (uint8_t)(200 + i); index[i] = (uint8_t)((i * 5) % 16); }
  for (int i = 0; i < 16; ++i) swz[i] = table[index[i]];
  r = wasm_i8x16_relaxed_swizzle(load(table), load(index)); report("i8x16.relaxed_swizzle", &r, swz);

  // truncation of in-range values.
  const float t[4] = {1.9f, -2.9f, 100.5f, 0.0f};
  const int32_t ts[4] = {1, -2, 100, 0};
  r = wasm_i32x4_relaxed_trunc_f32x4(load(t)); report("i32x4.relaxed_trunc_f32x4_s", &r, ts);
  const float tu[4] = {1.9f, 2.9f, 100.5f, 7.0f};
  const uint32_t tus[4] = {1, 2, 100, 7};
  r = wasm_u32x4_relaxed_trunc_f32x4(load(tu)); report("i32x4.relaxed_trunc_f32x4_u", &r, tus);
  const double td[2] = {-3.7, 9.2};
  const int32_t tds[4] = {-3, 9, 0, 0};
  r = wasm_i32x4_relaxed_trunc_f64x2_zero(load(td)); report("i32x4.relaxed_trunc_f64x2_s_zero", &r, tds);
  const double tdu[2] = {3.7, 9.2};
  const uint32_t tdus[4] = {3, 9, 0, 0};
  r = wasm_u32x4_relaxed_trunc_f64x2_zero(load(tdu)); report("i32x4.relaxed_trunc_f64x2_u_zero", &r, tdus);

  // Emulated (no clang 14 builtin): q15mulr and the integer dot products, with 7-bit b.
  const int16_t qa[8] = {16384, -16384, 32767, 100, -200, 3, 0, 12345}, qb[8] = {16384, 16384, 32767, -100, 300, 5, 7, -2};
  int16_t q[8];
  for (int i = 0; i < 8; ++i) q[i] = (int16_t)((qa[i] * qb[i] + (1 << 14)) >> 15);
  r = wasm_i16x8_relaxed_q15mulr(load(qa), load(qb)); report("i16x8.relaxed_q15mulr_s", &r, q);
  int8_t da8[16], db7[16];
  for (int i = 0; i < 16; ++i) { da8[i] = (int8_t)(i * 17 - 128); db7[i] = (int8_t)(i * 9 - 64); }
  int16_t dot16[8];
  for (int j = 0; j < 8; ++j) dot16[j] = (int16_t)(da8[2 * j] * db7[2 * j] + da8[2 * j + 1] * db7[2 * j + 1]);
  r = wasm_i16x8_relaxed_dot_i8x16_i7x16(load(da8), load(db7)); report("i16x8.relaxed_dot_i8x16_i7x16_s", &r, dot16);
  const int32_t acc[4] = {1, -2, 1000, 0};
  int32_t dot32[4];
  for (int j = 0; j < 4; ++j) {
    dot32[j] = acc[j];
    for (int k = 0; k < 4; ++k) dot32[j] += da8[4 * j + k] * db7[4 * j + k];
  }
  r = wasm_i32x4_relaxed_dot_i8x16_i7x16_add(load(da8), load(db7), load(acc)); report("i32x4.relaxed_dot_i8x16_i7x16_add_s", &r, dot32);
  printf("%s\n", failures ? "FAILED" : "all relaxed intrinsics ok");
  return failures != 0;
}
