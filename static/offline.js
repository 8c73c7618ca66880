// Offline reading: registers the service worker (which caches the whole site) and says, in a
// quiet line at the foot of the page, when the site is ready to read offline. The worker's
// address and scope come from the script tag, so a site under a sub-path works the same.
(function () {
  // The catalogue's words (theme.js, docs/catalogues.md), or the English ones given here.
  var uiText = function (key, args, english) {
    var text = window.httprefText && window.httprefText(key, args);
    return text == null ? english : text;
  };
  var script = document.currentScript;
  var footer = document.querySelector(".site-footer");
  if (!("serviceWorker" in navigator) || !script || !footer) {
    return;
  }
  var worker = script.getAttribute("data-worker");
  var scope = script.getAttribute("data-scope");

  // Announced once, when the site becomes ready during this visit; on later pages the line is
  // there without being announced again. Empty (and so taking no room) until then, but rendered,
  // so that screen readers follow it as a live region from the start.
  var status = document.createElement("p");
  status.className = "offline-status";
  if (!navigator.serviceWorker.controller) {
    status.setAttribute("role", "status");
  }
  footer.appendChild(status);

  var ready = false;
  function show() {
    if (!ready) {
      return;
    }
    status.textContent = navigator.onLine
      ? uiText("js-offline-saved", {}, "Saved for offline reading")
      : uiText("js-offline-reading", {}, "Offline: reading the saved copy");
  }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);

  navigator.serviceWorker.register(worker, { scope: scope }).catch(function () {
    // No worker (private mode, storage off): the site works online as before, without the line.
  });
  navigator.serviceWorker.ready.then(function () {
    ready = true;
    show();
  });
})();
