#!/usr/bin/env bash
# Trunk post_build hook: split the WASM into per-page chunks, then (release builds) write the service worker's
# list of every file of the build. In this order: the list must name the chunks.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$HERE/wasm-split.sh"
bash "$HERE/sw-manifest.sh"
