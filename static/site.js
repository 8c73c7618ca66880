// Enhancements for every page; the site works without them.
// - The theme toggle: light or dark, remembered in localStorage (theme.js applies it early).
// - Copy buttons on code blocks.
(function () {
  "use strict";
  var root = document.documentElement;

  function effectiveTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) {
      return chosen;
    }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var sync = function () {
      toggle.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false");
    };
    toggle.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try {
        window.localStorage.setItem("httpref-theme", next);
      } catch (e) {
        // Not remembered, but still applied for this page.
      }
      sync();
    });
    if (window.matchMedia) {
      window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", sync);
    }
    sync();
    toggle.hidden = false;
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("clipboard unavailable"));
  }

  Array.prototype.forEach.call(document.querySelectorAll(".prose pre"), function (pre) {
    var code = pre.querySelector("code") || pre;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy this code block");
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copyText(code.textContent).then(
        function () {
          button.textContent = "Copied";
          status.textContent = "Copied to the clipboard";
        },
        function () {
          button.textContent = "Copy failed";
          status.textContent = "Could not copy; select the text instead";
        }
      ).then(function () {
        window.setTimeout(function () {
          button.textContent = "Copy";
          status.textContent = "";
        }, 2000);
      });
    });
    var wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    wrapper.appendChild(button);
    wrapper.appendChild(status);
  });
})();
