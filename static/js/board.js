// The dispatch board: drag a visit to another crew or day (or hour); the server re-validates.
// A refused move snaps the block back where it was and says why.
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (error) {
      return "";
    }
  }

  function say(text, kind) {
    var box = document.getElementById("board-message");
    if (!box) return;
    box.innerHTML = "";
    var alert = document.createElement("div");
    alert.className = "alert alert-" + kind + " shadow-sm mb-0";
    alert.textContent = text;
    box.appendChild(alert);
    clearTimeout(say.timer);
    // A move that tells people says whom: long enough to read.
    var shown = kind === "success" ? (text.length > 80 ? 9000 : 4000) : 9000;
    say.timer = setTimeout(function () { box.innerHTML = ""; }, shown);
  }

  function snapBack(event) {
    var item = event.item;
    var reference = event.from.children[event.oldIndex] || null;
    event.from.insertBefore(item, reference);
    item.classList.add("refused");
    setTimeout(function () { item.classList.remove("refused"); }, 1300);
  }

  function post(url, cell, overrideReason) {
    var body = new URLSearchParams();
    body.append("row", cell.dataset.row);
    body.append("day", cell.dataset.day);
    if (cell.dataset.hour) body.append("hour", cell.dataset.hour);
    if (overrideReason) body.append("override_reason", overrideReason);
    return fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, message: "The server did not answer (" + response.status + ")." };
      });
    });
  }

  function moved(board, event) {
    window.boardDragging = false;
    if (event.from === event.to) return;
    var item = event.item;
    var cell = event.to;
    var url = board.dataset.moveUrl.replace(/0\/move\/$/, item.dataset.visit + "/move/");
    item.classList.add("saving");
    post(url, cell).then(function (result) {
      if (!result.ok && result.needs_override) {
        var reason = window.prompt(result.message + "\n\nReason to book it anyway:");
        if (reason && reason.trim()) return post(url, cell, reason.trim());
      }
      return result;
    }).then(function (result) {
      item.classList.remove("saving");
      if (result.ok) {
        say(result.message, "success");
        htmx.trigger("#board", "refresh");
      } else {
        snapBack(event);
        say(result.message, "danger");
      }
    }).catch(function () {
      item.classList.remove("saving");
      snapBack(event);
      say("The move could not be saved: the connection failed. Nothing changed.", "danger");
    });
  }

  // The grid's column count and a day view's block positions come as data attributes and are set
  // through the CSSOM: the page's Content-Security-Policy allows no inline style attribute.
  function layout(root) {
    var boards = root.matches && root.matches(".board") ? [root] : Array.prototype.slice.call(
      root.querySelectorAll ? root.querySelectorAll(".board") : []);
    boards.forEach(function (board) {
      if (board.dataset.columns) board.style.setProperty("--columns", board.dataset.columns);
      board.querySelectorAll(".visit-block[data-o]").forEach(function (block) {
        block.style.setProperty("--o", block.dataset.o);
        block.style.setProperty("--s", block.dataset.s);
      });
    });
  }

  // The live board refreshes every minute, but never under a block being dragged.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (window.boardDragging && event.detail.elt && event.detail.elt.id === "board") event.preventDefault();
  });

  function init(root) {
    layout(root);
    var board = root.querySelector ? root.querySelector(".board.board-editable") : null;
    if (!board && root.classList && root.classList.contains("board-editable")) board = root;
    if (!board || typeof Sortable === "undefined") return;
    board.querySelectorAll(".board-cell[data-row]").forEach(function (cell) {
      Sortable.create(cell, {
        group: "visits",
        sort: false,
        draggable: ".visit-block.movable",
        filter: ".off-label",
        animation: 120,
        forceFallback: true,
        fallbackOnBody: true,
        onStart: function () { window.boardDragging = true; },
        onEnd: function (event) { moved(board, event); },
      });
    });
  }

  if (window.htmx) {
    htmx.onLoad(init);
  } else {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  }
})();
