// How the site reads in a real browser (issue 10): the fact a reader came for in the first screen,
// on a phone and a desktop; indexes at one line per code; search results at one line each, with
// axe run while the list is open in both themes; filter chips that hide; the short addresses; the
// not-found page's suggestions; decision trees that never claim answers not given; the print
// layout (with a PDF); copy buttons that never cover code; visible focus. Screenshots of the
// printed code and comparison pages go to tests/e2e/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { axe, DESKTOP, PHONE, SHOTS, useSite, watch } from "./support.mjs";

const site = useSite();

/** Top of the element matching `selector`, in CSS pixels from the top of the page. */
function top(page, selector) {
  return page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
}

for (const [name, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
  test(`a code page answers in the first screen (${name})`, async () => {
    const context = await site.browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(site.url + "/codes/404/");
    // The name, the summary, the facts strip and the visitor shortcut are all in the first screen,
    // and "What it means" starts within it.
    for (const selector of ["h1", ".code-header .summary", ".first-steps", ".facts-strip"]) {
      const box = await page.locator(selector).first().boundingBox();
      assert.ok(box && box.y + box.height <= viewport.height, `${selector} is below the first screen (${box?.y})`);
    }
    const what = await top(page, "#what-it-means");
    // Issue 20 put "what to do first" (three sentences) above the facts; "What it means" still starts in the first screen.
    assert.ok(what < (name === "phone" ? 700 : 560), `"What it means" starts at ${what}px`);
    // Each strip entry leads to its detail.
    for (const href of await page.locator(".facts-strip a[href^='#']").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      assert.equal(await page.locator(href).count(), 1, `${href} exists`);
    }
    // The visitor sentence's "More" lands on the visitor section.
    await page.locator(".first-steps-visitor a").click();
    assert.equal(new URL(page.url()).hash, "#seeing-this-as-a-visitor");
    const visitor = await page.locator("#seeing-this-as-a-visitor").boundingBox();
    assert.ok(visitor.y >= -1 && visitor.y < viewport.height / 2, `visitor section at ${visitor.y}`);
    if (name === "desktop") {
      // "On this page" sits in the right column and stays in view while reading.
      const toc = page.locator(".toc-side");
      assert.ok(await toc.isVisible());
      await page.evaluate(() => window.scrollTo(0, 2500));
      const box = await toc.boundingBox();
      assert.ok(box.y >= 0 && box.y < 100, `On this page at ${box.y} after scrolling`);
      assert.equal(await page.locator(".toc-inline").isVisible(), false);
    } else {
      // On a phone, a closed disclosure at the top.
      assert.equal(await page.locator(".toc-side").isVisible(), false);
      const details = page.locator(".toc-inline");
      assert.ok(await details.isVisible());
      assert.equal(await details.evaluate((d) => d.open), false);
      await details.locator("summary").click();
      assert.ok(await details.getByRole("link", { name: "Common mistakes" }).isVisible());
    }
    // The unofficial warning has a colour of its own, unlike any class colour.
    await page.goto(site.url + "/codes/499/");
    const colours = await page.evaluate(() => {
      const notice = getComputedStyle(document.querySelector(".notice-unofficial")).borderTopColor;
      const classes = [1, 2, 3, 4, 5].map((n) => {
        const probe = document.createElement("span");
        probe.className = `class-${n}xx`;
        document.body.appendChild(probe);
        const colour = getComputedStyle(probe).getPropertyValue("--class-colour");
        probe.remove();
        return colour;
      });
      const swatch = document.createElement("span");
      document.body.appendChild(swatch);
      const resolved = classes.map((c) => {
        swatch.style.color = c;
        return getComputedStyle(swatch).color;
      });
      swatch.remove();
      return { notice, resolved };
    });
    assert.ok(!colours.resolved.includes(colours.notice), `${colours.notice} is a class colour`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("no page scrolls sideways at 390 px", async () => {
  const context = await site.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const sitemap = await (await page.request.get(site.url + "/sitemap.xml")).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  assert.ok(paths.length > 190, `${paths.length} pages`);
  const wide = [];
  for (const p of [...paths, "/404.html"]) {
    await page.goto(site.url + p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) wide.push(`${p}: ${overflow}px`);
  }
  assert.deepEqual(wide, []);
  await context.close();
});

test("indexes list one row per code, unofficial codes grouped, jump links first", async () => {
  const context = await site.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(site.url + "/");
  const heights = await page.locator(".home-codes .code-row").evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
  assert.ok(heights.length > 80, `${heights.length} rows`);
  // A row is its name and, under it, the summary on at most two lines (upkeep.test.mjs checks them whole).
  assert.ok(Math.max(...heights) < 70, `a row is ${Math.max(...heights)}px tall`);
  // Unofficial codes sit apart under each class, labelled.
  const unofficial = await page.locator("#group-4xx ~ .unofficial-rows .row-code, .class-4xx .unofficial-rows .row-code").allTextContents();
  assert.ok(unofficial.includes("499") && !unofficial.includes("404"), unofficial.join(" "));
  const registered = await page.locator(".class-4xx .code-rows:not(.unofficial-rows) .row-code").allTextContents();
  assert.ok(!registered.includes("499"));
  // Comparisons, guides and the decision tree are reachable from the first screen, on a phone too.
  await page.setViewportSize(PHONE);
  for (const name of ["4xx", "Which code should I use?", "Comparisons", "Guides"]) {
    const box = await page.locator(".jump").getByRole("link", { name, exact: true }).boundingBox();
    assert.ok(box.y + box.height <= PHONE.height, `${name} at ${box.y}`);
  }
  await page.locator(".jump").getByRole("link", { name: "4xx", exact: true }).click();
  assert.equal(new URL(page.url()).hash, "#group-4xx");
  // The class page: an unassigned range never sits next to a code it seems to contradict.
  await page.goto(site.url + "/classes/4xx/");
  const members = await page.locator(".members .row-code").allTextContents();
  assert.ok(members.includes("419–420") || members.some((m) => m.startsWith("419")), members.join(" "));
  assert.ok(!members.includes("419") && !members.includes("499"), "unofficial codes are listed apart");
  assert.ok((await page.locator(".unofficial-rows .row-code").allTextContents()).includes("499"));
  await context.close();
});

for (const theme of ["light", "dark"]) {
  test(`search results are one line each, and pass axe with the list open (${theme})`, async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP, colorScheme: theme });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(site.url + "/codes/404/");
    // The "/" shortcut is shown, not only announced.
    assert.ok(await page.locator("header .search-key").isVisible());
    await page.keyboard.press("/");
    await page.keyboard.type("too many");
    const options = page.locator("#search-results [role=option]");
    await options.first().waitFor();
    const heights = await options.evaluateAll((os) => os.map((o) => o.getBoundingClientRect().height));
    assert.ok(Math.max(...heights) < 40, `a result is ${Math.max(...heights)}px tall`);
    assert.ok(await page.locator("#search-results mark").count() > 0, "matches are highlighted");
    assert.deepEqual(await axe(page), [], "axe with the search list open");
    // Phone width: the list stays inside the screen.
    await page.setViewportSize(PHONE);
    await page.locator("#search-input").fill("gateway");
    await options.first().waitFor();
    const panel = await page.locator("header .search-panel").boundingBox();
    assert.ok(panel.x >= 0 && panel.x + panel.width <= PHONE.width, `panel ${panel.x}+${panel.width}`);
    assert.deepEqual(await axe(page), [], "axe with the search list open at phone width");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the class filter chips really filter, and hide without JavaScript", async () => {
  const context = await site.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(site.url + "/search/?q=timeout");
  assert.equal(await page.locator("#page-search-input").inputValue(), "timeout", "the query stays in the box");
  const options = page.locator("#page-search-results [role=option]");
  await options.first().waitFor();
  await page.locator(".chip", { hasText: "4xx" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll("#page-search-results [role=option]")].every((o) => /\/(codes\/4|classes\/4|compare\/4)/.test(o.dataset.url)));
  assert.ok((await options.count()) > 0);
  await context.close();

  const noJs = await site.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(site.url + "/search/?q=conflict");
  assert.equal(await plain.locator(".search-filter").isVisible(), false, "no dead radio buttons");
  assert.ok(await plain.locator("noscript, .notice").first().count());
  const listed = await plain.locator(".code-list a").allTextContents();
  assert.ok(listed.includes("409 Conflict") && listed.length > 80);
  assert.equal(await plain.locator("h3", { hasText: "4xx" }).count(), 1, "grouped by class");
  await noJs.close();
});

for (const js of [true, false]) {
  test(`short addresses lead to the code page (JavaScript ${js ? "on" : "off"})`, async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    for (const code of ["404", "429", "499"]) {
      await page.goto(site.url + `/${code}/`);
      await page.waitForURL(new RegExp(`/codes/${code}/$`));
      assert.match(await page.locator("h1").textContent(), new RegExp(`^${code} `));
    }
    await context.close();
  });
}

test("the not-found page suggests the code the address meant", async () => {
  const context = await site.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const cases = { "/codes/4290/": "429", "/statuses/503": "503", "/error-410.html": "410", "/too-many-requests": "429", "/http/gateway-timeout/": "504" };
  for (const [address, code] of Object.entries(cases)) {
    const response = await page.goto(site.url + address);
    assert.equal(response.status(), 404);
    const first = page.locator(".guesses .code-row a").first();
    await first.waitFor();
    assert.match(await first.textContent(), new RegExp(`^${code} `), address);
    const box = await first.boundingBox();
    assert.ok(box.y + box.height <= PHONE.height, `${address}: suggestion at ${box.y}`);
  }
  // A malformed escape in the address is read as it came, with no script error.
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  assert.equal((await page.goto(site.url + "/codes/429%E0%A4%A/")).status(), 404);
  await page.locator(".guesses[data-ready]").waitFor();
  assert.match(await page.locator(".guesses .code-row a").first().textContent(), /^429 /);
  assert.deepEqual(errors, []);
  // A search box in the page itself.
  const input = page.locator("main input[type=search]");
  assert.ok(await input.isVisible());
  await context.close();
});

test("decision trees: the real route when walked, one route among several when not", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  // The nav opens on the outcome question; /decide/ lists "Start here" first.
  await page.goto(site.url + "/");
  await page.locator("header nav").getByRole("link", { name: /Which code/ }).click();
  assert.equal(await page.locator("#decide h1").textContent(), "What happened to the request?");
  await page.goto(site.url + "/decide/");
  assert.match(await page.locator(".decide-trees > li").first().textContent(), /^Start here/);

  // Opened directly, a step reached by several routes claims no path: the reader's is unknown.
  await page.goto(site.url + "/decide/success/partial-content/");
  assert.equal(await page.locator(".decide-path").isVisible(), false);
  // Walked from the start, it shows the answers actually given.
  await page.goto(site.url + "/decide/start/outcome/");
  const walk = ["It succeeded, or the server took on the work", "It's done, and there is content to send back", "Only the byte ranges the client asked for in Range"];
  for (const label of walk) {
    const before = page.url();
    await page.locator("#decide .answers").getByRole("link", { name: label, exact: true }).click();
    await page.waitForFunction((url) => location.href !== url, before);
  }
  await page.locator("#decide h1", { hasText: "Use 206" }).waitFor();
  assert.equal(await page.locator(".decide-path").getAttribute("aria-label"), "Your answers so far");
  assert.deepEqual(await page.locator(".decide-path .answer").allTextContents(), walk);
  // The result shows the headers to send and near alternatives, with links.
  assert.ok((await page.locator(".send-headers code").allTextContents()).includes("Content-Range"));
  assert.ok((await page.locator(".alternatives a[href^='/codes/']").count()) > 0);

  // "Start over" restarts the whole walk, from its first question.
  await page.goto(site.url + "/decide/client-error/what-is-wrong/");
  await page.locator("#decide .answers a").first().click();
  await page.locator("#decide .decide-path li").first().waitFor();
  await page.getByRole("link", { name: "Start over", exact: true }).click();
  await page.waitForURL(/\/decide\/start\/outcome\/$/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [type, url] of Object.entries({ code: "/codes/404/", comparison: "/compare/401-vs-403/" })) {
  test(`the ${type} page prints cleanly`, async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(site.url + url);
    await page.emulateMedia({ media: "print" });
    const report = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => getComputedStyle(e).display !== "none" && e.getClientRects().length).length;
      const pre = [...document.querySelectorAll("pre")];
      return {
        shown: Object.fromEntries([".site-header", ".site-footer", ".toc", ".pager", ".cards", ".code-rows", ".decide-path", ".how-you-get-here", ".copy-button", ".site-search"].map((s) => [s, shown(s)])),
        h1: getComputedStyle(document.querySelector("h1")).fontSize,
        h2: getComputedStyle(document.querySelector("main h2")).fontSize,
        wraps: pre.every((p) => getComputedStyle(p).whiteSpace === "pre-wrap"),
        cut: pre.filter((p) => p.scrollWidth > p.clientWidth + 1).length,
        wide: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      };
    });
    for (const [selector, count] of Object.entries(report.shown)) assert.equal(count, 0, `${selector} is printed`);
    // Headings sized in points: 20pt and 14pt.
    assert.ok(Math.abs(parseFloat(report.h1) - (20 * 4) / 3) < 0.01, `h1 is ${report.h1}`);
    assert.ok(Math.abs(parseFloat(report.h2) - (14 * 4) / 3) < 0.01, `h2 is ${report.h2}`);
    assert.ok(report.wraps, "code wraps");
    assert.equal(report.cut, 0, "no code block is cut off");
    assert.ok(report.wide <= 0);
    const pdf = await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" } });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 8, `${pages} pages`);
    fs.writeFileSync(path.join(SHOTS, `${type}-print.pdf`), pdf);
    await page.screenshot({ path: path.join(SHOTS, `${type}-print.png`), fullPage: true });
    await context.close();
  });
}

test("copy buttons never cover code, and focus is visible", async () => {
  const context = await site.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(site.url + "/codes/429/");
  const overlaps = await page.evaluate(() =>
    [...document.querySelectorAll(".code-block")].map((block) => {
      const button = block.querySelector(".copy-button").getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(block.querySelector("pre code"));
      const lines = [...range.getClientRects()];
      return lines.some((r) => r.width > 0 && r.top < button.bottom && r.bottom > button.top && r.left < button.right && r.right > button.left);
    })
  );
  assert.ok(overlaps.length > 0);
  assert.deepEqual(overlaps.filter(Boolean), [], "a Copy button covers code");
  // Every control shows where the keyboard focus is.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return `${s.outlineStyle} ${s.outlineWidth}`;
    });
    assert.notEqual(outline.split(" ")[0], "none", `focus on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 80))}`);
  }
  await context.close();
});
