// verksam's service worker, written by scripts/sw-manifest.sh into release builds (never under `trunk serve`).
// It precaches the whole build (hashed assets and demo bundles) under one versioned cache, serves every
// navigation from the cached index.html (deep links work offline), and takes over only when the page asks,
// after the user chose to reload, so a page never runs half old and half new.
const CACHE = `verksam-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: 'reload' })))));
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
  // published bundles and anything not in the build go to the network first, the cache when offline
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    const hit = await cache.match(req, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(req);
    } catch (e) {
      return new Response('offline', { status: 503, statusText: 'offline' });
    }
  }));
});
