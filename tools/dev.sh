#!/usr/bin/env bash
# dynarock developer entry point: installs what is missing, builds, and runs one job.
#
#   tools/dev.sh demo        install, build, run the library demo (in-memory database)
#   tools/dev.sh server      install, build, run dynarock-server in memory on 127.0.0.1:8000
#   tools/dev.sh test        install, build, run the whole test suite through ctest
#   tools/dev.sh test-asan   the same test suite built with AddressSanitizer + UBSan
#   tools/dev.sh test-tsan   the concurrency tests built with ThreadSanitizer
#   tools/dev.sh bench       install, build (Release), run the benchmarks
#   tools/dev.sh deps        only install what is missing
#
# Environment: BUILD_DIR (default build, build-asan, build-tsan, build-release),
# JOBS (default: number of cores), CTEST_ARGS (extra ctest arguments).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
jobs="${JOBS:-$(nproc)}"
# ccache: share hits between clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1

# Debian packages the build, the tests and the benchmarks need.
debs=(build-essential cmake ccache pkg-config git
      librocksdb-dev libabsl-dev nlohmann-json3-dev catch2 libbenchmark-dev
      libboost-dev libssl-dev
      python3 python3-boto3 awscli nodejs npm wrk jq)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
  local missing=()
  for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # nodejs/npm may come from elsewhere (e.g. a preinstalled Node): accept working commands.
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    local keep=()
    for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || keep+=("$p"); done
    missing=("${keep[@]+"${keep[@]}"}")
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}"
  fi
  # The AWS SDK for JavaScript v3, for the client tests (pinned in tests/clients/package.json).
  if [ -f tests/clients/package.json ] && [ ! -d tests/clients/node_modules/@aws-sdk/client-dynamodb ]; then
    echo "== installing the AWS SDK for JavaScript (npm) into tests/clients"
    # Versions are pinned exactly in package.json; the lock file is not kept in the repository.
    (cd tests/clients && npm install --no-audit --no-fund --loglevel=error)
  fi
}

configure_and_build() {  # $1 = build dir, rest = cmake options
  local dir="$1"; shift
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

run_ctest() {  # $1 = build dir, rest = ctest args
  local dir="$1"; shift
  # shellcheck disable=SC2086
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" ${CTEST_ARGS:-} "$@"
}

cmd="${1:-}"
case "$cmd" in
  deps)
    install_deps ;;
  demo)
    install_deps
    dir="${BUILD_DIR:-build}"
    configure_and_build "$dir" -DDYNAROCK_BUILD_BENCH=OFF
    "$dir/tools/demo/dynarock-demo" ;;
  server)
    install_deps
    dir="${BUILD_DIR:-build}"
    configure_and_build "$dir" -DDYNAROCK_BUILD_BENCH=OFF
    shift
    exec "$dir/tools/server/dynarock-server" --in-memory "$@" ;;
  test)
    install_deps
    dir="${BUILD_DIR:-build}"
    configure_and_build "$dir" -DDYNAROCK_BUILD_BENCH=ON
    run_ctest "$dir" ;;
  test-asan)
    install_deps
    dir="${BUILD_DIR:-build-asan}"
    configure_and_build "$dir" -DDYNAROCK_SANITIZE=ON -DDYNAROCK_BUILD_BENCH=OFF \
      -DCMAKE_BUILD_TYPE=Debug
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1" \
      run_ctest "$dir" ;;
  test-tsan)
    install_deps
    dir="${BUILD_DIR:-build-tsan}"
    configure_and_build "$dir" -DDYNAROCK_TSAN=ON -DDYNAROCK_BUILD_BENCH=OFF \
      -DDYNAROCK_BUILD_TOOLS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
    TSAN_OPTIONS="halt_on_error=1" run_ctest "$dir" -L concurrency ;;
  bench)
    install_deps
    dir="${BUILD_DIR:-build-release}"
    configure_and_build "$dir" -DCMAKE_BUILD_TYPE=Release -DDYNAROCK_BUILD_TESTS=OFF
    for b in "$dir"/bench/*_bench; do echo "== $b"; "$b"; done ;;
  *)
    sed -n '2,13p' "$0"; exit 2 ;;
esac
