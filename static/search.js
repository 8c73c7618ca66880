// httpref search box. The index is built by `httpref build` (src/render/search/mod.rs documents the
// format); the index and the ranking core (`search-core.js`, named by the form's `data-core`) are
// fetched on first use: focusing or typing in the search box, or opening the search page. This file
// wires them to the search box as an ARIA combobox. Results are rendered as text, never as HTML.

/** "427 is unassigned in the IANA registry.", naming the range around it when there is one. */
export function unassignedText({ code, first, last }) {
  return first === last
    ? uiText("js-search-unassigned", { code }, `${code} is unassigned in the IANA registry.`)
    : uiText("js-search-unassigned-range", { code, first, last }, `${code} is unassigned in the IANA registry, like every code from ${first} to ${last}.`);
}

// ---------------------------------------------------------------------------------------------
// The search box (every page) and the search page. Nothing below runs outside a browser.

// The catalogue's words (theme.js, docs/catalogues.md), or the English ones given here.
const uiText = (key, args, english) => globalThis.httprefText?.(key, args) ?? english;
const KIND_LABEL = {
  code: uiText("js-search-kind-code", {}, "Code"),
  compare: uiText("js-search-kind-compare", {}, "Comparison"),
  class: uiText("js-search-kind-class", {}, "Class"),
  guide: uiText("js-search-kind-guide", {}, "Guide"),
  decide: uiText("js-search-kind-decide", {}, "Decision tree"),
  header: uiText("js-search-kind-header", {}, "Header field"),
  practice: uiText("js-search-kind-practice", {}, "Practice"),
};

function text(tag, content, className) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content !== undefined) el.textContent = content;
  return el;
}

// The ranking core, once imported (`load`).
let core = null;

function marked(content, matched) {
  const frag = document.createDocumentFragment();
  for (const [part, hit] of core.highlight(content, matched)) frag.appendChild(hit ? text("mark", part) : document.createTextNode(part));
  return frag;
}

function setUp(form) {
  const input = form.querySelector("input[type=search]");
  const panel = form.querySelector(".search-panel");
  const list = form.querySelector("[role=listbox]");
  const status = form.querySelector(".search-status");
  const empty = form.querySelector(".search-empty");
  const filter = form.querySelector(".search-filter");
  const count = form.querySelector(".search-count");
  // The entry file names the current, content-hashed index: pages never name it themselves, so
  // an edit changes only the entry and the index. The entry is revalidated; the index never is.
  const entryUrl = form.getAttribute("data-index");
  const inPage = form.classList.contains("search-page-form");
  let searcher = null;
  let loading = null;
  let active = -1;
  let current = [];

  function load() {
    if (!loading) {
      const json = (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json();
      };
      // The core and the index travel together: neither is any use without the other.
      const index = fetch(entryUrl, { credentials: "same-origin", cache: "no-cache" })
        .then(json)
        .then((entry) => fetch(new URL(entry.index, new URL(entryUrl, document.baseURI)), { credentials: "same-origin" }))
        .then(json);
      loading = Promise.all([import(new URL(form.getAttribute("data-core"), document.baseURI).href), index])
        .then(([module, raw]) => {
          core = module;
          searcher = core.createSearch(raw);
        })
        .catch((err) => {
          loading = null;
          status.textContent = uiText("js-search-unavailable", {}, "Search is unavailable right now; the full list of codes is on the search page.");
          throw err;
        });
    }
    return loading;
  }

  function close() {
    if (inPage) return;
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(i) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((o, k) => o.setAttribute("aria-selected", k === i ? "true" : "false"));
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(url) {
    window.location.assign(url);
  }

  function render() {
    const q = input.value;
    list.replaceChildren();
    empty.replaceChildren();
    current = [];
    if (!q.trim() || !searcher) {
      status.textContent = "";
      close();
      return;
    }
    const cls = Number(filter?.querySelector("input:checked")?.value || 0);
    const { total, results, unassigned } = searcher.query(q, { cls, limit: inPage ? 50 : 8 });
    current = results;
    results.forEach((r, i) => {
      const li = text("li", undefined, "search-result");
      li.id = `${list.id}-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      // Options hold text only (no nested links); choosing one opens its page.
      const title = text("span", undefined, "search-title");
      title.appendChild(marked(r.doc.title, r.matched));
      if (r.doc.english) {
        // An entry this language lacks: its page is English, said as links to it say it.
        title.lang = "en";
        title.appendChild(text("span", uiText("js-search-in-english", {}, " (English)"), "english-mark"));
        title.lastChild.lang = document.documentElement.lang;
      }
      li.appendChild(title);
      li.setAttribute("data-url", r.doc.url);
      // One line: title, then the summary as far as it fits, then the kind.
      if (r.doc.summary) {
        const p = text("span", undefined, "search-summary");
        p.appendChild(marked(r.doc.summary, r.matched));
        li.appendChild(p);
      }
      li.appendChild(text("span", KIND_LABEL[r.doc.kind], "search-kind"));
      li.addEventListener("mousedown", (e) => e.preventDefault());
      li.addEventListener("click", (e) => {
        e.preventDefault();
        open(r.doc.url);
      });
      list.appendChild(li);
    });
    if (unassigned) {
      empty.appendChild(
        text("p", `${unassignedText(unassigned)} ${uiText("js-search-treated-as", { code: unassigned.treatedAs }, `A client that receives it treats it as ${unassigned.treatedAs}.`)}`)
      );
      const more = text("a", uiText("js-search-see-class", { class: `${Math.floor(unassigned.code / 100)}xx` }, `See the ${Math.floor(unassigned.code / 100)}xx class`));
      more.href = form.getAttribute("data-classes").replace("NXX", `${Math.floor(unassigned.code / 100)}xx`);
      empty.appendChild(more);
    } else if (!results.length) {
      empty.appendChild(text("p", uiText("js-search-nothing", { query: q.trim() }, `Nothing matches “${q.trim()}”.`)));
      const decide = form.getAttribute("data-decide");
      if (decide) {
        const a = text("a", uiText("js-search-decide", {}, "Find the right code by answering a few questions"));
        a.href = decide;
        empty.appendChild(a);
      }
      const classes = text("p", uiText("js-search-browse", {}, "Or browse a class:") + " ");
      for (let n = 1; n <= 5; n++) {
        const a = text("a", `${n}xx`);
        a.href = form.getAttribute("data-classes").replace("NXX", `${n}xx`);
        classes.appendChild(a);
        if (n < 5) classes.appendChild(document.createTextNode(" · "));
      }
      empty.appendChild(classes);
    }
    const english = total === 0 ? "No results" : total === 1 ? "1 result" : `${total} results${total > results.length ? `, showing ${results.length}` : ""}`;
    status.textContent = total > results.length
      ? uiText("js-search-count-shown", { count: total, shown: results.length }, english)
      : uiText("js-search-count", { count: total }, english);
    // The same count, seen: a line above the list (the status itself is for screen readers).
    if (count) count.textContent = total ? status.textContent : "";
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
    select(results.length && !inPage ? 0 : -1);
  }

  function update() {
    if (searcher) render();
    else load().then(render, () => {});
  }

  input.addEventListener("focus", () => {
    load().catch(() => {});
    if (input.value.trim()) update();
  });
  input.addEventListener("input", update);
  filter?.addEventListener("change", update);
  input.addEventListener("keydown", (e) => {
    const count = current.length;
    if (e.key === "ArrowDown" && count) {
      e.preventDefault();
      if (panel.hidden) update();
      select((active + 1) % count);
    } else if (e.key === "ArrowUp" && count) {
      e.preventDefault();
      select((active - 1 + count) % count);
    } else if (e.key === "Enter") {
      if (active >= 0 && current[active]) {
        e.preventDefault();
        open(current[active].doc.url);
      } else if (inPage) {
        e.preventDefault();
        update();
      }
    } else if (e.key === "Escape") {
      if (!panel.hidden && !inPage) {
        e.preventDefault();
        close();
      } else {
        input.value = "";
        render();
      }
    }
  });
  form.addEventListener("focusout", (e) => {
    if (!form.contains(e.relatedTarget)) close();
  });
  form.addEventListener("submit", (e) => {
    // With results on screen, Enter already opened one; otherwise go to the search page, with
    // the class in the address only when one is chosen (never `class=0`).
    e.preventDefault();
    if (active >= 0) return;
    const params = new URLSearchParams({ q: input.value });
    const cls = filter?.querySelector("input:checked")?.value;
    if (cls && cls !== "0") params.set("class", cls);
    open(`${form.action}?${params}`);
  });

  // Combobox semantics only once the script can honour them.
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", inPage ? "true" : "false");
  input.setAttribute("aria-controls", list.id);
  // The filter is laid out from the first paint when scripts run (style.css), so enabling it
  // moves nothing.
  if (filter) filter.disabled = false;
  if (inPage) {
    const params = new URLSearchParams(window.location.search);
    const q = params.get("q");
    if (q) input.value = q;
    const chosen = filter?.querySelector(`input[value="${Number(params.get("class")) || 0}"]`);
    if (chosen) chosen.checked = true;
    load().then(render, () => {});
  }
}

if (typeof document !== "undefined") {
  const forms = [...document.querySelectorAll("form.site-search[data-index]")];
  forms.forEach(setUp);
  // "/" focuses the search box from anywhere, unless the reader is typing somewhere.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    const el = document.activeElement;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    const input = (forms.find((f) => f.classList.contains("search-page-form")) || forms[0])?.querySelector("input[type=search]");
    if (input) {
      e.preventDefault();
      input.focus();
    }
  });
}
