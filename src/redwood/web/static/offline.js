// Logging sets without network: a queue in IndexedDB, shown on the Today page, sent in order
// when the network comes back.
//
// A "Log set" tap that cannot reach the server (the phone is offline, the request fails or
// times out after 15 s, or the server answers 5xx) keeps the set in the queue with its UUID (the form's id: if the
// server did get a failed request, sending it again stores nothing twice), what was typed,
// the planned session and the time of the tap. While anything is waiting, new taps join the
// queue too, so the server receives the sets in the order they were done. The page then
// moves on by itself: it marks the set as waiting, shows the next one from the steps the
// server listed in `#session[data-offline]` (the runner's order, as the server would) and
// starts the rest timer from the tap's time. After a reload without network the service
// worker serves the cached page and this script lays the queue over it again.
//
// Sending (on the `online` event, on page load, every 30 s while sets wait, after a tap):
// first GET /offline/token for the current CSRF token and the signed-in athlete (a cached
// page's token may be stale), then each waiting set of that athlete, oldest first, as the
// log form to POST /today/log asking for JSON. 2xx (201 stored, 200 already stored) removes
// it from the queue; 401 or a redirect to sign in, 408, 429, 5xx or no network stop and
// wait; any other 4xx will never succeed, so the set is kept as failed with the server's
// message (the lifter can remove it). Then the session region is fetched again, so the
// runner shows what the server now has.
"use strict";

(function () {
  var DB_NAME = "redwood-offline";
  var STORE = "sets";
  var RETRY_MS = 30000;
  var FIELDS = ["id", "date", "exercise", "type", "planned", "load", "reps", "rir", "rpe"];
  var OFFLINE_NOTE = "No network: these sets are kept on this phone and sent when it is back.";

  var databasePromise = null;
  var syncing = false;
  var again = false;
  var waiting = 0;
  var note = "";

  // ---- the queue in IndexedDB: one record per set, keyed by arrival (`seq`), ids unique.
  function database() {
    if (!databasePromise) {
      databasePromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          var store = request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
          store.createIndex("id", "id", { unique: true });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return databasePromise;
  }

  function inStore(mode, work) {
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        var result;
        if (request) { request.onsuccess = function () { result = request.result; }; }
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = function (event) { event.preventDefault(); reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function allItems() {
    return inStore("readonly", function (store) { return store.getAll(); })
      .then(function (items) { return items || []; })
      .catch(function () { return []; });
  }

  function addItem(item) {
    return inStore("readwrite", function (store) { return store.add(item); })
      .catch(function (error) {
        if (error && error.name === "ConstraintError") { return undefined; } // queued already
        throw error;
      });
  }

  function putItem(item) {
    return inStore("readwrite", function (store) { return store.put(item); });
  }

  function deleteItem(seq) {
    return inStore("readwrite", function (store) { return store.delete(seq); });
  }

  // ---- the page
  function section() {
    var found = document.getElementById("session");
    return found && found.hasAttribute("data-offline") ? found : null;
  }

  function planOf(found) {
    try { return JSON.parse(found.getAttribute("data-offline")); } catch (e) { return null; }
  }

  function pageAthlete() {
    var found = section();
    var plan = found && planOf(found);
    return plan ? plan.athlete : null;
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  function describe(item) {
    var load = item.load && /^[\d.,]+$/.test(item.load) && item.unit ? item.load + " " + item.unit : item.load;
    var text = (load || "bodyweight") + " × " + item.reps;
    if (item.rir) { text += " · RIR " + item.rir; }
    if (item.rpe) { text += " · RPE " + item.rpe; }
    if (item.type === "warmup") { text += " · warm-up"; }
    var at = new Date(item.at);
    var clock = isNaN(at) ? "" : " · " + at.toTimeString().slice(0, 5);
    return item.name + ": " + text + clock;
  }

  // The "waiting to sync" card: the count, a line on what is happening, the sets.
  function showQueue(items) {
    var box = document.getElementById("sync");
    if (!box) { return; }
    var shown = items.filter(function (item) { return item.status === "waiting" || item.status === "failed"; });
    var count = shown.filter(function (item) { return item.status === "waiting"; }).length;
    box.querySelector("[data-sync-count]").textContent = String(count);
    box.querySelector("[data-sync-status]").textContent = note;
    var list = box.querySelector("[data-sync-list]");
    list.textContent = "";
    shown.forEach(function (item) {
      var row = element("li", item.status === "failed" ? "failed" : "queued");
      row.setAttribute("data-set", item.id);
      row.appendChild(element("span", "set-text", describe(item)));
      if (item.status === "failed") {
        row.appendChild(element("p", "error", "Not logged: " + item.error));
        var remove = element("button", "", "Remove");
        remove.type = "button";
        remove.setAttribute("data-sync-dismiss", String(item.seq));
        row.appendChild(remove);
      } else {
        row.appendChild(element("span", "chip", "waiting"));
      }
      list.appendChild(row);
    });
    box.hidden = !shown.length && !note;
  }

  function restCard(found, until) {
    var card = found.querySelector(":scope > .rest[data-timer]");
    if (!until) {
      if (card) { card.remove(); }
      return;
    }
    if (!card) {
      card = element("div", "card rest");
      card.setAttribute("data-timer", "");
      var line = element("p", "", "Rest ");
      var strong = element("strong", "num");
      strong.appendChild(element("span"));
      line.appendChild(strong);
      card.appendChild(line);
      found.insertBefore(card, found.firstChild);
    }
    card.classList.remove("done");
    card.querySelector("[data-until], strong > span").setAttribute("data-until", until.toISOString());
  }

  function setField(form, name, value) {
    var input = form.querySelector("[name=" + name + "]");
    if (input) { input.value = value; }
  }

  // The "next set" card for `step` (one of the plan's steps), loads carried as the runner does.
  function showStep(card, step, carried, unit) {
    var title = card.querySelector("h2");
    title.textContent = step.name;
    if (step.superset) {
      title.appendChild(document.createTextNode(" "));
      title.appendChild(element("span", "chip", "superset"));
    }
    var reps = step.reps_min + (step.reps_max !== step.reps_min ? "-" + step.reps_max : "") + " reps";
    var rir = step.rir !== null && step.rir !== undefined && step.type !== "warmup" ? " · RIR " + step.rir : "";
    var muted = card.querySelector("p.muted");
    if (muted) { muted.textContent = step.label + " · " + reps + rir; }
    var target = card.querySelector("p.target");
    if (target) {
      var load = step.load || (carried ? carried + " " + unit : step.type === "calibration" ? "a load you choose" : "bodyweight");
      target.textContent = "";
      target.appendChild(element("strong", "", load));
      if (step.plates) { target.appendChild(element("span", "plates", step.plates.join(" + ") + " per side")); }
    }
    var form = card.querySelector("form.log-form");
    var kind = step.type === "warmup" ? "warmup" : "working";
    setField(form, "exercise", step.exercise);
    setField(form, "type", kind);
    setField(form, "load", step.fill.load || carried || "");
    setField(form, "reps", step.fill.reps);
    setField(form, "rir", step.fill.rir);
    setField(form, "rpe", "");
    form.querySelector("button[type=submit]").textContent = kind === "warmup" ? "Log warm-up" : "Log set";
    card.querySelectorAll(".actions input[name=exercise]").forEach(function (input) { input.value = step.exercise; });
    var swap = card.querySelector(".actions a[href^='/today/swap']");
    if (swap) {
      swap.href = "/today/swap?exercise=" + encodeURIComponent(step.exercise) + "&date=" + encodeURIComponent(form.querySelector("[name=date]").value);
    }
  }

  function showAllDone(card) {
    card.querySelector("h2").textContent = "All sets done";
    card.querySelectorAll("p.muted, p.target, form, .actions").forEach(function (part) { part.hidden = true; });
  }

  // Lay the sets waiting for this page's athlete and date over the runner the server drew:
  // each completes the first step of its exercise still to do (a working set drops the
  // warm-ups ahead of it), like coach.workout does when the server replays the day's log.
  function applyQueue(items) {
    var found = section();
    var plan = found && planOf(found);
    if (!plan) { return; }
    var card = found.querySelector("article.now");
    var form = card && card.querySelector("form.log-form");
    var date = found.getAttribute("data-date");
    var queued = items.filter(function (item) {
      return item.athlete === plan.athlete && item.date === date && item.status === "waiting" &&
        plan.done.indexOf(item.id) === -1;
    });
    found.querySelectorAll("li.todo[data-step]").forEach(function (row) {
      row.classList.remove("queued");
      var chip = row.querySelector(".chip.waiting");
      if (chip) { chip.remove(); }
    });
    if (form) {
      var used = items.map(function (item) { return item.id; }).concat(plan.done);
      var id = form.querySelector("[name=id]");
      if (used.indexOf(id.value) !== -1) { id.value = newId(); }
    }
    if (!queued.length || !form) { return; }
    var steps = plan.steps.slice();
    var loads = {};
    var last = null;
    queued.forEach(function (item) {
      if (item.load) { loads[item.exercise] = item.load; }
      var ahead = steps.filter(function (step) { return step.exercise === item.exercise; });
      var step = ahead.filter(function (s) { return (s.type === "warmup") === (item.type === "warmup"); })[0];
      if (!step) { return; }
      var gone = item.type === "warmup" ? [step] : ahead.slice(0, ahead.indexOf(step) + 1);
      steps = steps.filter(function (s) { return gone.indexOf(s) === -1; });
      var row = found.querySelector("li.todo[data-step='" + step.line + "-" + step.set_index + "']");
      if (row) {
        row.classList.add("queued");
        row.classList.remove("next");
        row.appendChild(element("span", "chip waiting", "waiting to sync"));
      }
      last = { step: step, item: item };
    });
    found.querySelectorAll("li.todo.next").forEach(function (row) { row.classList.remove("next"); });
    var next = steps[0];
    if (!next) {
      restCard(found, null);
      showAllDone(card);
      return;
    }
    var nextRow = found.querySelector("li.todo[data-step='" + next.line + "-" + next.set_index + "']");
    if (nextRow) { nextRow.classList.add("next"); }
    var until = last ? new Date(Date.parse(last.item.at) + last.step.rest_after * 1000) : null;
    restCard(found, until && until > new Date() ? until : null);
    showStep(card, next, loads[next.exercise] || "", plan.unit || "");
    if (typeof tickCountdowns === "function") { tickCountdowns(); }
  }

  function render() {
    return allItems().then(function (items) {
      var athlete = pageAthlete();
      var mine = athlete === null ? items : items.filter(function (item) { return item.athlete === athlete; });
      waiting = mine.filter(function (item) { return item.status === "waiting"; }).length;
      showQueue(mine);
      applyQueue(items);
    });
  }

  // ---- queueing a tap
  function formItem(form) {
    var data = new FormData(form);
    var plan = planOf(section());
    var item = { athlete: plan.athlete, unit: plan.unit || "", at: new Date().toISOString(), status: "waiting", error: "" };
    FIELDS.forEach(function (name) { item[name] = String(data.get(name) || "").trim(); });
    var title = form.closest("article.now").querySelector("h2");
    item.name = title && title.firstChild ? title.firstChild.textContent.trim() : item.exercise;
    return item;
  }

  // A message in the log form from this script ("" removes it); true when one is shown.
  function formMessage(form, message) {
    var shown = form.querySelector("p.error[data-offline-error]");
    if (!message) {
      if (shown) { shown.remove(); }
      return false;
    }
    if (!shown) {
      shown = element("p", "error");
      shown.setAttribute("data-offline-error", "");
      shown.setAttribute("role", "alert");
      form.insertBefore(shown, form.querySelector("button[type=submit]"));
    }
    shown.textContent = message;
    return true;
  }

  function queueForm(form) {
    var reps = String(new FormData(form).get("reps") || "").trim();
    if (formMessage(form, /^\d{1,3}$/.test(reps) ? "" : "reps: how many reps? a whole number")) {
      return Promise.resolve();
    }
    var item = formItem(form);
    note = navigator.onLine ? "" : OFFLINE_NOTE;
    return addItem(item).then(render, function () {
      formMessage(form, "This browser cannot keep the set without network: log it again when it is back.");
    }).then(function () {
      if (navigator.onLine) { return sync(); }
      return undefined;
    });
  }

  // ---- sending
  function who() {
    return fetch("/offline/token", { credentials: "same-origin", cache: "no-store", redirect: "manual" })
      .then(function (response) {
        if (response.status === 401 || response.type === "opaqueredirect") { return { kind: "signin" }; }
        if (!response.ok) { return { kind: "later" }; }
        return response.json().then(function (data) { return { kind: "ok", csrf: data.csrf, athlete: data.athlete }; });
      }, function () { return { kind: "offline" }; });
  }

  function send(item, token) {
    var body = new URLSearchParams();
    body.set("csrf", token);
    FIELDS.forEach(function (name) { body.set(name, item[name] || ""); });
    body.set("at", item.at);
    body.set("athlete", String(item.athlete));
    return fetch("/today/log", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
      headers: { "Accept": "application/json", "X-CSRF-Token": token }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401) { return { kind: "signin" }; }
      if (response.ok) { return { kind: "stored" }; }
      return response.json().catch(function () { return null; }).then(function (data) {
        var message = (data && data.error && data.error.message) || (data && data.message) ||
          "the server answered " + response.status;
        if (response.status === 403 && !(data && data.error)) { return { kind: "csrf", message: message }; }
        if (response.status === 408 || response.status === 429 || response.status >= 500) {
          return { kind: "later", message: message };
        }
        return { kind: "failed", message: message };
      });
    }, function () { return { kind: "offline" }; });
  }

  var STOPS = {
    offline: OFFLINE_NOTE,
    signin: "Sign in again to send these sets.",
    later: "The server is busy: these sets will be sent in a moment.",
    csrf: "These sets could not be sent yet: reload the page."
  };

  function sendAll(items, caller) {
    var sent = 0;
    var tried = 0;
    var token = caller.csrf;
    var retried = false;
    function next(index) {
      if (index >= items.length) { return Promise.resolve(); }
      var item = items[index];
      return send(item, token).then(function (outcome) {
        if (outcome.kind === "csrf" && !retried) {
          retried = true;
          return who().then(function (again) {
            if (again.kind !== "ok") { note = STOPS[again.kind]; return undefined; }
            token = again.csrf;
            return next(index);
          });
        }
        if (outcome.kind === "stored") {
          sent += 1;
          tried += 1;
          return deleteItem(item.seq).then(render).then(function () { return next(index + 1); });
        }
        if (outcome.kind === "failed") {
          tried += 1;
          item.status = "failed";
          item.error = outcome.message;
          return putItem(item).then(render).then(function () { return next(index + 1); });
        }
        note = STOPS[outcome.kind] || outcome.message;
        return undefined;
      });
    }
    return next(0).then(function () { return { sent: sent, tried: tried }; });
  }

  function refreshSession() {
    var found = section();
    if (!found) { return Promise.resolve(); }
    return fetch(location.pathname + location.search, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || response.redirected) { return; }
        return response.text().then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("session");
          var current = section();
          if (!fresh || !current) { return; }
          current.replaceWith(fresh);
          var placed = document.getElementById("session");
          if (window.htmx) { window.htmx.process(placed); }
          if (typeof enhance === "function") { enhance(placed); }
        });
      })
      .catch(function () { return undefined; })
      .then(render);
  }

  function syncOnce() {
    return allItems().then(function (items) {
      var waitingItems = items.filter(function (item) { return item.status === "waiting"; });
      if (!waitingItems.length) { return undefined; }
      note = "Sending…";
      return render().then(who).then(function (caller) {
        if (caller.kind !== "ok") {
          note = STOPS[caller.kind];
          return render();
        }
        var mine = waitingItems.filter(function (item) { return item.athlete === caller.athlete; });
        return sendAll(mine, caller).then(function (done) {
          if (note === "Sending…") { note = done.sent ? "All sets sent." : ""; }
          if (done.tried) { return refreshSession(); }
          return render();
        });
      });
    });
  }

  // One sending round at a time (per tab, and across tabs where Web Locks exist); a set
  // queued during a round starts another one after it.
  function sync() {
    if (!navigator.onLine) { return Promise.resolve(); }
    if (syncing) {
      again = true;
      return Promise.resolve();
    }
    syncing = true;
    again = false;
    var run = navigator.locks
      ? navigator.locks.request("redwood-offline-sync", syncOnce)
      : syncOnce();
    return Promise.resolve(run)
      .catch(function () { note = ""; })
      .then(function () {
        syncing = false;
        if (again) { return sync(); }
        return undefined;
      });
  }

  // ---- wiring
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches("form.log-form") || !section()) { return; }
    if (navigator.onLine && waiting === 0) { return; } // online with nothing waiting: htmx sends it
    event.preventDefault();
    event.stopImmediatePropagation();
    queueForm(form);
  }, true);

  function failedLog(event) {
    var form = event.detail && event.detail.elt;
    return form instanceof HTMLFormElement && form.matches("form.log-form") ? form : null;
  }

  document.addEventListener("htmx:timeout", function (event) {
    var form = failedLog(event);
    if (form) { queueForm(form); }
  });

  document.addEventListener("htmx:sendError", function (event) {
    var form = failedLog(event);
    if (form) { queueForm(form); }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var form = failedLog(event);
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (form && (status === 0 || status >= 500)) { queueForm(form); }
  });

  // After a set logged online, fetch the page again so the worker's cached copy is current.
  // (The swap removed the form, so htmx reports this on an element still in the page.)
  document.addEventListener("htmx:afterRequest", function (event) {
    var info = event.detail || {};
    var logged = info.pathInfo && info.pathInfo.requestPath === "/today/log" && info.successful;
    if (logged && navigator.serviceWorker && navigator.serviceWorker.controller) {
      fetch(location.pathname + location.search, { credentials: "same-origin" }).catch(function () { return undefined; });
    }
  });

  document.addEventListener("htmx:afterSettle", function () { render(); });

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-sync-dismiss]");
    if (!button) { return; }
    deleteItem(Number(button.getAttribute("data-sync-dismiss"))).then(render);
  });

  window.addEventListener("online", function () { note = ""; sync(); });
  window.addEventListener("offline", function () { note = OFFLINE_NOTE; render(); });

  function start() {
    if (!window.indexedDB) { return; }
    if (!navigator.onLine) { note = OFFLINE_NOTE; }
    render().then(sync);
    setInterval(function () { if (waiting > 0) { sync(); } }, RETRY_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
