#!/usr/bin/env bash
# Bounded fuzzing of the file readers: builds every tests/fuzz/fuzz_*.cpp with clang + libFuzzer +
# ASan/UBSan in build/fuzz, writes seed corpora by code (make_fuzz_seeds), then runs each target
# for an equal share of FUZZ_SECONDS (default 180 s in all). Exits non-zero when a target crashes,
# leaks, times out or trips a sanitizer; the reproducer lands in build/fuzz/artifacts/.
#   scripts/fuzz.sh               all targets
#   scripts/fuzz.sh wfdb edf      only fuzz_wfdb and fuzz_edf
#   FUZZ_SECONDS=600 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=build/fuzz
TOTAL=${FUZZ_SECONDS:-180}
JOBS=${JOBS:-2}

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DQRS_FUZZ=ON -DQRS_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target qrs_fuzzers

rm -rf "$BUILD/seeds"
"$BUILD/tests/fuzz/make_fuzz_seeds" "$BUILD/seeds"

if (($#)); then
  targets=("$@")
else
  targets=()
  for exe in "$BUILD"/tests/fuzz/fuzz_*; do
    [[ -x $exe ]] && targets+=("$(basename "$exe" | sed 's/^fuzz_//')")
  done
fi
((${#targets[@]})) || { echo "fuzz: no fuzz targets built" >&2; exit 1; }
per_target=$((TOTAL / ${#targets[@]}))
((per_target >= 5)) || per_target=5

mkdir -p "$BUILD/artifacts"
failed=()
for name in "${targets[@]}"; do
  exe="$BUILD/tests/fuzz/fuzz_$name"
  corpus="$BUILD/corpus/$name"     # grows across runs; seeds are re-made each run
  mkdir -p "$corpus" "$BUILD/seeds/$name"
  echo "fuzz: fuzz_$name for ${per_target}s"
  if ! "$exe" "$corpus" "$BUILD/seeds/$name" \
      -max_total_time="$per_target" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$name-" \
      >"$BUILD/fuzz_$name.log" 2>&1; then
    failed+=("$name")
    echo "fuzz: fuzz_$name FAILED; last lines of $BUILD/fuzz_$name.log:" >&2
    tail -40 "$BUILD/fuzz_$name.log" >&2
  else
    grep -E "stat::number_of_executed_units|cov:" "$BUILD/fuzz_$name.log" | tail -2 || true
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: crashes in: ${failed[*]} (reproducers in $BUILD/artifacts/)" >&2
  exit 1
fi
echo "fuzz: ok (${targets[*]})"
