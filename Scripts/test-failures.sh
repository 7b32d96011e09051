#!/usr/bin/env bash
# Reads a test run's output (or sanitizer reports) on standard input and prints its failing tests,
# failed expectations and report summaries (at most 60 lines), headed by "== failures (LABEL)";
# prints nothing when none failed.
#
# Usage: Scripts/test-failures.sh LABEL <output
set -uo pipefail
label="${1:-tests}"
# Failed tests and expectations; for sanitizer reports (a LABEL ending in "reports"), also their
# headlines and the stack frames in this package's sources.
pattern='✘|error: |failed \(|Fatal error|ERROR: |SUMMARY: '
[[ "$label" != *reports ]] || pattern+='|WARNING: |#[0-9]+ .*/(Sources|Tests)/[^ ]+\.swift:[0-9]+'
lines="$(grep -E "$pattern" | grep -v -E 'passed after' | head -n 60)"
if [[ -n "$lines" ]]; then
  printf '== failures (%s)\n%s\n' "$label" "$lines"
fi
