#!/usr/bin/env bash
# Runs the benchmarks (release build) and prints their figures. Not part of the tests.
# Usage: Scripts/benchmark.sh [MemMapBenchmarks|ViewerBenchmarks|SearchBenchmarks|InteractiveSearchBenchmarks|CompareBenchmarks|SaveBenchmarks|terminal ...]
# 'terminal' (Benchmarks/terminal.py) drives the mmhex binary itself: start-up, first frame, memory,
# dump vs xxd, held PgDn; it compares with hexedit when that is installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/Scripts/install-dependencies.sh"
swift build --package-path "$root" -c release --product mmhex -Xswiftc -static-executable
swift build --package-path "$root/Benchmarks" -c release
targets=("$@")
((${#targets[@]})) || targets=(MemMapBenchmarks ViewerBenchmarks SearchBenchmarks InteractiveSearchBenchmarks CompareBenchmarks SaveBenchmarks terminal)
for target in "${targets[@]}"; do
  echo "== $target"
  if [[ $target == terminal ]]; then
    MMHEX_BINARY="$root/.build/release/mmhex" python3 "$root/Benchmarks/terminal.py"
    continue
  fi
  MMHEX_BINARY="$root/.build/release/mmhex" "$root/Benchmarks/.build/release/$target"
done
