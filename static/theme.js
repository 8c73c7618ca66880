// Applies a theme chosen earlier before the page paints (no flash). Without a stored choice the
// page follows the system setting through CSS.
(function () {
  // Marks that scripts run, before the body is parsed: script-only controls (the theme toggle,
  // copy buttons) are laid out from the first paint, so nothing moves when site.js starts.
  document.documentElement.classList.add("js");
  // A query in the address (the search page): room for its results is kept from the first paint.
  if (/[?&]q=[^&]/.test(window.location.search)) {
    document.documentElement.classList.add("has-query");
  }
  try {
    var theme = window.localStorage.getItem("httpref-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (e) {
    // Storage can be unavailable (private mode, disabled cookies): follow the system setting.
  }
})();
