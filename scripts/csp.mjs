// Called by scripts/post-build.sh in the staging dir of a release build, after the split (index.html is final
// but for this): write a Content-Security-Policy <meta> as the first element of <head>. Scripts may come only from
// this site, or be one of index.html's own inline scripts (each allowed by its SHA-256, computed here from the
// built file, so a changed script needs no hand-edited hash); WebAssembly may compile ('wasm-unsafe-eval');
// requests go to this site only; no plugins, no <base>, no form posts elsewhere. Inline style attributes stay
// allowed: the app sets a few (bar widths, indentation), and a style cannot run code.
import fs from 'node:fs';
import crypto from 'node:crypto';

const fail = (msg) => { console.error(`csp: ${msg}`); process.exit(1); };
let html = fs.readFileSync('index.html', 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) fail('index.html already has a policy');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (hashes.length < 4) fail(`expected index.html's inline scripts and Trunk's loader, found ${hashes.length}`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
const charset = '<meta charset="utf-8">';
if (!html.includes(charset)) fail('no <meta charset> to put the policy after');
html = html.replace(charset, `${charset}\n  ${meta}`);
fs.writeFileSync('index.html', html);
console.log(`csp: ${hashes.length} inline scripts allowed by hash`);
