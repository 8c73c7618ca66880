// Walks a decision tree in place. Every step is an ordinary page that works without JavaScript;
// with it, choosing an answer fetches the next step's page and swaps its #decide block in, the
// address bar and the back button follow each step (History API), and the path shows the
// answers actually given (kept in history.state, so it survives a reload). Where several routes
// reach a step, the page as served shows no path (it cannot know the reader's); once the reader
// has walked here, their answers fill it in.
(function () {
  "use strict";
  if (!document.getElementById("decide") || !window.fetch || !window.history.pushState) {
    return;
  }
  var parser = new DOMParser();

  function block() {
    return document.getElementById("decide");
  }

  // The path the server rendered: the only walk to this step, or none where several lead here.
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

  // Text only: nothing from the path is ever parsed as HTML.
  function showPath(path) {
    var nav = block().querySelector(".decide-path");
    var list = nav.querySelector("ol");
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

  function show(url, path, push) {
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
        showPath(path);
        var state = { decidePath: path };
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
    }
    show(link.href, next, true);
  });

  window.addEventListener("popstate", function (event) {
    var path = event.state && Array.isArray(event.state.decidePath) ? event.state.decidePath : [];
    show(window.location.href, path, false);
  });

  // Remember the path for this entry, and restore the walk actually taken after a reload.
  var path = currentPath();
  // The page as served already shows its path; only a walk remembered across a reload differs.
  if (window.history.state && Array.isArray(window.history.state.decidePath)) {
    showPath(path);
  }
  window.history.replaceState({ decidePath: path }, "", window.location.href);
})();
