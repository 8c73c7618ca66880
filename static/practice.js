// Practice in place. Every scenario is an ordinary page whose options link to feedback pages;
// with JavaScript, choosing an option shows its feedback on the same page (focus moves to it and
// a live region says right or wrong), keeps a running score, and remembers each scenario's last
// answer in localStorage (nothing is sent anywhere). The index offers the missed scenarios again,
// or every scenario in a shuffled order: the "next scenario" links then follow that order.
// Only the first answer of a round counts: a miss stays a miss when the reader then tries again
// and gets it right, until a new round starts from the index (start, shuffle or the missed ones).
// A wrong pick shows why it is wrong, then "Try again" or "Show the answer"; the options are
// marked right or wrong in words and with an icon.
(function () {
  "use strict";
  // The catalogue's words (theme.js, docs/catalogues.md), or the English ones given here.
  var uiText = function (key, args, english) {
    var text = window.httprefText && window.httprefText(key, args);
    return text == null ? english : text;
  };
  var KEY = "httpref-practice";
  var root = document.getElementById("practice");
  if (!root) {
    return;
  }

  // { answers: { slug: { code: 404, right: false, round: 2 } }, queue: [slug, ...] or null, round: 2 }
  function load() {
    try {
      var state = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (state && typeof state.answers === "object" && state.answers) {
        return {
          answers: state.answers,
          queue: Array.isArray(state.queue) ? state.queue : null,
          round: typeof state.round === "number" ? state.round : 0,
        };
      }
    } catch (e) {
      // Unreadable or unavailable storage: start afresh.
    }
    return { answers: {}, queue: null, round: 0 };
  }

  // A new round: every scenario's next first answer counts again.
  function newRound(queue) {
    var state = load();
    state.queue = queue;
    state.round += 1;
    save(state);
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      // Storage unavailable (private mode): the score lasts for this page only.
    }
  }

  function tally(state) {
    var slugs = Object.keys(state.answers);
    var right = slugs.filter(function (slug) { return state.answers[slug].right; }).length;
    return { answered: slugs.length, right: right };
  }

  function scoreText(state) {
    var t = tally(state);
    if (t.answered === 0) {
      return uiText("js-practice-none-yet", {}, "No scenario answered yet.");
    }
    return uiText("js-practice-score", { right: t.right, answered: t.answered }, "Score: " + t.right + " right of " + t.answered + " answered.");
  }

  function showScore(state) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-practice-score]"), function (el) {
      el.textContent = scoreText(state);
    });
  }

  function shuffled(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  // The index page: progress, each scenario marked right or missed, and the two ways to
  // practise again. The panel is laid out from the first paint (CSS, `html.js`): filling it in
  // moves nothing.
  function index() {
    var items = Array.prototype.slice.call(root.querySelectorAll(".practice-list li"));
    var urls = {};
    items.forEach(function (li) {
      urls[li.getAttribute("data-slug")] = li.querySelector("a").href;
    });
    var slugs = items.map(function (li) { return li.getAttribute("data-slug"); });
    var missedButton = root.querySelector("[data-practice-missed]");
    var missedLabel = missedButton.textContent;

    function missed(state) {
      return slugs.filter(function (slug) {
        return state.answers[slug] && !state.answers[slug].right;
      });
    }

    function render() {
      var state = load();
      showScore(state);
      var count = missed(state).length;
      missedButton.disabled = count === 0;
      missedButton.textContent = count ? missedLabel + " (" + count + ")" : missedLabel;
      items.forEach(function (li) {
        var status = li.querySelector(".practice-status");
        var answer = state.answers[li.getAttribute("data-slug")];
        var kind = answer ? (answer.right ? "right" : "missed") : "";
        status.className = "practice-status" + (kind ? " " + kind : "");
        status.textContent = kind ? status.getAttribute("data-" + kind + "-label") : "";
      });
    }

    function practise(queue) {
      if (!queue.length) {
        return;
      }
      newRound(queue);
      window.location.href = urls[queue[0]];
    }

    root.querySelector("[data-practice-shuffle]").addEventListener("click", function () {
      practise(shuffled(slugs));
    });
    missedButton.addEventListener("click", function () {
      practise(missed(load()));
    });
    var score = root.querySelector("[data-practice-score]");
    score.setAttribute("tabindex", "-1");
    root.querySelector("[data-practice-reset]").addEventListener("click", function () {
      save({ answers: {}, queue: null, round: 0 });
      render();
      score.focus();
    });
    // Starting from the first scenario practises the set in its own order.
    root.querySelector("[data-practice-start]").addEventListener("click", function () {
      newRound(null);
    });
    render();
  }

  // Where "next scenario" leads: the next one in the practised order, when there is one.
  function followQueue(state, slug) {
    var next = root.querySelector("[data-practice-next]");
    var at = state.queue ? state.queue.indexOf(slug) : -1;
    if (at < 0) {
      return;
    }
    var base = root.querySelector(".practice-place a").href;
    var nav = root.querySelector(".practice-next");
    if (at + 1 < state.queue.length) {
      if (!next) {
        next = document.createElement("a");
        next.className = "button";
        next.setAttribute("data-practice-next", "");
        nav.insertBefore(next, nav.firstChild);
        var last = nav.querySelector("span");
        if (last) {
          nav.removeChild(last);
        }
      }
      next.href = base + state.queue[at + 1] + "/";
      next.textContent = uiText("js-practice-next", { number: at + 2, total: state.queue.length }, "Next scenario (" + (at + 2) + " of " + state.queue.length + ")");
    } else if (next) {
      next.href = base;
      next.textContent = uiText("js-practice-done", {}, "Done: back to all scenarios");
    }
  }

  // Keeps the first answer of the round; later ones leave the score as it was.
  function record(slug, code, right) {
    var state = load();
    var before = state.answers[slug];
    if (!before || before.round !== state.round) {
      state.answers[slug] = { code: code, right: right, round: state.round };
      save(state);
    }
    showScore(state);
    return state;
  }

  // Marks an option in words and with an icon ("✓ right", "✗ not this one"), not by colour alone.
  function mark(link, right) {
    var label = link.querySelector(".practice-mark");
    if (!label) {
      label = document.createElement("span");
      link.appendChild(document.createTextNode(" "));
      link.appendChild(label);
    }
    label.className = "practice-mark " + (right ? "practice-mark-right" : "practice-mark-wrong");
    label.textContent = right ? uiText("js-practice-mark-right", {}, "✓ right") : uiText("js-practice-mark-wrong", {}, "✗ not this one");
  }

  // A scenario page: answer in place.
  function scenario() {
    var slug = root.getAttribute("data-practice");
    var accepted = (root.getAttribute("data-answers") || "").split(" ");
    var announce = root.querySelector("[data-practice-announce]");
    var options = root.querySelectorAll("[data-practice-option]");
    var sections = root.querySelectorAll("[data-practice-feedback]");

    function optionFor(code) {
      return root.querySelector('[data-practice-option="' + code + '"]');
    }

    function showAnswer() {
      accepted.forEach(function (code) {
        var link = optionFor(code);
        if (link) {
          mark(link, true);
        }
      });
    }

    Array.prototype.forEach.call(options, function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var code = link.getAttribute("data-practice-option");
        var right = accepted.indexOf(code) >= 0;
        Array.prototype.forEach.call(options, function (other) {
          other.removeAttribute("aria-current");
        });
        link.setAttribute("aria-current", "true");
        mark(link, right);
        Array.prototype.forEach.call(sections, function (section) {
          section.hidden = section.getAttribute("data-practice-feedback") !== code;
        });
        var state = record(slug, Number(code), right);
        var option = link.firstChild.textContent.trim();
        announce.textContent = (right ? uiText("js-practice-right", { code: option }, "Right: " + option + ".") : uiText("js-practice-wrong", { code: option }, "Not the best answer: " + option + ".")) + " " + scoreText(state);
        root.querySelector("#feedback-" + code).focus();
      });
    });
    Array.prototype.forEach.call(sections, function (section) {
      // "Try again": back to the options, the wrong pick still marked.
      var retry = section.querySelector("[data-practice-retry]");
      if (retry) {
        retry.addEventListener("click", function (event) {
          event.preventDefault();
          section.hidden = true;
          var untried = Array.prototype.filter.call(options, function (link) {
            return !link.querySelector(".practice-mark");
          });
          (untried[0] || options[0]).focus();
        });
      }
      var reveal = section.querySelector("[data-practice-reveal]");
      if (reveal) {
        reveal.addEventListener("toggle", function () {
          if (reveal.open) {
            showAnswer();
          }
        });
      }
    });
    var state = load();
    showScore(state);
    followQueue(state, slug);
  }

  // A feedback page reached by its address: it counts as an answer too.
  function answer() {
    var slug = root.getAttribute("data-practice");
    var state = record(slug, Number(root.getAttribute("data-chosen")), root.getAttribute("data-right") === "true");
    followQueue(state, slug);
  }

  if (root.hasAttribute("data-practice-index")) {
    index();
  } else if (root.hasAttribute("data-chosen")) {
    answer();
  } else {
    scenario();
  }
})();
