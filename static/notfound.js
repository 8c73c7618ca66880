// The not-found page reads the address it was served for and suggests the code pages it most
// likely meant: `/codes/4290/` → 429, `/statuses/503` → 503, `/error-410.html` → 410,
// `/too-many-requests` → 429. Without JavaScript the page shows the most looked-up codes and the
// full list; with it, the same box (a fixed height of five rows, so nothing moves) holds the
// suggestions.
(function () {
  "use strict";
  var box = document.querySelector(".suggestions");
  if (!box) {
    return;
  }
  var IGNORED = ["code", "codes", "status", "statuses", "error", "errors", "html", "http", "https", "www", "page", "the", "and", "index", "php", "htm"];
  var codes = Array.prototype.map.call(document.querySelectorAll(".code-list li[data-code]"), function (li) {
    return { code: li.getAttribute("data-code"), name: li.getAttribute("data-name").toLowerCase(), link: li.querySelector("a"), item: li };
  });
  var byCode = {};
  codes.forEach(function (c) {
    byCode[c.code] = c;
  });
  var raw = window.location.pathname + " " + window.location.search;
  var path;
  try {
    path = decodeURIComponent(raw).toLowerCase();
  } catch (e) {
    // A malformed escape (`/%E0%A4%A`) is still an address to read: use it as it came.
    path = raw.toLowerCase();
  }
  var scores = {};
  function add(code, score) {
    if (byCode[code]) {
      scores[code] = Math.max(scores[code] || 0, score);
    }
  }
  // Numbers: a code itself, or any three digits inside a longer number (a typo such as 4290).
  (path.match(/[0-9]+/g) || []).forEach(function (digits) {
    if (digits.length === 3) {
      add(digits, 100);
    } else if (digits.length > 3) {
      for (var i = 0; i + 3 <= digits.length; i++) {
        add(digits.slice(i, i + 3), i === 0 ? 90 : 80 - i);
      }
    }
  });
  // Words: codes whose name has every word of the address, or failing that, most of them.
  var words = (path.match(/[a-z]+/g) || []).filter(function (w) {
    return w.length >= 3 && IGNORED.indexOf(w) < 0;
  });
  if (words.length) {
    codes.forEach(function (c) {
      var hits = words.filter(function (w) {
        return c.name.indexOf(w) >= 0;
      }).length;
      if (hits) {
        add(c.code, (50 * hits) / words.length);
      }
    });
  }
  var found = Object.keys(scores)
    .sort(function (a, b) {
      return scores[b] - scores[a] || Number(a) - Number(b);
    })
    .slice(0, 5);
  if (found.length) {
    // The suggestions first, then the most looked-up codes to fill the box's five rows.
    var list = box.querySelector("ul");
    var rows = found.map(function (code) {
      var li = document.createElement("li");
      li.className = "code-row suggested";
      li.appendChild(byCode[code].link.cloneNode(true));
      return li;
    });
    Array.prototype.forEach.call(list.children, function (li) {
      var number = li.querySelector(".row-code");
      if (rows.length < 5 && number && found.indexOf(number.textContent) < 0) {
        li.classList.add("fallback");
        rows.push(li);
      }
    });
    list.replaceChildren.apply(list, rows);
    box.querySelector("h2").textContent = box.getAttribute("data-found-title");
  }
  // Words from the address go into the search box, ready to search.
  var input = document.querySelector(".not-found-search input[type=search]");
  if (input && words.length && !found.length) {
    input.value = words.join(" ");
  }
})();
