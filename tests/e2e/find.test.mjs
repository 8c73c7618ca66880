// Precise search, everywhere (issue 20, point 9), in the browser: the result count is shown, not
// only announced; on a phone each result has a one-line summary under its title; submitting the
// search form puts only the chosen class in the address (never `class=0`); an unassigned number
// reads "427 is unassigned"; the not-found page guesses from the words of its address with the
// search index, typos and all, in a box apart from "Most looked up", under one search box. The
// ranking itself is tested on the shipped index in search-ranking.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { axe, useSite, watch } from "./support.mjs";

const site = useSite();
const PHONE = { width: 390, height: 844 };

test("the result count is visible, and a phone shows each result's summary on one line", async () => {
  for (const theme of ["light", "dark"]) {
    const context = await site.browser.newContext({ viewport: PHONE, colorScheme: theme });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(site.url + "/search/?q=" + encodeURIComponent("gateway"));
    const options = page.locator("#page-search-results [role=option]");
    await options.first().waitFor();
    const count = page.locator(".search-page-form .search-count");
    assert.ok(await count.isVisible(), "the count is on screen");
    const total = await options.count();
    assert.match(await count.textContent(), new RegExp(`^${total} results?$`));
    const rows = await options.evaluateAll((os) =>
      os.map((o) => {
        const title = o.querySelector(".search-title").getBoundingClientRect();
        const summary = o.querySelector(".search-summary");
        const box = summary?.getBoundingClientRect();
        return {
          url: o.dataset.url,
          summary: summary ? getComputedStyle(summary).display !== "none" && summary.textContent.trim().length > 0 : false,
          below: box ? box.top >= title.bottom - 1 : false,
          oneLine: box ? box.height <= parseFloat(getComputedStyle(summary).lineHeight || "20") + 2 && box.height > 0 : false,
          inside: box ? box.right <= window.innerWidth : false,
        };
      })
    );
    const codes = rows.filter((r) => r.url.startsWith("/codes/"));
    assert.ok(codes.length >= 2, `code results: ${JSON.stringify(rows)}`);
    for (const r of codes) {
      assert.ok(r.summary && r.below && r.oneLine && r.inside, `${theme}: ${JSON.stringify(r)}`);
    }
    await page.screenshot({ path: `screenshots/find-results-phone-${theme}.png` });
    assert.deepEqual(await axe(page), [], `axe on the phone results (${theme})`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("submitting the search form adds only a chosen class to the address", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(site.url + "/search/");
  await page.locator("#page-search-input").fill("timeout");
  await page.locator(".search-page-form button[type=submit]").click();
  await page.waitForURL(/q=timeout/);
  assert.equal(new URL(page.url()).search, "?q=timeout");
  // A chosen class goes along, and is chosen again on the page it opens.
  await page.locator(".search-page-form .chip", { hasText: "5xx" }).click();
  await page.locator(".search-page-form button[type=submit]").click();
  await page.waitForURL(/class=5/);
  assert.equal(new URL(page.url()).search, "?q=timeout&class=5");
  assert.ok(await page.locator('.search-page-form input[name=class][value="5"]').isChecked());
  const options = page.locator("#page-search-results [role=option]");
  await options.first().waitFor();
  const urls = await options.evaluateAll((os) => os.map((o) => o.dataset.url));
  assert.ok(urls.length > 0 && urls.every((u) => /\/(codes\/5|classes\/5xx|compare\/5|decide\/server-error)/.test(u)), urls.join(" "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("an unassigned number reads as one code, not a range of one", async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(site.url + "/search/?q=427");
  const note = page.locator(".search-page-form .search-empty p").first();
  await note.waitFor();
  assert.match(await note.textContent(), /^427 is unassigned in the IANA registry\. /);
  assert.doesNotMatch(await note.textContent(), /427–427/);
  await context.close();
});

// [address, the first guess]
const GUESSES = [
  ["/statuses/teapot", /^418 I'm a teapot/],
  ["/http-status/unathorized", /^401 Unauthorized/],
  ["/too-many-requests", /^429 Too Many Requests/],
  ["/errors/gatway-timeout.html", /^504 Gateway Timeout/],
];

test("the not-found page guesses from the words of the address, apart from the most looked up", async () => {
  const context = await site.browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  for (const [address, first] of GUESSES) {
    assert.equal((await page.goto(site.url + address)).status(), 404);
    const guesses = page.locator(".guesses .code-row a");
    await guesses.first().waitFor();
    assert.equal(await page.locator("#guesses-title").textContent(), "Did you mean");
    assert.match(await guesses.first().textContent(), first, address);
    // The most looked-up codes keep their own heading and rows, and are not passed off as guesses.
    assert.equal(await page.locator("#suggestions-title").textContent(), "Most looked up");
    const popular = await page.locator(".suggestions .code-row a").allTextContents();
    assert.equal(popular.length, 5, popular.join(" | "));
    const guessed = await guesses.allTextContents();
    assert.ok(guessed.length <= 5, guessed.join(" | "));
    if (address === "/statuses/teapot") assert.deepEqual(guessed, ["418 I'm a teapot"]);
    // One search box on a phone: the page's own.
    const boxes = await page.locator("input[type=search]").evaluateAll((inputs) => inputs.filter((i) => i.getBoundingClientRect().width > 0).length);
    assert.equal(boxes, 1, address);
  }
  await page.screenshot({ path: "screenshots/find-not-found-phone.png", fullPage: true });
  // An address with no words that match anything says so in the same box.
  await page.goto(site.url + "/zzqxv-wibble/");
  await page.locator(".guesses[data-ready]").waitFor();
  assert.equal(await page.locator(".guesses .code-row").count(), 0);
  assert.match(await page.locator(".guesses").textContent(), /No page matches the words of this address/);
  assert.equal(await page.locator(".not-found-search input[type=search]").inputValue(), "zzqxv wibble");
  await context.close();
});

test("without JavaScript the not-found page shows the most looked up and no empty guess box", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await page.goto(site.url + "/statuses/teapot");
  // The guess box is on the page, waiting for a script, and not shown empty.
  assert.equal(await page.locator(".guesses").count(), 1);
  assert.equal(await page.locator(".guesses").isVisible(), false);
  assert.equal(await page.locator("#suggestions-title").textContent(), "Most looked up");
  assert.equal(await page.locator(".suggestions .code-row").count(), 5);
  assert.ok(await page.locator("#suggestions-title").isVisible());
  await context.close();
});
