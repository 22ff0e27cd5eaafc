/* Workshop Kit service worker: lets a learner reload the kit while the host is unreachable.
 * The build fills in PRECACHE (the app's files) and VERSION (a hash of them).
 * Only registered where browsers allow it (https, or loopback); on a plain-HTTP LAN the app still keeps all
 * work in IndexedDB and resumes when the host is back, but a reload needs the host. */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `workshop-kit-${VERSION}`;
const RUNTIME = 'workshop-kit-content';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== RUNTIME).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(RUNTIME);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackUrl ?? request, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(fallbackUrl ?? request)) ?? (await caches.match(fallbackUrl ?? request));
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/ws' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, '/'));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
    return;
  }
  event.respondWith(networkFirst(request));
});
