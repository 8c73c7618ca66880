// The not-found page reads the address it was served for and guesses the pages it most likely
// meant: `/codes/4290/` → 429, `/statuses/503` → 503, `/error-410.html` → 410, and by words through
// the site's search index, typos and all: `/too-many-requests` → 429, `/statuses/teapot` → 418,
// `/http-status/unathorized` → 401. The guesses have a box of their own ("Did you mean"), apart
// from the most looked-up codes, which the page shows with or without JavaScript. The box keeps
// its height from the first paint (style.css, `html.js`), so filling it moves nothing.
(function () {
  "use strict";
  var box = document.querySelector("[data-guesses]");
  var script = document.currentScript;
  var form = document.querySelector(".not-found-search form[data-index]");
  if (!box || !script || !form) {
    return;
  }
  var MAX = 5;
  var IGNORED = ["code", "codes", "status", "statuses", "error", "errors", "html", "http", "https", "www", "page", "the", "and", "index", "php", "htm"];
  var codes = {};
  Array.prototype.forEach.call(document.querySelectorAll(".code-list li[data-code]"), function (li) {
    codes[li.getAttribute("data-code")] = li.querySelector("a");
  });
  var raw = window.location.pathname + " " + window.location.search;
  var path;
  try {
    path = decodeURIComponent(raw).toLowerCase();
  } catch (e) {
    // A malformed escape (`/%E0%A4%A`) is still an address to read: use it as it came.
    path = raw.toLowerCase();
  }
  var list = box.querySelector("ul");
  var guesses = []; // { url, text, cls }, best first; cls 1-5, or 0 for no class
  function add(url, text, cls) {
    var known = guesses.some(function (g) {
      return g.url === url;
    });
    if (!known && guesses.length < MAX) {
      guesses.push({ url: url, text: text, cls: cls });
    }
  }
  // Numbers: a code itself, or any three digits inside a longer number (a typo such as 4290).
  (path.match(/[0-9]+/g) || []).forEach(function (digits) {
    for (var i = 0; i + 3 <= digits.length; i++) {
      var link = codes[digits.slice(i, i + 3)];
      if (link) {
        add(link.getAttribute("href"), link.textContent, Number(digits[i]));
      }
    }
  });
  // Accents folded, as the search index folds them (`/es/autorización` reads "autorizacion").
  path = path.normalize("NFD").replace(/\p{M}/gu, "");
  var words = (path.match(/[a-z]+/g) || []).filter(function (w) {
    return w.length >= 3 && IGNORED.indexOf(w) < 0;
  });

  function show() {
    list.replaceChildren.apply(
      list,
      guesses.map(function (g) {
        var li = document.createElement("li");
        // The class colour, as on every other row of codes.
        li.className = "code-row suggested" + (g.cls ? " class-" + g.cls + "xx" : "");
        var a = document.createElement("a");
        a.href = g.url;
        // "504 Gateway Timeout" laid out as the rows below it: the number, then the name.
        var parts = /^([0-9]{3}) (.*)$/.exec(g.text);
        if (parts) {
          var number = document.createElement("span");
          number.className = "row-code";
          number.textContent = parts[1];
          var name = document.createElement("span");
          name.className = "row-name";
          name.textContent = parts[2];
          a.append(number, " ", name);
        } else {
          a.textContent = g.text;
        }
        li.appendChild(a);
        return li;
      })
    );
    if (!guesses.length) {
      var none = document.createElement("li");
      none.className = "guesses-none";
      none.textContent = box.getAttribute("data-none");
      list.appendChild(none);
      // Words from the address go into the search box, ready to search.
      var input = form.querySelector("input[type=search]");
      if (input && words.length) {
        input.value = words.join(" ");
      }
    }
    box.setAttribute("data-ready", "");
    box.hidden = false;
  }

  // Words: the same typo-tolerant search as the search box, on every word of the address at once,
  // then (if that finds nothing) on each word alone.
  function byWords(search) {
    var found = search.query(words.join(" "), { limit: MAX }).results;
    if (!found.length && words.length > 1) {
      words.forEach(function (w) {
        found = found.concat(search.query(w, { limit: 2 }).results);
      });
    }
    // Real guesses only: a page scoring under a twentieth of the best merely mentions a word.
    var best = found.reduce(function (top, r) {
      return Math.max(top, r.score);
    }, 0);
    found.forEach(function (r) {
      if (r.score >= best / 20) {
        add(r.doc.url, r.doc.title, r.doc.cls);
      }
    });
  }

  if (!words.length || guesses.length >= MAX) {
    show();
    return;
  }
  var json = function (r) {
    if (!r.ok) {
      throw new Error("HTTP " + r.status);
    }
    return r.json();
  };
  var entryUrl = new URL(form.getAttribute("data-index"), document.baseURI);
  Promise.all([import(script.getAttribute("data-search")), fetch(entryUrl, { credentials: "same-origin", cache: "no-cache" }).then(json)])
    .then(function (loaded) {
      return fetch(new URL(loaded[1].index, entryUrl), { credentials: "same-origin" })
        .then(json)
        .then(function (index) {
          byWords(loaded[0].createSearch(index));
        });
    })
    .catch(function () {
      // No index (offline before it was cached): the numbers found are all there is.
    })
    .then(show);
})();
