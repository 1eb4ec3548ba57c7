#!/usr/bin/env bash
# Why: applications consume dynarock as an installed CMake package; this installs the build
# tree into a scratch prefix, builds a small consumer with find_package(dynarock) and runs it.
# Usage: run.sh <build dir> <scratch dir>
set -euo pipefail
build="$1"; scratch="$2"
here="$(cd "$(dirname "$0")" && pwd)"
rm -rf "$scratch"; mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
cmake -S "$here/consumer" -B "$scratch/consumer" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/consumer" >/dev/null
"$scratch/consumer/consumer"
