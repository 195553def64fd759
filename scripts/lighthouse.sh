#!/usr/bin/env bash
# Lighthouse's mobile figures for a page of the built site (dist/), served with gzip as a static host serves it.
# Usage: bash scripts/lighthouse.sh ['/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json'] [runs]
# THROTTLING=devtools applies the slow network and CPU to the real load (what a phone reader waits for)
# instead of Lighthouse's default simulation from an unthrottled load. Installs lighthouse 12.2.3 from npm
# into ~/.cache/verksam-lighthouse the first time; uses Debian's Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
URL_PATH="${1:-/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json}"
RUNS="${2:-5}"
LH="$HOME/.cache/verksam-lighthouse"
if [ ! -x "$LH/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LH"
  (cd "$LH" && npm install --silent --no-audit --no-fund lighthouse@12.2.3 >/dev/null)
fi
[ -f "$ROOT/dist/index.html" ] || { echo "dist/ is missing: run trunk build --release first" >&2; exit 1; }
PORT=$((20000 + RANDOM % 20000))
node "$ROOT/tests/e2e/serve.mjs" "$ROOT/dist" "$PORT" --gzip >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
sleep 1
OUT="$(mktemp -d)"
for i in $(seq 1 "$RUNS"); do
  CHROME_PATH=/usr/bin/chromium "$LH/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$URL_PATH" --quiet \
    --only-categories=performance --throttling-method="${THROTTLING:-simulate}" --output=json --output-path="$OUT/$i.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1
done
node -e '
const fs = require("fs"); const dir = process.argv[1];
const runs = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(dir + "/" + f, "utf8")));
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const col = (f) => runs.map(f);
const a = (id) => col((r) => r.audits[id].numericValue);
const score = col((r) => Math.round(r.categories.performance.score * 100));
const fmt = (xs, d = 0) => `median ${med(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`;
console.log(`runs ${runs.length}, throttling ${process.env.THROTTLING || "simulate"}`);
console.log(`score ${fmt(score)}`);
console.log(`LCP ms ${fmt(a("largest-contentful-paint"))}`);
console.log(`FCP ms ${fmt(a("first-contentful-paint"))}`);
console.log(`TBT ms ${fmt(a("total-blocking-time"))}`);
console.log(`CLS ${fmt(a("cumulative-layout-shift"), 3)}`);
console.log(`bytes ${fmt(a("total-byte-weight"))}`);
' "$OUT"
