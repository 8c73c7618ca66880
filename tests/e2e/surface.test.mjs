// What every page shows a reader first (issue 20): the names people know rather than the registry's
// notes, a menu that reaches every section on a phone, highlighted code, and one frame for every
// page kind. Screenshots go to tests/e2e/screenshots/surface-*.png for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { DESKTOP, PHONE, SHOTS, useSite } from "./support.mjs";

const site = useSite();
const open = site.open;

test("codes go by the names people know; the registry's name stays on a line of its own", async () => {
  const { context, page, problems } = await open("/codes/418/");
  assert.equal(await page.locator("h1").textContent(), "418 I'm a teapot");
  assert.match(await page.title(), /^418 I'm a teapot ·/);
  assert.equal(await page.locator(".registry-name").textContent(), "IANA name: (Unused)");
  await page.screenshot({ path: path.join(SHOTS, "surface-418-name-desktop.png") });
  // The status is said once, by the badge, never in the name.
  await page.goto(site.url + "/codes/510/");
  assert.equal(await page.locator("h1").textContent(), "510 Not Extended");
  assert.equal(await page.locator(".badge-obsolete").textContent(), "Obsolete");
  assert.equal(await page.locator(".registry-name").textContent(), "IANA name: Not Extended (OBSOLETED)");
  await page.goto(site.url + "/codes/306/");
  assert.equal(await page.locator("h1").textContent(), "306 Switch Proxy");
  // A code whose registry name is what people say has no second line.
  await page.goto(site.url + "/codes/404/");
  assert.equal(await page.locator(".registry-name").count(), 0);

  // Lists and the cheat sheet.
  await page.goto(site.url + "/");
  assert.equal(await page.locator('.code-row a[href$="/codes/418/"] .row-name').first().textContent(), "I'm a teapot");
  assert.equal(await page.locator('.code-row a[href$="/codes/510/"] .row-name').first().textContent(), "Not Extended");
  await page.goto(site.url + "/cheatsheet/");
  const sheet = await page.locator("main").textContent();
  assert.ok(!sheet.includes("(Unused)") && !sheet.includes("OBSOLETED"), "the cheat sheet shows registry notes as names");
  assert.match(sheet, /I'm a teapot/);

  // Search: "teapot" finds 418 by its name.
  const input = page.locator("header input[type=search]");
  await input.fill("teapot");
  const first = page.locator("header .search-result").first();
  await first.waitFor({ timeout: 10_000 });
  assert.match(await first.textContent(), /418 I'm a teapot/);

  // The not-found page matches the words of the address against the names.
  const missing = await page.goto(site.url + "/statuses/teapot");
  assert.equal(missing.status(), 404);
  await page.locator(".guesses[data-ready]").waitFor();
  assert.match(await page.locator(".guesses .code-row a").first().textContent(), /^418 I'm a teapot/);

  // The API carries both names.
  const api = await (await page.request.get(site.url + "/api/codes/418.json")).json();
  assert.equal(api.code.name, "I'm a teapot");
  assert.equal(api.code.registry_name, "(Unused)");
  const all = await (await page.request.get(site.url + "/api/codes.json")).json();
  const obsolete = all.codes.find((c) => c.code === 510);
  assert.deepEqual([obsolete.name, obsolete.registry_name], ["Not Extended", "Not Extended (OBSOLETED)"]);
  assert.deepEqual(problems.filter((p) => !/404/.test(p)), []);
  await context.close();

  // How the two names read on a phone in the dark theme.
  const phone = await open("/codes/418/", { viewport: PHONE, scheme: "dark" });
  await phone.page.screenshot({ path: path.join(SHOTS, "surface-418-name-phone-dark.png") });
  await phone.context.close();
});

const SECTIONS = ["1xx", "2xx", "3xx", "4xx", "5xx", "Which code should I use?", "Practice", "Comparisons", "Guides", "Header fields", "Cheat sheet", "Check a response"];

for (const javaScript of [true, false]) {
  test(`a phone opens a menu of every section, in rows a finger can hit (JavaScript ${javaScript ? "on" : "off"})`, async () => {
    const { context, page, problems } = await open("/codes/404/", { viewport: PHONE, javaScript });
    const summary = page.locator(".site-menu > summary");
    assert.ok(await summary.isVisible(), "no Menu button on a phone");
    assert.equal((await summary.textContent()).trim(), "Menu");
    const box = await summary.boundingBox();
    assert.ok(box.height >= 36 && box.x + box.width <= PHONE.width, `Menu button at ${JSON.stringify(box)}`);
    await summary.click();
    const links = page.locator(".site-menu .menu-panel a");
    const texts = (await links.allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
    for (const section of SECTIONS) {
      assert.ok(texts.some((t) => t.startsWith(section)), `the menu lacks ${section}: ${texts}`);
    }
    for (let i = 0; i < (await links.count()); i++) {
      const b = await links.nth(i).boundingBox();
      assert.ok(b.height >= 44, `${texts[i]} is ${b.height}px tall`);
      assert.ok(b.x >= 0 && b.x + b.width <= PHONE.width && b.y + b.height <= PHONE.height, `${texts[i]} is outside the screen`);
    }
    // The section the page is in is marked for screen readers and by sight.
    const current = page.locator(".site-menu .menu-panel a[aria-current]");
    assert.equal(await current.count(), 1);
    assert.match(await current.textContent(), /^4xx/);
    assert.notEqual(await current.evaluate((a) => getComputedStyle(a).borderLeftColor), await links.first().evaluate((a) => getComputedStyle(a).borderLeftColor));
    await page.screenshot({ path: path.join(SHOTS, `surface-menu-phone-${javaScript ? "js" : "nojs"}.png`) });
    await links.filter({ hasText: "Practice" }).click();
    await page.waitForURL(/\/practice\/$/);
    assert.match(await page.locator(".site-menu a[aria-current]").textContent(), /Practice/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("the header is never cut mid-word, from 320 px up", async () => {
  for (const width of [320, 360, 390, 600, 768, 900, 1024, 1280, 1366, 1600]) {
    for (const address of ["/", "/codes/404/"]) {
      const { context, page } = await open(address, { viewport: { width, height: 800 } });
      const cut = await page.evaluate(() => {
        const found = [];
        for (const el of document.querySelectorAll(".site-header a, .site-header summary, .site-header button, .site-header input")) {
          const style = getComputedStyle(el);
          if (style.display === "none" || style.visibility === "hidden" || el.closest("details:not([open]) > nav")) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0) continue;
          // Inside the window, and not clipped by a scrolling or clipping ancestor.
          if (r.left < 0 || r.right > window.innerWidth + 0.5) found.push(`${el.textContent.trim() || el.tagName} at ${r.left}–${r.right}`);
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.overflowX !== "visible") {
              const ar = a.getBoundingClientRect();
              if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5) found.push(`${el.textContent.trim()} clipped by ${a.className}`);
            }
          }
          if (el.scrollWidth > el.clientWidth + 1 && el.tagName === "A") found.push(`${el.textContent.trim()} overflows itself`);
        }
        return found;
      });
      assert.deepEqual(cut, [], `${address} at ${width}px`);
      if ([320, 768].includes(width) && address === "/codes/404/") await page.screenshot({ path: path.join(SHOTS, `surface-header-${width}.png`), clip: { x: 0, y: 0, width, height: 160 } });
      await context.close();
    }
  }
});

test("the desktop menu lists every section too, and marks where the reader is", async () => {
  const { context, page, problems } = await open("/headers/", { viewport: DESKTOP, scheme: "dark" });
  await page.locator(".site-menu > summary").click();
  const texts = (await page.locator(".site-menu .menu-panel a").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
  for (const section of SECTIONS) assert.ok(texts.some((t) => t.startsWith(section)), `the menu lacks ${section}`);
  assert.match(await page.locator(".site-menu .menu-panel a[aria-current]").textContent(), /Header fields/);
  await page.screenshot({ path: path.join(SHOTS, "surface-menu-desktop-dark.png") });
  // The inline row marks a code's class.
  await page.goto(site.url + "/codes/503/");
  assert.match(await page.locator(".site-nav a[aria-current]").textContent(), /^5xx/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the desktop \"On this page\" marks the section being read", async () => {
  const { context, page, problems } = await open("/codes/429/", { viewport: DESKTOP });
  const side = page.locator(".toc-side");
  await page.locator("#example").evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
  await page.waitForFunction(() => document.querySelector('.toc-side a[aria-current]')?.getAttribute("href") === "#example");
  const marked = side.locator("a[aria-current]");
  assert.equal(await marked.count(), 1);
  const [markColour, otherColour] = await page.evaluate(() => [
    getComputedStyle(document.querySelector(".toc-side a[aria-current]")).borderLeftColor,
    getComputedStyle(document.querySelector(".toc-side a:not([aria-current])")).borderLeftColor,
  ]);
  assert.notEqual(markColour, otherColour, "the mark is not visible");
  await page.screenshot({ path: path.join(SHOTS, "surface-toc-mark-desktop.png") });
  // Further down, the mark moves on.
  await page.locator("#common-mistakes").evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
  await page.waitForFunction(() => document.querySelector('.toc-side a[aria-current]')?.getAttribute("href") === "#common-mistakes");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`code reads like code: highlighted at build time, full column, inline code marked (${scheme})`, async () => {
    const { context, page, problems } = await open("/codes/429/", { viewport: DESKTOP, scheme, javaScript: false });
    // Highlighting is in the HTML as served (no script), as classes (no inline style).
    const http = page.locator("pre code.language-http").nth(1);
    assert.equal(await http.locator(".hl-constant").first().textContent(), "429 ");
    assert.equal(await http.locator(".hl-field").first().textContent(), "Content-Type");
    assert.match(await http.locator(".hl-key").first().textContent(), /^"type"/);
    assert.ok((await page.locator("pre code.language-js .hl-keyword").count()) > 0, "JavaScript is not highlighted");
    assert.equal(await page.locator("pre [style], pre[style]").count(), 0);
    const colours = await page.evaluate(() => {
      const pre = document.querySelector("pre code.language-http");
      const of = (sel) => getComputedStyle(pre.querySelector(sel)).color;
      return { text: getComputedStyle(pre).color, keyword: of(".hl-keyword"), field: getComputedStyle(document.querySelectorAll("pre code.language-http")[1].querySelector(".hl-field")).color };
    });
    assert.notEqual(colours.keyword, colours.text);
    assert.notEqual(colours.field, colours.text);
    // A code block may use the whole main column, wider than the prose beside it.
    const [pre, paragraph] = await page.evaluate(() => [
      document.querySelector(".prose pre").getBoundingClientRect().width,
      document.querySelector(".prose > p").getBoundingClientRect().width,
    ]);
    assert.ok(pre > paragraph + 80, `code ${pre}px, prose ${paragraph}px`);
    // Inline code has a background of its own.
    const inline = await page.locator(".prose p > code").first().evaluate((c) => getComputedStyle(c).backgroundColor);
    assert.notEqual(inline, "rgba(0, 0, 0, 0)");
    await page.locator("#example").scrollIntoViewIfNeeded();
    await page.locator("#example").evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
    await page.screenshot({ path: path.join(SHOTS, `surface-code-desktop-${scheme}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
    const phone = await open("/codes/429/", { viewport: PHONE, scheme });
    await phone.page.locator("#example").evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
    await phone.page.screenshot({ path: path.join(SHOTS, `surface-code-phone-${scheme}.png`) });
    await phone.context.close();
  });
}

test("every page kind has the code pages' frame: breadcrumb, On this page, anchors, labelled code with Copy", async () => {
  const guide = (await (await fetch(site.url + "/guides/")).text()).match(/href="(\/guides\/[a-z0-9-]+\/)"/)[1];
  const comparison = (await (await fetch(site.url + "/compare/")).text()).match(/href="(\/compare\/[a-z0-9-]+\/)"/)[1];
  const pages = { class: "/classes/4xx/", comparison, guide, header: "/headers/retry-after/" };
  for (const [kind, address] of Object.entries(pages)) {
    for (const [name, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
      const { context, page, problems } = await open(address, { viewport });
      assert.equal(await page.locator("main .breadcrumb a").count() > 0, true, `${kind}: no breadcrumb`);
      const toc = page.locator(name === "desktop" ? ".toc-side" : ".toc-inline");
      assert.ok(await toc.isVisible(), `${kind} (${name}): no "On this page"`);
      // Every entry of "On this page" leads to a heading of the page, and every section heading has a # anchor.
      const targets = await page.locator(".toc-side a").evaluateAll((links) => links.map((a) => !!document.getElementById(a.hash.slice(1))));
      assert.ok(targets.length >= 2 && targets.every(Boolean), `${kind}: ${targets}`);
      const bare = await page.locator("main h2").evaluateAll((hs) => hs.filter((h) => h.id && !h.querySelector(".anchor")).map((h) => h.id));
      assert.deepEqual(bare, [], `${kind}: headings without an anchor`);
      if (name === "phone") {
        // Touch screens cannot hover: anchors show there.
        await page.close();
        const touch = await context.browser().newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
        const tp = await touch.newPage();
        await tp.goto(site.url + address);
        const opacity = await tp.locator("main h2 .anchor").first().evaluate((a) => getComputedStyle(a).opacity);
        assert.equal(opacity, "1", `${kind}: anchors hidden on touch`);
        await tp.screenshot({ path: path.join(SHOTS, `surface-frame-${kind}-phone.png`) });
        await touch.close();
      } else {
        await page.screenshot({ path: path.join(SHOTS, `surface-frame-${kind}-desktop.png`) });
      }
      assert.deepEqual(problems, [], `${kind} (${name})`);
      await context.close();
    }
  }
  // Header pages: the name in the text face, and their code blocks labelled with a Copy button.
  const { context, page } = await open("/headers/retry-after/", { viewport: DESKTOP });
  assert.doesNotMatch(await page.locator("h1").evaluate((h) => getComputedStyle(h.querySelector("code") || h).fontFamily), /mono/i);
  assert.ok((await page.locator(".header-facts .code-block .copy-button").count()) >= 2, "header code blocks lack Copy");
  assert.equal(await page.locator("pre.header-syntax").evaluate((p) => getComputedStyle(p, "::before").content), '"Syntax"');
  await context.close();
});

test("index pages answer shortened addresses; a comparison ends with the codes involved and the other comparisons", async () => {
  const { context, page, problems } = await open("/codes/", { viewport: PHONE });
  for (const [address, heading] of Object.entries({ "/codes/": "Every status code", "/classes/": "Classes of status codes", "/compare/": "Comparisons", "/guides/": "Guides" })) {
    const response = await page.goto(site.url + address);
    assert.equal(response.status(), 200, address);
    assert.equal(await page.locator("h1").textContent(), heading);
  }
  await page.goto(site.url + "/codes/");
  assert.ok((await page.locator(".code-row").count()) >= 80);
  await page.goto(site.url + "/compare/");
  const first = await page.locator(".index-list a").first().getAttribute("href");
  await page.goto(site.url + first);
  const involved = page.locator("#involved + .code-rows .code-row");
  assert.ok((await involved.count()) >= 2);
  const others = await page.locator("#other-comparisons + .other-links a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(others.length >= 1 && !others.includes(first), `${others}`);
  // The menu leads to the indexes.
  assert.ok((await page.locator('.site-menu .menu-panel a[href="/compare/"][aria-current]').count()) === 1);
  assert.deepEqual(problems, []);
  await context.close();
});

const VISITOR_CODES = [400, 401, 403, 404, 408, 410, 429, 451, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 530];

test("what to do first: one sentence per reader under the summary, inside the first phone screen", async () => {
  const { context, page, problems } = await open("/codes/404/", { viewport: PHONE });
  const sitemap = await (await page.request.get(site.url + "/sitemap.xml")).text();
  const codes = [...sitemap.matchAll(/\/codes\/(\d{3})\//g)].map((m) => Number(m[1]));
  assert.ok(codes.length >= 89);
  for (const code of codes) {
    await page.goto(site.url + `/codes/${code}/`);
    const labels = await page.locator(".code-header .first-steps dt").allTextContents();
    const expected = ["If you called an API:", "If you run the server:"];
    if (VISITOR_CODES.includes(code)) expected.push("Saw this on a website?");
    assert.deepEqual(labels.slice(0, expected.length), expected, `${code}`);
    const box = await page.locator(".first-steps").boundingBox();
    assert.ok(box.y + box.height <= PHONE.height, `${code}: the block ends at ${Math.round(box.y + box.height)}px`);
    // An unofficial code says "not standard" once in its first screen.
    if (await page.locator(".status-unofficial").count()) {
      const first = await page.evaluate((h) => {
        let text = "";
        for (const el of document.querySelectorAll("main *")) {
          const r = el.getBoundingClientRect();
          if (el.children.length === 0 && r.top < h && r.height > 0) text += " " + el.textContent;
        }
        return text;
      }, PHONE.height);
      const times = (first.match(/non-standard|not standard|not a standard/gi) || []).length;
      assert.equal(times, 1, `${code} says "not standard" ${times} times in its first screen`);
    }
    if ([404, 429, 520].includes(code)) await page.screenshot({ path: path.join(SHOTS, `surface-first-steps-${code}-phone.png`) });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the home page answers the common case: the most looked-up codes under the search box", async () => {
  for (const [name, viewport] of Object.entries({ phone: PHONE, desktop: DESKTOP })) {
    for (const scheme of ["light", "dark"]) {
      const { context, page, problems } = await open("/", { viewport, scheme });
      const codes = await page.locator(".popular a b").allTextContents();
      assert.deepEqual(codes, ["404", "500", "403", "401", "429", "502", "503", "301", "302", "200"]);
      const search = await page.locator(".home-search").boundingBox();
      const row = await page.locator(".popular").boundingBox();
      assert.ok(row.y >= search.y + search.height - 1, "the row is under the search box");
      if (name === "desktop") assert.ok(row.y + row.height <= viewport.height, "the row is in the first screen");
      for (const box of await page.locator(".popular a").evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()))) {
        assert.ok(box.height >= 36 && box.right <= viewport.width, JSON.stringify(box));
      }
      await page.screenshot({ path: path.join(SHOTS, `surface-home-${name}-${scheme}.png`) });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test("small defects: the cheat sheet's Code header on one line, class rows aligned, the headers index naming its codes", async () => {
  const { context, page, problems } = await open("/cheatsheet/", { viewport: DESKTOP });
  const th = await page.locator(".cheatsheet th").first().evaluate((t) => ({ h: t.getBoundingClientRect().height, line: parseFloat(getComputedStyle(t).lineHeight) || 24 }));
  assert.ok(th.h < th.line * 2, `the Code header wraps (${th.h}px)`);
  await page.goto(site.url + "/classes/4xx/");
  const lefts = await page.locator(".members .row-name").evaluateAll((ns) => ns.map((n) => Math.round(n.getBoundingClientRect().left)));
  assert.equal(new Set(lefts).size, 1, `names start at ${[...new Set(lefts)]}`);
  await page.screenshot({ path: path.join(SHOTS, "surface-class-rows-desktop.png"), fullPage: false });
  await page.goto(site.url + "/headers/");
  const row = page.locator(".headers-list tr", { hasText: "Retry-After" });
  const codes = await row.locator('td[data-label="Codes"] a').allTextContents();
  assert.ok(codes.includes("429") && codes.includes("503"), codes.join(", "));
  assert.doesNotMatch(await page.locator(".headers-list").textContent(), /\b\d+ codes?\b/);
  assert.deepEqual(problems, []);
  await context.close();
});
