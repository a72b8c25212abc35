/* Keeps the crew's day readable without signal.
   Pages under /field/ are fetched network-first (a slow network falls back to the saved copy after a
   few seconds); "my day" asks for each of the day's visit pages and their field-folder files to be
   saved as soon as it is opened. Static files are cache-first. Nothing is cached for other sites.
   A page answered from the cache shows its "saved copy" banner, so nobody takes it for the latest. */
const CACHE = "installops-field-v2";
const NETWORK_WAIT_MS = 4000;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "precache" && Array.isArray(data.urls)) {
    event.waitUntil(precache(data.urls).then((count) => reply(event, { type: "precached", count })));
  } else if (data.type === "forget") {
    event.waitUntil(caches.delete(CACHE).then(() => reply(event, { type: "forgotten" })));
  }
});

function reply(event, message) {
  if (event.source && event.source.postMessage) event.source.postMessage(message);
}

function cacheable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

async function save(cache, url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!cacheable(response)) return null;
  await cache.put(url, response.clone());
  return response;
}

async function precache(urls) {
  const cache = await caches.open(CACHE);
  let count = 0;
  for (const url of urls) {
    try {
      const page = await save(cache, url);
      if (!page) continue;
      count += 1;
      const html = await page.text();
      for (const match of html.matchAll(/data-offline-url="([^"]+)"/g)) {
        try {
          if (await save(cache, match[1])) count += 1;
        } catch (error) { /* one missing file must not stop the rest */ }
      }
    } catch (error) { /* offline already: keep what we have */ }
  }
  return count;
}

// The page as saved, with its "saved copy from …" banner showing (the server renders it hidden).
async function asSavedCopy(response) {
  if (!response || !(response.headers.get("Content-Type") || "").startsWith("text/html")) return response;
  const html = await response.text();
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(html.replace("data-saved-copy hidden", "data-saved-copy"), {
    status: response.status, statusText: response.statusText, headers,
  });
}

function networkFirst(request) {
  return caches.open(CACHE).then((cache) => {
    const network = fetch(request).then((response) => {
      if (cacheable(response)) cache.put(request, response.clone());
      return response;
    });
    const fallback = new Promise((resolve) => {
      setTimeout(() => cache.match(request).then((hit) => hit && resolve(asSavedCopy(hit))), NETWORK_WAIT_MS);
    });
    return Promise.race([network, fallback]).catch(() =>
      cache.match(request).then((hit) => hit || cache.match(new URL("./", self.registration.scope).href))
        .then((hit) => hit && asSavedCopy(hit))
        .then((hit) => hit || new Response("You are offline and this page was not saved yet.", {
          status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" },
        }))
    );
  });
}

function cacheFirst(request) {
  return caches.open(CACHE).then((cache) =>
    cache.match(request).then((hit) => hit || fetch(request).then((response) => {
      if (cacheable(response)) cache.put(request, response.clone());
      return response;
    }))
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/field/") && !url.pathname.endsWith("/sw.js")) {
    event.respondWith(networkFirst(request));
  }
});
