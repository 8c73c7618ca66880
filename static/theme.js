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
  // The interface's words for scripts: `httprefText(key, args)` gives the message `key` of the page's
  // catalogue (the `#strings` JSON block the base template writes, docs/catalogues.md), variables
  // `{$name}` filled from `args` and plural variants chosen with Intl.PluralRules; `null` without
  // the block or the key, so each script keeps its English words.
  var strings;
  window.httprefText = function (key, args) {
    if (strings === undefined) {
      var block = document.getElementById("strings");
      try {
        strings = block ? JSON.parse(block.textContent) : null;
      } catch (e) {
        strings = null;
      }
    }
    var text = strings && strings[key];
    args = args || {};
    if (text && typeof text === "object") {
      var n = Number(args[text.select]);
      var rule = new Intl.PluralRules(document.documentElement.lang || "en").select(n);
      text = text.variants[String(n)] || text.variants[rule] || text.variants[text["default"]];
    }
    if (typeof text !== "string") return null;
    return text.replace(/\{\$(\w+)\}/g, function (all, name) {
      return name in args ? String(args[name]) : all;
    });
  };
  try {
    var theme = window.localStorage.getItem("httpref-theme");
    if (theme === "light" || theme === "dark") {
      document.documentElement.setAttribute("data-theme", theme);
    }
  } catch (e) {
    // Storage can be unavailable (private mode, disabled cookies): follow the system setting.
  }
})();
