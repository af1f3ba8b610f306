// The coach page: a "Copy" button beside a new invite code (without scripts the code is a
// read-only field to select by hand, and the button stays hidden).
//
// base.html loads this file on every page, because htmx does not run the scripts of a page
// it swaps in: going to /coach by a boosted link must give a working button too. So the
// click is bound once, on the document (event delegation), and the buttons are shown on
// a full load and after each htmx swap (`htmx:load`). The guard keeps a second copy of the
// file (coach.html also names it) from binding twice.
(function () {
  "use strict";
  if (window.redwoodCopyButtons) { return; }
  window.redwoodCopyButtons = true;

  function show(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      if (document.getElementById(button.getAttribute("data-copy-from"))) {
        button.hidden = false;
      }
    });
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy-from"));
    if (!field) { return; }
    field.select();
    var done = function () { button.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        document.execCommand("copy");
        done();
      });
    } else {
      document.execCommand("copy");
      done();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy-from]");
    if (button) { copy(button); }
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.id && document.querySelector('button[data-copy-from="' + target.id + '"]')) {
      target.select();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { show(document); });
  } else {
    show(document);
  }
  document.addEventListener("htmx:load", function (event) { show(event.target); });
})();
