// A static server for the built site (dist/) with SPA fallback, bound to 127.0.0.1 only.
// Usage: node tests/e2e/serve.mjs [dir] [port] [--gzip]. Used by the end-to-end tests and the benchmarks;
// --gzip compresses what a static host compresses (HTML, JS, CSS, JSON, WASM, SVG), as Lighthouse's figures assume.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 8080);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };

/// `served(pathname, bytes)`, when given, is told of every file sent (the benchmark counts a first visit's bytes).
export function startServer(dir = root, p = port, served, { gzip = false } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // a file-like path that does not exist is a 404; anything else is a route of the app
      if (path.extname(url.pathname)) { res.writeHead(404); res.end('not found'); return; }
      file = path.join(dir, 'index.html');
    }
    // Last-Modified lets a browser revalidate instead of downloading again, as static hosts do
    const stat = fs.statSync(file);
    const modified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString();
    if (req.headers['if-modified-since'] === modified) { res.writeHead(304); res.end(); return; }
    served?.(url.pathname, stat.size);
    const headers = { 'last-modified': modified, 'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' };
    if (gzip && types[path.extname(file)] && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      fs.createReadStream(file).pipe(zlib.createGzip({ level: 6 })).pipe(res);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(p, '127.0.0.1', () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const gzip = process.argv.includes('--gzip');
  startServer(root, port, undefined, { gzip }).then(() => console.log(`serving ${root} on http://127.0.0.1:${port}${gzip ? ' (gzip)' : ''}`));
}
