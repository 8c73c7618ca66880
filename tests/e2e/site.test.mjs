// The site in a real browser: every page type at desktop (1366×900) and phone (390×844) widths in
// both themes, with no console errors, failed requests or CSP violations, no axe-core violations,
// no sideways scroll and, at phone width, no layout shift; the theme toggle, copy buttons and
// heading anchors; every internal link and fragment; the printable cheat sheet.
// Screenshots of every page type go to tests/e2e/screenshots/ (git-ignored).
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { axe, DESKTOP, PHONE, SHOTS, useSite, watch } from "./support.mjs";

const PAGE_TYPES = {
  home: "/",
  code: "/codes/404/",
  "unofficial-code": "/codes/499/",
  "unofficial-code-460": "/codes/460/",
  class: "/classes/4xx/",
  comparison: "/compare/401-vs-403/",
  guide: "/guides/problem-details/",
  "decide-index": "/decide/",
  "decide-tree": "/decide/client-error/",
  "decide-question": "/decide/client-error/what-is-wrong/",
  "decide-result": "/decide/client-error/unauthorized/",
  "practice-index": "/practice/",
  practice: "/practice/expired-api-token/",
  "practice-answer": "/practice/expired-api-token/403/",
  search: "/search/?q=timeout",
  cheatsheet: "/cheatsheet/",
  "not-found": "/codes/4290/",
  "headers-index": "/headers/",
  header: "/headers/retry-after/",
  check: "/check/",
};
const VIEWPORTS = { desktop: DESKTOP, mobile: PHONE };
const THEMES = ["light", "dark"];

const site = useSite();

/** A page that reports CSP violations as console errors, so `watch` catches them. */
async function newPage(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
    // Cumulative layout shift, as Chrome's Web Vitals count it (shifts not caused by input).
    window.__cls = 0;
    window.__shifted = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        window.__cls += entry.value;
        for (const s of entry.sources) {
          const n = s.node;
          const name = n ? `${n.nodeName.toLowerCase()}${n.id ? "#" + n.id : ""}${typeof n.className === "string" && n.className ? "." + n.className.split(" ").join(".") : ""}` : "?";
          window.__shifted.push(`${name} ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`);
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  return page;
}


for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  for (const theme of THEMES) {
    test(`every page type at ${viewportName} width in the ${theme} theme`, async () => {
      const context = await site.browser.newContext({ viewport, colorScheme: theme });
      const page = await newPage(context);
      const problems = watch(page);
      if (viewportName === "mobile") {
        // A phone's slower CPU, as Lighthouse assumes: late scripts would show as layout shifts.
        const cdp = await context.newCDPSession(page);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      }
      for (const [type, url] of Object.entries(PAGE_TYPES)) {
        const response = await page.goto(site.url + url);
        assert.equal(response.status(), type === "not-found" ? 404 : 200, `${type} status`);
        // The not-found page's own 404 is expected (as a response and as Chromium's console
        // line about it); every other problem, on this page or an earlier one, is not.
        if (type === "not-found") {
          const expected = (p) => p === `HTTP 404: ${site.url}${url}` || p.startsWith("console: Failed to load resource: the server responded with a status of 404");
          const unexpected = problems.filter((p) => !expected(p));
          problems.splice(0, problems.length, ...unexpected);
        }
        assert.deepEqual(problems, [], `${type}: console errors or failed requests`);
        assert.equal(await page.locator("h1").count(), 1, `${type}: one h1`);
        assert.ok((await page.title()).length > 3, `${type}: a title`);
        assert.ok((await page.locator('meta[name="description"]').getAttribute("content")).length > 10, `${type}: a description`);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(background, theme === "dark" ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)", `${type}: follows the system theme`);
        assert.deepEqual(await axe(page), [], `${type}: axe violations`);
        // No panel or section shows a heading with nothing under it.
        const empty = await page.evaluate(() =>
          [...document.querySelectorAll("main section, main aside")]
            .filter((el) => el.getClientRects().length)
            .filter((el) => {
              const headings = [...el.querySelectorAll("h1, h2, h3")].map((h) => h.textContent).join("");
              return !el.textContent.replace(headings, "").trim();
            })
            .map((el) => el.outerHTML.slice(0, 80))
        );
        assert.deepEqual(empty, [], `${type}: empty sections`);
        // Nothing may scroll sideways, at phone width least of all.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${type}: page is ${overflow}px wider than the viewport`);
        if (viewportName === "mobile") {
          // Nothing moves while the page loads and its scripts start (CLS 0).
          await page.waitForLoadState("load");
          await page.waitForTimeout(300);
          const { cls, shifted } = await page.evaluate(() => ({ cls: window.__cls, shifted: window.__shifted }));
          // The old site measured 0.04 (home) and 0.49 (search). Under 4x throttling on a loaded
          // 2-core machine, a shift of the header's Search button under 0.01 has been seen about
          // once in a hundred loads and never reproduced alone; real regressions are far larger.
          assert.ok(cls < 0.01, `${type}: layout shift ${cls} (${shifted.join(", ")})`);
          // The header, search box included, stays compact.
          const header = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
          assert.ok(header <= 120, `${type}: header is ${header}px tall`);
        }
        await page.screenshot({ path: path.join(SHOTS, `${type}-${viewportName}-${theme}.png`), fullPage: true });
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("the theme control switches and is remembered", async () => {
  const context = await site.browser.newContext({ colorScheme: "light" });
  const page = await newPage(context);
  const problems = watch(page);
  await page.goto(site.url + "/codes/404/");
  const toggle = page.locator(".theme-toggle");
  assert.match(await toggle.getAttribute("aria-label"), /^Theme: follow the system/);
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  assert.match(await toggle.getAttribute("aria-label"), /^Theme: dark/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(darkBg, lightBg);
  // Remembered on the next page, applied before paint by theme.js.
  await page.goto(site.url + "/classes/4xx/");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), darkBg);
  assert.deepEqual(await axe(page), [], "axe in the chosen dark theme");
  await page.locator(".theme-toggle").click(); // dark → the system's
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the theme toggle is hidden without JavaScript", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.url + "/codes/404/");
  assert.equal(await page.locator(".theme-toggle").isVisible(), false);
  assert.equal(await page.locator(".copy-button").count(), 0);
  await context.close();
});

test("copy buttons copy the code block", async () => {
  const context = await site.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.url });
  const page = await newPage(context);
  const problems = watch(page);
  await page.goto(site.url + "/codes/429/");
  const block = page.locator(".code-block").first();
  const expected = await block.locator("pre").textContent();
  await block.getByRole("button", { name: "Copy this code block" }).click();
  await page.locator(".code-block .copy-button", { hasText: "Copied" }).first().waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected);
  assert.deepEqual(problems, []);
  await context.close();
});

test("heading anchors link to their sections", async () => {
  const context = await site.browser.newContext();
  const page = await newPage(context);
  await page.goto(site.url + "/codes/404/");
  const heading = page.locator(".prose h2").first();
  const id = await heading.getAttribute("id");
  await heading.hover();
  await heading.locator("a.anchor").click();
  assert.equal(new URL(page.url()).hash, `#${id}`);
  // Keyboard users reach the anchor by Tab, and it becomes visible on focus.
  await heading.locator("a.anchor").focus();
  assert.equal(await heading.locator("a.anchor").evaluate((a) => getComputedStyle(a).opacity), "1");
  await context.close();
});

test("keyboard: the skip link is the first stop and jumps to the content", async () => {
  const context = await site.browser.newContext();
  const page = await newPage(context);
  await page.goto(site.url + "/codes/404/");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
  assert.ok(await page.locator(".skip-link").isVisible(), "visible when focused");
  await page.keyboard.press("Enter");
  assert.equal(new URL(page.url()).hash, "#main");
  await context.close();
});

test("every internal link and fragment resolves", async () => {
  const context = await site.browser.newContext();
  const page = await newPage(context);
  const problems = watch(page);
  const seen = new Map(); // page path -> ids on it
  const links = []; // [from, href]
  const queue = ["/"];
  while (queue.length) {
    const at = queue.shift();
    if (seen.has(at)) continue;
    const response = await page.goto(site.url + at);
    assert.equal(response.status(), 200, `${at} loads`);
    const found = await page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
      hrefs: [...document.querySelectorAll("a[href], link[href]")].map((a) => a.getAttribute("href")),
    }));
    seen.set(at, new Set(found.ids));
    for (const href of found.hrefs) {
      if (/^[a-z]+:/i.test(href)) continue; // https:, mailto: ...
      const url = new URL(href, site.url + at);
      links.push([at, url.pathname, decodeURIComponent(url.hash.slice(1))]);
      if (url.pathname.endsWith("/") && !seen.has(url.pathname)) queue.push(url.pathname);
    }
  }
  const broken = [];
  for (const [from, target, fragment] of links) {
    if (!target.endsWith("/")) {
      const res = await page.request.get(site.url + target);
      if (res.status() !== 200) broken.push(`${from} → ${target} (${res.status()})`);
      continue;
    }
    const ids = seen.get(target);
    if (!ids) broken.push(`${from} → ${target} (not reached)`);
    else if (fragment && !ids.has(fragment)) broken.push(`${from} → ${target}#${fragment} (no such id)`);
  }
  assert.ok(seen.size > 150, `crawled ${seen.size} pages`);
  assert.deepEqual(broken, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the cheat sheet prints on one page", async () => {
  const context = await site.browser.newContext();
  const page = await newPage(context);
  await page.goto(site.url + "/cheatsheet/");
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" } });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the cheat sheet printed on ${pages} pages`);
  await page.screenshot({ path: path.join(SHOTS, "cheatsheet-print.png"), fullPage: true });
  await context.close();
});

// On a touch screen (no hover) the `#` section anchors are always shown: in running text they must
// be told from the heading by more than colour (axe's link-in-text-block, which Lighthouse runs
// with a phone's settings), and they pass axe in both themes.
test("section anchors on a touch screen are underlined and pass axe", async () => {
  for (const colorScheme of THEMES) {
    const context = await site.browser.newContext({ viewport: PHONE, colorScheme, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(site.url + "/codes/404/");
    const anchors = page.locator("main h2 .anchor");
    assert.ok((await anchors.count()) > 3, "section anchors on the code page");
    const shown = await anchors.first().evaluate((a) => {
      const style = getComputedStyle(a);
      return { opacity: style.opacity, line: style.textDecorationLine };
    });
    assert.deepEqual(shown, { opacity: "1", line: "underline" }, colorScheme);
    assert.deepEqual(await axe(page), [], `${colorScheme}: axe violations`);
    await context.close();
  }
});
