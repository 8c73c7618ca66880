// Injected by `httpref serve` only. Reloads the page after a rebuild that changed it (the event
// lists the files whose bytes changed; the script tag names the file this page is), and shows the
// problems of a failed one over the last good page until they are fixed. Text only; styled through
// the CSSOM, which the pages' Content-Security-Policy allows.
(function () {
  "use strict";
  var overlay = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "httpref-build-error";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed";
      s.left = "0";
      s.right = "0";
      s.bottom = "0";
      s.maxHeight = "60vh";
      s.overflow = "auto";
      s.zIndex = "2147483647";
      s.background = "#2b0a0a";
      s.color = "#ffe6e6";
      s.borderTop = "4px solid #ff5c5c";
      s.padding = "1rem";
      s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      document.body.appendChild(overlay);
    }
    while (overlay.firstChild) {
      overlay.removeChild(overlay.firstChild);
    }
    var title = document.createElement("strong");
    title.textContent = "httpref: the build failed. This is the last good version; fix the problems below.";
    var text = document.createElement("pre");
    text.textContent = message;
    text.style.whiteSpace = "pre-wrap";
    text.style.margin = "0.5rem 0 0";
    overlay.appendChild(title);
    overlay.appendChild(text);
  }

  var source = new EventSource("/__httpref/events");
  source.addEventListener("ok", hide);
  // The file this tab shows: the one it was served (the not-found page for an unknown address),
  // and the one its address names, which a rebuild may have just created.
  var served = document.currentScript ? document.currentScript.getAttribute("data-page") : null;
  var path = decodeURIComponent(window.location.pathname).replace(/^\/+/, "");
  if (path === "" || path.slice(-1) === "/") {
    path += "index.html";
  }
  source.addEventListener("reload", function (event) {
    hide();
    var changed = JSON.parse(event.data).changed || [];
    if (changed.indexOf(served) !== -1 || changed.indexOf(path) !== -1) {
      window.location.reload();
    }
  });
  source.addEventListener("build-error", function (event) {
    show(JSON.parse(event.data).message);
  });
})();
