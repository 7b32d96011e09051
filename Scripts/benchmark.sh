#!/usr/bin/env bash
# Runs the benchmarks (release build) and prints their figures. Not part of the tests.
# Usage: Scripts/benchmark.sh [MemMapBenchmarks|ViewerBenchmarks|SearchBenchmarks|SparseSearchBenchmarks|InteractiveSearchBenchmarks|CompareBenchmarks|SaveBenchmarks|PieceTableBenchmarks|InsertSaveBenchmarks|terminal|cli ...]
# 'terminal' (Benchmarks/terminal.py) drives the mmhex binary itself: start-up, first frame, memory,
# dump vs xxd, held PgDn; it compares with hexedit when that is installed. 'cli' (Benchmarks/cli.py):
# dump -p and patch of 256 MiB against xxd -p and xxd -r.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/Scripts/install-dependencies.sh"
swift build --package-path "$root" -c release --product mmhex -Xswiftc -static-executable
swift build --package-path "$root/Benchmarks" -c release
targets=("$@")
((${#targets[@]})) || targets=(MemMapBenchmarks ViewerBenchmarks SearchBenchmarks SparseSearchBenchmarks InteractiveSearchBenchmarks CompareBenchmarks SaveBenchmarks PieceTableBenchmarks InsertSaveBenchmarks terminal cli)
for target in "${targets[@]}"; do
  echo "== $target"
  if [[ $target == terminal || $target == cli ]]; then
    MMHEX_BINARY="$root/.build/release/mmhex" python3 "$root/Benchmarks/$target.py"
    continue
  fi
  MMHEX_BINARY="$root/.build/release/mmhex" "$root/Benchmarks/.build/release/$target"
done
