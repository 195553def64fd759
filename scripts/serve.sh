#!/usr/bin/env bash
# Install what is missing, then serve the release build with its demo data on http://127.0.0.1:8080.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
# a plain static server (not `trunk serve`): the build's service worker then makes the app work offline after
# the first visit, as it will on any static host
trunk build --release
echo "verksam: http://127.0.0.1:8080"
exec node "$ROOT/tests/e2e/serve.mjs" "$ROOT/dist" 8080
