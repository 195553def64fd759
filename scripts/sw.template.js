// verksam's service worker, written by scripts/sw-manifest.sh into release builds (never under `trunk serve`).
// It precaches the whole build (hashed assets and demo bundles) under one versioned cache, serves every
// navigation from the cached index.html (deep links work offline), and takes over only when the page asks,
// after the user chose to reload, so a page never runs half old and half new.
const CACHE = `verksam-${VERSION}`;
// published plans read on this device; kept across releases (not named verksam-…)
const PUBLISHED = 'published-plans';
// Trunk's content-hashed files never change under their name: the copy the page just loaded may be reused
// (revalidated), the others are fetched anew. Trunk writes its 64-bit hash in hex without leading zeros (one
// build in sixteen has 15 digits); the split directory's is always 16.
const HASHED = /(-[0-9a-f]{8,16}(_bg)?\.[a-z]+|\/split-[0-9a-f]{16}\/.+)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: HASHED.test(a) ? 'no-cache' : 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('verksam-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // every route of the app is index.html
    event.respondWith(caches.open(CACHE).then((c) => c.match('/index.html')).then((r) => r || fetch(req)));
    return;
  }
  // anything not in the build (a published plan's file): the network first, so a new publication shows at once;
  // a copy of each .json read is kept apart from the release cache, so a plan once read can be read offline
  event.respondWith((async () => {
    const hit = await (await caches.open(CACHE)).match(req, { ignoreSearch: true });
    if (hit) return hit;
    const kept = await caches.open(PUBLISHED);
    try {
      const resp = await fetch(req);
      // the copy is written while the page already reads the file (the worker stays alive until it is written)
      if (resp.ok && new URL(req.url).pathname.endsWith('.json')) event.waitUntil(kept.put(req, resp.clone()));
      return resp;
    } catch (e) {
      return (await kept.match(req)) || new Response('offline', { status: 503, statusText: 'offline' });
    }
  })());
});
