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
# the release build's per-page split points (feature `split`)
cargo clippy --locked --target wasm32-unknown-unknown --features split -- -D warnings

LOG="$(mktemp -d)"
step "native tests"
cargo test --locked 2>&1 | tee "$LOG/native.txt"

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 cargo test --locked --target wasm32-unknown-unknown --test browser 2>&1 | tee "$LOG/browser.txt"

step "release build (trunk)"
trunk build --release

step "end-to-end tests (Playwright, headless Chromium)"
cd "$ROOT/tests/e2e"
node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=e2e-results.tap ./*.test.mjs

# one closing line over all runners: cargo's "test result" lines and node's TAP summary
passed=$(grep -hoE 'test result: ok\. [0-9]+ passed' "$LOG"/*.txt | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -hoE '[0-9]+ failed' "$LOG"/*.txt | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
e2e_pass=$(grep -oE '^# pass [0-9]+' e2e-results.tap | grep -oE '[0-9]+')
e2e_fail=$(grep -oE '^# fail [0-9]+' e2e-results.tap | grep -oE '[0-9]+')
echo
echo "total: $((passed + e2e_pass)) passed, $((failed + e2e_fail)) failed"
