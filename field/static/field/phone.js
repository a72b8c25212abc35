/* The phone view: offline cache, a queue for taps and notes made without signal, the signature pad. */
(function () {
  "use strict";
  var QUEUE_KEY = "installops.field.queue";

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function readQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }
  function writeQueue(queue) { localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); showQueue(); }

  function banner(id, text, ok) {
    var el = document.getElementById(id);
    if (!el) return;
    el.hidden = !text;
    el.textContent = text || "";
    el.className = "banner" + (ok ? " ok" : "");
  }
  function showQueue() {
    var queue = readQueue();
    banner("queue-banner", queue.length ? queue.length + " waiting to send: " +
      queue.map(function (item) { return item.label; }).join(", ") + ". They go out, in order, when you have signal." : "");
  }
  function showOnline() {
    banner("offline-banner", navigator.onLine ? "" : "Offline: showing saved pages. Taps and notes are kept and sent when you are back online.");
  }

  // Status buttons a tap would be refused for: another day than the visit's (a page left open, or a
  // saved copy from yesterday), or a step already taken by a tap still waiting to send.
  var STATUS_ORDER = ["on_my_way", "on_site", "completed"];
  function companyToday() {
    var zone = document.body.getAttribute("data-company-zone");
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: zone || undefined, year: "numeric", month: "2-digit", day: "2-digit" })
        .format(new Date());
    } catch (e) { return null; }
  }
  function pruneStatusButtons() {
    var forms = document.querySelectorAll("form[data-status]");
    if (!forms.length) return;
    var today = companyToday(), otherDay = false, queuedRank = -1;
    readQueue().forEach(function (item) {
      if (item.url === forms[0].action) queuedRank = Math.max(queuedRank, STATUS_ORDER.indexOf(item.fields.to_status));
    });
    Array.prototype.forEach.call(forms, function (form) {
      var rank = STATUS_ORDER.indexOf(form.getAttribute("data-status"));
      var button = form.querySelector("button");
      if (today && form.getAttribute("data-for-day") !== today) {
        form.hidden = true;
        otherDay = true;
      } else if (rank < queuedRank) {
        form.hidden = true;
      } else if (rank === queuedRank && button) {
        button.disabled = true;
        button.classList.add("queued");
        button.textContent = form.getAttribute("data-queue") + " (waiting to send)";
      }
    });
    var note = document.querySelector("[data-testid=not-today]");
    if (note) note.hidden = !otherDay;
  }

  // "Completed" asks first, in a dialog that says what is still missing (without JavaScript the
  // server asks on a page of its own).
  function confirmFirst(form) {
    var dialog = document.getElementById(form.getAttribute("data-confirm"));
    var confirmed = form.querySelector("input[name=confirmed]");
    if (!dialog || !dialog.showModal || !confirmed || confirmed.value === "1") return false;
    dialog.returnValue = "";
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "yes") return;
      confirmed.value = "1";
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }, { once: true });
    dialog.showModal();
    return true;
  }

  var flushing = false;
  // Sends the queue in order, one at a time; stops at the first one that cannot reach the server.
  function flush() {
    if (flushing) return Promise.resolve(0);
    flushing = true;
    var sent = 0;
    function next() {
      var queue = readQueue();
      if (!queue.length) return Promise.resolve(sent);
      var item = queue[0];
      return fetch(item.url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(),
                   "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(item.fields).toString()
      }).then(function (response) {
        if (response.redirected || response.status === 403) {
          banner("offline-banner", "Sign in again to send what is waiting.");
          return sent;
        }
        if (response.status >= 500) return sent;
        return response.json().catch(function () { return {}; }).then(function (body) {
          // Sent: applied (200), or refused for a reason the server gave (400/409): either way done.
          var rest = readQueue().filter(function (other) { return other.fields.client_uuid !== item.fields.client_uuid; });
          writeQueue(rest);
          sent += 1;
          if (!body.ok && body.message) banner("offline-banner", item.label + ": " + body.message);
          return next();
        });
      }, function () { return sent; });
    }
    return next().then(function (count) { flushing = false; return count; },
                       function () { flushing = false; return sent; });
  }

  function queueForm(form) {
    var fields = {};
    new FormData(form).forEach(function (value, key) { if (typeof value === "string") fields[key] = value; });
    fields.client_uuid = uuid();
    fields.happened_at = new Date().toISOString();
    delete fields.csrfmiddlewaretoken;
    var queue = readQueue();
    queue.push({ url: form.action, fields: fields, label: form.getAttribute("data-queue") });
    writeQueue(queue);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-confirm") && confirmFirst(form)) {
      event.preventDefault();
    } else if (form.hasAttribute("data-queue")) {
      event.preventDefault();
      queueForm(form);
      var button = form.querySelector("button");
      if (button) { button.disabled = true; button.classList.add("queued"); }
      flush().then(function (count) {
        if (count && !readQueue().length) { window.location.reload(); return; }
        if (button) button.textContent = form.getAttribute("data-queue") + " (waiting to send)";
        var text = form.querySelector("textarea");
        if (text) text.value = "";
        pruneStatusButtons();
      });
    } else if (form.hasAttribute("data-needs-signal") && !navigator.onLine) {
      event.preventDefault();
      banner("offline-banner", "Photos need signal. Keep the photo on your phone and add it when you are back online.");
    } else if (form.hasAttribute("data-sign-out") && navigator.serviceWorker && navigator.serviceWorker.controller) {
      // A shared phone must not keep the last person's saved pages.
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    } else if (form.hasAttribute("data-busy")) {
      var submit = form.querySelector("button[type=submit]");
      if (submit) { submit.disabled = true; submit.textContent = form.getAttribute("data-busy"); }
    }
  });

  window.addEventListener("online", function () {
    showOnline();
    flush().then(function (count) { if (count) window.location.reload(); });
  });
  window.addEventListener("offline", showOnline);
  // A phone woken the next morning on yesterday's page: its buttons are yesterday's.
  document.addEventListener("visibilitychange", function () { if (!document.hidden) pruneStatusButtons(); });

  // The offline cache: "my day" asks for each listed visit page (and its files) to be saved.
  if ("serviceWorker" in navigator && document.body.getAttribute("data-sw")) {
    navigator.serviceWorker.register(document.body.getAttribute("data-sw"), { scope: document.body.getAttribute("data-sw-scope") })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        var links = Array.prototype.map.call(document.querySelectorAll("[data-precache]"), function (a) { return a.href; });
        // This page's own CSS and JS too: it loaded before the worker was in control, and the saved
        // pages need them offline (the browser's HTTP cache may have dropped them by then).
        var assets = Array.prototype.map.call(document.querySelectorAll("link[rel=stylesheet][href], script[src]"),
                                              function (el) { return el.href || el.src; });
        if (links.length && registration.active) {
          registration.active.postMessage({ type: "precache", urls: [window.location.href].concat(assets, links) });
        }
      })
      .catch(function () { /* no offline copy on this browser; everything else still works */ });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "precached") document.body.setAttribute("data-precached", event.data.count);
    });
  }

  // The customer's signature, drawn with a finger on a canvas, sent as a PNG data URL.
  var pad = document.getElementById("signature-pad");
  if (pad) {
    var ctx = pad.getContext("2d"), drawing = false, inked = false;
    function fit() {
      var ratio = window.devicePixelRatio || 1;
      pad.width = pad.clientWidth * ratio; pad.height = pad.clientHeight * ratio;
      ctx.scale(ratio, ratio); ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.strokeStyle = "#111";
    }
    fit();
    function point(e) { var r = pad.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
    pad.addEventListener("pointerdown", function (e) { drawing = true; pad.setPointerCapture(e.pointerId); var p = point(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]); });
    pad.addEventListener("pointermove", function (e) { if (!drawing) return; var p = point(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); inked = true; });
    pad.addEventListener("pointerup", function () { drawing = false; });
    document.getElementById("signature-clear").addEventListener("click", function () { ctx.clearRect(0, 0, pad.width, pad.height); inked = false; });
    pad.closest("form").addEventListener("submit", function () {
      document.getElementById("id_signature").value = inked ? pad.toDataURL("image/png") : "";
    });
  }

  showOnline();
  showQueue();
  pruneStatusButtons();
  if (readQueue().length && navigator.onLine) flush().then(function (count) { if (count) window.location.reload(); });
})();
