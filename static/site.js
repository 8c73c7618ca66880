// Enhancements for every page; the site works without them.
// - The theme control: the system's theme, light or dark, remembered in localStorage (theme.js
//   applies it early).
// - Copy buttons on code blocks and library constants (the constants' buttons are in the page,
//   shown once theme.js has marked that scripts run).
// - The language switcher keeps the section the reader is at (the #fragment) when the page
//   exists in the other language (sections have the same ids in every language).
(function () {
  "use strict";
  // The catalogue's words (theme.js, docs/catalogues.md), or the English ones given here.
  var uiText = function (key, args, english) {
    var text = window.httprefText && window.httprefText(key, args);
    return text == null ? english : text;
  };
  var root = document.documentElement;

  document.querySelectorAll(".lang-menu a[data-same-page]").forEach(function (link) {
    link.addEventListener("click", function () {
      if (window.location.hash) {
        link.hash = window.location.hash;
      }
    });
  });

  // The theme control: follow the system, light, dark, and round again. Its name says the
  // current choice (its state) and the icon shown matches it (the CSS reads data-theme).
  var themes = ["system", "light", "dark"];
  var themeNames = {
    system: uiText("js-site-theme-system", {}, "follow the system"),
    light: uiText("js-site-theme-light", {}, "light"),
    dark: uiText("js-site-theme-dark", {}, "dark"),
  };
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var chosen = function () {
      var theme = root.getAttribute("data-theme");
      return theme === "light" || theme === "dark" ? theme : "system";
    };
    var sync = function () {
      var current = chosen();
      var next = themes[(themes.indexOf(current) + 1) % themes.length];
      var label = uiText("js-site-theme-label", { current: themeNames[current], next: themeNames[next] }, "Theme: " + themeNames[current] + " (switch to " + themeNames[next] + ")");
      toggle.setAttribute("aria-label", label);
      toggle.setAttribute("title", label);
    };
    toggle.addEventListener("click", function () {
      var next = themes[(themes.indexOf(chosen()) + 1) % themes.length];
      try {
        if (next === "system") {
          window.localStorage.removeItem("httpref-theme");
        } else {
          window.localStorage.setItem("httpref-theme", next);
        }
      } catch (e) {
        // Not remembered, but still applied for this page.
      }
      if (next === "system") {
        root.removeAttribute("data-theme");
      } else {
        root.setAttribute("data-theme", next);
      }
      sync();
    });
    sync();
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    return Promise.reject(new Error("clipboard unavailable"));
  }

  // Copies `text`, then says so on the button and in a live region for screen readers.
  function copyWith(button, text, status, label) {
    copyText(text).then(
      function () {
        button.textContent = uiText("js-site-copied", {}, "Copied");
        status.textContent = uiText("js-site-copied-status", {}, "Copied to the clipboard");
      },
      function () {
        button.textContent = uiText("js-site-copy-failed", {}, "Copy failed");
        status.textContent = uiText("js-site-copy-failed-status", {}, "Could not copy; select the text instead");
      }
    ).then(function () {
      window.setTimeout(function () {
        button.textContent = label;
        status.textContent = "";
      }, 2000);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".constants"), function (group) {
    var status = group.querySelector("[role=status]");
    Array.prototype.forEach.call(group.querySelectorAll(".copy-constant"), function (button) {
      button.addEventListener("click", function () {
        copyWith(button, button.getAttribute("data-copy"), status, uiText("js-site-copy", {}, "Copy"));
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll(".prose pre"), function (pre) {
    var code = pre.querySelector("code") || pre;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = uiText("js-site-copy", {}, "Copy");
    button.setAttribute("aria-label", uiText("js-site-copy-block", {}, "Copy this code block"));
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      copyWith(button, code.textContent, status, uiText("js-site-copy", {}, "Copy"));
    });
    var wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    wrapper.appendChild(button);
    wrapper.appendChild(status);
  });

  // The side "On this page" marks the section being read: the last one whose heading has
  // scrolled past the top fifth of the window. Only the mark changes, so nothing moves.
  var side = document.querySelector(".toc-side");
  if (side) {
    var marks = Array.prototype.map.call(side.querySelectorAll('a[href^="#"]'), function (link) {
      return { link: link, target: document.getElementById(decodeURIComponent(link.hash.slice(1))) };
    }).filter(function (mark) {
      return mark.target;
    });
    var pending = false;
    var mark = function () {
      pending = false;
      var line = window.innerHeight / 5;
      var current = null;
      marks.forEach(function (m) {
        if (m.target.getBoundingClientRect().top <= line) {
          current = m;
        }
      });
      // At the very bottom, the last section is the one being read even if its heading is low.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2 && marks.length) {
        current = marks[marks.length - 1];
      }
      marks.forEach(function (m) {
        if (m === current) {
          m.link.setAttribute("aria-current", "true");
        } else {
          m.link.removeAttribute("aria-current");
        }
      });
    };
    var schedule = function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(mark);
      }
    };
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    mark();
  }
})();
