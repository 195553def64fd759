// Called by scripts/wasm-split.sh in the staging dir, after the split:
//   node wasm-split-html.mjs <glue.js> <main_bg.wasm> <split-dir>
// 1. index.html: the new SRI digests of the glue and the main module (both were rewritten after Trunk named them),
//    a modulepreload of the chunk loader, and the list of chunk files per page group for its early-load script.
// 2. the chunk loader (<split-dir>/__wasm_split.js): it compiles each chunk with compileStreaming, or takes the
//    module index.html's script already started compiling for a deep link (window.__verksamTake); a chunk that
//    cannot be had (this tab runs a release another tab replaced) goes to window.__verksamChunkFailed.
// Every rewrite checks that it found what it expects, so a changed wasm-split output fails the build.
import fs from 'node:fs';
import crypto from 'node:crypto';

const [glue, mainWasm, dir] = process.argv.slice(2);
const fail = (msg) => { console.error(`wasm-split: ${msg}`); process.exit(1); };

// the loader: which files each group needs (its own chunk and the shared ones it depends on)
const loaderPath = `${dir}/__wasm_split.js`;
let loader = fs.readFileSync(loaderPath, 'utf8');
const chunkFile = {};
for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"/g)) chunkFile[m[1]] = m[2];
const groups = {};
for (const m of loader.matchAll(/export const __wasm_split_load_([a-z]+)_\d+ = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"[\s\S]*?\}\s*,\s*\[([^\]]*)\]\)\)/g)) {
  const deps = m[3].split(',').map((s) => s.trim()).filter(Boolean).map((d) => chunkFile[d] ?? fail(`unknown chunk ${d}`));
  groups[m[1]] = [m[2], ...deps];
}
for (const g of ['plans', 'tariffs', 'published']) if (!groups[g]) fail(`no chunk group "${g}" in the loader`);

const fetches = (loader.match(/fetch\(new URL\("\.\/[\w.]+", import\.meta\.url\)\)/g) || []).length;
const instantiations = (loader.match(/WebAssembly\.instantiateStreaming\(src, imports\)/g) || []).length;
if (fetches === 0 || fetches !== instantiations) fail(`loader has ${fetches} fetches and ${instantiations} instantiations`);
loader = loader
  .replace(/fetch\(new URL\("\.\/([\w.]+)", import\.meta\.url\)\)/g,
    '(globalThis.__verksamTake && globalThis.__verksamTake("$1") || WebAssembly.compileStreaming(fetch(new URL("./$1", import.meta.url)))).catch(globalThis.__verksamChunkFailed)')
  .replace(/WebAssembly\.instantiateStreaming\(src, imports\)/g, 'src.then((m) => WebAssembly.instantiate(m, imports))');
fs.writeFileSync(loaderPath, loader);

let html = fs.readFileSync('index.html', 'utf8');
for (const f of [glue, mainWasm]) {
  const sri = 'sha384-' + crypto.createHash('sha384').update(fs.readFileSync(f)).digest('base64');
  const re = new RegExp(`(href="/${f.replace(/[.]/g, '[.]')}"[^>]*integrity=")[^"]*"`);
  if (!re.test(html)) fail(`no integrity for ${f} in index.html`);
  html = html.replace(re, `$1${sri}"`);
}
const marker = '/*chunk-groups*/{}';
if (!html.includes(marker)) fail('index.html has no /*chunk-groups*/ placeholder');
html = html.replace(marker, JSON.stringify({ dir: `/${dir}/`, ...groups }));
const preload = `<link rel="modulepreload" href="/${dir}/__wasm_split.js">`;
html = html.replace(/(<link rel="modulepreload" href="\/[^"]+\.js"[^>]*>)/, `$1\n${preload}`);
if (!html.includes(preload)) fail('no modulepreload of the glue in index.html');
fs.writeFileSync('index.html', html);
