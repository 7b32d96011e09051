#!/usr/bin/env bash
# Builds mmhex (installing missing system packages first) and runs it.
# With no FILE it opens an anonymous scratch buffer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/Scripts/install-dependencies.sh"
# A static Swift standard library halves start-up (no dynamic loading of the Swift runtime).
swift build --package-path "$root" -c release --static-swift-stdlib --product mmhex >&2
exec "$root/.build/release/mmhex" "$@"
