// The coach page: a "Copy" button beside a new invite code (without scripts the code is a
// read-only field to select by hand). Re-run after htmx swaps a page in.
(function () {
  "use strict";
  function wire(root) {
    root.querySelectorAll("button[data-copy-from]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy-from"));
      if (!field || button.dataset.wired) { return; }
      button.dataset.wired = "1";
      button.hidden = false;
      field.addEventListener("focus", function () { field.select(); });
      button.addEventListener("click", function () {
        field.select();
        var done = function () { button.textContent = "Copied"; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
        } else {
          document.execCommand("copy");
          done();
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:load", function (event) { wire(event.target); });
})();
