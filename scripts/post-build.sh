#!/usr/bin/env bash
# Trunk post_build hook: split the WASM into per-page chunks, then (release builds) put the Content-Security-Policy
# into index.html and write the service worker's list of every file of the build. In this order: the policy hashes
# index.html's final scripts, and the list must name the chunks and version the final index.html.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/wasm-split.sh"
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  (cd "$TRUNK_STAGING_DIR" && node "$HERE/csp.mjs")
fi
bash "$HERE/sw-manifest.sh"
