#!/usr/bin/env bash
# Runs every test: installs missing system packages, builds, then runs all suites
# (MemMap, the editor model, and the end-to-end tests that drive mmhex in tmux).
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-dependencies.sh
swift build --build-tests
swift test --skip-build "$@"
