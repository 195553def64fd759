#!/usr/bin/env bash
# Install what is missing, then run every check and test, stopping at the first failure:
# format, clippy (host and wasm32), native tests, browser tests in headless Chromium, the release build,
# and the end-to-end tests that drive the built site in headless Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "clippy (host)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --locked

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 cargo test --locked --target wasm32-unknown-unknown --test browser

step "release build (trunk)"
trunk build --release

step "end-to-end tests (Playwright, headless Chromium)"
cd "$ROOT/tests/e2e"
node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=e2e-results.tap ./*.test.mjs
tail -n 8 e2e-results.tap
