#!/usr/bin/env bash
# Benchmark (not a test): release .wasm size, first render, 10 MB import in headless Chromium, serde vs JSON.parse,
# and the same parse natively; validation of the deepest trees, the backup's size, a long fuzz run. Prints medians of several runs. Usage: bash scripts/bench.sh [runs]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release
echo "== native (release) =="
cargo test --release --locked --test bench_native -- --ignored --nocapture 2>&1 | grep BENCH
echo "== fuzz, long run (release; the test command runs 1 500 cases per reader) =="
FUZZ_CASES="${FUZZ_CASES:-100000}" cargo test --release --locked --test fuzz -- --nocapture 2>&1 | grep FUZZ
echo "== wasm in headless Chromium (release) =="
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=300 \
  cargo test --release --locked --target wasm32-unknown-unknown --test bench_wasm -- --include-ignored --nocapture 2>&1 | grep BENCH
echo "== built site in headless Chromium =="
cd tests/e2e && RUNS="${1:-7}" node bench.mjs
