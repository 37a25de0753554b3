#!/usr/bin/env bash
# The native GoogleTest suite under AddressSanitizer + UndefinedBehaviorSanitizer: builds with clang
# and -DQRS_SANITIZE=ON in build/sanitize, then runs every test_* binary (or the areas given).
# Exits non-zero on any test failure or sanitizer report (the build uses -fno-sanitize-recover).
#   scripts/sanitize.sh             all areas (tests/cpp/*)
#   scripts/sanitize.sh formats     only test_formats
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build/sanitize
JOBS=${JOBS:-2}

if (($#)); then
  areas=("$@")
else
  areas=()
  for dir in tests/cpp/*/; do
    ls "$dir"*.cpp >/dev/null 2>&1 && areas+=("$(basename "$dir")")
  done
fi
targets=()
for a in "${areas[@]}"; do targets+=("test_$a"); done

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DQRS_SANITIZE=ON >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target "${targets[@]}"

export ECG_LUDB_DIR=${ECG_LUDB_DIR:-$PWD/../shared/data/ludb}
export QRS_SOURCE_DIR=$PWD QRS_BUILD_DIR=$PWD/$BUILD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  echo "sanitize: $t"
  if ! "$BUILD/tests/$t" --gtest_brief=1; then failed+=("$t"); fi
done
if ((${#failed[@]})); then
  echo "sanitize: failures in: ${failed[*]}" >&2
  exit 1
fi
echo "sanitize: ok (${targets[*]})"
