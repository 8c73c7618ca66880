// Walks a decision tree in place. Every step is an ordinary page that works without JavaScript;
// with it, choosing an answer fetches the next step's page and swaps its #decide block in, the
// address bar and the back button follow each step (History API), and the path shows the
// answers actually given (kept in history.state, so it survives a reload). Where several routes
// reach a step, the page as served shows one of them, labelled as such; once the reader has walked
// here, the label says these are their answers.
(function () {
  "use strict";
  if (!document.getElementById("decide") || !window.fetch || !window.history.pushState) {
    return;
  }
  var parser = new DOMParser();

  function block() {
    return document.getElementById("decide");
  }

  // The path the server rendered: the shortest walk to this step.
  function renderedPath() {
    return Array.prototype.map.call(block().querySelectorAll(".decide-path li"), function (li) {
      var link = li.querySelector("a");
      return { question: link.textContent, answer: li.querySelector(".answer").textContent, url: link.href };
    });
  }

  function currentPath() {
    var state = window.history.state;
    return state && Array.isArray(state.decidePath) ? state.decidePath : renderedPath();
  }

  // Whether the path is the reader's own answers: true once they walked here, or when only one
  // route reaches the step (so the served path is the one they must have taken).
  function currentWalked() {
    var state = window.history.state;
    if (state && typeof state.decideWalked === "boolean") {
      return state.decideWalked;
    }
    return Number(block().getAttribute("data-routes") || "1") <= 1;
  }

  // Text only: nothing from the path is ever parsed as HTML.
  function showPath(path, walked) {
    var nav = block().querySelector(".decide-path");
    var list = nav.querySelector("ol");
    var label = nav.getAttribute(walked ? "data-walked-label" : "data-route-label");
    if (label && nav.getAttribute("aria-label") !== label) {
      nav.setAttribute("aria-label", label);
      nav.querySelector(".decide-path-title").textContent = label;
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    path.forEach(function (step) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = step.url;
      link.textContent = step.question;
      link.setAttribute("data-decide-step", "");
      var answer = document.createElement("span");
      answer.className = "answer";
      answer.textContent = step.answer;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(answer);
      list.appendChild(li);
    });
    nav.hidden = path.length === 0;
  }

  function show(url, path, walked, push) {
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var doc = parser.parseFromString(html, "text/html");
        var next = doc.getElementById("decide");
        if (!next) {
          throw new Error("not a decision page");
        }
        block().replaceWith(document.importNode(next, true));
        document.title = doc.title;
        showPath(path, walked);
        var state = { decidePath: path, decideWalked: walked };
        if (push) {
          window.history.pushState(state, "", url);
        } else {
          window.history.replaceState(state, "", url);
        }
        // Move focus to the new question so keyboard and screen-reader users land on it.
        var heading = block().querySelector("h1");
        if (heading) {
          heading.focus();
        }
      })
      .catch(function () {
        // Fall back to an ordinary page load.
        window.location.assign(url);
      });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest && event.target.closest("#decide a[data-decide-answer], #decide a[data-decide-step], #decide a[data-decide-restart]");
    if (!link) {
      return;
    }
    event.preventDefault();
    var path = currentPath();
    var walked = currentWalked();
    var next;
    if (link.hasAttribute("data-decide-answer")) {
      var heading = block().querySelector("h1");
      next = path.concat([{ question: heading ? heading.textContent : "", answer: link.textContent, url: window.location.href }]);
    } else if (link.hasAttribute("data-decide-step")) {
      var index = path.findIndex(function (step) {
        return step.url === link.href;
      });
      next = index >= 0 ? path.slice(0, index) : [];
    } else {
      next = [];
      walked = true;
    }
    show(link.href, next, walked, true);
  });

  window.addEventListener("popstate", function (event) {
    var path = event.state && Array.isArray(event.state.decidePath) ? event.state.decidePath : [];
    var walked = event.state ? event.state.decideWalked !== false : true;
    show(window.location.href, path, walked, false);
  });

  // Remember the path for this entry, and restore the walk actually taken after a reload.
  var path = currentPath();
  var walked = currentWalked();
  // The page as served already shows its path; only a walk remembered across a reload differs.
  if (window.history.state && Array.isArray(window.history.state.decidePath)) {
    showPath(path, walked);
  }
  window.history.replaceState({ decidePath: path, decideWalked: walked }, "", window.location.href);
})();
