#!/usr/bin/env bash
# Install what is missing, and nothing else: the wasm target, Debian's Chromium and ChromeDriver, the pinned
# Trunk, wasm-bindgen and wasm-split CLIs, and the npm tools (playwright-core, binaryen's wasm-opt 132).
# Idempotent: every step checks first, so a rerun takes a second. Source it to get PATH set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/tests/e2e/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if ! trunk --version 2>/dev/null | grep -q '0.21.14'; then
  say "installing trunk 0.21.14 (about 6 minutes)"
  cargo install --locked trunk --version 0.21.14
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q '0.2.130'; then
  say "installing wasm-bindgen-cli 0.2.130 (about 2 minutes)"
  # without --locked: its lockfile asks for a webpki-roots version the registry no longer has
  cargo install wasm-bindgen-cli --version 0.2.130
fi

if ! wasm-split-cli --help >/dev/null 2>&1 || ! [ -f "$HOME/.cargo/.crates2.json" ] || ! grep -q '"wasm_split_cli_support 0.2.4' "$HOME/.cargo/.crates2.json"; then
  say "installing wasm-split-cli 0.2.4 (splits the WASM per page; about 2 minutes)"
  cargo install --locked wasm_split_cli_support --version 0.2.4 --features build-binary
fi

LOCK="$ROOT/tests/e2e/package-lock.json"
STAMP="$ROOT/tests/e2e/node_modules/.package-lock.json"
if [ ! -f "$STAMP" ] || [ "$LOCK" -nt "$STAMP" ] || ! [ -x "$ROOT/tests/e2e/node_modules/.bin/wasm-opt" ]; then
  say "installing npm tools (playwright-core, binaryen)"
  npm ci --prefix "$ROOT/tests/e2e" --no-audit --no-fund --loglevel=error
fi
