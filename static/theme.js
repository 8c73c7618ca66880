// Applies a theme chosen earlier before the page paints (no flash). Without a stored choice the
// page follows the system setting through CSS.
(function () {
  try {
    var theme = window.localStorage.getItem("httpref-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (e) {
    // Storage can be unavailable (private mode, disabled cookies): follow the system setting.
  }
})();
