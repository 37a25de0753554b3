#!/usr/bin/env bash
# The pinned third-party sources build with downloads made impossible: an empty cache, no network
# (a network namespace of its own: `unshare -n`), QRS_THIRD_PARTY_OFFLINE=ON. Then the two ways it
# must fail: an archive whose bytes differ from the pinned sha256, and a missing archive (which,
# offline, may not be fetched instead). Fast: XNNPACK is unpacked, verified and configured but not
# compiled (tests/third_party/offline_project/CMakeLists.txt).
#   tests/third_party/offline_build.sh SOURCE_DIR ARCHIVES_DIR
set -euo pipefail
source_dir=$1
archives=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

configure() {  # configure <archives dir> <log>
  unshare -n cmake -S "$source_dir/tests/third_party/offline_project" -B "$work/build-$(basename "$2")" \
    -G Ninja -DQRS_SOURCE_DIR="$source_dir" -DQRS_THIRD_PARTY_ARCHIVES="$1" \
    -DQRS_THIRD_PARTY_CACHE="$work/cache-$(basename "$2")" -DQRS_THIRD_PARTY_OFFLINE=ON >"$2" 2>&1
}

# No network in here: anything that tries to fetch fails.
if unshare -n getent hosts github.com >/dev/null 2>&1; then
  echo "offline_build: the network namespace still resolves names" >&2; exit 1
fi

started=$(date +%s)
if ! configure "$archives" "$work/good.log"; then
  cat "$work/good.log" >&2; echo "offline_build: FAILED offline from $archives" >&2; exit 1
fi
grep -q "offline third-party check passed" "$work/good.log"
echo "offline_build: every pinned source verified, small projects built, XNNPACK configured," \
     "no network, in $(( $(date +%s) - started )) s"

# A damaged archive must be refused by its sha256.
mkdir "$work/damaged"
cp "$archives"/*.tar.xz "$work/damaged/"
chmod u+w "$work/damaged"/FXdiv-*.tar.xz
printf 'x' | dd of="$(ls "$work/damaged"/FXdiv-*.tar.xz)" bs=1 seek=100 conv=notrunc status=none
if configure "$work/damaged" "$work/damaged.log"; then
  echo "offline_build: a damaged FXdiv archive was accepted" >&2; exit 1
fi
grep -q "has sha256" "$work/damaged.log" || { cat "$work/damaged.log" >&2; exit 1; }

# A missing archive must not be fetched instead while offline.
mkdir "$work/missing"
cp "$archives"/*.tar.xz "$work/missing/"
rm -f "$work/missing"/pthreadpool-*.tar.xz
if configure "$work/missing" "$work/missing.log"; then
  echo "offline_build: a missing pthreadpool archive did not stop the offline build" >&2; exit 1
fi
grep -q "QRS_THIRD_PARTY_OFFLINE forbids fetching" "$work/missing.log" || { cat "$work/missing.log" >&2; exit 1; }
echo "offline_build: damaged and missing archives are refused"
