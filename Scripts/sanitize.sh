#!/usr/bin/env bash
# Runs every test suite under AddressSanitizer and/or ThreadSanitizer.
#
# Usage: Scripts/sanitize.sh [address|thread ...]     (default: address thread)
#
# Each sanitizer builds in its own scratch folder (.build-asan, .build-tsan), so the plain build in
# .build is left alone. All three suites run. The end-to-end suite works under both sanitizers: it
# drives the mmhex binary of the same scratch folder, built with the same sanitizer, through tmux,
# and tmux passes our environment on, so the options below apply inside it too; it is the only suite
# that runs the terminal layer. It runs on its own after the other two: it waits for screens with
# deadlines, and the instrumented searches of the other suites would compete with it for the CPU.
# Reports from every process (the test runner and each mmhex a test starts) are written to
# <scratch>/sanitizer-reports/ and printed at the end: a report fails the run even when the test
# that caused it passed.
#
# AddressSanitizer and MemMap's fault guard: MemMap turns a SIGBUS/SIGSEGV inside a guarded copy
# (a file truncated underneath a map) into an error with its own handler and a long jump. The
# default handle_segv=1 and handle_sigbus=1 let that handler replace ASan's, and it passes every
# fault outside a guarded copy on to ASan's, so real crashes are still reported. Do not set
# handle_segv=2, handle_sigbus=2 or allow_user_segv_handler=0: ASan would then keep its handler and
# report the expected faults of the truncation tests as crashes. handle_segv=0 and handle_sigbus=0
# also pass, but a real crash would then end without ASan's report.
# Leak checking stays on; Scripts/lsan-suppressions.txt silences leaks that LeakSanitizer reports
# inside the toolchain's Foundation and XCTest, so any leak it still reports is in this package.
#
# ThreadSanitizer runs signal handlers with every signal blocked; MemMap's guard restores the
# interrupted signal mask after a fault, so the truncation tests run here too. Its reports on
# Synchronization.Mutex under contention are not races (see Scripts/tsan-suppressions.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

sanitizers=("$@")
((${#sanitizers[@]})) || sanitizers=(address thread)
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in
  address | thread) ;;
  *)
    echo "usage: Scripts/sanitize.sh [address|thread ...]" >&2
    exit 64
    ;;
  esac
done

Scripts/install-dependencies.sh

failed=()
summary=()
failures=()
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  esac
  reports="$root/$scratch/sanitizer-reports"
  rm -rf "$reports"
  mkdir -p "$reports"
  export ASAN_OPTIONS="detect_leaks=1:log_path=$reports/asan"
  export LSAN_OPTIONS="suppressions=$root/Scripts/lsan-suppressions.txt:print_suppressions=0"
  export TSAN_OPTIONS="suppressions=$root/Scripts/tsan-suppressions.txt:second_deadlock_stack=1:log_path=$reports/tsan"

  echo "== $sanitizer sanitizer: building in $scratch"
  start=$SECONDS
  swift build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
  built=$SECONDS
  status=0
  log="$root/$scratch/test-output.log"
  echo "== $sanitizer sanitizer: MemMap and editor model tests"
  swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" --skip MMHexEndToEndTests 2>&1 |
    tee "$log" || status=1
  echo "== $sanitizer sanitizer: end-to-end tests"
  swift test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" --filter MMHexEndToEndTests 2>&1 |
    tee -a "$log" || status=1
  finished=$SECONDS
  # The failures again, at the end, where a reader of only the last lines sees them.
  failures+=("$(Scripts/test-failures.sh "$sanitizer" <"$log")")

  found=("$reports"/*)
  if [[ -e "${found[0]}" ]]; then
    for report in "${found[@]}"; do
      echo "== $sanitizer sanitizer report: $report"
      cat "$report"
    done
    failures+=("$(cat "${found[@]}" | Scripts/test-failures.sh "$sanitizer sanitizer reports")")
    status=1
  fi
  summary+=("$sanitizer: build $((built - start)) s, tests $((finished - built)) s, $( ((status == 0)) && echo passed || echo FAILED)")
  ((status == 0)) || failed+=("$sanitizer")
done

for failure in "${failures[@]}"; do
  [[ -z "$failure" ]] || printf '%s\n' "$failure"
done
printf '== %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "== failed under: ${failed[*]}" >&2
  exit 1
fi
