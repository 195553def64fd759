#!/usr/bin/env bash
# Trunk post_build step (called by scripts/post-build.sh): split the app's WASM into a small main module and one
# chunk per page, so the first page does not wait for the code of every other page.
#
# The app marks each page's view as a split point (`lazy_page!` in src/ui/mod.rs, Cargo feature `split`, which
# index.html asks Trunk to build with). Trunk has no step between `cargo build` and wasm-bindgen, so this redoes
# that part from cargo's raw output (linked with --emit-relocs, see .cargo/config.toml):
#   wasm-split-cli   raw .wasm -> main module + chunks + __wasm_split.js (the loader)
#   wasm-bindgen     the main module -> the .js glue and _bg.wasm, under the names Trunk already put in index.html
#                    (--keep-lld-exports: the chunks import the function table the linker exported)
#   wasm-opt -Oz     main module and chunks (release builds)
# A deep link's group is fetched and compiled while the main module loads (index.html's script, with the list
# this writes into it), not after the app has started (scripts/wasm-split-html.mjs).
# The chunks and the loader go to split-<hash>/ next to the glue, <hash> being a digest of their contents, so a
# new release never mixes its main module with an old chunk. The service worker precaches them with the rest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE="${TRUNK_PROFILE:-debug}"
RAW="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/$PROFILE/verksam.wasm"
cd "$TRUNK_STAGING_DIR"

glue=$(ls verksam-*.js 2>/dev/null | grep -v '_bg' | head -n1 || true)
[ -n "$glue" ] || { echo "wasm-split: no verksam-*.js in the staging dir" >&2; exit 1; }
stem="${glue%.js}"
[ -f "${stem}_bg.wasm" ] || { echo "wasm-split: ${stem}_bg.wasm missing" >&2; exit 1; }
[ -f "$RAW" ] || { echo "wasm-split: cargo's output $RAW missing" >&2; exit 1; }
# index.html builds with the split feature and leaves wasm-opt to this step (data-wasm-opt="0": Trunk's own pass
# would optimise a module that is replaced here anyway), so a build without split points is a mistake
if ! grep -qa '__wasm_split_' "$RAW"; then
  echo "wasm-split: no split points in $RAW: build with the split feature (index.html's data-cargo-features)" >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
wasm-split-cli "$RAW" "$WORK/split" --target web --out-name "$stem" >/dev/null
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir "$WORK/bg" --out-name "$stem" "$WORK/split/$stem.wasm"
rm "$WORK/split/$stem.wasm"

if [ "$PROFILE" = "release" ]; then
  # the features wasm-bindgen's output uses; chunks share the main module's memory and table
  OPT=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
       --enable-reference-types --enable-multivalue --strip-debug --strip-producers)
  export OPTS="${OPT[*]}"
  { echo "$WORK/bg/${stem}_bg.wasm"; ls "$WORK"/split/*.wasm; } |
    xargs -P "$(nproc)" -I{} sh -c 'wasm-opt $OPTS "$1" -o "$1"' _ {}
fi

dir="split-$(cat "$WORK"/split/* | sha256sum | cut -c1-16)"
# the loader imports initSync from the glue, one level up now
sed -i "s|from \"./$stem.js\"|from \"../$stem.js\"|" "$WORK/split/__wasm_split.js"
# (only the import statements: the wasm module's own import name stays "./__wasm_split.js")
sed -i "s|from \"./__wasm_split.js\"|from \"./$dir/__wasm_split.js\"|g" "$WORK/bg/$stem.js"
grep -q "from \"./$dir/__wasm_split.js\"" "$WORK/bg/$stem.js" || { echo "wasm-split: glue does not import the loader" >&2; exit 1; }
grep -q "from \"../$stem.js\"" "$WORK/split/__wasm_split.js" || { echo "wasm-split: loader does not import the glue" >&2; exit 1; }

rm -rf split-*
mkdir "$dir"
cp "$WORK"/split/* "$dir/"
cp "$WORK/bg/$stem.js" "$glue"
cp "$WORK/bg/${stem}_bg.wasm" "${stem}_bg.wasm"
# index.html: new SRI digests, the loader's modulepreload, the chunk list per group; the loader: early modules
node "$ROOT/scripts/wasm-split-html.mjs" "$glue" "${stem}_bg.wasm" "$dir"
echo "wasm-split: main $(stat -c %s "${stem}_bg.wasm") bytes, $(ls "$dir"/*.wasm | wc -l) chunks in $dir"
