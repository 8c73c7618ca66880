// The service worker: the whole site offline after the first visit.
//
// Above this line the build wrote VERSION (a hash of every cached file), SCOPE (the site's root
// path), PAGES (addresses that stay the same across deploys) and IMMUTABLE (files named after
// their content). One cache per build, named after VERSION: a new deploy brings a new worker,
// which fills a new cache completely before it takes over and deletes the old one, so pages
// never come from two builds at once. Responses from the network are never written into the
// cache, for the same reason.

const PREFIX = "httpref " + SCOPE + " ";
const CACHE = PREFIX + VERSION;
// How long a page request waits for the network before a cached copy is used instead.
const NETWORK_WAIT_MS = 4000;
const immutable = new Set(IMMUTABLE);
const pages = new Set(PAGES);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Past the HTTP cache, so that a page is this deploy's and not an older copy.
      const requests = PAGES.map((url) => new Request(url, { cache: "no-cache" }));
      await cache.addAll(requests.concat(IMMUTABLE));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        // Only this site's own older caches: another site on the same origin keeps its own.
        if (name.startsWith(PREFIX) && name !== CACHE) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  // A translation's worker (scoped to its folder) also answers for the shared files at the
  // root that it caches: stylesheets, scripts, icons.
  if (url.origin !== self.location.origin || !(url.pathname.startsWith(SCOPE) || immutable.has(url.pathname) || pages.has(url.pathname))) {
    return;
  }
  if (immutable.has(url.pathname)) {
    event.respondWith(cacheFirst(request, url));
  } else {
    event.respondWith(networkFirst(request, url));
  }
});

// The cached copy of a page, whatever the query (`/search/?q=410` is the search page), and
// with or without the trailing slash or `index.html`.
async function cached(url) {
  const cache = await caches.open(CACHE);
  const path = url.pathname;
  const candidates = [path];
  if (path.endsWith("/index.html")) {
    candidates.push(path.slice(0, -"index.html".length));
  } else if (!path.endsWith("/") && !/\.[A-Za-z0-9]+$/.test(path)) {
    candidates.push(path + "/");
  }
  for (const candidate of candidates) {
    const hit = await cache.match(new URL(candidate, url.origin).href);
    if (hit) {
      return hit;
    }
  }
  return undefined;
}

async function cacheFirst(request, url) {
  return (await cached(url)) || fetch(request);
}

// The network's answer while online; the cached copy when the network fails, or is slower than
// NETWORK_WAIT_MS and a copy exists. A page the cache does not have gets the not-found page.
function networkFirst(request, url) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (response) => {
      if (!done) {
        done = true;
        resolve(response);
      }
    };
    const timer = setTimeout(async () => {
      const copy = await cached(url);
      if (copy) {
        finish(copy);
      }
    }, NETWORK_WAIT_MS);
    fetch(request).then(
      (response) => {
        clearTimeout(timer);
        finish(response);
      },
      async (error) => {
        clearTimeout(timer);
        let copy = await cached(url);
        if (!copy && request.mode === "navigate") {
          const cache = await caches.open(CACHE);
          copy = await cache.match(new URL(SCOPE + "404.html", url.origin).href);
        }
        if (copy) {
          finish(copy);
        } else if (!done) {
          done = true;
          reject(error);
        }
      },
    );
  });
}
