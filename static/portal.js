// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move keyboard focus to the error summary so screen readers announce it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  // Drag and drop onto the proof-of-execution box fills its (ordinary) file input.
  var zones = document.querySelectorAll("[data-drop-zone]");
  Array.prototype.forEach.call(zones, function (zone) {
    var input = zone.querySelector("input[type=file]");
    var hint = zone.querySelector("[data-drop-hint]");
    if (!input || typeof DataTransfer === "undefined") {
      return;
    }
    // Only now can files be dropped: say so.
    Array.prototype.forEach.call(zone.querySelectorAll("[data-js-only]"), function (el) {
      el.hidden = false;
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("is-dragover");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        if (hint) {
          hint.hidden = false;
        }
      }
    });
  });
});
