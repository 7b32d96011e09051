#!/usr/bin/env bash
# Reads a test run's output on standard input and prints its failing tests and failed
# expectations (at most 60 lines), headed by "== failures (LABEL)"; prints nothing when none failed.
#
# Usage: Scripts/test-failures.sh LABEL <output
set -uo pipefail
label="${1:-tests}"
lines="$(grep -E '✘|error: |failed \(|Fatal error|ERROR: |SUMMARY: ' | grep -v -E 'passed after' | head -n 60)"
if [[ -n "$lines" ]]; then
  printf '== failures (%s)\n%s\n' "$label" "$lines"
fi
