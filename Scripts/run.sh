#!/usr/bin/env bash
# Builds mmhex (installing missing system packages first) and runs it.
# With no FILE it opens an anonymous scratch buffer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/Scripts/install-dependencies.sh"
swift build --package-path "$root" -c release --product mmhex >&2
exec "$root/.build/release/mmhex" "$@"
