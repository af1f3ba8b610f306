// Onboarding: choosing where you train ticks the kit saved for that place (the form's
// data-presets, from Settings). Without JavaScript the boxes simply stay as they are.
"use strict";

function bindPresets(root) {
  root.querySelectorAll("form[data-presets]").forEach(function (form) {
    if (form.dataset.presetsBound) { return; }
    form.dataset.presetsBound = "1";
    var presets;
    try { presets = JSON.parse(form.getAttribute("data-presets")); } catch (e) { return; }
    form.querySelectorAll("input[name=setting]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        var kit = presets[radio.value];
        if (!radio.checked || !kit) { return; }
        form.querySelectorAll("input[name=equipment]").forEach(function (box) {
          box.checked = kit.indexOf(box.value) !== -1;
        });
      });
    });
  });
}

// Loaded from the page body, so it also runs when htmx swaps the page in (hx-boost).
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", function () { bindPresets(document); });
} else {
  bindPresets(document);
}
