#!/usr/bin/env bash
# Builds bench/annotate_phases.cpp and bench/conv1d_kernels.cpp as wasm programs for node, once per
# variant (plain, simd, relaxed), against the core libraries (and XNNPACK's) of an emcmake build
# dir (default build/wasm-perf), then runs each:
#   bench/wasm/build_phases.sh [WASM_BUILD_DIR [bench_annotate_phases options...]]
# NODERAWFS lets the program read LUDB and the model from disk like the native one does.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$src/build/wasm-perf}
[[ $# -gt 0 ]] && shift
out=$build/bench-phases
mkdir -p "$out"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
for variant in plain simd relaxed; do
  # The core library and, for the SIMD variants, XNNPACK's (cmake/wasm.cmake writes the list).
  link=$build/qrs_core_$variant.link
  [[ -f $link ]] || { echo "missing $link: configure $build with emcmake" >&2; exit 1; }
  mapfile -t libs < "$link"
  [[ -f ${libs[0]} ]] || { echo "missing ${libs[0]}: cmake --build $build --target qrs_core_$variant" >&2; exit 1; }
  flags=(-O3 -std=c++17 -fexceptions)
  node_flags=(--no-experimental-fetch)
  [[ $variant == simd ]] && flags+=(-msimd128)
  # Relaxed SIMD: clang 14's pre-standard f32x4.fma is rewritten to relaxed_madd (as in
  # cmake/wasm.cmake), and node 20 runs it only with the V8 flag.
  [[ $variant == relaxed ]] && flags+=(-msimd128 -mrelaxed-simd) && node_flags+=(--experimental-wasm-relaxed-simd)
  for bench in annotate_phases conv1d_kernels; do
    em++ "${flags[@]}" -I"$src/src" -DQRS_SOURCE_DIR="\"$src\"" "$src/bench/$bench.cpp" "${libs[@]}" \
        -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -o "$out/${bench}_$variant.cjs"
    if [[ $variant == relaxed ]]; then
      node "$src/cmake/wasm_relaxed_madd.mjs" /usr/lib/llvm-14/bin/llvm-objdump "$out/${bench}_$variant.wasm"
    fi
  done
  echo "== wasm $variant (node $(node --version))"
  # Emscripten 3.1.6 would fetch() its .wasm when node has a global fetch; read it from disk instead.
  node "${node_flags[@]}" "$out/annotate_phases_$variant.cjs" "$@"
  node "${node_flags[@]}" "$out/conv1d_kernels_$variant.cjs"
done
