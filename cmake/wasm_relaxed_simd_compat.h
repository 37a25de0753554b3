/* The standard relaxed-SIMD intrinsics XNNPACK's wasmrelaxedsimd kernels call, for Emscripten
 * 3.1.6's clang 14, whose <wasm_simd128.h> has none of them. Force-included into every source of
 * the relaxed XNNPACK build (cmake/xnnpack.cmake).
 *
 * Where clang 14 has a builtin for the operation, the intrinsic calls it with the operands in the
 * standard intrinsic's order. Clang 14 encodes those builtins with the proposal's early opcodes
 * (f32x4.fma = 0xfd 0xaf 0x01, ...), which no shipping engine accepts; after linking,
 * cmake/wasm_relaxed_madd.mjs rewrites each to the standard opcode of the same operation (same
 * operands, same order, same length), so the module computes exactly the standard intrinsic.
 *
 * clang 14 has no builtin for the relaxed integer dot products or q15mulr; those are written with
 * standard SIMD128 instructions instead, giving the fully specified result (signed products,
 * saturating q15mulr), which is one of the results the relaxed instructions allow. XNNPACK uses
 * them only in int8 kernels and in its start-up feature probes, never in the f32 operators this
 * project runs. */
#ifndef QRS_WASM_RELAXED_SIMD_COMPAT_H
#define QRS_WASM_RELAXED_SIMD_COMPAT_H
#if defined(__wasm_relaxed_simd__) && defined(__wasm_simd128__)
#include <wasm_simd128.h>

#define QRS_RELAXED_FN static __inline__ v128_t __attribute__((__always_inline__, __nodebug__))

typedef float qrs_f32x4 __attribute__((__vector_size__(16)));
typedef double qrs_f64x2 __attribute__((__vector_size__(16)));
typedef signed char qrs_i8x16 __attribute__((__vector_size__(16)));
typedef short qrs_i16x8 __attribute__((__vector_size__(16)));
typedef int qrs_i32x4 __attribute__((__vector_size__(16)));
typedef long long qrs_i64x2 __attribute__((__vector_size__(16)));

/* a * b + c and -(a * b) + c, fused or not. */
QRS_RELAXED_FN wasm_f32x4_relaxed_madd(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_fma_f32x4((qrs_f32x4)a, (qrs_f32x4)b, (qrs_f32x4)c);
}
QRS_RELAXED_FN wasm_f32x4_relaxed_nmadd(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_fms_f32x4((qrs_f32x4)a, (qrs_f32x4)b, (qrs_f32x4)c);
}
QRS_RELAXED_FN wasm_f64x2_relaxed_madd(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_fma_f64x2((qrs_f64x2)a, (qrs_f64x2)b, (qrs_f64x2)c);
}
QRS_RELAXED_FN wasm_f64x2_relaxed_nmadd(v128_t a, v128_t b, v128_t c) {
  return (v128_t)__builtin_wasm_fms_f64x2((qrs_f64x2)a, (qrs_f64x2)b, (qrs_f64x2)c);
}

/* Lanes of a where the mask is set, else of b. */
QRS_RELAXED_FN wasm_i8x16_relaxed_laneselect(v128_t a, v128_t b, v128_t m) {
  return (v128_t)__builtin_wasm_laneselect_i8x16((qrs_i8x16)a, (qrs_i8x16)b, (qrs_i8x16)m);
}
QRS_RELAXED_FN wasm_i16x8_relaxed_laneselect(v128_t a, v128_t b, v128_t m) {
  return (v128_t)__builtin_wasm_laneselect_i16x8((qrs_i16x8)a, (qrs_i16x8)b, (qrs_i16x8)m);
}
QRS_RELAXED_FN wasm_i32x4_relaxed_laneselect(v128_t a, v128_t b, v128_t m) {
  return (v128_t)__builtin_wasm_laneselect_i32x4((qrs_i32x4)a, (qrs_i32x4)b, (qrs_i32x4)m);
}
QRS_RELAXED_FN wasm_i64x2_relaxed_laneselect(v128_t a, v128_t b, v128_t m) {
  return (v128_t)__builtin_wasm_laneselect_i64x2((qrs_i64x2)a, (qrs_i64x2)b, (qrs_i64x2)m);
}

QRS_RELAXED_FN wasm_i8x16_relaxed_swizzle(v128_t a, v128_t s) {
  return (v128_t)__builtin_wasm_relaxed_swizzle_i8x16((qrs_i8x16)a, (qrs_i8x16)s);
}
QRS_RELAXED_FN wasm_f32x4_relaxed_min(v128_t a, v128_t b) {
  return (v128_t)__builtin_wasm_relaxed_min_f32x4((qrs_f32x4)a, (qrs_f32x4)b);
}
QRS_RELAXED_FN wasm_f32x4_relaxed_max(v128_t a, v128_t b) {
  return (v128_t)__builtin_wasm_relaxed_max_f32x4((qrs_f32x4)a, (qrs_f32x4)b);
}
QRS_RELAXED_FN wasm_f64x2_relaxed_min(v128_t a, v128_t b) {
  return (v128_t)__builtin_wasm_relaxed_min_f64x2((qrs_f64x2)a, (qrs_f64x2)b);
}
QRS_RELAXED_FN wasm_f64x2_relaxed_max(v128_t a, v128_t b) {
  return (v128_t)__builtin_wasm_relaxed_max_f64x2((qrs_f64x2)a, (qrs_f64x2)b);
}
QRS_RELAXED_FN wasm_i32x4_relaxed_trunc_f32x4(v128_t a) {
  return (v128_t)__builtin_wasm_relaxed_trunc_s_i32x4_f32x4((qrs_f32x4)a);
}
QRS_RELAXED_FN wasm_u32x4_relaxed_trunc_f32x4(v128_t a) {
  return (v128_t)__builtin_wasm_relaxed_trunc_u_i32x4_f32x4((qrs_f32x4)a);
}
QRS_RELAXED_FN wasm_i32x4_relaxed_trunc_f64x2_zero(v128_t a) {
  return (v128_t)__builtin_wasm_relaxed_trunc_zero_s_i32x4_f64x2((qrs_f64x2)a);
}
QRS_RELAXED_FN wasm_u32x4_relaxed_trunc_f64x2_zero(v128_t a) {
  return (v128_t)__builtin_wasm_relaxed_trunc_zero_u_i32x4_f64x2((qrs_f64x2)a);
}

/* No clang 14 builtin: standard SIMD128 with the same (signed, saturating) results. */
QRS_RELAXED_FN wasm_i16x8_relaxed_q15mulr(v128_t a, v128_t b) {
  return wasm_i16x8_q15mulr_sat(a, b);
}
/* out[j] = a[2j] * b[2j] + a[2j + 1] * b[2j + 1] (16-bit, wrapping). */
QRS_RELAXED_FN wasm_i16x8_relaxed_dot_i8x16_i7x16(v128_t a, v128_t b) {
  const v128_t lo = wasm_i16x8_extmul_low_i8x16(a, b);
  const v128_t hi = wasm_i16x8_extmul_high_i8x16(a, b);
  return wasm_i16x8_add(wasm_i16x8_shuffle(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14),
                        wasm_i16x8_shuffle(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15));
}
/* out[j] = sum over k < 4 of a[4j + k] * b[4j + k], plus c[j]. */
QRS_RELAXED_FN wasm_i32x4_relaxed_dot_i8x16_i7x16_add(v128_t a, v128_t b, v128_t c) {
  const v128_t lo = wasm_i32x4_extadd_pairwise_i16x8(wasm_i16x8_extmul_low_i8x16(a, b));
  const v128_t hi = wasm_i32x4_extadd_pairwise_i16x8(wasm_i16x8_extmul_high_i8x16(a, b));
  const v128_t sums = wasm_i32x4_add(wasm_i32x4_shuffle(lo, hi, 0, 2, 4, 6),
                                     wasm_i32x4_shuffle(lo, hi, 1, 3, 5, 7));
  return wasm_i32x4_add(sums, c);
}

#undef QRS_RELAXED_FN

/* FP16 SIMD (wasm_f16x8_*) does not exist in clang 14 at all. XNNPACK's f16 SIMD header defines
 * inline helpers that call these, and its kernels that compute in f32 (f16-f32acc-*) include that
 * header for its load and store helpers only; declarations let them compile. The pure-fp16 kernels
 * that do call them compile too but are never linked: XNNPACK's configs pick them only in builds
 * with -mfp16 (XNN_ARCH_WASMRELAXEDSIMDFP16). Should one be referenced, linking fails on the
 * undefined intrinsic; nothing runs a stand-in. */
#if !defined(__wasm_fp16__)
v128_t wasm_f16x8_add(v128_t a, v128_t b);
v128_t wasm_f16x8_sub(v128_t a, v128_t b);
v128_t wasm_f16x8_mul(v128_t a, v128_t b);
v128_t wasm_f16x8_div(v128_t a, v128_t b);
v128_t wasm_f16x8_pmin(v128_t a, v128_t b);
v128_t wasm_f16x8_pmax(v128_t a, v128_t b);
v128_t wasm_f16x8_eq(v128_t a, v128_t b);
v128_t wasm_f16x8_neg(v128_t a);
v128_t wasm_f16x8_sqrt(v128_t a);
v128_t wasm_f16x8_nearest(v128_t a);
v128_t wasm_f16x8_relaxed_madd(v128_t a, v128_t b, v128_t c);
v128_t wasm_f16x8_relaxed_nmadd(v128_t a, v128_t b, v128_t c);
#endif
#endif
#endif
