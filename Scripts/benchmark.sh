#!/usr/bin/env bash
# Runs the benchmarks (release build) and prints their figures. Not part of the tests.
# Usage: Scripts/benchmark.sh [MemMapBenchmarks|ViewerBenchmarks|SearchBenchmarks|SaveBenchmarks ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/Scripts/install-dependencies.sh"
swift build --package-path "$root" -c release --product mmhex
swift build --package-path "$root/Benchmarks" -c release
targets=("$@")
((${#targets[@]})) || targets=(MemMapBenchmarks ViewerBenchmarks SearchBenchmarks SaveBenchmarks)
for target in "${targets[@]}"; do
  echo "== $target"
  MMHEX_BINARY="$root/.build/release/mmhex" "$root/Benchmarks/.build/release/$target"
done
