// Redwood's service worker: the Today page and the files it needs, available without network.
//
// Served as /sw.js by pages/offline.py, which writes one line before this text:
//   const REDWOOD = {"version": "<hash of the files below>", "assets": ["/static/app.css", ...]};
// A deploy that changes any precached file changes that line, so the browser installs this
// worker again under a new cache name and the old caches are deleted when it takes over.
//
// - The static files (stylesheet, scripts, htmx, manifest, icons) are cached when the worker
//   installs and served from the cache (their URLs change meaning only with a new version).
// - The Today page is network first: every answer from the server replaces the cached copy;
//   without network the cached copy is served (marked with `X-Redwood-Offline: cached`), and
//   the page's own script (offline.js) lays the sets still waiting to sync over it.
// - Other pages go to the network; a page that cannot be reached offline gets a short page
//   that points to Today. Nothing but GET requests is touched: logging a set always goes to
//   the server (offline.js queues it when it cannot).
"use strict";

/* global REDWOOD */
var STATIC_CACHE = "redwood-static-" + REDWOOD.version;
var PAGE_CACHE = "redwood-pages-" + REDWOOD.version;
var TODAY = "/today";
var OFFLINE_PAGE =
  "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
  "<link rel=\"stylesheet\" href=\"/static/app.css\"><title>Offline · Redwood</title></head>" +
  "<body><main id=\"main\"><h1>No network</h1><p>This page needs the network. " +
  "<a href=\"/today\">Today</a> works without it: sets you log there are kept on this " +
  "phone and sent when the network is back.</p></main></body></html>";

function isHtml(response) {
  return (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

// The cache key of a Today page: its path and query (?date=...), never a fragment.
function pageKey(url) {
  return url.pathname + url.search;
}

function keepPage(key, response) {
  if (!response.ok || response.redirected || !isHtml(response)) { return Promise.resolve(); }
  var copy = response.clone();
  return caches.open(PAGE_CACHE).then(function (cache) { return cache.put(key, copy); });
}

// The Today page while the worker installs, so a phone that opened it once has it offline
// even before the next visit (best effort: signed out it redirects and nothing is kept).
function precacheToday() {
  return fetch(TODAY, { credentials: "same-origin", cache: "no-store" })
    .then(function (response) { return keepPage(TODAY, response); })
    .catch(function () { return undefined; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then(function (cache) {
        return cache.addAll(REDWOOD.assets.map(function (url) {
          return new Request(url, { cache: "reload" });
        }));
      })
      .then(precacheToday)
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("redwood-") === 0 && name !== STATIC_CACHE && name !== PAGE_CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function served(found) {
  var headers = new Headers(found.headers);
  headers.set("X-Redwood-Offline", "cached");
  return new Response(found.body, { status: found.status, statusText: found.statusText, headers: headers });
}

function todayPage(request, url) {
  var key = pageKey(url);
  return fetch(request)
    .then(function (response) {
      keepPage(key, response);
      return response;
    })
    .catch(function (error) {
      return caches.open(PAGE_CACHE).then(function (cache) {
        return cache.match(key).then(function (found) { return found || cache.match(TODAY); });
      }).then(function (found) {
        if (found) { return served(found); }
        throw error;
      });
    });
}

function staticFile(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request).then(function (found) {
      return found || fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

function otherPage(request) {
  return fetch(request).catch(function () {
    return new Response(OFFLINE_PAGE, {
      status: 503,
      headers: { "Content-Type": "text/html; charset=utf-8", "X-Redwood-Offline": "page" }
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method !== "GET") {
    // Signing out forgets the cached page: it shows this athlete's session.
    if (url.pathname === "/signout") { event.waitUntil(caches.delete(PAGE_CACHE)); }
    return;
  }
  if (url.pathname === TODAY && !url.searchParams.has("format")) {
    event.respondWith(todayPage(request, url));
  } else if (REDWOOD.assets.indexOf(url.pathname) !== -1 && url.search === "") {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate") {
    event.respondWith(otherPage(request));
  }
});
