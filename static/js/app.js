// Small behaviours the office pages declare with data attributes (the Content-Security-Policy runs no
// inline handlers): a form that asks before it posts, a field that submits its form, a close button.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) field.form.submit();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-clear-cell]") : null;
    if (!button) return;
    var cell = button.closest("td");
    if (cell) cell.innerHTML = "";
  });

  // A link to "#panel-funding" lands before the panel has arrived; show it once it has.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    if (target && target.id && window.location.hash === "#" + target.id) target.scrollIntoView();
  });
})();
