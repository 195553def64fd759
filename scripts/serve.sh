#!/usr/bin/env bash
# Install what is missing, then serve the release build with its demo data on http://127.0.0.1:8080.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk serve --release
