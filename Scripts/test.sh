#!/usr/bin/env bash
# Runs every test: installs missing system packages, builds, then runs all suites
# (MemMap, the editor model, and the end-to-end tests that drive mmhex in tmux).
# Failing tests are listed once more at the end of the output.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-dependencies.sh
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build "$@" 2>&1 | tee "$log" || status=$?
Scripts/test-failures.sh tests <"$log"
exit "$status"
