#!/usr/bin/env bash
# dynarock developer entry point: installs what is missing, builds, and runs one job.
#
#   tools/dev.sh demo        install, build, run the library demo (in-memory database)
#   tools/dev.sh server      install, build, run dynarock-server in memory on 127.0.0.1:8000
#   tools/dev.sh test        install, build and run every test (what CI runs): test-tsan,
#                            test-fuzz, test-asan, then check, whose ctest summary ends the run
#   tools/dev.sh check       install, build, run the whole test suite through ctest (plain build)
#   tools/dev.sh test-asan   the same test suite built with AddressSanitizer + UBSan
#   tools/dev.sh test-tsan   the concurrency tests built with ThreadSanitizer
#   tools/dev.sh test-fuzz   bounded libFuzzer runs of the expression and HTTP parsers (clang)
#   tools/dev.sh bench       install, build (Release), run the benchmarks
#   tools/dev.sh deps        only install what is missing
#
# Environment: BUILD_DIR (for check, test-asan, test-tsan, test-fuzz, bench), JOBS (default:
# number of cores), CTEST_ARGS (extra ctest arguments), FUZZ_SECONDS (default 60).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
jobs="${JOBS:-$(nproc)}"
# ccache: share hits between clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1

# Debian packages the build, the tests and the benchmarks need.
debs=(build-essential cmake ccache pkg-config git
      librocksdb-dev libabsl-dev nlohmann-json3-dev catch2 libbenchmark-dev
      libboost-dev libssl-dev libgoogle-perftools-dev
      python3 python3-boto3 awscli nodejs npm wrk jq
      clang-14 libclang-rt-14-dev)

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

run_check() {  # the plain build and the whole suite (benchmarks are built by `bench`)
  local dir="${BUILD_DIR:-build}"
  configure_and_build "$dir" -DDYNAROCK_BUILD_BENCH=OFF
  run_ctest "$dir"
}

run_asan() {  # the whole suite under AddressSanitizer + UBSan
  local dir="${BUILD_DIR:-build-asan}"
  configure_and_build "$dir" -DDYNAROCK_SANITIZE=ON -DDYNAROCK_BUILD_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=Debug
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1" \
    run_ctest "$dir"
}

run_tsan() {  # only the concurrency tests (target concurrency_tests), under ThreadSanitizer
  local dir="${BUILD_DIR:-build-tsan}"
  cmake -S . -B "$dir" -DDYNAROCK_TSAN=ON -DDYNAROCK_BUILD_BENCH=OFF -DDYNAROCK_BUILD_TOOLS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$dir" -j "$jobs" --target concurrency_tests
  TSAN_OPTIONS="halt_on_error=1" run_ctest "$dir" -L concurrency
}

run_fuzz() {  # bounded libFuzzer runs of the expression and HTTP parsers, built with clang
  local dir="${BUILD_DIR:-build-fuzz}"
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -DDYNAROCK_FUZZ=ON -DDYNAROCK_SANITIZE=ON \
    -DDYNAROCK_BUILD_BENCH=OFF -DDYNAROCK_BUILD_TOOLS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDYNAROCK_FUZZ_SECONDS="${FUZZ_SECONDS:-60}" >/dev/null
  cmake --build "$dir" -j "$jobs" --target expr_parser_fuzz http_parser_fuzz
  run_ctest "$dir" -L fuzz
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
    # Each stage uses its own default build folder (BUILD_DIR is ignored here). The plain
    # suite runs last so that its ctest summary is the closing line.
    install_deps
    unset BUILD_DIR
    echo "== 1/4 concurrency tests under ThreadSanitizer"; run_tsan
    echo "== 2/4 bounded fuzz runs of the expression and HTTP parsers"; run_fuzz
    echo "== 3/4 whole suite under AddressSanitizer + UBSan"; run_asan
    echo "== 4/4 whole suite, plain build"; run_check ;;
  check)
    install_deps; run_check ;;
  test-asan)
    install_deps; run_asan ;;
  test-tsan)
    install_deps; run_tsan ;;
  test-fuzz)
    install_deps; run_fuzz ;;
  bench)
    install_deps
    dir="${BUILD_DIR:-build-release}"
    configure_and_build "$dir" -DCMAKE_BUILD_TYPE=Release -DDYNAROCK_BUILD_TESTS=OFF
    for b in "$dir"/bench/*_bench; do echo "== $b"; "$b"; done ;;
  *)
    sed -n '2,18p' "$0"; exit 2 ;;
esac
