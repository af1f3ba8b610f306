// Redwood pages: small enhancements on top of pages that work without JavaScript.
"use strict";

// The sign-up form sends the browser's time zone, so "today" means the athlete's day.
function fillTimezones(root) {
  root.querySelectorAll("[data-fill-timezone]").forEach(function (input) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && input.value === "UTC") { input.value = zone; }
    } catch (e) { /* leave UTC */ }
  });
}

// Countdowns computed from timestamps, never from ticks: a phone that locked its screen or
// froze the tab shows the right time the moment it wakes. <span data-until="ISO instant">.
function tickCountdowns() {
  var now = Date.now();
  document.querySelectorAll("[data-until]").forEach(function (el) {
    var until = Date.parse(el.getAttribute("data-until"));
    if (isNaN(until)) { return; }
    var left = Math.round((until - now) / 1000);
    var box = el.closest("[data-timer]");
    if (left <= 0) {
      el.textContent = "0:00";
      if (box && !box.classList.contains("done")) {
        box.classList.add("done");
        if (navigator.vibrate) { navigator.vibrate([200, 100, 200]); }
      }
      return;
    }
    var minutes = Math.floor(left / 60), seconds = left % 60;
    el.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (box) { box.classList.remove("done"); }
  });
}

function enhance(root) {
  fillTimezones(root);
  tickCountdowns();
}

document.addEventListener("DOMContentLoaded", function () {
  enhance(document);
  setInterval(tickCountdowns, 500);
  document.addEventListener("visibilitychange", tickCountdowns);
});
document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });

// The service worker (static/sw.js, served from /sw.js so that it covers every page) keeps
// the Today page and its files available without network; static/offline.js queues sets.
if ("serviceWorker" in navigator && window.isSecureContext) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* the pages work without it, online */
    });
  });
}
