// Served by `httpref serve` in place of the offline worker: a worker that a built copy of the
// site registered on this address is replaced by this one, which deletes the site's caches and
// unregisters itself, so the live preview is never answered from a cache.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("httpref ")) {
          await caches.delete(name);
        }
      }
      await self.registration.unregister();
    })(),
  );
});
