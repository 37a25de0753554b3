#!/usr/bin/env bash
# Idempotent machine set-up for building, serving and testing the project on Debian bookworm.
# Every README command calls this first, so a fresh machine (or CI) needs nothing done by hand.
# Re-running it is cheap: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  ccache                              # the project's compiles, cached (cmake/compiler_cache.cmake)
  xz-utils git                        # pinned third-party sources: .tar.xz, or git without them
  clang libclang-rt-14-dev            # libFuzzer + sanitizers
  googletest libgtest-dev libgmock-dev
  libedf-dev                          # EDFlib: writes EDF+/BDF+ for the reader's tests
  zlib1g-dev
  emscripten binaryen
  llvm-14                             # llvm-objdump for cmake/wasm_relaxed_madd.mjs
  python3 python3-numpy python3-scipy python3-torch
  python3-dev pybind11-dev            # the Python module (src/python)
  python3-distributed                 # Dask: qrs_batch spreads an archive over workers
  python3-pandas                      # tests: a DataFrame as annotate()'s leads (never imported by the module)
  chromium chromium-driver
  nodejs npm
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # nodejs/npm may come from elsewhere on the machine (Node 20); accept any working binary.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages (playwright-core for browser tests; peers for benchmarks are in bench/).
if [[ ! -d node_modules/playwright-core ]] || [[ package.json -nt node_modules/.setup-stamp ]]; then
  echo "setup: npm install"
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.setup-stamp
fi
echo "setup: ok"
